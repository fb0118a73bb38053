"""Structural holes read the ties from the adjacency dicts in the order networkx's
edge view gives them, so the matrices, and the values, are those of before."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analysis.holes import _edges


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("seed", [1, 4])
def test_holes_read_the_ties_in_the_graphs_order(directed: bool, seed: int) -> None:
    graph = nx.gnm_random_graph(60, 200, seed=seed, directed=directed)
    graph.add_edge(3, 3)
    for u, v in graph.edges():
        graph[u][v]["weight"] = float((u + 2 * v) % 5 + 1)
    assert list(_edges(graph)) == list(graph.edges(data=True))


def test_a_multigraph_is_read_through_its_edge_view() -> None:
    graph = nx.MultiGraph([(1, 2), (1, 2), (2, 3)])
    assert list(_edges(graph)) == list(graph.edges(data=True))
