"""The web pages, through the test client: login, every page, language, escaping."""

from __future__ import annotations

import re

import pytest

from tests.api.conftest import Env
from tests.conftest import on_both


def token(env: Env, path: str = "/login") -> str:
    """The CSRF token the page at ``path`` puts in its forms."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', env.client.get(path).text)
    assert found
    return found.group(1)


def login(env: Env, who: str) -> None:
    response = env.client.post(
        "/login",
        data={"key": env.keys[who], "next": "/", "csrf_token": token(env)},
        follow_redirects=False,
    )
    assert response.status_code == 303


def test_pages_need_a_login(env: Env) -> None:
    response = env.client.get("/w/demo", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/login")
    page = env.client.get("/login")
    assert "Toegangssleutel" in page.text  # Dutch by default
    wrong = env.client.post("/login", data={"key": "gw_nope", "csrf_token": token(env)})
    assert wrong.status_code == 401 and "niet bekend" in wrong.text


@on_both
def test_login_lands_on_the_workspace_map(env: Env) -> None:
    response = env.client.post(
        "/login",
        data={"key": env.keys["viewer"], "next": "/", "csrf_token": token(env)},
        follow_redirects=False,
    )
    assert response.headers["location"] == "/w/demo"
    page = env.client.get("/w/demo")
    assert page.status_code == 200 and 'id="map"' in page.text
    assert "/static/vis/vis-network.min.js" in page.text
    assert "Importeren" not in page.text  # a viewer does not import


@on_both
def test_every_page_renders(env: Env) -> None:
    login(env, "editor")
    for path in (
        "/",
        "/w/demo",
        "/w/demo?color_by=community&size_by=betweenness",
        "/w/demo?kinds=organisation,person&at=2019-01-01",
        "/w/demo/node/roc-midden-nederland",
        "/w/demo/node/examinering",
        "/w/demo/paths",
        "/w/demo/paths?source=roc-midden-nederland&target=cinop",
        "/w/demo/import",
    ):
        response = env.client.get(path)
        assert response.status_code == 200, path
    node = env.client.get("/w/demo/node/noorderpoort").text
    # CINOP, a recommended partner, and why (in Dutch: docs/i18n.md)
    assert "een nieuwe relatie: over de grens van school naar kennisinstituut" in node
    paths = env.client.get("/w/demo/paths?source=roc-midden-nederland&target=cinop").text
    assert "ROC Midden-Nederland → CINOP" in paths
    assert "over de grens van school naar kennisinstituut" in paths


def test_other_workspace_is_404_on_pages(env: Env) -> None:
    login(env, "other-admin")
    for path in ("/w/demo", "/w/demo/node/cinop", "/w/demo/paths", "/w/demo/import"):
        response = env.client.get(path)
        assert response.status_code == 404, path
        assert "cinop" not in response.text.lower() or path.endswith("cinop")


def test_bad_page_input_is_a_page_not_a_500(env: Env) -> None:
    login(env, "viewer")
    for path in (
        "/w/demo?at=gisteren",
        "/w/demo?color_by=taste",
        "/w/demo/node/nobody",
        "/w/Bad%20Name",
        "/w/demo/import",
    ):
        response = env.client.get(path)
        assert 400 <= response.status_code < 500, path
        assert "<html" in response.text


def test_language_switch_is_kept(env: Env) -> None:
    login(env, "viewer")
    form = token(env, "/w/demo")
    env.client.post("/lang", data={"lang": "en", "back": "/w/demo", "csrf_token": form})
    assert "Colour by" in env.client.get("/w/demo").text
    env.client.post("/lang", data={"lang": "nl", "back": "/w/demo", "csrf_token": form})
    assert "Kleur naar" in env.client.get("/w/demo").text


def test_names_are_escaped_on_pages(env: Env) -> None:
    evil = "<img src=x onerror=alert(1)>"
    created = env.client.post(
        "/api/workspaces/demo/nodes",
        headers=env.as_("editor"),
        json={"id": "xss", "kind": "organisation", "name": evil},
    )
    assert created.status_code == 201, created.text
    assert created.json()["name"] == evil
    login(env, "viewer")
    escaped = "&lt;img src=x onerror=alert(1)&gt;"
    for path in ("/w/demo", "/w/demo/node/xss", "/w/demo/paths"):
        page = env.client.get(path)
        assert page.status_code == 200, path
        assert evil not in page.text, path
    # the node page shows the name, escaped: the node was there to be escaped
    assert escaped in env.client.get("/w/demo/node/xss").text


@on_both
def test_import_page_shows_preview_and_problems(env: Env) -> None:
    login(env, "editor")
    form = token(env, "/w/demo/import")
    preview = env.client.post(
        "/w/demo/import",
        data={"format": "auto", "preview": "1", "csrf_token": form},
        files={"files": ("n.csv", b"name,kind\nNieuw,organisation\n")},
    )
    assert preview.status_code == 200 and "Zou toevoegen: 1" in preview.text
    bad = env.client.post(
        "/w/demo/import",
        data={"format": "auto", "csrf_token": form},
        files={"files": ("n.csv", b"name,kind\nNieuw,planeet\n")},
    )
    assert bad.status_code == 422 and "n.csv" in bad.text
    assert '<tr data-code="unknown_value">' in bad.text and "planeet" in bad.text  # said in Dutch


def test_logout(env: Env) -> None:
    login(env, "viewer")
    env.client.post("/logout", data={"csrf_token": token(env, "/w/demo")})
    assert env.client.get("/w/demo", follow_redirects=False).status_code == 303


@on_both
def test_node_page_explains_its_numbers_with_a_rank(env: Env) -> None:
    """Among the demo's 12 organisations (networkx on its ties, mentions left out): degree
    3 (7, 4, 4 score higher, 4 more have 3), betweenness 0.000111 (shared with Noorderpoort,
    6 score higher)."""
    login(env, "viewer")
    page = env.client.get("/w/demo/node/roc-midden-nederland").text
    assert (
        "heeft 3 directe relaties (met 1 organisatie, 1 persoon en 1 netwerk): "
        "gedeeld 4e van 12 organisaties" in page
    )
    assert "Het aantal directe relaties" in page
    assert "(0,0001 op een schaal van 0 tot 1): gedeeld 7e van 12 organisaties" in page
    assert re.search(r"leerpotentieel 0,\d\d van 1", page)
    assert page.count('href="/w/demo/help#') >= 3
    env.client.cookies.set("lang", "en")
    page = env.client.get("/w/demo/node/roc-midden-nederland").text
    assert (
        "has 3 direct ties (with 1 organisation, 1 person and 1 network): "
        "shared 4th of 12 organisations" in page
    )
    assert re.search(r"learning potential 0\.\d\d of 1", page)
    assert 'href="/w/demo/help#degree">How to read this</a>' in page


def test_help_page_explains_measures_roles_and_the_model(env: Env) -> None:
    login(env, "viewer")
    page = env.client.get("/w/demo/help")
    assert page.status_code == 200
    for word in ("Hoe lees ik dit?", "coördinator", "consultant", "vertegenwoordiger"):
        assert word in page.text, word
    assert "poortwachter" in page.text and "verbinder" in page.text
    model = env.client.get("/w/demo/help/model").text
    assert "<h1>Leerpotentieel: het model</h1>" in model  # docs/learning-potential.nl.md
    assert "<table>" in model and "<script" not in model
    assert 'href="/w/demo/help"' in page.text  # in the navigation
    env.client.cookies.set("lang", "en")
    page = env.client.get("/w/demo/help")
    for word in ("How to read this", "coordinator", "itinerant", "representative"):
        assert word in page.text, word
    assert "gatekeeper" in page.text and "liaison" in page.text
    assert "Learning potential: the model</h1>" in env.client.get("/w/demo/help/model").text
    assert env.client.get("/w/other/help").status_code in (403, 404)


def test_node_page_ranks_the_brokerage_role(env: Env) -> None:
    """Common Eye is the demo's only organisation in a brokerage position: 2 times
    representative, 2 times gatekeeper (the first of equal counts is named)."""
    login(env, "viewer")
    page = env.client.get("/w/demo/node/common-eye").text
    assert (
        "vertegenwoordiger: 2 van de 4 makelaarsposities; "
        "1e van 12 organisaties als vertegenwoordiger." in page
    )
    assert "Spreekt namens de eigen praktijk" in page
    assert 'href="/w/demo/help#roles"' in page
    env.client.cookies.set("lang", "en")
    page = env.client.get("/w/demo/node/common-eye").text
    assert "1st of 12 organisations as representative." in page


def test_a_sampled_betweenness_says_its_error_bound_on_the_node_page(
    env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From the sampling threshold on (20 000 nodes; here lowered to the demo's size) the
    node page says the value is an estimate, with ε and 1 − δ; exact values say nothing."""
    from api.services import profiles
    from graph.analysis.registry import AnalysisOptions

    login(env, "viewer")
    exact = env.client.get("/w/demo/node/roc-midden-nederland").text
    assert "schatting" not in exact
    monkeypatch.setattr(
        profiles,
        "AnalysisOptions",
        lambda **given: AnalysisOptions(sample_threshold=10, sample_size=20, **given),
    )
    page = env.client.get("/w/demo/node/roc-midden-nederland").text
    said = re.search(
        r"Deze waarde is een schatting vanuit 20 willekeurig gekozen startpunten, omdat het "
        r"netwerk groot is: met een kans van minstens 90 procent ligt elke waarde op deze "
        r"schaal binnen (\d,\d\d) van de exacte waarde\.",
        page,
    )
    assert said, page[page.find("Tussenpositie") :][:600]
    env.client.cookies.set("lang", "en")
    page = env.client.get("/w/demo/node/roc-midden-nederland").text
    assert "with a chance of at least 90 percent every value on this scale is within" in page
