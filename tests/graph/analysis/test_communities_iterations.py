"""Leiden runs at most ``LEIDEN_MAX_ITERATIONS`` rounds (until stable if sooner): on the
demo, voorbeeld-roc, karate and random graphs that settle sooner, the communities are
exactly those of igraph's ``n_iterations=-1`` (until stable), the implementation before."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from graph.analysis.communities import LEIDEN_MAX_ITERATIONS, communities
from graph.analysis.result import to_igraph
from graph.analysis.subgraphs import filter_view, simple_graph
from graph.store.sqlite import SQLiteStore
from importers import ImportOptions, import_paths

VOORBEELD = Path(__file__).parents[3] / "graph" / "data" / "voorbeeld"


def reference_membership(graph: nx.Graph, resolution: float = 1.0, seed: int = 0) -> list[int]:
    """Leiden until stable (``n_iterations=-1``), as communities() ran it before."""
    g, _ = to_igraph(graph)
    state = random.getstate()
    random.seed(seed)
    try:
        found = g.community_leiden(
            objective_function="modularity",
            weights="weight" if g.ecount() else None,
            resolution=resolution,
            n_iterations=-1,
        )
    finally:
        random.setstate(state)
    return list(found.membership)


def same_partition(rows: list[dict[str, Any]], ids: list[Any], membership: list[int]) -> bool:
    ours = {row["id"]: row["community"] for row in rows}
    pairs = {}
    for node, theirs in zip(ids, membership, strict=True):
        pairs.setdefault(theirs, set()).add(ours[node])
    return all(len(v) == 1 for v in pairs.values()) and len(pairs) == len(set(ours.values()))


def assert_as_before(graph: nx.Graph, resolution: float = 1.0) -> None:
    result = communities(graph, resolution=resolution)
    _, ids = to_igraph(graph)
    assert same_partition(result.rows, ids, reference_membership(graph, resolution))
    assert result.meta["converged"] is True
    assert result.meta["iterations"] <= LEIDEN_MAX_ITERATIONS


def test_demo_as_before(demo_store: SQLiteStore) -> None:
    simple = simple_graph(filter_view(demo_store.load_graph("demo")))
    assert simple.number_of_edges() > 50
    assert_as_before(simple)


def test_voorbeeld_roc_as_before(sqlite_store: SQLiteStore) -> None:
    import_paths(sqlite_store, [VOORBEELD], ImportOptions("voorbeeld-roc"))
    simple = simple_graph(filter_view(sqlite_store.load_graph("voorbeeld-roc")))
    assert simple.number_of_edges() > 200
    for resolution in (0.5, 1.0, 2.0):
        assert_as_before(simple, resolution)


@pytest.mark.parametrize("seed", range(8))
def test_random_graphs_as_before(seed: int) -> None:
    graph = nx.gnm_random_graph(150, 400, seed=seed)
    for u, v in graph.edges():
        graph[u][v]["weight"] = float(1 + (u * v) % 4)
    assert_as_before(graph)


def test_karate_as_before() -> None:
    assert_as_before(nx.karate_club_graph(), 0.5)
    assert_as_before(nx.karate_club_graph())


def test_stops_after_the_most_iterations_allowed() -> None:
    # a graph that needs more rounds than allowed: the result is igraph's after exactly
    # that many rounds, and meta says it did not settle
    graph = nx.barabasi_albert_graph(3000, 3, seed=2)
    g, ids = to_igraph(graph)
    random.seed(0)
    two = g.community_leiden(objective_function="modularity", weights="weight", n_iterations=2)
    result = communities(graph, max_iterations=2)
    assert result.meta["iterations"] == 2
    assert result.meta["converged"] is False
    assert same_partition(result.rows, ids, list(two.membership))
    expected = g.modularity(two.membership, weights="weight")
    assert result.meta["modularity"] == pytest.approx(expected)
