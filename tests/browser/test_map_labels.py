"""The map a manager opens (issue 22), measured in Chromium: names never on top of each
other at the first view (voorbeeld-roc and a 2 000-node workspace), nodes that stay put
when an organisation is added, a focus and a route that zoom to what they show, names on
hover and as you zoom in, a dragged node kept in a saved view, and PNG/SVG/PDF of
exactly the view on screen.

The names drawn are read from the canvas itself: every ``fillText`` on the map's canvas
is recorded with its box (the text's measured extent under the canvas's transform), so
the count does not depend on how the page decides what to write.
Run with ``-s`` to see the figures: ``pytest -s tests/browser/test_map_labels.py``.
"""

from __future__ import annotations

import io
import math
import random
import struct
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import networkx as nx
import pypdf
import pytest
import uvicorn
from defusedxml import ElementTree
from playwright.sync_api import Browser, Page

from api.app import create_app
from api.config import Settings
from api.keys import ALL, KeyStore
from graph.model import Node, Relationship
from graph.store.sqlite import SQLiteStore
from importers import ImportOptions, import_paths
from tests.api.conftest import TEST_SECRET
from tests.browser.test_maps import wait_for_map
from tests.live import _free_port

pytestmark = pytest.mark.browser

EXAMPLE_DIR = Path(__file__).parents[2] / "graph" / "data" / "voorbeeld"
BIG = 2000

#: records every text drawn on the map's canvas, with its box in CSS px
RECORD = """
(() => {
  const fill = CanvasRenderingContext2D.prototype.fillText;
  window.__texts = null;
  CanvasRenderingContext2D.prototype.fillText = function (text, x, y, maxWidth) {
    if (window.__texts && this.canvas.closest && this.canvas.closest('#map')) {
      const m = this.getTransform(), box = this.measureText(text);
      const ratio = window.devicePixelRatio || 1;
      const left = x - box.actualBoundingBoxLeft, right = x + box.actualBoundingBoxRight;
      const top = y - box.actualBoundingBoxAscent, bottom = y + box.actualBoundingBoxDescent;
      const at = (px, py) => [(m.a * px + m.c * py + m.e) / ratio,
                              (m.b * px + m.d * py + m.f) / ratio];
      const a = at(left, top), b = at(right, bottom);
      window.__texts.push({text: String(text), box: [Math.min(a[0], b[0]), Math.min(a[1], b[1]),
                                                   Math.max(a[0], b[0]), Math.max(a[1], b[1])]});
    }
    return fill.call(this, text, x, y, maxWidth);
  };
})();
"""


def drawn_texts(page: Page) -> list[dict[str, Any]]:
    """The texts the map's canvas draws in one redraw, with their boxes."""
    page.evaluate("window.__texts = []; window.grenswerkMap.network.redraw()")
    page.wait_for_timeout(150)  # vis-network draws on the next animation frame
    texts: list[dict[str, Any]] = page.evaluate("window.__texts")
    page.evaluate("window.__texts = null")
    return texts


