"""Exports: lossless JSON, GraphML/GEXF/CSV that re-import to the same graph,
formula neutralising, pseudonymising."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from xml.etree import ElementTree

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.export import (
    export_csv,
    export_gexf,
    export_graphml,
    neutralise,
    pseudonymise,
    read_networkx,
    write_export,
)
from graph.model import SYMMETRIC_TYPES, Node, NodeKind, Relationship
from graph.store.sqlite import SQLiteStore
from importers import ImportOptions, import_paths


def dumps(models: list) -> list[dict]:  # type: ignore[type-arg]
    return [m.model_dump(exclude={"workspace"}) for m in models]


@pytest.mark.parametrize("fmt", ["json", "graphml", "gexf", "csv"])
def test_round_trip_loses_nothing(demo_store: SQLiteStore, tmp_path: Path, fmt: str) -> None:
    nodes = demo_store.list_nodes("demo")
    rels = demo_store.list_relationships("demo")
    target = tmp_path / (f"demo.{fmt}" if fmt != "csv" else "demo-csv")
    written = write_export(fmt, "demo", nodes, rels, target)
    _, result = import_paths(demo_store, written, ImportOptions("copy"))
    assert result.nodes_created == len(nodes) and result.relationships_created == len(rels)
    assert dumps(demo_store.list_nodes("copy")) == dumps(nodes)
    assert dumps(demo_store.list_relationships("copy")) == dumps(rels)


def directed_only(store: SQLiteStore) -> tuple[list[Node], list[Relationship]]:
    """The demo without its symmetric ties: networkx reads no mixed graph, so an export
    with both sorts of edge is for Gephi and yEd (see graph/export.py)."""
    rels = [r for r in store.list_relationships("demo") if r.type not in SYMMETRIC_TYPES]
    return store.list_nodes("demo"), rels


def test_graphml_reads_in_networkx(demo_store: SQLiteStore, tmp_path: Path) -> None:
    target = tmp_path / "demo.graphml"
    nodes, rels = directed_only(demo_store)
    write_export("graphml", "demo", nodes, rels, target)
    graph = nx.read_graphml(target)
    assert graph.is_directed() and graph.number_of_edges() == len(rels)
    assert graph.number_of_nodes() == len(nodes)
    assert graph.nodes["cinop"]["org_type"] == "knowledge_institute"


def test_gexf_reads_in_networkx(demo_store: SQLiteStore, tmp_path: Path) -> None:
    target = tmp_path / "demo.gexf"
    nodes, rels = directed_only(demo_store)
    write_export("gexf", "demo", nodes, rels, target)
    graph = nx.read_gexf(target)
    assert graph.is_directed() and graph.number_of_edges() == len(rels)
    assert graph.nodes["noorderpoort"]["label"] == "Noorderpoort"


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_formula_names_are_neutralised(start: str) -> None:
    node = Node(id="x", kind="theme", name=f"{start}HYPERLINK(1)", workspace="w")
    nodes_csv, _ = export_csv([node], [])
    rows = list(csv.DictReader(io.StringIO(nodes_csv, newline="")))
    assert rows[0]["name"] == f"'{start}HYPERLINK(1)"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_formula_properties_are_neutralised(start: str) -> None:
    node = Node(id="x", kind="theme", name="X", workspace="w", properties={"note": f"{start}cmd"})
    nodes_csv, _ = export_csv([node], [])
    rows = list(csv.DictReader(io.StringIO(nodes_csv, newline="")))
    assert rows[0]["note"] == f"'{start}cmd"


@given(st.text(max_size=30))
def test_neutralised_cells_never_start_a_formula(text: str) -> None:
    assert not neutralise(text).startswith(("=", "+", "-", "@", "\t", "\r"))


def test_pseudonymise(demo_store: SQLiteStore) -> None:
    nodes, rels = pseudonymise(demo_store.list_nodes("demo"), demo_store.list_relationships("demo"))
    people = [n for n in nodes if n.kind is NodeKind.PERSON]
    assert people and all(n.name.startswith("Persoon ") for n in people)
    text = " ".join(n.model_dump_json() for n in nodes) + " ".join(
        r.model_dump_json() for r in rels
    )
    for real in ("Ilse Hartgers", "Zwaan Zwart", "Nikki Willems", "ilse-hartgers"):
        assert real not in text
    ids = {n.id for n in nodes}
    assert all(r.source in ids and r.target in ids for r in rels)
    assert len(rels) == len(demo_store.list_relationships("demo"))


ROC = Node(id="roc", kind="organisation", name="ROC", workspace="w")
FIRM = Node(id="firm", kind="organisation", name="Firm", workspace="w")
ILSE = Node(id="ilse", kind="person", name="Ilse", workspace="w")
PARTNERS = Relationship(type="partners_with", source="roc", target="firm", workspace="w")
WORKS = Relationship(type="works_at", source="ilse", target="roc", workspace="w")


def directions(xml: bytes) -> tuple[str | None, dict[tuple[str, str], str | None]]:
    """The graph's default direction and each edge's own (GraphML ``directed``, GEXF
    ``type``)."""
    root = ElementTree.fromstring(xml)
    graph = next(e for e in root if e.tag.endswith("graph"))
    default = graph.get("edgedefault") or graph.get("defaultedgetype")
    edges = {
        (e.get("source", ""), e.get("target", "")): e.get("directed") or e.get("type")
        for e in root.iter()
        if e.tag.endswith("}edge")
    }
    return default, edges


@pytest.mark.parametrize(
    ("rels", "graphml", "gexf"),
    [
        (  # one graph type per file: directed, symmetric=true on the partnership
            [PARTNERS, WORKS],
            ("directed", {("roc", "firm"): None, ("ilse", "roc"): None}),
            ("directed", {("roc", "firm"): None, ("ilse", "roc"): None}),
        ),
        (
            [PARTNERS],
            ("undirected", {("roc", "firm"): None}),
            ("undirected", {("roc", "firm"): None}),
        ),
        ([WORKS], ("directed", {("ilse", "roc"): None}), ("directed", {("ilse", "roc"): None})),
    ],
    ids=["mixed", "symmetric", "directed"],
)
def test_symmetric_types_export_undirected(
    rels: list[Relationship],
    graphml: tuple[str, dict[tuple[str, str], str | None]],
    gexf: tuple[str, dict[tuple[str, str], str | None]],
) -> None:
    nodes = [ROC, FIRM, ILSE]
    assert directions(export_graphml(nodes, rels)) == graphml
    assert directions(export_gexf(nodes, rels)) == gexf


def test_an_all_symmetric_export_reads_as_undirected_in_networkx(tmp_path: Path) -> None:
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        target = tmp_path / f"w.{fmt}"
        write_export(fmt, "w", [ROC, FIRM], [PARTNERS], target)
        graph = read(target)
        assert not graph.is_directed()
        assert graph.has_edge("firm", "roc")


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_the_demo_reads_in_networkx_own_reader_with_its_directions(
    demo_store: SQLiteStore, fmt: str
) -> None:
    """Before issue 23 networkx refused the demo's export (mixed directed and undirected
    edges: NetworkXError); now one directed graph, ``symmetric`` marking partnerships."""
    nodes, rels = demo_store.list_nodes("demo"), demo_store.list_relationships("demo")
    data = export_graphml(nodes, rels) if fmt == "graphml" else export_gexf(nodes, rels)
    graph = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(io.BytesIO(data))
    assert graph.is_directed()
    found = {(u, v, d["relationship_type"], d["symmetric"]) for u, v, d in graph.edges(data=True)}
    assert found == {(r.source, r.target, r.type.value, r.type in SYMMETRIC_TYPES) for r in rels}
    assert graph.number_of_edges() == len(rels)
    old = read_networkx(data, fmt)  # type: ignore[arg-type]  # still reads it
    assert old.number_of_edges() == len(rels)
