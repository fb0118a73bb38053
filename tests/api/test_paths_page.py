"""The path finder when no learning path exists, and the themes a node page lists."""

from __future__ import annotations

import html
import re

import networkx as nx

from api.services.profiles import reached_themes
from graph.model import Node
from tests.api.conftest import Env
from tests.api.test_pages import login, token
from tests.conftest import on_both
from tests.map_data import map_data

_NO_ROUTE = "/w/demo/paths?source=roc-midden-nederland&target=mbo-raad"


def _text(page: str, element_id: str) -> str:
    """The text of the element with ``element_id`` (tags dropped, spaces collapsed)."""
    found = re.search(rf'id="{element_id}"[^>]*>(.*?)</(?:p|ol|ul|section)>', page, re.S)
    assert found, f"no #{element_id} on the page"
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", found.group(1))).split())


def _highlighted(page: str) -> set[str]:
    """The ids of the nodes the page's map highlights."""
    return {n["id"] for n in map_data(page)["nodes"] if n.get("borderWidth") == 4}


def test_no_route_says_why_what_is_shared_and_the_shortest_connection(env: Env) -> None:
    login(env, "viewer")
    page = env.client.get(_NO_ROUTE).text
    assert _text(page, "why") == (
        "Geen keten van banden of gedeelde netwerken of activiteiten verbindt hen: ze zitten"
        " in verschillende delen van het netwerk. ROC Midden-Nederland is verbonden met 4"
        " andere personen en organisaties. MBO Raad is verbonden met 1 andere persoon of"
        " organisatie."
    )
    assert _text(page, "shared") == "Wat ze delen: het thema flexibilisering."
    assert _text(page, "shortest") == (
        "ROC Midden-Nederland → Netwerk Flexibilisering mbo (lid van) · netwerk"
        " Netwerk Flexibilisering mbo → flexibilisering (werkt aan) · thema"
        " flexibilisering ← Netwerk Onderwijslogistiek (werkt aan) · netwerk"
        " Netwerk Onderwijslogistiek ← MBO Digitaal (faciliteert) · organisatie"
        " MBO Digitaal → MBO Raad (onderdeel van) · organisatie"
    )
    assert "Verbonden betekent" in _text(page, "connected-means")
    # the shortest connection is drawn on the map, and only it
    assert _highlighted(page) == {
        "roc-midden-nederland",
        "netwerk-flexibilisering-mbo",
        "flexibilisering",
        "netwerk-onderwijslogistiek",
        "mbo-digitaal",
        "mbo-raad",
    }


def test_no_route_in_english(env: Env) -> None:
    login(env, "viewer")
    form = token(env, "/w/demo")
    env.client.post("/lang", data={"lang": "en", "back": "/w/demo", "csrf_token": form})
    page = env.client.get(_NO_ROUTE).text
    assert _text(page, "why") == (
        "No chain of ties or shared networks or activities joins them: they are in different"
        " parts of the network. ROC Midden-Nederland is connected with 4 other people and"
        " organisations. MBO Raad is connected with 1 other person or organisation."
    )
    assert _text(page, "shared") == "What they share: the theme flexibilisering."
    assert _text(page, "shortest").startswith(
        "ROC Midden-Nederland → Netwerk Flexibilisering mbo (member of) · network"
    )
    assert _text(page, "shortest").endswith("MBO Digitaal → MBO Raad (part of) · organisation")
    assert "Connected means" in _text(page, "connected-means")


@on_both
def test_a_found_path_has_no_no_route_section(env: Env) -> None:
    login(env, "viewer")
    page = env.client.get("/w/demo/paths?source=roc-midden-nederland&target=cinop").text
    assert 'id="no-route"' not in page
    assert "ROC Midden-Nederland → CINOP" in page


def test_node_page_lists_the_theme_its_recommendation_cites(env: Env) -> None:
    login(env, "viewer")
    page = env.client.get("/w/demo/node/roc-midden-nederland").text
    themes = re.search(r"<h2>Thema's</h2>(.*?)</section>", html.unescape(page), re.S)
    assert themes
    listed = " ".join(re.sub(r"<[^>]+>", " ", themes.group(1)).split())
    assert listed == "flexibilisering (via Netwerk Flexibilisering mbo)"
    recommendations = re.search(r"<ol class=\"list\">(.*?)</ol>", page, re.S)
    assert recommendations and "flexibilisering" in recommendations.group(1)


def test_an_end_with_no_ties_is_named_as_cut_off(env: Env) -> None:
    env.store.upsert(
        "demo", [Node(id="eenling", kind="organisation", name="Eenling BV", workspace="demo")]
    )
    login(env, "viewer")
    page = env.client.get("/w/demo/paths?source=roc-midden-nederland&target=eenling").text
    assert _text(page, "why") == (
        "Eenling BV heeft geen banden en deelt met niemand een netwerk of activiteit, dus er"
        " leidt geen leerroute heen."
    )
    assert _text(page, "shared") == "Ze delen geen thema's."
    assert _text(page, "shortest-none") == "Niets verbindt hen, zelfs niet via een thema."
    assert 'id="shortest"' not in page


def test_reached_themes_of_a_person_and_of_an_organisation_with_units() -> None:
    graph = nx.MultiDiGraph()
    for node, kind in [
        ("ann", "person"),
        ("roc", "organisation"),
        ("unit", "organisation"),
        ("net", "network"),
        ("meeting", "activity"),
        ("llo", "theme"),
        ("flex", "theme"),
        ("own", "theme"),
    ]:
        graph.add_node(node, kind=kind, name=node)
    graph.add_edge("ann", "roc", type="works_at")
    graph.add_edge("ann", "own", type="works_on")
    graph.add_edge("roc", "meeting", type="participates_in")
    graph.add_edge("meeting", "net", type="part_of")
    graph.add_edge("net", "flex", type="works_on")
    graph.add_edge("unit", "roc", type="part_of")
    graph.add_edge("unit", "llo", type="works_on")
    # the person: own theme, then through the organisation (its meeting's network's
    # theme); the themes of units of the organisation are not the person's
    assert reached_themes(graph, "ann") == {"own": None, "flex": "roc"}
    # the organisation: through its meeting's network, and through its unit
    assert reached_themes(graph, "roc") == {"flex": "net", "llo": "unit"}
    # a theme reaches nothing through others
    assert reached_themes(graph, "flex") == {}
