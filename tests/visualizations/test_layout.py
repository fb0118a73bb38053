"""Where nodes stand: a layout with room for shapes and names, kept in the store per
workspace, and extended when the network changes without moving the known nodes."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from api.services.maps import map_view, workspace_positions
from graph.analysis.cache import AnalysisCache
from graph.model import Node, Relationship
from graph.store.base import Store
from graph.store.sqlite import SQLiteStore
from visualizations.layout import ROOM, extend_layout, layout


def _network(n: int = 60, seed: int = 3) -> nx.MultiDiGraph:
    base = nx.barabasi_albert_graph(n, 2, seed=seed)
    g = nx.MultiDiGraph()
    for node in base:
        g.add_node(f"o{node:03d}", kind="organisation", name=f"Organisatie {node}")
    for u, v in base.edges():
        g.add_edge(f"o{u:03d}", f"o{v:03d}", type="collaborates_with")
    return g


def _box(points: dict[str, tuple[float, float]]) -> tuple[float, float, float, float]:
    xs = [p[0] for p in points.values()]
    ys = [p[1] for p in points.values()]
    return min(xs), min(ys), max(xs), max(ys)


def test_no_two_shapes_cover_each_other_and_the_map_is_wider_than_high() -> None:
    g = _network()
    for i in range(8):  # single nodes too: they stand beside the network, not far out
        g.add_node(f"los{i}", kind="organisation", name=f"Los {i}")
    where = layout(g)
    closest = min(math.dist(where[a], where[b]) for a in where for b in where if a < b)
    assert closest >= 0.98 * ROOM
    x0, y0, x1, y1 = _box(where)
    assert 1.2 <= (x1 - x0) / (y1 - y0) <= 3.0


def test_known_nodes_keep_their_place_and_a_new_one_starts_beside_its_neighbours() -> None:
    g = _network()
    known = layout(g)
    g.add_node("nieuw", kind="organisation", name="Nieuw")
    g.add_edge("nieuw", "o010", type="partners_with")
    g.add_edge("nieuw", "o020", type="partners_with")
    after = extend_layout(g, known)
    assert {n: after[n] for n in known} == known
    ties = sorted(math.dist(known[u], known[v]) for u, v in g.edges() if u in known and v in known)
    usual = ties[len(ties) // 2]
    middle = ((known["o010"][0] + known["o020"][0]) / 2, (known["o010"][1] + known["o020"][1]) / 2)
    assert math.dist(after["nieuw"], middle) <= 1.3 * usual
    assert extend_layout(g, known) == after  # the same each time


def test_a_new_unconnected_node_goes_inside_the_map_in_an_empty_spot() -> None:
    g = _network()
    known = layout(g)
    g.add_node("los", kind="organisation", name="Los")
    after = extend_layout(g, known)
    x0, y0, x1, y1 = _box(known)
    assert x0 <= after["los"][0] <= x1 and y0 <= after["los"][1] <= y1  # the frame stays
    nearest = min(math.dist(after["los"], p) for p in known.values())
    assert nearest >= 0.5 * ROOM


def test_a_new_group_of_its_own_and_gone_nodes() -> None:
    g = _network()
    known = layout(g)
    g.remove_node("o059")
    g.add_edge("x1", "x2", type="collaborates_with")
    g.add_edge("x2", "x3", type="collaborates_with")
    after = extend_layout(g, known)
    assert "o059" not in after and {"x1", "x2", "x3"} <= set(after)
    assert {n: after[n] for n in known if n != "o059"} == {
        n: p for n, p in known.items() if n != "o059"
    }
    assert extend_layout(g, {}) == layout(g)  # nothing known: a fresh layout


def test_the_layout_is_kept_in_the_store_and_read_by_a_fresh_process(
    sqlite_store: SQLiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store: Store = sqlite_store
    store.upsert(
        "w",
        [Node(id=f"o{i}", kind="organisation", name=f"O{i}", workspace="w") for i in range(6)],
        [
            Relationship(source=f"o{i}", target=f"o{i + 1}", type="partners_with", workspace="w")
            for i in range(5)
        ],
    )
    first = workspace_positions(AnalysisCache().graph(store, "w"), store, "w")
    assert store.get_positions("w") == first
    import api.services.maps as service

    seen: list[dict[str, tuple[float, float]]] = []

    def extend(graph: nx.MultiDiGraph, known: dict[str, tuple[float, float]]) -> object:
        seen.append(dict(known))
        return extend_layout(graph, known)

    monkeypatch.setattr(service, "extend_layout", extend)
    again = map_view(store, AnalysisCache(), "w")  # another process: nothing in memory
    assert seen == [first]
    assert {n["id"]: (n["x"], n["y"]) for n in again.data["nodes"]} == first
