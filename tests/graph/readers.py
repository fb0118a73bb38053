"""The round-trip table of docs/exports.md: networkx's bundled graphs, a directed
multigraph and the demo, exported in each format and read back with the other tools'
own readers (networkx, python-igraph, R's igraph), compared with what was exported.

``python -m tests.graph.readers`` prints the table as Markdown (with R when Rscript is
there); ``tests/graph/test_export_readers.py`` asserts every cell.
"""

from __future__ import annotations

import csv
import io
import random
import shutil
import subprocess
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import igraph as ig
import networkx as nx
import numpy as np

from graph.export import export_bytes
from graph.export_network import directed, network
from graph.model import Node, Relationship, safe_id

Elements = tuple[list[Node], list[Relationship]]
#: nodes, edges (u, v) multiset, directed, weights multiset, attributes equal
Found = dict[str, Any]
FORMATS = ("graphml", "gexf", "pajek", "edgelist", "adjacency")
ASPECTS = ("nodes", "edges", "direction", "weights", "attributes")


def from_networkx(graph: nx.Graph, name: str) -> Elements:
    """A networkx graph as Grenswerk elements: every node an organisation (its
    attributes as properties), every edge ``collaborates_with`` (undirected graphs) or
    ``related_to`` (directed), with its weight as strength."""
    ids = {n: safe_id(str(n)) for n in graph}
    nodes = [
        Node(
            id=ids[n],
            kind="organisation",
            name=str(n),
            workspace="w",
            properties={k: v for k, v in d.items() if k not in ("weight",)},
        )
        for n, d in graph.nodes(data=True)
    ]
    rel_type = "related_to" if graph.is_directed() else "collaborates_with"
    rels = [
        Relationship(
            id=f"{name}-e{i}",
            type=rel_type,
            source=ids[u],
            target=ids[v],
            workspace="w",
            strength=d.get("weight"),
            properties={k: v for k, v in d.items() if k != "weight"},
        )
        for i, (u, v, d) in enumerate(graph.edges(data=True))
    ]
    return nodes, rels


def directed_multigraph(seed: int = 7) -> nx.MultiDiGraph:
    """20 nodes, 60 arcs with parallel ones, typed attributes (text, int, float, bool)."""
    rng = random.Random(seed)
    graph = nx.MultiDiGraph()
    for i in range(20):
        graph.add_node(f"n{i}", group=rng.choice("abc"), size=rng.randint(1, 9), active=i % 2 == 0)
    for _ in range(60):
        u, v = rng.sample(range(20), 2)
        graph.add_edge(
            f"n{u}", f"n{v}", weight=round(rng.uniform(0.5, 3), 2), round=rng.randint(1, 3)
        )
    return graph


def graphs() -> dict[str, Elements]:
    """The graphs of the table (the demo is added by the caller that has a store)."""
    return {
        "karate": from_networkx(nx.karate_club_graph(), "karate"),
        "davis": from_networkx(nx.davis_southern_women_graph(), "davis"),
        "florentine": from_networkx(nx.florentine_families_graph(), "florentine"),
        "les_miserables": from_networkx(nx.les_miserables_graph(), "lesmis"),
        "directed_multigraph": from_networkx(directed_multigraph(), "multi"),
    }


def expected(elements: Elements, fmt: str) -> Found:
    """What a reader should find: the exported network (the adjacency matrix: its
    simple, weight-summed collapse with symmetric ties both ways)."""
    nodes, rels = elements
    graph = network(nodes, rels)
    if fmt == "adjacency":
        summed: Counter[tuple[str, str]] = Counter()
        for u, v, d in graph.edges(data=True):
            summed[(u, v)] += d["weight"]
            if d["symmetric"] and graph.is_directed():
                summed[(v, u)] += d["weight"]
        is_directed = graph.is_directed()
        edges = Counter(_pair(u, v, is_directed) for u, v in summed)
        return {
            "nodes": sorted(graph.nodes),
            "edges": edges,
            "directed": is_directed,
            "weights": Counter(round(w, 9) for w in summed.values()),
        }
    return {
        "nodes": sorted(graph.nodes),
        "edges": Counter(_pair(u, v, graph.is_directed()) for u, v in graph.edges()),
        "directed": directed(rels),
        "weights": Counter(round(d["weight"], 9) for _, _, d in graph.edges(data=True)),
        "node_attributes": dict(graph.nodes(data=True)),
        "edge_attributes": Counter(
            _edge_key(u, v, d, graph.is_directed()) for u, v, d in graph.edges(data=True)
        ),
    }


