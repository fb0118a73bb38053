"""A map people can read, in a real browser: a stable picture, search and focus that dim
or hide the rest, hover, the themes layer, and the table (the names: test_map_labels)."""

from __future__ import annotations

import networkx as nx
import pytest
from playwright.sync_api import Page, expect

from graph.analysis.subgraphs import filter_view
from tests.browser.test_maps import SHOTS, wait_for_map
from tests.live import Live

pytestmark = pytest.mark.browser

DIM = "#e3e6ea"  # map.js's colour of a dimmed node

LOOKS = """() => window.grenswerkMap.nodes.get().map(
    n => [n.id, n.hidden ? 'hidden' : (n.color.background === '#e3e6ea' ? 'dim' : 'on')])"""


def _looks(page: Page) -> dict[str, str]:
    return dict(page.evaluate(LOOKS))


def _steps(live: Live, node: str, depth: int) -> set[str]:
    view = filter_view(live.store.load_graph("demo")).to_undirected(as_view=True)
    return set(nx.ego_graph(nx.Graph(view), node, radius=depth))


def test_the_picture_is_the_same_after_a_reload(page: Page) -> None:
    wait_for_map(page)
    first = page.evaluate("window.grenswerkMap.network.getPositions()")
    page.reload()
    wait_for_map(page)
    again = page.evaluate("window.grenswerkMap.network.getPositions()")
    assert len(first) > 20 and first == again


def test_search_focuses_a_node_and_dims_the_rest(page: Page, live: Live) -> None:
    wait_for_map(page)
    page.focus("#map-search")  # the autocomplete is filled when first needed
    names = page.eval_on_selector_all("#map-names option", "os => os.map(o => o.value)")
    assert "CINOP" in names  # the autocomplete offers every name on the map
    assert len(names) == page.evaluate("window.grenswerkMap.nodes.length")
    page.fill("#map-search", "CINOP")
    page.press("#map-search", "Enter")
    page.wait_for_function("document.body.dataset.focus === 'cinop'")
    looks = _looks(page)
    near = _steps(live, "cinop", 2)
    assert {n for n, look in looks.items() if look == "on"} == near
    assert {n for n, look in looks.items() if look == "dim"} == set(looks) - near
    page.screenshot(path=str(SHOTS / "map-focus.png"))
    page.fill("#map-search", "niemand-heet-zo")
    page.press("#map-search", "Enter")
    assert page.locator("#map-message").inner_text() == "Geen onderdeel met die naam op de kaart."


def test_the_depth_select_and_hiding_the_rest(page: Page, live: Live) -> None:
    wait_for_map(page)
    page.fill("#map-search", "CINOP")
    page.press("#map-search", "Enter")
    page.wait_for_function("document.body.dataset.focus === 'cinop'")
    page.select_option("#map-depth", "1")
    one = _steps(live, "cinop", 1)
    assert {n for n, look in _looks(page).items() if look == "on"} == one
    page.check("#map-hide-rest")
    looks = _looks(page)
    assert {n for n, look in looks.items() if look == "hidden"} == set(looks) - one
    page.select_option("#map-depth", "3")
    three = _steps(live, "cinop", 3)
    assert {n for n, look in _looks(page).items() if look == "on"} == three
    page.click("#map-clear")
    assert set(_looks(page).values()) == {"on"}


def test_hovering_a_node_lights_its_neighbours(page: Page, live: Live) -> None:
    wait_for_map(page)
    point = page.evaluate(
        """() => { const net = window.grenswerkMap.network;
                   const p = net.canvasToDOM(net.getPositions(['cinop'])['cinop']);
                   const r = document.querySelector('#map canvas').getBoundingClientRect();
                   return {x: r.left + p.x, y: r.top + p.y}; }"""
    )
    page.mouse.move(point["x"] - 40, point["y"] - 40)
    page.mouse.move(point["x"], point["y"], steps=4)
    page.wait_for_function("window.grenswerkMap.state.hover === 'cinop'")
    assert {n for n, look in _looks(page).items() if look == "on"} == _steps(live, "cinop", 1)


