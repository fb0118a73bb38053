"""The workspace counts computed in one pass over the ties (a union-find for the
components) are the counts of the networkx simple graph the previous code built (kept
here as the reference) and network_counts' four; self-loops, source documents, parallel
ties, isolates and views included."""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.analysis.stats import graph_stats, network_counts, outline_stats
from graph.analysis.subgraphs import filter_view
from graph.store.datatypes import GraphOutline
from tests.graph.analysis.test_potential_batch import random_workspace


def reference_stats(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """graph_stats() as it was: through a networkx simple graph."""
    n = graph.number_of_nodes()
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes)
    simple.add_edges_from((u, v) for u, v in graph.edges() if u != v)
    density = 2 * simple.number_of_edges() / (n * (n - 1)) if n > 1 else 0.0
    components = [len(c) for c in nx.connected_components(simple)]
    return {
        **network_counts(graph),
        "by_kind": dict(
            sorted(Counter(d.get("kind", "?") for _, d in graph.nodes(data=True)).items())
        ),
        "by_type": dict(
            sorted(Counter(d.get("type", "?") for *_, d in graph.edges(data=True)).items())
        ),
        "components": len(components),
        "largest_component": max(components, default=0),
        "isolates": sum(1 for c in components if c == 1),
        "density": round(density, 4),
    }


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10_000), st.integers(0, 40), st.integers(0, 80), st.booleans())
def test_the_counts_are_the_simple_graphs(seed: int, n: int, m: int, loops: bool) -> None:
    graph = random_workspace(seed, max(n, 1), m) if n or m else nx.MultiDiGraph()
    if loops and graph.number_of_nodes():
        first = next(iter(graph))
        graph.add_edge(first, first, type="related_to")  # a self-loop counts as a tie only
        graph.add_node("alone", kind="theme")
        graph.add_node("notes", kind="source")  # a source document and a mention in it
        graph.add_edge(first, "notes", type="mentioned_in")
    assert graph_stats(graph) == reference_stats(graph)


def test_a_view_and_a_simple_graph_count_as_before() -> None:
    graph = random_workspace(3, 60, 150)
    view = filter_view(graph, kinds={"organisation", "person"})
    assert graph_stats(view) == reference_stats(view)
    simple = nx.Graph(nx.Graph(graph).edges())
    assert graph_stats(simple) == reference_stats(simple)


def outline_of(graph: nx.MultiDiGraph) -> GraphOutline:
    """What a store outlines of the graph: each node's kind, each tie's ends and type."""
    kinds = {n: kind for n, kind in graph.nodes(data="kind") if kind is not None}
    return GraphOutline(1, kinds, list(graph.edges(data="type", default="?")))


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 40), st.integers(0, 80))
def test_the_outline_counts_as_the_graph(seed: int, n: int, m: int) -> None:
    graph = random_workspace(seed, n, m)
    graph.add_node("notes", kind="source")
    graph.add_edge(next(iter(graph)), "notes", type="mentioned_in")
    graph.add_edge("notes", "nowhere", type="related_to")  # an end with no stored node
    assert outline_stats(outline_of(graph)) == graph_stats(graph) == reference_stats(graph)