def _pair(u: Any, v: Any, is_directed: bool) -> tuple[str, str]:
    a, b = str(u), str(v)
    return (a, b) if is_directed else tuple(sorted((a, b)))  # type: ignore[return-value]


def _edge_key(u: Any, v: Any, d: dict[str, Any], is_directed: bool) -> tuple[Any, ...]:
    return (*_pair(u, v, is_directed), tuple(sorted((k, _text(x)) for k, x in d.items())))


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):  # igraph reads every number as a float
        return str(int(value)) if value.is_integer() else repr(round(value, 9))
    return str(value)


def _from_nx(graph: nx.Graph, typed: bool) -> Found:
    is_directed = graph.is_directed()
    ignore = {"id", "x", "y", "shape"} if not typed else {"id"}
    nodes = {
        str(n): {k: v for k, v in d.items() if k not in ignore} for n, d in graph.nodes(data=True)
    }
    edges = [
        (u, v, {k: x for k, x in d.items() if k != "id"}) for u, v, d in graph.edges(data=True)
    ]
    return {
        "nodes": sorted(nodes),
        "edges": Counter(_pair(u, v, is_directed) for u, v, _ in edges),
        "directed": is_directed,
        "weights": Counter(round(float(d.get("weight", 1.0)), 9) for _, _, d in edges),
        "node_attributes": nodes,
        "edge_attributes": Counter(_edge_key(u, v, d, is_directed) for u, v, d in edges),
        "typed": typed,
    }


def _from_igraph(graph: ig.Graph, name_attr: str, typed: bool) -> Found:
    names = [str(x) for x in graph.vs[name_attr]]
    is_directed = graph.is_directed()
    vertex_attrs = [a for a in graph.vs.attributes() if a not in (name_attr, "x", "y", "shape")]
    nodes = {
        names[v.index]: {
            ("name" if a == "name_" else a): v[a]
            for a in vertex_attrs
            if v[a] is not None and v[a] == v[a]
        }
        for v in graph.vs
    }
    edge_attrs = [a for a in graph.es.attributes() if a != "id"]
    edges = [
        (
            names[e.source],
            names[e.target],
            {a: e[a] for a in edge_attrs if e[a] is not None and e[a] == e[a] and e[a] != ""},
        )
        for e in graph.es
    ]
    return {
        "nodes": sorted(names),
        "edges": Counter(_pair(u, v, is_directed) for u, v, _ in edges),
        "directed": is_directed,
        "weights": Counter(round(float(d.get("weight", 1.0)), 9) for _, _, d in edges),
        "node_attributes": nodes,
        "edge_attributes": Counter(_edge_key(u, v, d, is_directed) for u, v, d in edges),
        "typed": typed,
    }


def _strip_empty(found: Found) -> Found:
    """igraph gives every vertex every attribute (empty text where none); drop those."""
    found["node_attributes"] = {
        n: {k: v for k, v in d.items() if v != ""} for n, d in found["node_attributes"].items()
    }
    return found


def _adjacency(data: bytes) -> tuple[list[str], np.ndarray]:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    ids = rows[0][1:]
    return ids, np.array([[float(x) for x in row[1:]] for row in rows[1:]])


def _matrix_found(ids: list[str], matrix: np.ndarray, is_directed: bool) -> Found:
    if not is_directed:
        matrix = np.triu(matrix)
    pairs = list(zip(*np.nonzero(matrix), strict=True))
    return {
        "nodes": sorted(ids),
        "edges": Counter(_pair(ids[i], ids[j], is_directed) for i, j in pairs),
        "directed": is_directed,
        "weights": Counter(round(float(matrix[i, j]), 9) for i, j in pairs),
    }


