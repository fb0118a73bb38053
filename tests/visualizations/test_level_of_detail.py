"""Level of detail for big maps (issue 14): ties hidden while moving, labels drawn only
where readable, communities collapsed into clusters that say what is inside, in the
page's language, with hostile names kept inert."""

from __future__ import annotations

import networkx as nx
import pytest

from api.services.maps import map_labels
from tests.live import EVIL
from visualizations.labels import LABEL_PX
from visualizations.maps import (
    CLUSTER_ABOVE,
    CLUSTER_MIN,
    CLUSTERED_KINDS,
    HIDE_EDGES_ABOVE,
    build_map,
    page_data,
    render_map,
    safe_json,
)


def _graph(count: int, people_every: int = 5) -> nx.MultiDiGraph:
    """Organisations (every ``people_every``-th a person) in a chain, one theme, one
    network tied to the first node."""
    g = nx.MultiDiGraph()
    for i in range(count - 2):
        if i % people_every == 0:
            g.add_node(f"n{i:05d}", kind="person", name=f"persoon {i}")
        else:
            g.add_node(f"n{i:05d}", kind="organisation", name=f"organisatie {i}")
    g.add_node("theme", kind="theme", name="Flexibilisering")
    g.add_node("network", kind="network", name="Regionaal netwerk")
    for i in range(count - 3):
        g.add_edge(f"n{i:05d}", f"n{i + 1:05d}", key=f"r{i}", type="collaborates_with")
    g.add_edge("n00000", "theme", key="t", type="works_on")
    g.add_edge("n00000", "network", key="m", type="member_of")
    return g


