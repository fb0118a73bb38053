"""Real browser tests: the map draws, clicks open the panel, paths are drawn, hostile
names stay text, and nothing leaves 127.0.0.1."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.live import EVIL, Live

pytestmark = pytest.mark.browser
#: screenshots go here when GRENSWERK_SCREENSHOTS is set (`make screenshots` sets it to
#: docs/screenshots, the README's pictures); otherwise to a temporary folder
SHOTS = Path(os.environ.get("GRENSWERK_SCREENSHOTS") or tempfile.mkdtemp(prefix="gw-shots-"))


def wait_for_map(page: Page, timeout: float = 30.0) -> None:
    """Until the map is drawn and settled. Polled from here: Playwright's own polling
    evaluates text in the page, which the pages' Content-Security-Policy forbids."""
    deadline = time.monotonic() + timeout
    while page.evaluate("document.body.dataset.stable") != "yes":
        assert time.monotonic() < deadline, "the map was not drawn in time"
        page.wait_for_timeout(25)


def test_map_draws_every_node(page: Page, live: Live) -> None:
    wait_for_map(page)
    expected = len([n for n in live.store.list_nodes("demo") if n.kind.value != "source"])
    assert page.evaluate("window.grenswerkMap.nodes.length") == expected
    assert page.locator("#map canvas").count() == 1
    box = page.locator("#map canvas").bounding_box()
    assert box is not None and box["width"] > 500 and box["height"] > 300
    page.screenshot(path=str(SHOTS / "map.png"))


def click_node(page: Page, node_id: str) -> None:
    point = page.evaluate(
        """(id) => { const net = window.grenswerkMap.network;
                     net.focus(id, {scale: 1.5});
                     const p = net.canvasToDOM(net.getPositions([id])[id]);
                     const r = document.querySelector('#map canvas').getBoundingClientRect();
                     return {x: r.left + p.x, y: r.top + p.y}; }""",
        node_id,
    )
    page.mouse.click(point["x"], point["y"])


def test_clicking_a_node_opens_its_panel(page: Page) -> None:
    wait_for_map(page)
    click_node(page, "cinop")
    panel = page.locator("#panel")
    panel.wait_for(state="visible", timeout=5_000)
    assert page.locator("#panel-name").inner_text() == "CINOP"
    body = page.locator("#panel-body").inner_text()  # labels in Dutch (docs/i18n.md)
    assert "organisatie (kennisinstituut)" in body and "knowledge_institute" not in body
    page.click("#panel-link")
    page.wait_for_url("**/w/demo/node/cinop")
    assert page.locator("h1").inner_text() == "CINOP"
    page.screenshot(path=str(SHOTS / "organisation.png"), full_page=True)


def test_path_finder_draws_a_path(page: Page, live: Live) -> None:
    page.goto(f"{live.url}/w/demo/paths")
    page.select_option("#source", "roc-midden-nederland")
    page.select_option("#target", "cinop")
    page.click("#find")
    page.wait_for_selector("#paths li")
    assert "ROC Midden-Nederland → CINOP" in page.locator("#paths").inner_text()
    wait_for_map(page)
    highlighted = page.evaluate("window.grenswerkMap.edges.get().filter(e => e.width === 4).length")
    assert highlighted >= 1
    page.screenshot(path=str(SHOTS / "path.png"), full_page=True)


def test_hostile_names_raise_no_dialog(page: Page, live: Live, tmp_path: Path) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    wait_for_map(page)
    click_node(page, "xss")
    page.locator("#panel").wait_for(state="visible", timeout=5_000)
    assert page.locator("#panel-name").inner_text() == EVIL  # shown as text
    for path in ("/w/demo/node/xss", "/w/demo/paths?source=xss&target=cinop"):
        page.goto(live.url + path)
        page.wait_for_timeout(300)
    # the downloadable map, opened as a file: self-contained, and just as inert
    download = page.request.get(f"{live.url}/api/workspaces/demo/map?download=true")
    saved = tmp_path / "map.html"
    saved.write_bytes(download.body())
    page.goto(saved.as_uri())
    wait_for_map(page)
    assert page.evaluate("window.grenswerkMap.data.nodes.find(n => n.id === 'xss').label") == EVIL
    assert dialogs == []
    assert page.locator("img[src=x]").count() == 0


def test_no_request_leaves_the_machine(page: Page, live: Live) -> None:
    wait_for_map(page)
    page.goto(f"{live.url}/w/demo/node/noorderpoort")
    page.goto(f"{live.url}/w/demo?color_by=community&size_by=betweenness")
    wait_for_map(page)
    outside = [
        u
        for u in live.requests
        if not u.startswith((live.url, "data:", "blob:", "about:", "file:"))
    ]
    assert live.requests and outside == []
