"""What a CSV import loads: not the spreadsheet reader (openpyxl, for Kumu workbooks
and the table exports) and not the exports, which it does not use (about 0.15 s of
every ``grenswerk import``)."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_start import loaded_by


def test_a_csv_import_loads_neither_openpyxl_nor_the_exports(tmp_path: Path) -> None:
    nodes = tmp_path / "nodes.csv"
    nodes.write_text("id,name,kind\na,A,person\nb,B,organisation\n")
    ties = tmp_path / "ties.csv"
    ties.write_text("from,to,type\na,b,works_at\n")
    data = str(tmp_path / "data")
    heavy = ("openpyxl", "graph.export", "importers.plan")
    loaded = loaded_by("--data-dir", data, "import", str(nodes), str(ties), heavy=heavy)
    assert loaded == ["importers.plan"]  # the import ran, without the others
