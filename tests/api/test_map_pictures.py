"""The map's PNG, SVG and PDF: exactly a view (filters, focus and steps, the rest hidden
or dimmed, the themes layer, the window, the names written), with a title, what the
view shows in words, and the legends; a bad value is a 422 that names it."""

from __future__ import annotations

import datetime as dt
import io
import re
import struct

import networkx as nx
import pypdf
from defusedxml import ElementTree

from api.services.reports import format_date
from graph.analysis.subgraphs import filter_view
from graph.model import Node, Relationship
from tests.api.conftest import Env
from tests.conftest import on_both

W = "/api/workspaces/demo"
EVIL = "<b>Bad & Co</b>"
SVG = "{http://www.w3.org/2000/svg}"


def _svg(env: Env, **params: str) -> tuple[set[str], set[str]]:
    """The ids of the nodes an SVG draws, and its texts."""
    response = env.client.get(f"{W}/map.svg", params=params, headers=env.as_("viewer"))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("image/svg+xml")
    root = ElementTree.fromstring(response.content)
    ids = {
        g.get("id", "").removeprefix("node-")
        for g in root.iter(f"{SVG}g")
        if g.get("id", "").startswith("node-")
    }
    texts = {"".join(t.itertext()).strip() for t in root.iter(f"{SVG}text")}
    return ids, texts


def _ego(env: Env, node: str, depth: int) -> set[str]:
    view = nx.Graph(filter_view(env.store.load_graph("demo")).to_undirected(as_view=True))
    return set(nx.ego_graph(view, node, radius=depth))


@on_both
def test_the_png_is_the_window_twice_as_sharp_with_room_for_title_and_legend(env: Env) -> None:
    response = env.client.get(f"{W}/map.png?screen=1280x700", headers=env.as_("viewer"))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "image/png"
    width, height = struct.unpack(">II", response.content[16:24])
    assert width == 2 * 1280 and height > 2 * 700


@on_both
def test_the_whole_map_with_title_date_legend_and_its_names(env: Env) -> None:
    ids, texts = _svg(env)
    shown = {n.id for n in env.store.list_nodes("demo") if n.kind.value != "source"}
    assert ids == shown
    assert "Kaart van demo" in texts
    today = dt.date.today()
    assert any(t.startswith("Gemaakt op ") and format_date(today, "nl") in t for t in texts) or any(
        format_date(today + dt.timedelta(days=1), "nl") in t for t in texts
    )
    assert {"organisatie", "persoon", "thema"} <= texts
    assert "Grootte: alle vormen even groot" in texts
    names = texts & {n.name for n in env.store.list_nodes("demo")}
    assert len(names) >= 15  # the most central, where they fit (the rule of labels.py)


def test_a_focus_with_the_rest_hidden_draws_only_what_is_around_it(env: Env) -> None:
    ids, texts = _svg(env, focus="cinop", depth="1", hide="yes")
    assert ids == _ego(env, "cinop", 1)
    assert "Rond CINOP, 1 stap; de rest verborgen" in texts
    dimmed, _ = _svg(env, focus="cinop", depth="1")
    assert dimmed > ids  # dimmed, not hidden: drawn


def test_the_themes_layer_off_and_filters_in_english(env: Env) -> None:
    themes = {n.id for n in env.store.list_nodes("demo") if n.kind.value == "theme"}
    ids, texts = _svg(env, themes_layer="off")
    assert themes and not ids & themes and "Thema's niet getoond" in texts
    ids, texts = _svg(env, lang="en", kinds="organisatie,persoon", at="2024-09-01")
    kinds = {n.id: n.kind.value for n in env.store.list_nodes("demo")}
    assert ids and {kinds[i] for i in ids} == {"organisation", "person"}
    assert "Map of demo" in texts
    assert any("Kinds: organisation, person" in t and "on September 1, 2024" in t for t in texts)


def test_the_names_written_on_screen_and_a_hostile_one_as_text(env: Env) -> None:
    env.store.upsert(
        "demo",
        [Node(id="evil", kind="organisation", name=EVIL, workspace="demo")],
        [Relationship(source="evil", target="cinop", type="partners_with", workspace="demo")],
    )
    response = env.client.get(
        f"{W}/map.svg", params={"names": "evil,cinop,nergens"}, headers=env.as_("viewer")
    )
    assert b"<b>" not in response.content
    root = ElementTree.fromstring(response.content)
    texts = ["".join(t.itertext()).strip() for t in root.iter(f"{SVG}text")]
    assert EVIL in texts and "CINOP" in texts
    names = [t for t in texts if t in {n.name for n in env.store.list_nodes("demo")}]
    assert sorted(names) == sorted([EVIL, "CINOP"])


def test_the_pdf_keeps_its_text(env: Env) -> None:
    response = env.client.get(f"{W}/map.pdf?focus=cinop&hide=yes", headers=env.as_("viewer"))
    assert response.status_code == 200 and response.content[:5] == b"%PDF-"
    text = pypdf.PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Kaart van demo" in text and "Rond CINOP, 2 stappen" in text


def test_bad_values_are_refused_and_named(env: Env) -> None:
    for params, named in (
        ({"kinds": "organisatoin"}, "organisatoin"),
        ({"box": "1,2,3"}, "box"),
        ({"box": "10,0,0,10"}, "box"),
        ({"screen": "breed"}, "screen"),
        ({"moved": "cinop:x:y"}, "moved"),
        ({"depth": "9"}, "depth"),
    ):
        response = env.client.get(f"{W}/map.png", params=params, headers=env.as_("viewer"))
        assert response.status_code == 422, params
        assert named in response.text, (params, response.text)
    assert re.search("Traceback", response.text) is None