def test_themes_are_a_layer_to_switch_off(page: Page, live: Live) -> None:
    wait_for_map(page)
    themes = {n.id for n in live.store.list_nodes("demo") if n.kind.value == "theme"}
    assert themes
    page.uncheck("#map-themes")
    looks = _looks(page)
    assert {n for n, look in looks.items() if look == "hidden"} == themes
    page.click("#map-table-box summary")
    page.wait_for_selector("#map-table tbody tr")
    listed = set(
        page.eval_on_selector_all("#map-table tbody tr", "rs => rs.map(r => r.dataset.id)")
    )
    assert listed == set(looks) - themes
    page.check("#map-themes")
    assert set(_looks(page).values()) == {"on"}


def test_the_table_lists_the_visible_nodes_and_sorts(page: Page) -> None:
    wait_for_map(page)
    page.click("#map-table-box summary")
    page.wait_for_selector("#map-table tbody tr")
    ids = page.eval_on_selector_all("#map-table tbody tr", "rs => rs.map(r => r.dataset.id)")
    assert sorted(ids) == sorted(page.evaluate("window.grenswerkMap.nodes.getIds()"))
    ties = page.evaluate("window.grenswerkMap.edges.length")
    assert page.locator("#map-ties tbody tr").count() == ties
    header = page.locator("#map-table th[data-key=ties]")
    header.click()
    header.click()  # the second click: most ties first
    assert header.get_attribute("aria-sort") == "descending"
    counts = page.eval_on_selector_all(
        "#map-table tbody tr", "rs => rs.map(r => Number(r.cells[3].textContent))"
    )
    assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1]


def test_the_path_finder_zooms_to_the_route(page: Page, live: Live) -> None:
    page.goto(f"{live.url}/w/demo/paths?source=roc-midden-nederland&target=cinop")
    wait_for_map(page)
    inside = page.evaluate(
        """() => { const m = window.grenswerkMap, net = m.network;
                   const box = document.querySelector('#map canvas').getBoundingClientRect();
                   const route = m.data.nodes.filter(n => n.borderWidth).map(n => n.id);
                   const where = net.getPositions(route);
                   return [route.length, route.every(id => { const p = net.canvasToDOM(where[id]);
                     return p.x >= 0 && p.y >= 0 && p.x <= box.width && p.y <= box.height; }),
                     net.getScale()]; }"""
    )
    route_length, all_inside, scale = inside
    assert route_length >= 2 and all_inside
    # closer than the whole map's view
    page.goto(f"{live.url}/w/demo")
    wait_for_map(page)
    assert scale > page.evaluate("window.grenswerkMap.network.getScale()")


def test_a_view_is_saved_under_a_name_and_opened_from_the_list(page: Page, live: Live) -> None:
    page.goto(f"{live.url}/w/demo?color_by=community&kinds=organisatie,persoon,thema")
    wait_for_map(page)
    page.fill("#map-search", "CINOP")
    page.press("#map-search", "Enter")
    page.select_option("#map-depth", "1")
    page.uncheck("#map-themes")
    page.fill("#map-view-name", "Rond CINOP")
    page.click("#map-view-save")
    page.wait_for_url("**/w/demo?*focus=cinop*")  # the page's form saved it in the store
    expect(page.locator("#map-message")).to_have_text("Weergave bewaard.")
    page.goto(f"{live.url}/w/demo")
    wait_for_map(page)
    assert page.evaluate("window.grenswerkMap.state.focus") is None
    page.select_option("#map-views", "Rond CINOP")
    page.wait_for_url("**/w/demo?*focus=cinop*")
    wait_for_map(page)
    state = page.evaluate("window.grenswerkMap.state")
    assert (state["focus"], state["depth"], state["themes"]) == ("cinop", 1, False)
    assert page.evaluate("window.grenswerkMap.data.color_by") == "community"
    looks = _looks(page)
    themes = {n.id for n in live.store.list_nodes("demo") if n.kind.value == "theme"}
    assert themes and all(looks[t] == "hidden" for t in themes)
    assert page.locator("#map-views").input_value() == "Rond CINOP"
