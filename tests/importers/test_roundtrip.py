"""Import → export → re-read, over every format (issue 10, point 21).

One network, written as GraphML, GEXF, Pajek, our JSON and our CSV
(tests/fixtures/roundtrip/): directed, reciprocal (a→b, b→a), parallel (a→c twice,
weights 2.5 and 7), weighted and undirected (b–c) edges, and attribute defaults (node
``regio`` default Brabant, edge ``ronde`` default 2024). Each is imported, exported as
GraphML, GEXF, JSON and CSV, and the export re-read — GraphML and GEXF with networkx's
own readers (through :func:`graph.export.read_networkx`, as networkx refuses mixed
graphs), JSON and CSV with orjson and the csv module. The source files are read the
same way (Pajek with networkx's ``parse_pajek``, one section at a time, as networkx has
no mixed Pajek graph either), and both must give the same nodes, edges, directions,
weights and attributes.

The one deliberate difference is documented in docs/import-formats.md ("Direction,
parallel edges and self-loops"): in another tool's file, edges that the model holds as
one tie — here the parallel arcs a→c — become one tie whose strength is the sum of
their weights, with ``merged_edges`` = 2. Our JSON and CSV give each tie an id, so
their parallel ties stay two.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from pathlib import Path
from typing import Any

import networkx as nx
import orjson
import pytest

from graph.export import read_networkx, write_export
from graph.model import SYMMETRIC_TYPES, RelType, slugify
from graph.store.sqlite import SQLiteStore
from importers import ImportOptions, import_paths

SOURCES = Path(__file__).parents[1] / "fixtures" / "roundtrip"
FOREIGN = ("graphml", "gexf", "pajek")

#: (from, to or the two ends sorted, directed, type, weight, merged edges, ronde)
Edge = tuple[str, str, bool, str | None, float, int, str | None]
#: node id -> (name, regio)
Nodes = dict[str, tuple[str, str | None]]


def _edge(
    u: str, v: str, directed: bool, rel_type: str | None, weight: Any, count: Any, ronde: Any
) -> Edge:
    if not directed:
        u, v = sorted((u, v))
    return (
        u,
        v,
        directed,
        rel_type,
        float(weight) if weight not in (None, "") else 1.0,
        int(count) if count not in (None, "") else 1,
        str(ronde) if ronde not in (None, "") else None,
    )


def _from_networkx(graph: nx.MultiDiGraph) -> tuple[Nodes, list[Edge]]:
    """Nodes and edges of a graph networkx read, with the file's attribute defaults
    (networkx keeps them aside in ``node_default``/``edge_default``) applied."""
    node_default = graph.graph.get("node_default", {})
    edge_default = graph.graph.get("edge_default", {})
    nodes = {
        n: (str(d.get("label", n)), d.get("regio", node_default.get("regio")))
        for n, d in graph.nodes(data=True)
    }
    edges = [
        _edge(
            u,
            v,
            # our exports: one graph type, ``symmetric`` marks the undirected ties
            not d["symmetric"] if "symmetric" in d else d["directed"],
            d.get("relationship_type"),
            d.get("weight"),
            d.get("merged_edges"),
            d.get("ronde", edge_default.get("ronde")),
        )
        for u, v, d in graph.edges(data=True)
    ]
    return nodes, edges


def _pajek(path: Path) -> tuple[Nodes, list[Edge]]:
    """A Pajek file read with networkx, its ``*Arcs`` and ``*Edges`` apart."""
    text = path.read_text()
    vertices, ties = text.split("*Arcs")
    arcs, undirected = ties.split("*Edges")
    out: list[Edge] = []
    graph: nx.MultiDiGraph = nx.MultiDiGraph()
    for body, directed in ((arcs, True), (undirected, False)):
        graph = nx.parse_pajek(vertices + ("*Arcs" if directed else "*Edges") + body)
        out.extend(
            _edge(slugify(u), slugify(v), directed, None, d.get("weight"), 1, None)
            for u, v, d in graph.edges(data=True)
        )
    nodes: Nodes = {slugify(n): (n, None) for n in graph}
    return nodes, out


def _json(path: Path) -> tuple[Nodes, list[Edge]]:
    doc = orjson.loads(path.read_bytes())
    nodes = {n["id"]: (n["name"], n.get("properties", {}).get("regio")) for n in doc["nodes"]}
    edges = []
    for r in doc["relationships"]:
        props = r.get("properties", {})
        directed = RelType(r["type"]) not in SYMMETRIC_TYPES
        edges.append(
            _edge(
                r["source"],
                r["target"],
                directed,
                r["type"],
                r.get("strength"),
                props.get("merged_edges"),
                props.get("ronde"),
            )
        )
    return nodes, edges


def _csv(folder: Path) -> tuple[Nodes, list[Edge]]:
    def rows(name: str) -> list[dict[str, str]]:
        text = (folder / name).read_text(encoding="utf-8")
        return list(csv.DictReader(io.StringIO(text, newline="")))

    nodes = {r["id"]: (r["name"], r.get("regio") or None) for r in rows("nodes.csv")}
    edges = [
        _edge(
            r["from"],
            r["to"],
            RelType(r["type"]) not in SYMMETRIC_TYPES,
            r["type"],
            r["strength"],
            r.get("merged_edges"),
            r.get("ronde"),
        )
        for r in rows("relationships.csv")
    ]
    return nodes, edges


def read_back(path: Path, fmt: str) -> tuple[Nodes, list[Edge]]:
    """What a file holds, read by an independent reader."""
    if fmt in ("graphml", "gexf"):
        return _from_networkx(read_networkx(path.read_bytes(), fmt))  # type: ignore[arg-type]
    if fmt == "pajek":
        return _pajek(path)
    if fmt == "json":
        return _json(path)
    return _csv(path)


def as_merged(edges: list[Edge]) -> list[Edge]:
    """The documented rule for another tool's file: an edge without a type is
    ``related_to`` when directed (so it keeps its direction) and ``collaborates_with``
    when not; edges that are then one tie are one, weights summed, ``merged_edges``
    counting them."""
    groups: dict[tuple[str, str, bool], list[Edge]] = defaultdict(list)
    for edge in edges:
        groups[(edge[0], edge[1], edge[2])].append(edge)
    out = []
    for (u, v, directed), group in groups.items():
        rel_type = "related_to" if directed else "collaborates_with"
        weight = sum(e[4] for e in group)
        out.append((u, v, directed, rel_type, weight, len(group), group[0][6]))
    return out


PATHS = {
    "graphml": SOURCES / "netwerk.graphml",
    "gexf": SOURCES / "netwerk.gexf",
    "pajek": SOURCES / "netwerk.net",
    "json": SOURCES / "netwerk.json",
    "csv": SOURCES / "csv",
}


@pytest.mark.parametrize("target", ["graphml", "gexf", "json", "csv"])
@pytest.mark.parametrize("source", list(PATHS))
def test_round_trip(sqlite_store: SQLiteStore, tmp_path: Path, source: str, target: str) -> None:
    path = PATHS[source]
    files = sorted(path.iterdir()) if path.is_dir() else [path]
    fmt = "auto" if source in ("csv", "json") else source
    import_paths(sqlite_store, files, ImportOptions("rt"), fmt)
    out = tmp_path / (f"export.{target}" if target != "csv" else "export-csv")
    write_export(
        target, "rt", sqlite_store.list_nodes("rt"), sqlite_store.list_relationships("rt"), out
    )
    nodes, edges = read_back(path, source)
    got_nodes, got_edges = read_back(out, target)
    expected = as_merged(edges) if source in FOREIGN else edges
    assert sorted(got_edges) == sorted(expected)
    if source == "pajek":  # a Pajek vertex has a label and nothing else
        assert {k: v[0] for k, v in got_nodes.items()} == {k: v[0] for k, v in nodes.items()}
    else:
        assert got_nodes == nodes


def test_the_merge_is_what_the_documents_say(sqlite_store: SQLiteStore) -> None:
    """The expected merge, spelt out once: 5 edges of another tool's file → 4 ties."""
    plan, result = import_paths(sqlite_store, [PATHS["gexf"]], ImportOptions("m"))
    assert result.relationships_created == 4
    ties = {(r.type.value, r.source, r.target): r for r in sqlite_store.list_relationships("m")}
    parallel = ties[("related_to", "a", "c")]
    assert (parallel.strength, parallel.properties["merged_edges"]) == (9.5, 2)
    assert ties[("related_to", "b", "a")].properties["ronde"] == "2023"
    assert ties[("collaborates_with", "b", "c")].properties["ronde"] == "2024"  # the default
    assert any("merged 1 edge into the tie it repeats" in note for note in plan.notes)


def test_a_repeated_row_of_our_csv_is_named_in_the_report(
    sqlite_store: SQLiteStore, tmp_path: Path
) -> None:
    rels = tmp_path / "rels.csv"
    rels.write_text(
        "from,type,to,strength\na,related_to,c,2.5\na,related_to,c,7\nb,related_to,a,1\n"
    )
    files = [SOURCES / "csv" / "nodes.csv", rels]
    plan, result = import_paths(sqlite_store, files, ImportOptions("r"))
    assert result.relationships_created == 2
    assert [n for n in plan.notes if "repeat" in n] == [
        f"{rels}: 1 row repeats the tie of an earlier row (the same id, or the same type and "
        "ends): the later row's values are kept, as on a re-import: row 3 repeats row 2"
    ]
    ties = {(r.source, r.target): r.strength for r in sqlite_store.list_relationships("r")}
    assert ties == {("a", "c"): 7.0, ("b", "a"): 1.0}
