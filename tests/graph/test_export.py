"""Exports: lossless JSON, GraphML/GEXF/CSV that re-import to the same graph,
formula neutralising, pseudonymising."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.export import export_csv, neutralise, pseudonymise, write_export
from graph.model import Node, NodeKind
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


def test_graphml_reads_in_networkx(demo_store: SQLiteStore, tmp_path: Path) -> None:
    target = tmp_path / "demo.graphml"
    write_export(
        "graphml",
        "demo",
        demo_store.list_nodes("demo"),
        demo_store.list_relationships("demo"),
        target,
    )
    graph = nx.read_graphml(target)
    assert graph.number_of_nodes() == len(demo_store.list_nodes("demo"))
    assert graph.nodes["cinop"]["org_type"] == "knowledge_institute"


def test_gexf_reads_in_networkx(demo_store: SQLiteStore, tmp_path: Path) -> None:
    target = tmp_path / "demo.gexf"
    write_export(
        "gexf", "demo", demo_store.list_nodes("demo"), demo_store.list_relationships("demo"), target
    )
    graph = nx.read_gexf(target)
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