def read_networkx(fmt: str, data: bytes, elements: Elements) -> Found | None:
    if fmt == "graphml":
        return _from_nx(nx.read_graphml(io.BytesIO(data)), True)
    if fmt == "gexf":
        return _from_nx(nx.read_gexf(io.BytesIO(data)), True)
    if fmt == "pajek":
        return _from_nx(nx.read_pajek(io.BytesIO(data)), False)
    if fmt == "edgelist":
        graph_type = nx.MultiDiGraph if directed(elements[1]) else nx.MultiGraph
        graph = nx.read_edgelist(
            io.BytesIO(data),
            delimiter="\t",
            create_using=graph_type,
            data=[
                ("weight", float),
                ("relationship_type", str),
                ("symmetric", str),
                ("relationship_id", str),
            ],
        )
        return _from_nx(graph, False)
    if fmt == "adjacency":
        ids, matrix = _adjacency(data)
        is_directed = not np.allclose(matrix, matrix.T) or directed(elements[1])
        graph = nx.from_numpy_array(matrix, create_using=nx.DiGraph if is_directed else nx.Graph)
        graph = nx.relabel_nodes(graph, dict(enumerate(ids)))
        return _matrix_found(ids, nx.to_numpy_array(graph, nodelist=ids), is_directed)
    return None


def read_igraph(fmt: str, data: bytes, elements: Elements) -> Found | None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"g.{fmt}"
        path.write_bytes(data)
        if fmt == "graphml":
            return _strip_empty(_from_igraph(ig.Graph.Read_GraphML(str(path)), "id", True))
        if fmt == "pajek":
            return _strip_empty(_from_igraph(ig.Graph.Read_Pajek(str(path)), "name", False))
        if fmt == "adjacency":
            ids, matrix = _adjacency(data)
            is_directed = directed(elements[1])
            mode = "directed" if is_directed else "undirected"
            graph = ig.Graph.Weighted_Adjacency(matrix.tolist(), mode=mode)
            return _matrix_found(ids, _weights_of(graph, len(ids), is_directed), is_directed)
    return None


def _weights_of(graph: ig.Graph, n: int, is_directed: bool) -> np.ndarray:
    matrix = np.zeros((n, n))
    for e in graph.es:
        matrix[e.source, e.target] += e["weight"]
        if not is_directed:
            matrix[e.target, e.source] = matrix[e.source, e.target]
    return matrix


READERS: dict[str, Callable[[str, bytes, Elements], Found | None]] = {
    "networkx": read_networkx,
    "igraph": read_igraph,
}

R_SCRIPT = r"""
suppressPackageStartupMessages(library(igraph))
args <- commandArgs(trailingOnly = TRUE)
for (f in args) {
  fmt <- tools::file_ext(f)
  if (fmt == "graphml") g <- read_graph(f, format = "graphml")
  if (fmt == "net") g <- read_graph(f, format = "pajek")
  if (fmt == "tsv") {
    d <- read.delim(f, comment.char = "#", header = FALSE, stringsAsFactors = FALSE,
                    colClasses = "character")
    d$V3 <- as.numeric(d$V3)
    names(d)[3] <- "weight"
    directed <- any(grepl("^# directed", readLines(f)))
    g <- graph_from_data_frame(d, directed = directed)
  }
  if (fmt == "csv") {
    m <- as.matrix(read.csv(f, row.names = 1, check.names = FALSE))
    mode <- if (isSymmetric(unname(m))) "undirected" else "directed"
    g <- graph_from_adjacency_matrix(m, mode = mode, weighted = TRUE)
  }
  w <- if ("weight" %in% edge_attr_names(g)) E(g)$weight else rep(1, ecount(g))
  cat(basename(f), vcount(g), ecount(g), is_directed(g), sprintf("%.6f", sum(w)), "\n")
}
"""