def overlapping_pairs(texts: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """The pairs of drawn texts whose boxes overlap (by more than half a px each way)."""
    pairs = []
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            (ax0, ay0, ax1, ay1), (bx0, by0, bx1, by1) = a["box"], b["box"]
            if min(ax1, bx1) - max(ax0, bx0) > 0.5 and min(ay1, by1) - max(ay0, by0) > 0.5:
                pairs.append((a["text"], b["text"]))
    return pairs


def _big(name: str, seed: int = 7) -> tuple[list[Node], list[Relationship]]:
    """A 2 000-node workspace: organisations in six sectors, a fifth people, ten networks
    and ten themes, heavy-tailed ties (Barabási–Albert)."""
    rng = random.Random(seed)
    base = nx.barabasi_albert_graph(BIG, 2, seed=seed)
    nodes = []
    for i in base:
        if i < 10:
            nodes.append(Node(id=f"n{i}", kind="network", name=f"Netwerk {i}", workspace=name))
        elif i < 20:
            nodes.append(Node(id=f"n{i}", kind="theme", name=f"Thema {i}", workspace=name))
        elif rng.random() < 0.2:
            nodes.append(Node(id=f"n{i}", kind="person", name=f"Persoon {i}", workspace=name))
        else:
            nodes.append(
                Node(
                    id=f"n{i}",
                    kind="organisation",
                    name=f"Organisatie {i}",
                    workspace=name,
                    org_type="company",
                    sector=rng.choice(["zorg", "bouw", "ict", "horeca"]),
                )
            )
    kinds = {n.id: n.kind.value for n in nodes}
    ties = []
    for u, v in base.edges():
        a, b = f"n{u}", f"n{v}"
        if "theme" in (kinds[a], kinds[b]):
            a, b = (a, b) if kinds[b] == "theme" else (b, a)
            kind = "works_on" if kinds[a] not in ("network", "theme") else "related_to"
        elif "network" in (kinds[a], kinds[b]):
            a, b = (a, b) if kinds[b] == "network" else (b, a)
            kind = "member_of" if kinds[a] != "network" or kinds[b] == "network" else "related_to"
        else:
            kind = "collaborates_with"
        ties.append(Relationship(source=a, target=b, type=kind, workspace=name))
    return nodes, ties


@dataclass
class Server:
    url: str
    key: str
    store: SQLiteStore


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """voorbeeld-roc and a 2 000-node workspace, twice each (one copy gets a new node)."""
    data = tmp_path_factory.mktemp("labels")
    store = SQLiteStore(data / "grenswerk.sqlite3")
    for name in ("voorbeeld-roc", "voorbeeld-roc-2"):
        import_paths(store, [EXAMPLE_DIR], ImportOptions(name))
    for name in ("groot", "groot-2"):
        store.upsert(name, *_big(name))
    keys = KeyStore(SQLiteStore(":memory:"))
    token = keys.create(ALL, "admin")
    port = _free_port()
    app = create_app(
        Settings(environment="test", secret_key=TEST_SECRET, data_dir=data), store=store, keys=keys
    )
    running = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield Server(f"http://127.0.0.1:{port}", token, store)
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def page(browser: Browser, server: Server) -> Iterator[Page]:
    """A Dutch page at 1400×900 (the screenshots' size), logged in, recording texts."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="nl-NL")
    context.add_cookies([{"name": "lang", "value": "nl", "url": server.url}])
    context.add_init_script(RECORD)
    opened = context.new_page()
    opened.goto(f"{server.url}/login")
    opened.fill("input[name=key]", server.key)
    opened.click("button[type=submit]")
    opened.wait_for_url(f"{server.url}/")
    yield opened
    context.close()


def open_map(page: Page, server: Server, path: str) -> None:
    page.goto(server.url + path)
    wait_for_map(page)


@pytest.mark.parametrize("workspace", ["voorbeeld-roc", "groot"])
def test_no_two_names_overlap_at_the_first_view(page: Page, server: Server, workspace: str) -> None:
    open_map(page, server, f"/w/{workspace}")
    texts = drawn_texts(page)
    pairs = overlapping_pairs(texts)
    print(f"\n{workspace}: {len(texts)} names drawn at the first view, {len(pairs)} pairs overlap")
    assert len(texts) >= 20  # names are written: the most central where they fit
    assert pairs == []


#: each node of the map's data at its place on screen (a closed cluster's members too)
ON_SCREEN = """() => { const m = window.grenswerkMap, net = m.network;
  return Object.fromEntries(m.data.nodes.map(n => {
    const p = net.canvasToDOM({x: n.x, y: n.y}); return [n.id, [p.x, p.y]]; })); }"""


def movement(before: dict[str, list[float]], after: dict[str, list[float]]) -> tuple[float, float]:
    """Mean and largest distance on screen (px) the nodes of ``before`` moved."""
    moved = [math.dist(before[n], after[n]) for n in before]
    return sum(moved) / len(moved), max(moved)


@pytest.mark.parametrize("workspace", ["voorbeeld-roc-2", "groot-2"])
def test_known_nodes_stay_put_when_an_organisation_is_added(
    page: Page, server: Server, workspace: str
) -> None:
    open_map(page, server, f"/w/{workspace}")
    before = page.evaluate(ON_SCREEN)
    server.store.upsert(
        workspace,
        [Node(id="nieuw-los", kind="organisation", name="Nieuwe Organisatie", workspace=workspace)],
    )
    open_map(page, server, f"/w/{workspace}")
    after = page.evaluate(ON_SCREEN)
    mean, most = movement(before, after)
    print(
        f"\n{workspace}: adding one unconnected organisation moved the others {mean:.2f} px "
        f"on average (at most {most:.2f} px)"
    )
    assert "nieuw-los" in after and mean < 5
    # a new organisation tied to a known node starts beside it
    anchor = {"voorbeeld-roc-2": "roc-voorbeeldstad", "groot-2": "n500"}[workspace]
    server.store.upsert(
        workspace,
        [Node(id="nieuw-vast", kind="organisation", name="Nieuwe Partner", workspace=workspace)],
        [
            Relationship(
                source="nieuw-vast", target=anchor, type="partners_with", workspace=workspace
            )
        ],
    )
    open_map(page, server, f"/w/{workspace}")
    again = page.evaluate(ON_SCREEN)
    mean, most = movement(before, again)
    print(
        f"{workspace}: adding one organisation tied to {anchor} moved the others "
        f"{mean:.2f} px on average (at most {most:.2f} px); it stands "
        f"{math.dist(again['nieuw-vast'], again[anchor]):.0f} px from it"
    )
    assert mean < 5
    ties = page.evaluate("window.grenswerkMap.data.edges.map(e => [e.from, e.to])")
    usual = sorted(math.dist(again[a], again[b]) for a, b in ties)[len(ties) // 2]
    assert math.dist(again["nieuw-vast"], again[anchor]) <= 1.5 * usual


#: where the shown (not hidden) nodes are on screen, and the canvas's size
SHOWN = """(look) => { const m = window.grenswerkMap, net = m.network;
  const canvas = document.querySelector('#map canvas').getBoundingClientRect();
  const ids = m.nodes.get().filter(n => !n.hidden && (!look || n.color.background !== '#e3e6ea'))
    .map(n => n.id);
  const at = net.getPositions(ids);
  return {w: canvas.width, h: canvas.height,
          points: ids.map(id => {
            const p = net.canvasToDOM(at[id]); return [id, p.x, p.y]; })}; }"""


def _frame(page: Page, lit_only: bool = False) -> tuple[set[str], float, float, bool]:
    """The nodes shown (or only the lit ones), how much of the canvas's width and height
    they span, and whether all are inside it."""
    found = page.evaluate(SHOWN, lit_only)
    xs = [p[1] for p in found["points"]]
    ys = [p[2] for p in found["points"]]
    inside = all(0 <= x <= found["w"] and 0 <= y <= found["h"] for x, y in zip(xs, ys, strict=True))
    return (
        {p[0] for p in found["points"]},
        (max(xs) - min(xs)) / found["w"],
        (max(ys) - min(ys)) / found["h"],
        inside,
    )


def test_a_focus_zooms_to_what_it_shows(page: Page, server: Server) -> None:
    open_map(page, server, "/w/voorbeeld-roc")
    page.fill("#map-search", "Techniekpact Voorbeeldstad")
    page.press("#map-search", "Enter")
    page.select_option("#map-depth", "1")
    page.check("#map-hide-rest")
    shown, wide, high, inside = _frame(page)
    print(
        f"\nfocus on Techniekpact Voorbeeldstad, 1 step, the rest hidden: {len(shown)} nodes "
        f"spanning {wide:.0%} of the width and {high:.0%} of the height"
    )
    assert "techniekpact-voorbeeldstad" in shown and 5 <= len(shown) < 60
    assert inside and max(wide, high) >= 0.6  # zoomed to them: they fill the view
    names = {t["text"] for t in drawn_texts(page)}
    assert "Techniekpact Voorbeeldstad" in names and len(names) >= len(shown) // 2


def test_a_route_is_drawn_apart_from_the_rest_and_the_view_goes_to_it(
    page: Page, server: Server
) -> None:
    open_map(
        page, server, "/w/voorbeeld-roc/paths?source=bouwbedrijf-blokland&target=hanna-zijlstra"
    )
    route = set(
        page.evaluate("window.grenswerkMap.data.nodes.filter(n => n.borderWidth).map(n => n.id)")
    )
    lit, wide, high, inside = _frame(page, lit_only=True)
    print(f"\nroute of {len(route)} nodes: {len(lit)} drawn lit, spanning {wide:.0%} × {high:.0%}")
    assert len(route) >= 2 and lit == route  # the rest is dimmed
    assert inside and max(wide, high) >= 0.4
    names = {t["text"] for t in drawn_texts(page)}
    route_names = set(
        page.evaluate("window.grenswerkMap.data.nodes.filter(n => n.borderWidth).map(n => n.label)")
    )
    assert route_names <= names


def test_more_names_as_you_zoom_in_and_the_rest_on_hover(page: Page, server: Server) -> None:
    open_map(page, server, "/w/voorbeeld-roc")
    labelled = set(page.evaluate("window.grenswerkMap.labelled()"))
    hidden = page.evaluate(
        """(named) => { const m = window.grenswerkMap, net = m.network;
             const c = document.querySelector('#map canvas').getBoundingClientRect();
             const n = m.data.nodes.find(n => !named.includes(n.id) && (() => {
               const p = net.canvasToDOM({x: n.x, y: n.y});
               return p.x > 100 && p.y > 100 && p.x < c.width - 100 && p.y < c.height - 100; })());
             const p = net.canvasToDOM({x: n.x, y: n.y});
             return {id: n.id, label: n.label, x: c.left + p.x, y: c.top + p.y}; }""",
        sorted(labelled),
    )
    page.mouse.move(hidden["x"] - 40, hidden["y"] - 40)
    page.mouse.move(hidden["x"], hidden["y"], steps=4)
    page.wait_for_timeout(300)
    assert hidden["label"] in {t["text"] for t in drawn_texts(page)}  # its name on hover
    page.mouse.move(5, 5)
    visible = """() => { const m = window.grenswerkMap, net = m.network;
        const c = document.querySelector('#map canvas').getBoundingClientRect();
        return m.data.nodes.filter(n => { const p = net.canvasToDOM({x: n.x, y: n.y});
          return p.x >= 0 && p.y >= 0 && p.x <= c.width && p.y <= c.height; }).length; }"""
    first = (len(drawn_texts(page)), page.evaluate(visible))
    page.evaluate(
        "(() => { const net = window.grenswerkMap.network;"
        " net.moveTo({scale: net.getScale() * 2.5}); })()"
    )
    closer = drawn_texts(page)
    after = (len(closer), page.evaluate(visible))
    print(
        f"\nfirst view: {first[0]} names for {first[1]} nodes on screen; zoomed in 2.5×: "
        f"{after[0]} names for {after[1]} nodes"
    )
    assert overlapping_pairs(closer) == []
    assert after[0] / after[1] > 1.5 * first[0] / first[1]  # a larger share is named


def test_a_dragged_node_is_kept_in_a_saved_view(page: Page, server: Server) -> None:
    open_map(page, server, "/w/voorbeeld-roc")
    start = page.evaluate(
        """() => { const net = window.grenswerkMap.network;
             const c = document.querySelector('#map canvas').getBoundingClientRect();
             const id = 'roc-voorbeeldstad', p = net.canvasToDOM(net.getPositions([id])[id]);
             return {x: c.left + p.x, y: c.top + p.y}; }"""
    )
    page.mouse.move(start["x"], start["y"])
    page.mouse.down()
    page.mouse.move(start["x"] + 120, start["y"] + 60, steps=8)
    page.mouse.up()
    dragged = page.evaluate("window.grenswerkMap.network.getPositions(['roc-voorbeeldstad'])")
    assert "Bewaar een weergave" in page.locator("#map-message").inner_text()
    page.fill("#map-view-name", "ROC opzij")
    page.click("#map-view-save")
    page.wait_for_url("**view=ROC*")
    wait_for_map(page)
    page.goto(f"{server.url}/w/voorbeeld-roc")
    wait_for_map(page)
    page.select_option("#map-views", "ROC opzij")
    page.wait_for_url("**view=ROC*")
    wait_for_map(page)
    kept = page.evaluate("window.grenswerkMap.network.getPositions(['roc-voorbeeldstad'])")
    x, y = dragged["roc-voorbeeldstad"]["x"], dragged["roc-voorbeeldstad"]["y"]
    assert (
        abs(kept["roc-voorbeeldstad"]["x"] - x) <= 1
        and abs(kept["roc-voorbeeldstad"]["y"] - y) <= 1
    )
    page.goto(f"{server.url}/w/voorbeeld-roc")
    wait_for_map(page)
    plain = page.evaluate("window.grenswerkMap.network.getPositions(['roc-voorbeeldstad'])")
    assert plain != kept  # only in that view


def test_the_exports_are_exactly_the_view_on_screen(page: Page, server: Server) -> None:
    open_map(page, server, "/w/voorbeeld-roc?sectors=bouw,techniek")
    page.fill("#map-search", "ROC Voorbeeldstad")
    page.press("#map-search", "Enter")
    page.select_option("#map-depth", "1")
    page.check("#map-hide-rest")
    page.uncheck("#map-themes")
    on_screen = set(
        page.evaluate("window.grenswerkMap.nodes.get().filter(n => !n.hidden).map(n => n.id)")
    )
    names = sorted(t["text"] for t in drawn_texts(page))
    got: dict[str, tuple[dict[str, list[str]], bytes]] = {}
    for fmt in ("svg", "pdf", "png"):
        with page.expect_download() as download:
            page.click(f"a.gw-export[data-format={fmt}]")
        query = parse_qs(urlsplit(download.value.url).query)
        got[fmt] = (query, Path(download.value.path()).read_bytes())
    assert got["svg"][0] == got["pdf"][0] == got["png"][0]  # one view, three formats
    root = ElementTree.fromstring(got["svg"][1])
    svg = "{http://www.w3.org/2000/svg}"
    drawn = {
        g.get("id", "")[5:] for g in root.iter(f"{svg}g") if g.get("id", "").startswith("node-")
    }
    texts = ["".join(t.itertext()).strip() for t in root.iter(f"{svg}text")]
    print(f"\nthe view: {len(on_screen)} nodes, {len(names)} names; the SVG: {len(drawn)} nodes")
    assert drawn == on_screen
    assert sorted(t for t in texts if t in set(names)) == names
    assert "Rond ROC Voorbeeldstad, 1 stap; de rest verborgen" in texts
    assert any("Sectoren: bouw, techniek" in t for t in texts) and "Thema's niet getoond" in texts
    pdf = got["pdf"][1]
    assert pdf[:5] == b"%PDF-"
    words = " ".join(pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert "Rond ROC Voorbeeldstad, 1 stap; de rest verborgen" in words
    assert [n for n in names if " ".join(n.split()) not in words] == []
    png = got["png"][1]
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    screen = [int(v) for v in got["png"][0]["screen"][0].split("x")]
    assert width == 2 * screen[0] and height > 2 * screen[1]  # the window, twice as sharp
