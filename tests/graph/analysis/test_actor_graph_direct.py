"""The actor graph built straight from the view (without a filtered copy of it first)
is the one built before: same nodes and ties, in the same order, with the same
attributes (the previous implementation is kept here as the reference)."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.analysis.subgraphs import (
    ACTOR_KINDS,
    CONTEXT_KINDS,
    MAX_CONTEXT_SIZE,
    actor_graph,
    actor_ties,
    filter_view,
    simple_graph,
)
from graph.store.sqlite import SQLiteStore
from importers import ImportOptions, import_paths
from tests.graph.analysis.test_potential_batch import random_workspace

VOORBEELD = Path(__file__).parents[3] / "graph" / "data" / "voorbeeld"


def reference_actor_graph(
    graph: nx.MultiDiGraph, *, directed: bool = False, max_context_size: int = MAX_CONTEXT_SIZE
) -> nx.Graph:
    """actor_graph() as it was: a filtered copy of the actors, then its simple graph."""
    actors = filter_view(graph, kinds=ACTOR_KINDS)
    simple = simple_graph(actors, directed=directed)
    members: dict[str, set[str]] = defaultdict(set)
    for u, v in graph.edges():
        ku, kv = graph.nodes[u].get("kind"), graph.nodes[v].get("kind")
        if ku in ACTOR_KINDS and kv in CONTEXT_KINDS:
            members[v].add(u)
        elif kv in ACTOR_KINDS and ku in CONTEXT_KINDS:
            members[u].add(v)
    for context, people in members.items():
        if len(people) > max_context_size:
            continue
        for a, b in combinations(sorted(people), 2):
            for x, y in ((a, b), (b, a)) if directed else ((a, b),):
                if simple.has_edge(x, y):
                    simple[x][y]["weight"] += 1.0
                    simple[x][y]["via"] = [*simple[x][y].get("via", []), context]
                else:
                    simple.add_edge(x, y, weight=1.0, count=0, via=[context])
    for _, _, data in simple.edges(data=True):
        data["distance"] = 1.0 / data["weight"]
    return simple


def assert_same(graph: nx.MultiDiGraph) -> None:
    for directed in (False, True):
        new = actor_graph(graph, directed=directed)
        old = reference_actor_graph(graph, directed=directed)
        assert new.is_directed() == old.is_directed()
        assert list(new.nodes(data=True)) == list(old.nodes(data=True))
        assert list(new.edges(data=True)) == list(old.edges(data=True))
        for node in old:  # each node's neighbours in the same order, attributes too
            assert list(new.adj[node].items()) == list(old.adj[node].items())
            assert [list(d) for d in new.adj[node].values()] == [
                list(d) for d in old.adj[node].values()
            ]


def test_demo_as_before(demo_store: SQLiteStore) -> None:
    graph = demo_store.load_graph("demo")
    assert actor_graph(filter_view(graph)).number_of_edges() > 20
    assert_same(graph)
    assert_same(filter_view(graph))


def test_voorbeeld_roc_as_before(sqlite_store: SQLiteStore) -> None:
    import_paths(sqlite_store, [VOORBEELD], ImportOptions("voorbeeld-roc"))
    graph = sqlite_store.load_graph("voorbeeld-roc")
    assert actor_graph(filter_view(graph)).number_of_edges() > 100
    assert_same(filter_view(graph))


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 40), st.integers(0, 150))
def test_random_workspaces_as_before(seed: int, n: int, m: int) -> None:
    graph = random_workspace(seed, n, m)
    graph.add_node("doc", kind="source", name="bron")
    for i, node in enumerate(list(graph)[:5]):
        graph.add_edge(node, "doc", key=f"m{i}", type="mentioned_in")
        graph.add_edge(node, node, key=f"self{i}", type="collaborates_with")
    assert_same(graph)


@pytest.mark.parametrize("directed", [False, True])
def test_actor_ties_are_the_filtered_copys(directed: bool) -> None:
    graph = random_workspace(5, 60, 300)
    view = filter_view(graph, kinds=ACTOR_KINDS)
    expected = [(u, v, d.get("type")) for u, v, d in view.edges(data=True)]
    assert [(u, v, d.get("type")) for u, v, d in actor_ties(graph)] == expected
