"""A big map in a real browser (issue 14): a generated 3 000-node map (the downloaded,
self-contained file) opens with its communities collapsed into clusters; a click opens
one; search still finds a node inside a cluster (and opens it); the table lists what is
visible; a hostile name stays text in a cluster's label and tooltip."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from playwright.sync_api import Browser, Page

from api.services.maps import map_labels
from tests.browser.test_maps import wait_for_map
from tests.live import EVIL
from visualizations.maps import build_map, layout, render_map

pytestmark = pytest.mark.browser

SIZE = 3000


def _generated(n: int, seed: int = 7) -> nx.MultiDiGraph:
    """Heavy-tailed ties (Barabási–Albert), ten networks and ten themes, a fifth people."""
    rng = random.Random(seed)
    base = nx.barabasi_albert_graph(n, 3, seed=seed)
    g = nx.MultiDiGraph()
    for node in base:
        kind = "network" if node < 10 else "theme" if node < 20 else None
        kind = kind or ("person" if rng.random() < 0.2 else "organisation")
        names = {"network": "netwerk", "theme": "thema", "person": "persoon"}
        g.add_node(f"n{node}", kind=kind, name=f"{names.get(kind, 'organisatie')} {node}")
    for i, (u, v) in enumerate(base.edges()):
        g.add_edge(f"n{u}", f"n{v}", key=f"r{i}", type="collaborates_with")
    return g


@pytest.fixture(scope="module")
def big_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    g = _generated(SIZE)
    positions = layout(g)
    first = build_map(g, positions=positions)["clusters"][0]
    # the best-connected member names its cluster: give it a hostile name
    namesake = first["label"].split("\n")[0].removeprefix("groep rond ")
    node = next(n for n, d in g.nodes(data=True) if d["name"] == namesake)
    g.nodes[node]["name"] = EVIL
    data = build_map(g, positions=positions, labels=map_labels("nl"))
    path = tmp_path_factory.mktemp("big") / "map.html"
    path.write_text(render_map(data, title="Groot", inline=True, date="2026-11-23"))
    return path


@pytest.fixture
def big(browser: Browser, big_map: Path) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    opened = context.new_page()
    dialogs: list[str] = []
    opened.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    opened.goto(big_map.as_uri())
    wait_for_map(opened)
    yield opened
    assert dialogs == [] and opened.locator("img[src=x]").count() == 0
    context.close()


DRAWN = """() => { const m = window.grenswerkMap, net = m.network;
  const ids = net.body.nodeIndices;
  return {ids: ids, clusters: ids.filter(id => m.isClosedCluster(id)),
          expected: m.data.clusters.map(c => c.id)}; }"""


def _drawn(page: Page) -> dict[str, Any]:
    return dict(page.evaluate(DRAWN))


def _point(page: Page, node: str) -> dict[str, float]:
    return dict(
        page.evaluate(
            """(id) => { const net = window.grenswerkMap.network;
                 const p = net.canvasToDOM(net.getPositions([id])[id]);
                 const r = document.querySelector('#map canvas').getBoundingClientRect();
                 return {x: r.left + p.x, y: r.top + p.y}; }""",
            node,
        )
    )


def test_a_big_map_opens_clustered_with_readable_cluster_labels(big: Page) -> None:
    drawn = _drawn(big)
    assert len(drawn["expected"]) >= 5
    assert sorted(drawn["clusters"]) == sorted(drawn["expected"])
    members = big.evaluate(
        "window.grenswerkMap.data.clusters.reduce((s, c) => s + c.members.length, 0)"
    )
    # every node is drawn, or inside exactly one drawn cluster
    assert len(drawn["ids"]) - len(drawn["clusters"]) + members == SIZE
    # names are written 13 px high on screen at any zoom (labels.js); the clusters' first
    named = big.evaluate("window.grenswerkMap.labelled()")
    assert named[: len(drawn["expected"]) // 2] == [
        c for c in drawn["expected"] if c in named[: len(drawn["expected"]) // 2]
    ]
    assert len([n for n in named if n.startswith("cluster:")]) >= len(drawn["expected"]) // 2


def test_a_click_on_a_cluster_opens_it(big: Page) -> None:
    cluster = big.evaluate("window.grenswerkMap.data.clusters[1]")
    point = _point(big, cluster["id"])
    big.mouse.click(point["x"], point["y"])
    big.wait_for_function(
        "(id) => !window.grenswerkMap.network.body.nodes[id]", arg=cluster["id"], timeout=10_000
    )
    drawn = _drawn(big)
    assert cluster["id"] not in drawn["clusters"]
    assert set(cluster["members"]) <= set(drawn["ids"])
    # the members stand where the stable layout has them
    where = big.evaluate(
        "(ids) => window.grenswerkMap.network.getPositions(ids)", cluster["members"]
    )
    laid_out = big.evaluate(
        """(ids) => Object.fromEntries(ids.map(id => {
             const n = window.grenswerkMap.data.nodes.find(n => n.id === id);
             return [id, {x: Math.round(n.x), y: Math.round(n.y)}]; }))""",
        cluster["members"],
    )
    assert where == laid_out
    assert len(drawn["clusters"]) == len(drawn["expected"]) - 1
    assert big.locator("#panel").is_hidden()  # a click on a cluster opens it, no panel


def test_search_finds_a_node_inside_a_cluster_and_opens_it(big: Page) -> None:
    cluster = big.evaluate("window.grenswerkMap.data.clusters[2]")
    node = cluster["members"][-1]
    label = big.evaluate(
        "(id) => window.grenswerkMap.data.nodes.find(n => n.id === id).label", node
    )
    assert node not in _drawn(big)["ids"]
    big.fill("#map-search", label)
    big.press("#map-search", "Enter")
    big.wait_for_function("(id) => document.body.dataset.focus === id", arg=node)
    drawn = _drawn(big)
    assert node in drawn["ids"] and cluster["id"] not in drawn["clusters"]
    assert big.evaluate("window.grenswerkMap.network.getSelectedNodes()") == [node]
    assert len(drawn["clusters"]) == len(drawn["expected"]) - 1


def test_the_table_lists_the_visible_nodes_and_the_closed_clusters(big: Page) -> None:
    cluster = big.evaluate("window.grenswerkMap.data.clusters[0]")
    big.click("#map-table-box summary")
    big.wait_for_selector("#map-table tbody tr")

    def listed() -> list[str]:
        return list(
            big.eval_on_selector_all("#map-table tbody tr", "rs => rs.map(r => r.dataset.id)")
        )

    assert sorted(listed()) == sorted(_drawn(big)["ids"])
    row = big.locator(f'#map-table tbody tr[data-id="{cluster["id"]}"]')
    # the cluster's label, as text: the hostile name of its namesake stays a name
    assert (
        row.locator("td").nth(0).inner_text()
        == f"groep rond {EVIL} — {len(cluster['members'])} onderdelen"
    )
    assert row.locator("td").nth(1).inner_text() == "groep"
    big.evaluate("(id) => window.grenswerkMap.openGroup(id)", cluster["id"])
    after = listed()
    assert sorted(after) == sorted(_drawn(big)["ids"])
    assert set(cluster["members"]) <= set(after) and cluster["id"] not in after


def test_a_hostile_name_stays_text_in_a_clusters_tooltip(big: Page) -> None:
    cluster = big.evaluate("window.grenswerkMap.data.clusters[0]")
    point = _point(big, cluster["id"])
    big.mouse.move(point["x"] - 30, point["y"] - 30)
    big.mouse.move(point["x"], point["y"], steps=4)
    tooltip = big.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert tooltip.inner_text().startswith(f"groep rond {EVIL}: ")
    assert "Klik om de groep te openen." in tooltip.inner_text()
    assert tooltip.locator("img").count() == 0
