"""Import problems on the import page in the page's language (issue 12, §1): the common
ones by code and parameters (importers.problem_codes), with file, row and column; the
CLI and the JSON API keep the importers' English sentences."""

from __future__ import annotations

import html
import re

import pytest

from graph.model import Node
from tests.api.conftest import Env
from tests.api.test_pages import login, token
from tests.importers.test_bad_input import CASES

#: the common problems (issue 12): each must be said by a code, not in English words
COMMON = {
    "missing column",
    "unknown kind",
    "unknown type",
    "unknown node",
    "unknown node and unknown type in one row",
    "wrong endpoints",
    "bad date",
    "not utf-8",
    "empty csv",
    "empty json",
    "text not utf-8",
    "wrong format: png as csv",
}


def _post(env: Env, name: str, content: str | bytes, lang: str) -> str:
    login(env, "editor")
    env.client.cookies.set("lang", lang)
    form = token(env, "/w/demo/import")
    data = content.encode("utf-8") if isinstance(content, str) else content
    response = env.client.post(
        "/w/demo/import",
        data={"format": "auto", "csrf_token": form, "preview": "1"},
        files={"files": (name, data)},
    )
    assert response.status_code == 422, response.text
    return response.text


def _rows(page: str) -> list[tuple[str, list[str]]]:
    """(code, [file, row, column, message]) of each problem row."""
    rows = re.findall(r'<tr data-code="([^"]*)">(.*?)</tr>', page, re.S)
    return [
        (
            code,
            [
                html.unescape(re.sub(r"<[^>]+>", "", c)).strip()
                for c in re.findall(r"<td>(.*?)</td>", cells, re.S)
            ],
        )
        for code, cells in rows
    ]


def _add_oost_and_anna(env: Env) -> None:
    env.store.upsert(
        "demo",
        [
            Node(id="roc-oost", kind="organisation", name="ROC Oost", workspace="demo"),
            Node(id="anna", kind="person", name="Anna", workspace="demo"),
        ],
    )


@pytest.mark.parametrize(
    ("case", "name", "content"), [c[:3] for c in CASES if c[0] in COMMON], ids=sorted(COMMON)
)
def test_common_problems_have_a_code(env: Env, case: str, name: str, content: str | bytes) -> None:
    _add_oost_and_anna(env)
    rows = _rows(_post(env, name, content, "en"))
    assert rows, case
    assert [code for code, _ in rows if not code] == [], rows
    assert all(cells[0] == name for _, cells in rows), rows


def test_english_import_page_says_problems_by_code(env: Env) -> None:
    text = "id,kind,name,date\na,bedrijf,A,\nb,persoon,B,31-02-2024\n"
    rows = {cells[1]: (code, cells) for code, cells in _rows(_post(env, "knopen.csv", text, "en"))}
    assert rows["2"] == (
        "unknown_value",
        [
            "knopen.csv",
            "2",
            "kind",
            'unknown kind "bedrijf"; use one of: person, organisation, network, theme, '
            "activity, source",
        ],
    )
    assert rows["3"] == (
        "bad_date",
        [
            "knopen.csv",
            "3",
            "date",
            '"31-02-2024" is not a date: write it as 2024-09-01, 01-09-2024, 2024-09 or 2024',
        ],
    )


def test_dutch_import_page_says_problems_in_dutch(env: Env) -> None:
    text = "id,kind,name,date\na,bedrijf,A,\nb,persoon,B,31-02-2024\n"
    rows = {cells[1]: (code, cells) for code, cells in _rows(_post(env, "knopen.csv", text, "nl"))}
    assert rows["2"] == (
        "unknown_value",
        [
            "knopen.csv",
            "2",
            "kind",
            'onbekende soort "bedrijf"; kies uit: persoon, organisatie,'
            " netwerk, thema, activiteit, bron",
        ],
    )
    assert rows["3"][1][3].startswith('"31-02-2024" is geen datum')


def test_dutch_import_page_names_the_dutch_choices(env: Env) -> None:
    """Before the catalogue is filled the sentence is English, but the choices are the
    Dutch names the importer accepts, and file, row and column are there."""
    page = _post(env, "knopen.csv", "id,kind,name\na,bedrijf,A\n", "nl")
    [(code, cells)] = _rows(page)
    assert code == "unknown_value"
    assert cells[:3] == ["knopen.csv", "2", "kind"]
    assert "persoon, organisatie, netwerk, thema, activiteit, bron" in cells[3]
    assert "person (persoon)" not in page


def test_the_json_api_keeps_the_english_message(env: Env) -> None:
    response = env.client.post(
        "/api/workspaces/demo/import",
        headers=env.as_("editor"),
        files={"files": ("n.csv", b"name,kind\nROC Oost,school\n")},
    )
    assert response.status_code == 422, response.text
    assert "unknown node kind 'school'; use one of person (persoon)" in response.text
    assert "code" not in response.json()["detail"]["problems"][0]


def test_the_dutch_import_page_keeps_the_did_you_mean(env: Env) -> None:
    """An unknown name close to a known one: the Dutch sentence, then the suggestion
    (the code used to swallow it)."""
    text = "from,to,type\nCINOP,ROC Midden Nederlnd,partner_van\n"
    [(code, cells)] = _rows(_post(env, "relaties.csv", text, "nl"))
    assert code == "unknown_node"
    assert cells[3] == (
        '"ROC Midden Nederlnd" staat niet in deze import en niet in de werkruimte: voeg het '
        "toe aan een bestand met onderdelen, of schrijf de naam of id zoals die daar staat. "
        "Bedoel je 'ROC Midden-Nederland'?"
    )
