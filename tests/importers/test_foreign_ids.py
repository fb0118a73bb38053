"""Other tools' ids that would be unreachable in a URL get a safe id, never silently."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from graph.model import ID_PATTERN, is_safe_id, safe_id
from graph.store.sqlite import SQLiteStore
from importers import ImportOptions, import_paths, plan_paths

W = "vreemd"

GRAPHML = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="d0" for="node" attr.name="label" attr.type="string"/>
  <key id="d1" for="node" attr.name="type" attr.type="string"/>
  <graph edgedefault="undirected">
    <node id="org/1"><data key="d0">ROC Eén</data><data key="d1">school</data></node>
    <node id="org 2"><data key="d0">Bedrijf Twee</data><data key="d1">company</data></node>
    <node id="n3"><data key="d0">Drie</data><data key="d1">company</data></node>
    <edge source="org/1" target="org 2"/>
    <edge source="org 2" target="n3"/>
  </graph>
</graphml>
"""

GEXF = """<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" version="1.3">
  <graph defaultedgetype="undirected">
    <nodes>
      <node id="http://x.nl/a?b#c" label="Alfa"/>
      <node id="1.0" label="Beta"/>
    </nodes>
    <edges><edge source="http://x.nl/a?b#c" target="1.0"/></edges>
  </graph>
</gexf>
"""


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_graphml_ids_are_made_safe_and_kept(sqlite_store: SQLiteStore, tmp_path: Path) -> None:
    path = write(tmp_path / "g.graphml", GRAPHML)
    plan, result = import_paths(sqlite_store, [path], ImportOptions(W))
    assert (result.nodes_created, result.relationships_created) == (3, 2)
    nodes = {n.name: n for n in sqlite_store.list_nodes(W)}
    assert nodes["ROC Eén"].id == safe_id("org/1") and nodes["ROC Eén"].id.startswith("org-1-")
    assert nodes["ROC Eén"].properties["original_id"] == "org/1"
    assert nodes["Bedrijf Twee"].properties["original_id"] == "org 2"
    assert nodes["Drie"].id == "n3" and "original_id" not in nodes["Drie"].properties
    assert all(is_safe_id(n.id) for n in nodes.values())
    ends = {(r.source, r.target) for r in sqlite_store.list_relationships(W)}
    assert ends == {(safe_id("org/1"), safe_id("org 2")), (safe_id("org 2"), "n3")}
    (note,) = plan.notes
    assert note.startswith(f"{path}: 2 id(s) did not fit the id pattern {ID_PATTERN}")
    assert f"'org/1' → {safe_id('org/1')!r}" in note and "original_id" in note


def test_gexf_ids_are_made_safe(sqlite_store: SQLiteStore, tmp_path: Path) -> None:
    path = write(tmp_path / "g.gexf", GEXF)
    plan, result = import_paths(sqlite_store, [path], ImportOptions(W))
    assert (result.nodes_created, result.relationships_created) == (2, 1)
    alfa = sqlite_store.get_node(W, safe_id("http://x.nl/a?b#c"))
    assert alfa is not None and alfa.properties["original_id"] == "http://x.nl/a?b#c"
    assert sqlite_store.get_node(W, "1.0") is not None  # safe already: kept
    assert len(plan.notes) == 1 and "1 id(s) did not fit" in plan.notes[0]


def test_a_later_file_finds_a_node_by_its_original_foreign_id(
    sqlite_store: SQLiteStore, tmp_path: Path
) -> None:
    import_paths(sqlite_store, [write(tmp_path / "g.graphml", GRAPHML)], ImportOptions(W))
    rels = write(tmp_path / "r.csv", "from,to,type\norg/1,n3,partners_with\n")
    plan, result = import_paths(sqlite_store, [rels], ImportOptions(W))
    assert not plan.problems and result.relationships_created == 1
    (rel,) = sqlite_store.list_relationships(W, node_id="n3", type="partners_with")
    assert {rel.source, rel.target} == {safe_id("org/1"), "n3"}


def test_kumu_ids_are_made_safe(sqlite_store: SQLiteStore, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Elements"
    sheet.append(["ID", "Label", "Type"])
    sheet.append(["elem/1", "ROC Eén", "School"])
    sheet.append(["elem-2", "Bedrijf Twee", "Bedrijf"])
    connections = book.create_sheet("Connections")
    connections.append(["ID", "From", "To", "Type"])
    connections.append(["conn/1", "ROC Eén", "Bedrijf Twee", "partner"])
    path = tmp_path / "k.xlsx"
    book.save(path)
    plan = plan_paths(sqlite_store, [path], ImportOptions(W))
    assert not plan.problems
    assert {n.id for n in plan.nodes} == {safe_id("elem/1"), "elem-2"}
    (rel,) = plan.relationships
    assert rel.id == safe_id("conn/1") and rel.properties["original_id"] == "conn/1"
    assert len(plan.notes) == 1 and "2 id(s) did not fit" in plan.notes[0]
