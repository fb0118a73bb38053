"""Files that would cost far more than their size (issue 21, points 4 and 5): a workbook
whose parts unpack to far more than they pack is refused before it is parsed; elements
with more properties, or longer values, than the limits are refused by file, row or
element and column; structure a reader skips is said, never dropped in silence."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest

from graph.errors import ValidationFailed
from graph.store.sqlite import SQLiteStore
from importers import ImportOptions, import_paths

FIXTURE = Path(__file__).parents[1] / "fixtures" / "kumu-rijnmond.xlsx"
MB = 1024 * 1024


def _workbook(tmp_path: Path, name: str, replace: dict[str, Any]) -> Path:
    """The fixture workbook with some parts replaced (``bytes``, or a callable that
    writes the part into an open zip entry)."""
    out = tmp_path / name
    with zipfile.ZipFile(FIXTURE) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename not in replace:
                dst.writestr(info, src.read(info))
        for part, content in replace.items():
            info = zipfile.ZipInfo(part)
            info.compress_type = zipfile.ZIP_DEFLATED
            with dst.open(info, "w", force_zip64=True) as entry:
                if callable(content):
                    content(entry)
                else:
                    entry.write(content)
    return out


def _many_cells(entry: Any) -> None:
    """A sheet of 2 million cells in 200 000 rows (about 60 MB unpacked)."""
    entry.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/')
    entry.write(b'spreadsheetml/2006/main"><sheetData>')
    row = b"".join(b'<c t="inlineStr"><is><t>x</t></is></c>' for _ in range(10))
    chunk = b"".join(b"<row>" + row + b"</row>" for _ in range(1000))
    for _ in range(200):
        entry.write(chunk)
    entry.write(b"</sheetData></worksheet>")


def _shared_strings_bomb(entry: Any) -> None:
    """Shared strings that unpack to 256 MB from a few hundred kB."""
    entry.write(b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/')
    entry.write(b'spreadsheetml/2006/main">')
    block = b"<si><t>" + b"a" * 1000 + b"</t></si>" * 1
    for _ in range(256 * 1024):
        entry.write(block)
    entry.write(b"</sst>")


@pytest.fixture
def never_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if the workbook reaches openpyxl's parser (which
    :func:`importers.kumu.read_kumu` imports when it runs)."""
    import openpyxl

    def parse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the workbook was parsed: it should be refused before")

    monkeypatch.setattr(openpyxl, "load_workbook", parse)


@pytest.mark.parametrize(
    ("part", "content"),
    [
        ("xl/sharedStrings.xml", _shared_strings_bomb),
        ("xl/worksheets/sheet1.xml", _many_cells),
    ],
    ids=["shared strings of 256 MB", "2 million cells"],
)
def test_a_workbook_that_unpacks_to_far_more_is_refused_unparsed(
    tmp_path: Path, never_parsed: None, part: str, content: Any
) -> None:
    path = _workbook(tmp_path, "kaart.xlsx", {part: content})
    assert path.stat().st_size < 2 * MB
    store = SQLiteStore(":memory:")
    with pytest.raises(ValidationFailed) as refused:
        import_paths(store, [path], ImportOptions("w"))
    [problem] = refused.value.problems
    text = str(problem)
    assert "kaart.xlsx" in text and part in text, text
    assert "times" in text and "GRENSWERK_IMPORT_MAX_RATIO" in text, text
    assert store.workspaces() == []


def test_a_workbook_over_the_unpacked_limit_is_refused(tmp_path: Path, never_parsed: None) -> None:
    import os

    noise = os.urandom(3 * MB)  # does not compress: the ratio is 1
    path = _workbook(tmp_path, "groot.xlsx", {"xl/media/foto.bin": noise})
    options = ImportOptions("w", limits=_limits(unpacked_mb=2))
    with pytest.raises(ValidationFailed) as refused:
        import_paths(SQLiteStore(":memory:"), [path], options)
    text = str(refused.value.problems[0])
    assert "groot.xlsx" in text and "GRENSWERK_IMPORT_MAX_UNPACKED_MB" in text, text


def _limits(**given: int) -> Any:
    from importers.limits import ImportLimits

    return ImportLimits(**given)


def test_a_normal_workbook_still_imports(tmp_path: Path) -> None:
    store = SQLiteStore(":memory:")
    plan, _ = import_paths(store, [FIXTURE], ImportOptions("w"))
    assert plan.nodes_new > 5


def test_a_csv_with_thousands_of_columns_is_refused_by_its_header(tmp_path: Path) -> None:
    header = "name,kind," + ",".join(f"c{i}" for i in range(10_000))
    row = "Veel Kolommen BV,organisation," + ",".join("1" for _ in range(10_000))
    path = tmp_path / "breed.csv"
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as refused:
        import_paths(SQLiteStore(":memory:"), [path], ImportOptions("w"))
    [problem] = refused.value.problems
    assert problem.file.endswith("breed.csv") and problem.row == 1 and problem.column == "c200"
    assert "10000 columns" in problem.message and "at most 200" in problem.message


def test_a_property_value_too_long_is_refused_by_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "lang.csv"
    path.write_text("name,kind,notitie\nLang BV,organisation," + "x" * 20_000 + "\n")
    with pytest.raises(ValidationFailed) as refused:
        import_paths(SQLiteStore(":memory:"), [path], ImportOptions("w"))
    [problem] = refused.value.problems
    assert (problem.row, problem.column) == (2, "notitie")
    assert "20000 characters" in problem.message and "at most 10000" in problem.message


def test_json_and_graphml_elements_with_too_many_properties_are_refused(tmp_path: Path) -> None:
    import json

    from graph.export import FORMAT_VERSION

    many = {f"p{i}": i for i in range(300)}
    path = tmp_path / "veel.json"
    node = {"id": "a", "kind": "organisation", "name": "A", "properties": many}
    doc = {"format": "grenswerk", "version": FORMAT_VERSION, "nodes": [node]}
    path.write_text(json.dumps(doc))
    keys = "".join(
        f'<key id="k{i}" for="node" attr.name="p{i}"><default>{i}</default></key>'
        for i in range(300)
    )
    graphml = tmp_path / "veel.graphml"
    graphml.write_text(
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
        f'{keys}<graph edgedefault="undirected"><node id="a"/></graph></graphml>'
    )
    for file in (path, graphml):
        with pytest.raises(ValidationFailed) as refused:
            import_paths(SQLiteStore(":memory:"), [file], ImportOptions("w"))
        text = str(refused.value.problems[0])
        assert file.name in text and "300 " in text and "at most 200" in text, text


def test_nested_gexf_nodes_are_said_not_dropped(tmp_path: Path) -> None:
    nested = "<nodes>" * 10_000 + '<node id="diep" label="Diep"/>' + "</nodes>" * 10_000
    path = tmp_path / "genest.gexf"
    path.write_text(
        '<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph defaultedgetype="undirected">'
        f'<nodes><node id="a" label="A">{nested}</node></nodes></graph></gexf>'
    )
    with pytest.raises(ValidationFailed) as refused:
        import_paths(SQLiteStore(":memory:"), [path], ImportOptions("w"))
    [problem] = refused.value.problems
    assert "genest.gexf" in str(problem)
    assert "10000 nested <nodes>" in problem.message and "1 <node>" in problem.message
