"""Pajek files networkx writes (issue 23, part 2): ``key value`` attributes after a vertex
and after a tie's weight are read, not refused (before: "cannot read tie line '1 2 1.0
label advice'")."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from graph.errors import ValidationFailed
from graph.store.sqlite import SQLiteStore
from importers import ImportOptions, import_paths


def test_a_networkx_pajek_file_imports_with_its_attributes(tmp_path: Path) -> None:
    graph = nx.DiGraph()
    graph.add_node("ROC A", kind="organisation", org_type="school", regio="Utrecht")
    graph.add_node("Bedrijf B", kind="organisation")
    graph.add_edge("ROC A", "Bedrijf B", weight=2.5, label="advice")
    path = tmp_path / "nx.net"
    nx.write_pajek(graph, path)
    assert "1 2 2.5 label advice" in path.read_text()
    store = SQLiteStore(":memory:")
    _, result = import_paths(store, [path], ImportOptions("w"))
    assert (result.nodes_created, result.relationships_created) == (2, 1)
    roc = next(n for n in store.list_nodes("w") if n.name == "ROC A")
    assert roc.org_type is not None and roc.org_type.value == "school"
    assert roc.properties["regio"] == "Utrecht"
    (tie,) = store.list_relationships("w")
    assert tie.strength == 2.5 and tie.properties["label"] == "advice"
    assert (tie.source, tie.target) == (roc.id, "bedrijf-b")


def test_a_vertex_line_with_an_odd_attribute_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "bad.net"
    path.write_text('*Vertices 2\n1 "a" 0.0 0.0 ellipse kind\n2 "b"\n*Arcs\n1 2\n')
    store = SQLiteStore(":memory:")
    with pytest.raises(ValidationFailed) as failed:
        import_paths(store, [path], ImportOptions("w"))
    assert any("bad.net" in str(p) and "row 2" in str(p) for p in failed.value.problems)
    assert store.list_nodes("w") == []
