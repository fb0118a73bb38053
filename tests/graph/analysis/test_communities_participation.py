"""Participation, bridges and communities reached counted for all nodes at once equal
the per-node loop they replaced (kept here as the reference), float for float."""

from __future__ import annotations

import random
from collections import defaultdict
from typing import Any

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.analysis.communities import spread_over_communities


def reference_spread(graph: nx.Graph, membership: dict[Any, int]) -> dict[Any, dict[str, Any]]:
    """The loop of communities() before: each node's neighbours by community."""
    values: dict[Any, dict[str, Any]] = {}
    for node in graph:
        spread: defaultdict[int, float] = defaultdict(float)
        for neighbour in graph[node]:
            if neighbour != node:
                spread[membership[neighbour]] += 1
        k = sum(spread.values())
        participation = 1 - sum((s / k) ** 2 for s in spread.values()) if k else 0.0
        values[node] = {
            "community": membership[node],
            "participation": participation,
            "bridges": any(c != membership[node] for c in spread),
            "communities_reached": len(spread),
        }
    return values


def assert_same(graph: nx.Graph, membership: dict[Any, int]) -> None:
    new = spread_over_communities(graph, membership)
    old = reference_spread(graph, membership)
    assert list(new) == list(old)
    for node in old:
        assert new[node] == old[node], node
        assert [type(v) for v in new[node].values()] == [type(v) for v in old[node].values()]


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 80), st.integers(0, 400), st.integers(1, 12))
def test_random_graphs(seed: int, n: int, m: int, count: int) -> None:
    graph = nx.gnm_random_graph(n, m, seed=seed)
    rng = random.Random(seed)
    for node in rng.sample(list(graph), min(3, n)):
        graph.add_edge(node, node)  # loops are left out
    membership = {node: rng.randrange(count) for node in graph}
    assert_same(graph, membership)


def test_a_heavy_tailed_graph_with_many_communities() -> None:
    graph = nx.barabasi_albert_graph(3000, 4, seed=3)
    rng = random.Random(1)
    membership = {node: rng.randrange(40) for node in graph}
    assert_same(graph, membership)


def test_karate_and_string_ids() -> None:
    karate = nx.relabel_nodes(nx.karate_club_graph(), lambda n: f"n{n}")
    membership = {n: int(n[1:]) % 3 for n in karate}
    assert_same(karate, membership)
    assert_same(nx.empty_graph(3), {0: 0, 1: 1, 2: 0})
