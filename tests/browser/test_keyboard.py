"""Every control of the map page by keyboard (issue 12, §6): Tab reaches the filters
(and the choices inside one), the download buttons, the search box, the focus depth and
the table, and each shows a visible focus outline."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from tests.browser.test_maps import wait_for_map
from tests.live import Live

pytestmark = pytest.mark.browser

#: what the focused element is and whether its focus is visible (an outline or a ring)
FOCUSED = """() => { const el = document.activeElement, s = getComputedStyle(el);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  const ring = s.boxShadow && s.boxShadow !== 'none';
  return {id: el.id, name: el.getAttribute('name') || '', tag: el.tagName.toLowerCase(),
          cls: el.className || '', text: (el.innerText || '').trim().slice(0, 40),
          key: el.dataset ? (el.dataset.key || '') : '', visible: outline || Boolean(ring)}; }"""

#: a label for each control the walk must reach
WANTED = {
    "kleur naar": lambda f: f["name"] == "color_by",
    "grootte naar": lambda f: f["name"] == "size_by",
    "soorten": lambda f: f["tag"] == "summary" and f["text"].startswith("Soorten:"),
    "een soort": lambda f: f["name"] == "kinds",
    "op datum": lambda f: f["name"] == "at",
    "download als HTML": lambda f: f["tag"] == "a" and "download=true" in f.get("href", ""),
    "PNG": lambda f: f["tag"] == "a" and f["text"] == "PNG",
    "SVG": lambda f: f["tag"] == "a" and f["text"] == "SVG",
    "PDF": lambda f: f["tag"] == "a" and f["text"] == "PDF",
    "zoek": lambda f: f["id"] == "map-search",
    "stappen": lambda f: f["id"] == "map-depth",
    "de kaart als tabel": lambda f: f["tag"] == "summary",
    "tabelkop": lambda f: f["tag"] == "th" and f["key"] == "label",
}


def _walk(page: Page, steps: int) -> list[dict[str, Any]]:
    seen = []
    for _ in range(steps):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        focused["href"] = page.evaluate("document.activeElement.getAttribute('href') || ''")
        seen.append(focused)
        # open the kinds' choices and the table, then walk on into them
        if focused["tag"] == "summary" and focused["text"].startswith(("Soorten:", "De kaart")):
            page.keyboard.press("Enter")
    return seen


def test_tab_reaches_every_map_control_with_a_visible_focus(page: Page, live: Live) -> None:
    page.goto(f"{live.url}/w/demo")
    wait_for_map(page)
    page.evaluate("document.activeElement && document.activeElement.blur()")
    seen = _walk(page, 80)
    reached = {name: [f for f in seen if match(f)] for name, match in WANTED.items()}
    assert [name for name, found in reached.items() if not found] == [], seen
    invisible = [name for name, found in reached.items() if not found[0]["visible"]]
    assert invisible == [], reached
