"""The map's filters and legends as a Dutch manager meets them in Chromium (issue 22):
every field of the workspace (kind, practice, sector, tie type, theme) a list of Dutch
choices to tick, a date typed day first in a plain text box (never Chromium's
``mm/dd/yyyy``), Dutch answers to Dutch input, a size legend that says what size means,
and a legend's corner that no name is written over."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.test_map_labels import RECORD, drawn_texts
from tests.browser.test_maps import wait_for_map
from tests.live import Live

pytestmark = pytest.mark.browser

ENGLISH = re.compile(r"\b(unknown|use|kinds?|not a date|choose from)\b", re.I)


@pytest.fixture
def dutch(browser: Browser, live: Live) -> Iterator[Page]:
    """A Dutch page at 1400×900, logged in to demo, recording the texts drawn."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="nl-NL")
    context.add_cookies([{"name": "lang", "value": "nl", "url": live.url}])
    context.add_init_script(RECORD)
    opened = context.new_page()
    opened.goto(f"{live.url}/login")
    opened.fill("input[name=key]", live.key)
    opened.click("button[type=submit]")
    opened.wait_for_url(f"{live.url}/w/demo")
    wait_for_map(opened)
    yield opened
    context.close()


def _shown(page: Page) -> int:
    found = re.search(r"De kaart toont (\d+) onderdelen", page.inner_text("#map-counts"))
    assert found, page.inner_text("#map-counts")
    return int(found.group(1))


def _submit(page: Page, map_follows: bool = True) -> None:
    """Send the filters' form and wait for the new page (and its map)."""
    with page.expect_navigation():
        page.click("#map-filters button[type=submit]")
    if map_follows:
        wait_for_map(page)


def _tick(page: Page, group: str, label: str) -> None:
    """Open a filter's list and tick the choice with this Dutch label."""
    page.click(f"#filter-{group} summary")
    page.locator(f"#filter-{group} label", has_text=label).first.locator("input").check()


def test_every_filter_is_a_list_of_dutch_choices_that_narrows_the_map(
    dutch: Page, live: Live
) -> None:
    titles = {
        name: dutch.inner_text(f"#filter-{name} summary")
        for name in ("kinds", "practices", "sectors", "types", "theme")
    }
    print(f"\nthe filters: {titles}")
    assert all(t.endswith(": alle") for t in titles.values())  # nothing ticked: all shown
    assert dutch.locator("#map-filters input[type=text][name=kinds]").count() == 0
    everything = _shown(dutch)
    dutch.select_option("select[name=color_by]", "sector")
    _tick(dutch, "sectors", "mbo")
    _tick(dutch, "kinds", "organisatie")
    _submit(dutch)
    assert "sectors=mbo" in dutch.url
    assert "mbo" in dutch.inner_text("#filter-sectors summary")  # the summary says the choice
    groups = set(dutch.evaluate("window.grenswerkMap.data.nodes.map(n => n.group)"))
    kinds = set(dutch.evaluate("window.grenswerkMap.data.nodes.map(n => n.kind)"))
    print(f"sector mbo, organisations: {_shown(dutch)} of {everything} nodes, groups {groups}")
    assert groups == {"mbo"} and kinds == {"organisation"}
    assert 0 < _shown(dutch) < everything
    with dutch.expect_navigation():
        dutch.click("text=Filters wissen")
    wait_for_map(dutch)
    assert _shown(dutch) == everything


def test_the_date_is_a_dutch_text_box_and_a_wrong_one_is_answered_in_dutch(
    dutch: Page, live: Live
) -> None:
    box = dutch.locator("#map-filters input[name=at]")
    assert box.get_attribute("type") in (None, "text")  # Chromium's date box says mm/dd/yyyy
    assert box.get_attribute("placeholder") == "dd-mm-jjjj"
    everything = _shown(dutch)
    box.fill("01-01-2018")
    _submit(dutch)
    assert dutch.locator("#map-filters input[name=at]").input_value() == "01-01-2018"
    assert _shown(dutch) < everything
    dutch.fill("#map-filters input[name=at]", "31-02-2024")
    _submit(dutch, map_follows=False)
    alert = dutch.inner_text("p.problem[role=alert]")
    print(f"\na wrong date: {alert!r}")
    assert alert.startswith("Datum: '31-02-2024' is geen datum; schrijf dag-maand-jaar")
    assert not ENGLISH.search(alert)
    dutch.goto(f"{live.url}/w/demo?kinds=bedrijf")
    alert = dutch.inner_text("p.problem[role=alert]")
    print(f"kinds=bedrijf: {alert!r}")
    assert alert.startswith("Soorten: 'bedrijf' staat niet tussen de keuzes; kies uit ")
    assert not ENGLISH.search(alert)


def test_the_size_legend_says_what_size_means_and_no_name_covers_the_legend(
    dutch: Page, live: Live
) -> None:
    assert dutch.inner_text("#size-legend") == "Grootte: alle vormen even groot"
    # the first view at 1400×900 shows the whole map with its legends (was cut at 936 px)
    legends = dutch.locator("#legend").bounding_box()
    assert legends and legends["y"] + legends["height"] <= 900
    assert re.match(r"demo: \d+ onderdelen, waarvan 5 ", dutch.inner_text("#map-counts"))
    dutch.select_option("select[name=size_by]", "degree")
    _submit(dutch)
    legend = dutch.locator("#size-legend")
    assert legend.is_visible()
    text = legend.inner_text()
    print(f"\nthe size legend: {' '.join(text.split())!r}")
    assert text.startswith("Grootte: aantal verbindingen: ")
    assert len(text.split(": ")[-1].split()) == 3  # three values, each its own word
    sizes = [
        dutch.locator("#size-legend .gw-size").nth(i).bounding_box()["width"]  # type: ignore[index]
        for i in range(3)
    ]
    assert sizes[0] < sizes[1] < sizes[2]  # smallest, middle, largest
    # the legends stand over the map's lower left corner: no name is written under them
    box = dutch.locator("#legend").bounding_box()
    canvas = dutch.locator("#map canvas").bounding_box()
    assert box and canvas
    left, top = box["x"] - canvas["x"], box["y"] - canvas["y"]
    right, bottom = left + box["width"], top + box["height"]
    under = [
        t["text"]
        for t in drawn_texts(dutch)
        if t["box"][0] < right and t["box"][2] > left and t["box"][1] < bottom and t["box"][3] > top
    ]
    assert under == []
