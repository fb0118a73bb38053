"""Hostile files through the API and the import page (issue 21, points 4 and 5): refused
with file, part or row and column, on the page in Dutch (or English), never parsed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.api.conftest import Env
from tests.api.test_import_problems import _post, _rows
from tests.importers.test_hostile_files import _shared_strings_bomb, _workbook

WIDE = "name,kind," + ",".join(f"c{i}" for i in range(300)) + "\nBreed BV,organisation\n"


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    folder = tmp_path_factory.mktemp("bomb")
    return _workbook(
        folder, "kaart.xlsx", {"xl/sharedStrings.xml": _shared_strings_bomb}
    ).read_bytes()


def test_the_api_refuses_a_bomb_by_file_and_part(env: Env, bomb: bytes) -> None:
    response = env.client.post(
        "/api/workspaces/demo/import",
        headers=env.as_("editor"),
        files={"files": ("kaart.xlsx", bomb)},
    )
    assert response.status_code == 422, response.text
    [problem] = response.json()["detail"]["problems"]
    assert problem["file"] == "kaart.xlsx" and problem["element"] == "part xl/sharedStrings.xml"
    assert "times" in problem["message"], problem


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("nl", ["geweigerd vóór het lezen", "keer zijn grootte"]),
        ("en", ["refused before reading", "times its size"]),
    ],
)
def test_the_import_page_says_it_in_the_page_language(
    env: Env, bomb: bytes, lang: str, words: list[str]
) -> None:
    rows = _rows(_post(env, "kaart.xlsx", bomb, lang))
    [(code, cells)] = rows
    assert code == "unpacks_too_much" and cells[0] == "kaart.xlsx", rows
    assert all(w in cells[-1] for w in words), cells


def test_the_import_page_names_the_column_of_too_many(env: Env) -> None:
    rows = _rows(_post(env, "breed.csv", WIDE, "nl"))
    [(code, cells)] = rows
    assert code == "too_many_columns", rows
    assert cells[:3] == ["breed.csv", "1", "c200"] and "hoogstens 200" in cells[-1], cells
    assert "GRENSWERK" not in cells[-1]


def test_a_nested_gexf_is_said_on_the_page(env: Env, tmp_path: Path) -> None:
    gexf = (
        '<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph><nodes><node id="a" label="A">'
        '<nodes><node id="b" label="B"/></nodes></node></nodes></graph></gexf>'
    )
    [(code, cells)] = _rows(_post(env, "boom.gexf", gexf, "nl"))
    assert code == "nested_elements" and "hiërarchie" in cells[-1], cells
