"""Bad input: a message naming the file (and row/column or element), a non-zero exit,
and the workspace exactly as it was before."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.app import app
from graph.store.sqlite import SQLiteStore
from tests.conftest import DEMO_DIR, snapshot

runner = CliRunner()

NODES_OK = "name,kind\nROC Oost,organisation\nAnna,person\n"


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / "in" / name
    path.parent.mkdir(exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def truncated_xlsx(tmp_path: Path, fixtures: Path) -> Path:
    data = (fixtures / "kumu-rijnmond.xlsx").read_bytes()
    return write(tmp_path, "kapot.xlsx", data[: len(data) // 2])


BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <graph edgedefault="undirected"><node id="a"><data key="d0">&lol3;</data></node></graph>
</graphml>
"""

CASES: list[tuple[str, str, str | bytes, list[str]]] = [
    ("missing column", "n.csv", "naam,sector\nROC Oost,mbo\n", ["n.csv", "row 1", "kind"]),
    (
        "unknown kind",
        "n.csv",
        "name,kind\nROC Oost,school\n",
        ["n.csv", "row 2", "'kind'", "unknown node kind 'school'"],
    ),
    (
        "unknown type",
        "r.csv",
        "from,to,type\nAnna,ROC Oost,friends\n",
        ["r.csv", "row 2", "'type'", "unknown relationship type 'friends'"],
    ),
    (
        "unknown node",
        "r.csv",
        "van;naar;soort\nAnna;Nergens BV;works_at\n",
        ["r.csv", "row 2", "'naar'", "unknown node 'Nergens BV'"],
    ),
    (
        "unknown node and unknown type in one row",
        "r.csv",
        "van;naar;soort\nAnna;Nergens BV;vriend_van\n",
        [
            "2 problem(s)",
            "r.csv, row 2, column 'naar': points at unknown node 'Nergens BV'",
            "r.csv, row 2, column 'soort': unknown relationship type 'vriend_van'; use one of "
            "works_at (werkt_bij)",
        ],
    ),
    (
        "unsafe id",
        "n.csv",
        "id,name,kind\nroc/oost,ROC Oost,organisatie\n",
        ["n.csv, row 2, column 'id': id 'roc/oost' is not allowed", "pattern ^["],
    ),
    (
        "unsafe id in json",
        "x.json",
        '{"format": "grenswerk", "version": 1, '
        '"nodes": [{"id": "a b", "kind": "theme", "name": "A"}]}',
        ["x.json", "nodes[0] (id 'a b')", "id 'a b' is not allowed"],
    ),
    (
        "wrong endpoints",
        "r.csv",
        "from,to,type\nROC Oost,Anna,works_at\n",
        ["r.csv", "row 2", "goes from person to organisation"],
    ),
    (
        "bad date",
        "n.csv",
        "name,kind,since\nROC Oost,organisation,31-31-2020\n",
        ["n.csv", "row 2", "'since'", "not a date"],
    ),
    (
        "not utf-8",
        "n.csv",
        "name,kind\nCaf\xe9 De Hoek,organisation\n".encode("latin-1"),
        ["n.csv", "not UTF-8", "byte 0xe9"],
    ),
    ("empty csv", "n.csv", b"", ["n.csv", "empty (0 bytes)"]),
    ("empty json", "x.json", b"", ["x.json", "empty (0 bytes)"]),
    ("entity bomb", "bom.graphml", BOMB, ["bom.graphml", "refused", "entities"]),
    ("wrong format: csv as json", "x.json", NODES_OK, ["x.json", "not valid JSON"]),
    (
        "wrong format: png as csv",
        "n.csv",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        ["n.csv", "not UTF-8"],
    ),
    ("wrong format: json as gexf", "g.gexf", '{"a": 1}', ["g.gexf", "not well-formed XML"]),
    ("wrong format: graphml as gexf", "g.gexf", "<graphml/>", ["g.gexf", "not a GEXF"]),
    ("other json", "x.json", '{"nodes": []}', ["x.json", "not a Grenswerk JSON"]),
    (
        "json field",
        "x.json",
        '{"format": "grenswerk", "version": 1, "nodes": [{"id": "a", "kind": "x", "name": "A"}]}',
        ["x.json", "nodes[0]", "'kind'"],
    ),
    ("pajek without vertices", "x.net", "*Arcs\n1 2\n", ["x.net", "no '*Vertices'"]),
    (
        "pajek bad vertex",
        "x.net",
        '*Vertices 2\n1 "A"\n2 "B"\n*Arcs\n1 3\n',
        ["x.net", "row 5", "vertex 3 is not declared"],
    ),
    ("text not utf-8", "notes.txt", "Caf\xe9".encode("cp1252"), ["notes.txt", "not UTF-8"]),
    ("kumu without sheets", "k.xlsx", b"", ["k.xlsx", "empty"]),
]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    result = runner.invoke(app, ["--data-dir", str(target), "import", str(DEMO_DIR), "-w", "w"])
    assert result.exit_code == 0, result.output
    base = write(tmp_path, "base.csv", NODES_OK)
    result = runner.invoke(app, ["--data-dir", str(target), "import", str(base), "-w", "w"])
    assert result.exit_code == 0, result.output
    return target


