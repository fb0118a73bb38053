"""The map's data: a stable seeded layout, a colour-blind-safe palette, readable labels,
communities named after their most central member, Dutch kind names."""

from __future__ import annotations

import networkx as nx
import pytest

from api.services.maps import map_view
from graph.analysis.cache import AnalysisCache
from graph.model import Node
from graph.store.sqlite import SQLiteStore
from visualizations.layout import extend_layout
from visualizations.maps import OKABE_ITO, build_map, contrast, layout
from visualizations.palette import NO_VALUE


def _graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for i in range(12):
        g.add_node(f"o{i}", kind="organisation", name=f"Org {i}", org_type="school")
    g.add_node("p", kind="person", name="Piet")
    g.add_node("t", kind="theme", name="Flexibilisering")
    for i in range(11):
        g.add_edge(f"o{i}", f"o{i + 1}", type="partners_with")
    g.add_edge("p", "o0", type="works_at")
    g.add_edge("o3", "t", type="works_on")
    return g


def _positions(data: dict) -> dict[str, tuple[float, float]]:
    return {n["id"]: (n["x"], n["y"]) for n in data["nodes"]}


def test_two_builds_place_every_node_in_the_same_place() -> None:
    first, second = build_map(_graph()), build_map(_graph())
    assert _positions(first) == _positions(second)
    assert len(set(_positions(first).values())) == 14  # every node has its own place
    assert first["options"]["physics"]["enabled"] is False


def test_the_layout_does_not_depend_on_the_order_nodes_arrive_in() -> None:
    g = _graph()
    reordered = nx.MultiDiGraph()
    reordered.add_nodes_from(reversed(list(g.nodes(data=True))))
    reordered.add_edges_from(reversed(list(g.edges(keys=True, data=True))))
    assert layout(g) == layout(reordered)
    for i, node in enumerate(g):
        g.nodes[node]["sector"] = f"sector {i % 4}"
        reordered.nodes[node]["sector"] = f"sector {i % 4}"
    colours = [build_map(h, color_by="sector") for h in (g, reordered)]
    assert colours[0]["legend"] == colours[1]["legend"]
    assert colours[0]["nodes"] == colours[1]["nodes"]


@pytest.mark.parametrize("color_by", ["kind", "org_type", "community"])
def test_colours_come_from_the_okabe_ito_palette(color_by: str) -> None:
    communities = {n: i % 3 for i, n in enumerate(_graph())}
    data = build_map(_graph(), color_by=color_by, communities=communities)
    used = {n["color"] for n in data["nodes"]} | {item["color"] for item in data["legend"]}
    # a node without a practice (a person, a theme) is the grey of "no value"
    assert used <= {*OKABE_ITO, NO_VALUE}


def test_labels_are_dark_on_a_light_stroke() -> None:
    font = build_map(_graph())["options"]["nodes"]["font"]
    assert font["size"] >= 12
    assert contrast(font["color"], font["strokeColor"]) >= 4.5
    assert font["strokeWidth"] >= 3


def test_size_by_changes_the_size_of_organisations() -> None:
    sizes = {f"o{i}": float(i) for i in range(12)}
    data = build_map(_graph(), sizes=sizes)
    orgs = {n["id"]: n for n in data["nodes"] if n["kind"] == "organisation"}
    # vis-network ignores `size` for shapes that wrap their label (box, ellipse …)
    assert {n["shape"] for n in orgs.values()} == {"square"}
    assert orgs["o11"]["size"] > orgs["o1"]["size"] > orgs["o0"]["size"]


def test_communities_are_named_after_their_most_central_member() -> None:
    g = _graph()
    communities = {n: 0 if n in ("o0", "o1", "p") else 1 for n in g}
    data = build_map(
        g, color_by="community", communities=communities, labels={"community": "rond {name}"}
    )
    names = {item["group"]: item["label"] for item in data["legend"]}
    # o0 has ties to o1 and p (degree 2), o1 to o0 and o2 (2): a tie goes to the name
    assert names == {"0": "rond Org 0", "1": "rond Org 3"}


def test_kinds_in_dutch_give_the_same_map_and_the_counts_of_what_is_shown(
    demo_store: SQLiteStore,
) -> None:
    cache = AnalysisCache()
    dutch = map_view(demo_store, cache, "demo", kinds="organisatie,persoon")
    english = map_view(demo_store, cache, "demo", kinds="organisation,person")
    assert dutch.nodes == english.nodes > 0
    shown = {n["kind"] for n in dutch.data["nodes"]}
    assert shown == {"organisation", "person"}
    assert dutch.nodes == len(dutch.data["nodes"])
    assert dutch.relationships == len(dutch.data["edges"])


def test_a_filter_that_matches_nothing_says_so(demo_store: SQLiteStore) -> None:
    meeting = Node(id="m", kind="activity", name="Overleg", workspace="late", date="2020-03-01")
    demo_store.upsert("late", [meeting])
    view = map_view(demo_store, AnalysisCache(), "late", kinds="activiteit", at_text="01-01-1900")
    assert view.nodes == 0
    assert 'id="map-empty"' in view.html and "Geen onderdelen passen bij deze filters" in view.html
    shown = map_view(demo_store, AnalysisCache(), "late", kinds="activiteit")
    assert shown.nodes == 1 and 'id="map-empty"' not in shown.html


def test_the_layout_is_kept_per_workspace_version(demo_store: SQLiteStore) -> None:
    cache = AnalysisCache()
    whole = map_view(demo_store, cache, "demo")
    part = map_view(demo_store, cache, "demo", kinds="organisation")
    where = _positions(whole.data)
    # a filtered map keeps every node where the whole map has it
    assert all(where[i] == p for i, p in _positions(part.data).items())


def test_the_download_has_a_title_date_legend_and_explanation(demo_store: SQLiteStore) -> None:
    view = map_view(demo_store, AnalysisCache(), "demo", inline=True, today="2026-11-23")
    assert "<h1>Grenswerk: demo</h1>" in view.html
    assert "2026-11-23" in view.html
    assert 'id="legend"' in view.html and "gw-explain" in view.html
    assert "/static/" not in view.html  # nothing to fetch: it works offline


def test_the_layout_is_computed_once_per_version(
    demo_store: SQLiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    import api.services.maps as service

    calls: list[int] = []

    def counted(
        graph: nx.MultiDiGraph, known: dict[str, tuple[float, float]]
    ) -> dict[str, tuple[float, float]]:
        calls.append(graph.number_of_nodes())
        return extend_layout(graph, known)

    monkeypatch.setattr(service, "extend_layout", counted)
    cache = AnalysisCache()
    first = map_view(demo_store, cache, "demo")
    again = map_view(demo_store, cache, "demo", kinds="organisatie")
    assert len(calls) == 1
    demo_store.upsert(
        "demo", [Node(id="nieuw", kind="organisation", name="Nieuw", workspace="demo")]
    )
    after = map_view(demo_store, cache, "demo")
    assert len(calls) == 2 and calls[1] == calls[0] + 1
    assert "nieuw" in _positions(after.data) and len(_positions(first.data)) > 0
    assert again.nodes < first.nodes
