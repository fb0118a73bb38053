"""Self-loops: a tie from a node to itself is refused in the model, the API and our own
formats (a problem naming file, row and column), and skipped with a note naming the
element in other tools' files."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from graph.model import Node, Relationship
from graph.store.sqlite import SQLiteStore
from importers import ImportOptions, import_paths, plan_paths


def test_the_model_refuses_a_self_loop() -> None:
    with pytest.raises(ValidationError) as caught:
        Relationship(type="partners_with", source="cinop", target="cinop", workspace="w")
    assert "from 'cinop' to itself" in str(caught.value)


def test_our_csv_names_file_row_and_column(sqlite_store: SQLiteStore, tmp_path: Path) -> None:
    nodes = tmp_path / "nodes.csv"
    nodes.write_text("id,name,kind\nroc-a,ROC A,organisation\nroc-b,ROC B,organisation\n")
    rels = tmp_path / "rels.csv"
    rels.write_text("from,to,type\nroc-a,roc-b,partners_with\nROC A,roc-a,partners_with\n")
    plan = plan_paths(sqlite_store, [nodes, rels], ImportOptions("w"))
    assert [(p.file, p.row, p.column) for p in plan.problems] == [(str(rels), 3, "to")]
    assert "from 'roc-a' to itself" in plan.problems[0].message


def test_our_json_names_the_element(sqlite_store: SQLiteStore, tmp_path: Path) -> None:
    doc = tmp_path / "w.json"
    doc.write_text(
        '{"format": "grenswerk", "version": 1, "nodes": ['
        '{"id": "a", "kind": "organisation", "name": "A"}], "relationships": ['
        '{"type": "partners_with", "source": "a", "target": "a"}]}'
    )
    plan = plan_paths(sqlite_store, [doc], ImportOptions("w"))
    assert [(p.element, p.column) for p in plan.problems] == [("relationships[0]", "target")]
    assert "from 'a' to itself" in plan.problems[0].message


GRAPHML = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <graph edgedefault="directed">
    <node id="a"/><node id="b"/>
    <edge id="e0" source="a" target="b"/>
    <edge id="e1" source="b" target="b"/>
  </graph>
</graphml>
"""

GEXF = """<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" version="1.3">
  <graph defaultedgetype="undirected">
    <nodes><node id="a" label="A"/><node id="b" label="B"/></nodes>
    <edges>
      <edge id="0" source="a" target="a"/>
      <edge id="1" source="a" target="b"/>
    </edges>
  </graph>
</gexf>
"""

PAJEK = """*Vertices 2
1 "A"
2 "B"
*Arcs
1 2
2 2 3
"""


@pytest.mark.parametrize(
    ("name", "text", "where", "node"),
    [
        ("loops.graphml", GRAPHML, "<edge> #2", "b"),
        ("loops.gexf", GEXF, "<edge> #1", "a"),
        ("loops.net", PAJEK, "row 6", "b"),
    ],
)
def test_other_tools_files_skip_it_with_a_note(
    sqlite_store: SQLiteStore, tmp_path: Path, name: str, text: str, where: str, node: str
) -> None:
    path = tmp_path / name
    path.write_text(text)
    plan, result = import_paths(sqlite_store, [path], ImportOptions("w"))
    assert result.relationships_created == 1
    notes = [n for n in plan.notes if "itself" in n]
    assert notes == [
        f"{path}: skipped 1 tie from a node to itself (a self-loop), which Grenswerk "
        f"does not store: {where} ({node!r})"
    ]
    assert all(r.source != r.target for r in sqlite_store.list_relationships("w"))


def test_a_stored_self_loop_still_loads() -> None:
    """Workspaces written before the check keep loading (the store reads its rows with
    the ``stored`` context); only new writes are refused."""
    from graph.store.codec import decode_relationship

    rel = decode_relationship(
        '{"id": "x", "type": "related_to", "source": "a", "target": "a"}', "w"
    )
    assert rel.source == rel.target == "a"
    assert Node(id="a", kind="theme", name="A", workspace="w").id == "a"


def test_a_kumu_self_loop_is_skipped_with_a_note(sqlite_store: SQLiteStore, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    elements = book.active
    assert elements is not None
    elements.title = "Elements"
    elements.append(["Label", "Type"])
    elements.append(["Albeda", "ROC"])
    elements.append(["Erasmus MC", "Organisatie"])
    connections = book.create_sheet("Connections")
    connections.append(["From", "To", "Type"])
    connections.append(["Albeda", "Erasmus MC", "partner"])
    connections.append(["Albeda", "Albeda", "partner"])
    path = tmp_path / "kumu.xlsx"
    book.save(path)
    plan, result = import_paths(sqlite_store, [path], ImportOptions("w"))
    assert result.relationships_created == 1
    assert [n for n in plan.notes if "itself" in n] == [
        f"{path}: skipped 1 tie from a node to itself (a self-loop), which Grenswerk "
        "does not store: row 3 ('albeda')"
    ]