def read_r(files: dict[str, Path]) -> dict[str, tuple[int, int, bool, float]]:
    """Nodes, edges, directed and the summed weight of each file as R's igraph reads it."""
    rscript = shutil.which("Rscript")
    if rscript is None:
        return {}
    run = subprocess.run(
        [rscript, "-e", R_SCRIPT, *map(str, files.values())],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    out = {}
    for line in run.stdout.splitlines():
        name, n, m, is_directed, total = line.split()
        out[name] = (int(n), int(m), is_directed == "TRUE", float(total))
    return out


#: the edge attributes an edge list carries (it has no node attributes)
EDGELIST = ("weight", "relationship_type", "symmetric", "relationship_id")


def compare(want: Found, got: Found, fmt: str) -> dict[str, str]:
    """A cell per aspect: ``yes``, ``no`` or ``–`` (the format carries none)."""
    cells = {
        "nodes": "yes" if want["nodes"] == got["nodes"] else "no",
        "edges": "yes" if want["edges"] == got["edges"] else "no",
        "direction": "yes" if want["directed"] == got["directed"] else "no",
        "weights": "yes" if want["weights"] == got["weights"] else "no",
    }
    if fmt == "pajek" or "node_attributes" not in got or "node_attributes" not in want:
        cells["attributes"] = "–"
        return cells
    if fmt == "edgelist":

        def carried(found: Found) -> Counter[Any]:
            return Counter(
                (u, v, tuple((k, x) for k, x in attrs if k in EDGELIST))
                for (u, v, attrs), count in found["edge_attributes"].items()
                for _ in range(count)
            )

        same = carried(want) == carried(got)
        return {**cells, "attributes": "yes (ties: type, symmetric, id)" if same else "no"}
    if got.get("typed"):
        same_edges = _typed_edges(want) == _typed_edges(got)
        ok = want["node_attributes"] == got["node_attributes"] and same_edges
        if not ok and same_edges:
            # igraph has no missing value for a boolean: a node without one reads False
            wanted = want["node_attributes"]
            lenient = {
                n: {k: v for k, v in d.items() if k in wanted.get(n, {}) or v is not False}
                for n, d in got["node_attributes"].items()
            }
            if lenient == wanted:
                return {**cells, "attributes": "yes (a boolean not given reads false)"}
    else:
        as_text = {
            n: {k: _text(v) for k, v in d.items()} for n, d in want["node_attributes"].items()
        }
        got_text = {
            n: {k: _text(v) for k, v in d.items()} for n, d in got["node_attributes"].items()
        }
        ok = as_text == got_text and want["edge_attributes"] == got["edge_attributes"]
        if ok:
            return {**cells, "attributes": "yes (as text)"}
    cells["attributes"] = "yes" if ok else "no"
    return cells


def _typed_edges(found: Found) -> Counter[Any]:
    return found["edge_attributes"]


def table(extra: dict[str, Elements] | None = None, with_r: bool = True) -> list[dict[str, str]]:
    """Every format × graph × reader, with the cells of :func:`compare`."""
    rows: list[dict[str, str]] = []
    elements = {**graphs(), **(extra or {})}
    r_files: dict[str, Path] = {}
    folder = Path(tempfile.mkdtemp())
    suffix = {"graphml": "graphml", "pajek": "net", "edgelist": "tsv", "adjacency": "csv"}
    try:
        for name, els in elements.items():
            for fmt in FORMATS:
                data = export_bytes(fmt, "w", *els)
                want = expected(els, fmt)
                for reader, read in READERS.items():
                    got = read(fmt, data, els)
                    if got is not None:
                        rows.append(
                            {
                                "format": fmt,
                                "graph": name,
                                "reader": reader,
                                **compare(want, got, fmt),
                            }
                        )
                if fmt in suffix:
                    path = folder / f"{name}.{suffix[fmt]}"
                    path.write_bytes(data)
                    r_files[f"{name}.{fmt}"] = path
        found = read_r(r_files) if with_r else {}
        for key, path in r_files.items():
            if path.name not in found:
                continue
            name, fmt = key.split(".")
            want = expected(elements[name], fmt)
            n, m, is_directed, total = found[path.name]
            rows.append(
                {
                    "format": fmt,
                    "graph": name,
                    "reader": "R igraph",
                    "nodes": "yes" if n == len(want["nodes"]) else "no",
                    "edges": "yes" if m == sum(want["edges"].values()) else "no",
                    "direction": "yes" if is_directed == want["directed"] else "no",
                    "weights": "yes"
                    if abs(total - sum(w * c for w, c in want["weights"].items())) < 1e-4
                    else "no",
                    "attributes": "–",
                }
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return rows


def markdown(rows: list[dict[str, str]]) -> str:
    head = ["format", "graph", "reader", *ASPECTS]
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    lines += ["| " + " | ".join(row[h] for h in head) + " |" for row in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    from graph.store.sqlite import SQLiteStore
    from importers import ImportOptions, import_paths
    from tests.conftest import DEMO_DIR

    store = SQLiteStore(":memory:")
    import_paths(store, [DEMO_DIR], ImportOptions("demo"))
    demo = (store.list_nodes("demo"), store.list_relationships("demo"))
    sys.stdout.write(markdown(table({"demo": demo})) + "\n")