def run_import(data_dir: Path, path: Path, *extra: str) -> tuple[int, str]:
    result = runner.invoke(
        app, ["--data-dir", str(data_dir), "import", str(path), "-w", "w", *extra]
    )
    return result.exit_code, result.output


def state(data_dir: Path) -> tuple[int, list[str], list[str]]:
    store = SQLiteStore(data_dir / "grenswerk.sqlite3")
    try:
        return snapshot(store, "w")
    finally:
        store.close()


@pytest.mark.parametrize(("case", "name", "content", "expected"), CASES, ids=[c[0] for c in CASES])
def test_bad_file_is_refused_and_changes_nothing(
    data_dir: Path,
    tmp_path: Path,
    case: str,
    name: str,
    content: str | bytes,
    expected: list[str],
) -> None:
    before = state(data_dir)
    path = write(tmp_path, name, content)
    code, output = run_import(data_dir, path)
    assert code != 0, output
    for fragment in expected:
        assert fragment in output, f"{case}: {fragment!r} not in {output!r}"
    assert "Traceback" not in output
    assert state(data_dir) == before


def test_truncated_xlsx(data_dir: Path, tmp_path: Path, fixtures: Path) -> None:
    before = state(data_dir)
    code, output = run_import(data_dir, truncated_xlsx(tmp_path, fixtures))
    assert code == 1
    assert "kapot.xlsx" in output and "truncated" in output
    assert state(data_dir) == before


def test_xlsx_without_kumu_sheets(data_dir: Path, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Blad1"  # type: ignore[union-attr]
    path = tmp_path / "in.xlsx"
    book.save(path)
    code, output = run_import(data_dir, path)
    assert code == 1 and "'Elements'" in output and "Blad1" in output


def test_one_bad_file_among_good_ones_writes_nothing(data_dir: Path, tmp_path: Path) -> None:
    before = state(data_dir)
    good = write(tmp_path, "good.csv", "name,kind\nNieuw College,organisation\n")
    bad = write(tmp_path, "bad.csv", "from,to,type\nNieuw College,Anna,works_at\n")
    result = runner.invoke(
        app, ["--data-dir", str(data_dir), "import", str(good), str(bad), "-w", "w"]
    )
    assert result.exit_code == 1
    assert state(data_dir) == before


def test_every_problem_is_reported_at_once(data_dir: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "n.csv", "name,kind,since\nA,planet,\nB,person,gisteren\n,theme,\n")
    code, output = run_import(data_dir, path)
    assert code == 1
    assert "3 problem(s)" in output
    assert "row 2" in output and "row 3" in output and "row 4" in output


def test_dry_run_writes_nothing(data_dir: Path, tmp_path: Path) -> None:
    before = state(data_dir)
    path = write(tmp_path, "n.csv", "name,kind\nNieuw College,organisation\n")
    code, output = run_import(data_dir, path, "--dry-run")
    assert code == 0
    assert "dry run" in output and "nothing was written" in output
    assert state(data_dir) == before


def test_unknown_extension_and_missing_file(data_dir: Path, tmp_path: Path) -> None:
    code, output = run_import(data_dir, write(tmp_path, "x.docx", "hello"))
    assert code == 1 and "x.docx" in output and "--format" in output
    code, output = run_import(data_dir, tmp_path / "nope.csv")
    assert code == 1 and "no such file" in output


def test_bad_workspace_name(data_dir: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "n.csv", NODES_OK)
    result = runner.invoke(app, ["--data-dir", str(data_dir), "import", str(path), "-w", "A B"])
    assert result.exit_code == 2 and "not allowed" in result.output


def test_a_zip_that_is_not_a_workbook(data_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "in" / "archief.xlsx"
    path.parent.mkdir(exist_ok=True)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "geen werkmap")
    code, output = run_import(data_dir, path)
    assert code == 1 and "archief.xlsx" in output and "Excel" in output