def _grid(g: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Positions without the force layout (fast): a square grid in sorted order."""
    side = int(len(g) ** 0.5) + 1
    return {n: (90.0 * (i % side), 90.0 * (i // side)) for i, n in enumerate(sorted(g))}


def _thirds(g: nx.MultiDiGraph) -> dict[str, int]:
    """Three communities by position in the chain; the last four nodes a fourth, small one."""
    ids = sorted(g)
    return {n: (3 if i >= len(ids) - 4 else 3 * i // len(ids)) for i, n in enumerate(ids)}


def test_ties_are_hidden_while_moving_only_on_big_maps() -> None:
    small = build_map(_graph(HIDE_EDGES_ABOVE), positions=_grid(_graph(HIDE_EDGES_ABOVE)))
    big_graph = _graph(HIDE_EDGES_ABOVE + 1)
    big = build_map(big_graph, positions=_grid(big_graph))
    assert small["options"]["interaction"]["hideEdgesOnDrag"] is False
    assert small["options"]["interaction"]["hideEdgesOnZoom"] is False
    assert big["options"]["interaction"]["hideEdgesOnDrag"] is True
    assert big["options"]["interaction"]["hideEdgesOnZoom"] is True
    assert big["options"]["physics"] == {"enabled": False}


def test_names_are_written_by_the_page_at_a_readable_size() -> None:
    data = build_map(_graph(20), positions=_grid(_graph(20)))
    # map.js writes the names (labels.js) at LABEL_PX on screen, whatever the zoom
    assert data["options"]["nodes"]["font"]["size"] == LABEL_PX == 13
    packed = page_data(data)  # in order of priority: the most ties first
    assert sorted(packed["nodes"]["label"]) == sorted(n["label"] for n in data["nodes"])
    degree = [_graph(20).degree(n) for n in packed["nodes"]["id"]]
    assert degree == sorted(degree, reverse=True)


def test_maps_up_to_the_threshold_open_without_clusters() -> None:
    g = _graph(CLUSTER_ABOVE)
    data = build_map(g, positions=_grid(g), communities=_thirds(g))
    assert data["clusters"] == []
    assert all(item["group"] != "cluster" for item in data["legend"])


def test_a_big_map_collapses_each_community_of_organisations_and_people() -> None:
    g = _graph(CLUSTER_ABOVE + 201)
    groups = _thirds(g)
    data = build_map(g, positions=_grid(g), communities=groups)
    clusters = data["clusters"]
    assert [c["id"] for c in clusters] == ["cluster:0", "cluster:1", "cluster:2"]
    kinds = {n["id"]: n["kind"] for n in data["nodes"]}
    for c in clusters:
        number = int(c["id"].split(":")[1])
        expected = {n for n in g if groups[n] == number and g.nodes[n]["kind"] in CLUSTERED_KINDS}
        assert set(c["members"]) == expected and len(c["members"]) >= CLUSTER_MIN
    clustered = [m for c in clusters for m in c["members"]]
    assert len(clustered) == len(set(clustered))  # no node in two clusters
    # themes and networks stay out (a layer, and landmarks); so does the small community
    assert kinds["theme"] == "theme" and "theme" not in clustered and "network" not in clustered
    assert not {n for n in g if groups[n] == 3} & set(clustered)
    assert {
        "group": "cluster",
        "label": "groep (dikke rand): klik om te openen",
        "color": "#ffffff",
    } in data["legend"]
    assert len({(c["x"], c["y"]) for c in clusters}) == 3  # each has its own place


def test_a_cluster_says_what_is_inside_in_dutch() -> None:
    g = _graph(CLUSTER_ABOVE + 201)
    first = build_map(g, positions=_grid(g), communities=_thirds(g))["clusters"][0]
    # community 0: the first 401 nodes of the chain (n00000 … n00400), every fifth a person
    assert len(first["members"]) == 401
    # named after its best-connected member (degree 3: n00000 has the theme and network)
    assert first["label"] == "groep rond persoon 0\n401 onderdelen"
    assert first["title"] == (
        "groep rond persoon 0: 401 onderdelen\n"
        "320 organisaties, 81 personen. Klik om de groep te openen."
    )


def test_a_cluster_says_what_is_inside_in_english_with_one_of_a_kind() -> None:
    g = _graph(CLUSTER_ABOVE + 201, people_every=1000)  # n00000 and n01000: people
    data = build_map(g, positions=_grid(g), communities=_thirds(g), labels=map_labels("en"))
    first = data["clusters"][0]
    assert first["label"] == "group around persoon 0\n401 nodes"
    assert first["title"].endswith("400 organisations, 1 person. Click to open the group.")
    assert data["labels"]["cluster_kind"] == "group"


def test_without_communities_the_clusters_are_leidens_and_the_same_each_build() -> None:
    g = nx.MultiDiGraph()
    # four cliques of 300 organisations, joined in a ring by one tie each
    for block in range(4):
        ids = [f"b{block}-{i:03d}" for i in range(300)]
        for node in ids:
            g.add_node(node, kind="organisation", name=node)
        for i, u in enumerate(ids):
            for v in ids[i + 1 : i + 4]:
                g.add_edge(u, v, type="collaborates_with")
        g.add_edge(ids[0], f"b{(block + 1) % 4}-150", type="collaborates_with")
    first = build_map(g, positions=_grid(g))["clusters"]
    again = build_map(g, positions=_grid(g))["clusters"]
    assert first == again
    assert sum(len(c["members"]) for c in first) == 1200
    # Leiden may split a long chain, never join two: no cluster mixes two blocks
    assert all(len({m.split("-")[0] for m in c["members"]}) == 1 for c in first)


def test_nodes_on_a_highlighted_path_stay_out_of_clusters() -> None:
    g = _graph(CLUSTER_ABOVE + 201)
    data = build_map(
        g,
        positions=_grid(g),
        communities=_thirds(g),
        highlight_nodes={"n00010", "n00011"},
        highlight_edges={("n00010", "n00011")},
    )
    clustered = {m for c in data["clusters"] for m in c["members"]}
    assert "n00010" not in clustered and "n00011" not in clustered and "n00012" in clustered


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_hostile_name_stays_inert_in_cluster_labels_and_tooltips(lang: str) -> None:
    g = _graph(CLUSTER_ABOVE + 201)
    g.nodes["n00000"]["name"] = EVIL  # the best-connected member names the cluster
    data = build_map(g, positions=_grid(g), communities=_thirds(g), labels=map_labels(lang))
    first = data["clusters"][0]
    assert first["label"].startswith(("groep rond " + EVIL, "group around " + EVIL))
    assert EVIL in first["title"]  # as text: vis-network shows a string title as text
    page = render_map(data, title="t", inline=True)
    assert EVIL not in safe_json(data) and "<img" not in page
