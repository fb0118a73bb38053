"""Sampled betweenness keeps the error bound it states: over many independent samples,
every node's estimate lies within ``epsilon`` of the exact value (the compiled exact
path, equal to igraph in test_brandes.py) in at least the share ``1 − delta`` of them.

The graph is a tree with a few extra ties, so that the best brokers lie on about half
of all shortest connections: the bound (about 0.2 here) is then far below the largest
value, and an estimate scaled wrongly or not at all, or one that leaves the sources out,
fails it in every sample."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from graph.analysis.centrality import centralities

N, K, SAMPLES = 300, 100, 20


def tree_with_shortcuts(directed: bool) -> nx.Graph:
    """A random tree on N nodes plus N / 20 ties (both ways when directed)."""
    rng = random.Random(11)
    graph = nx.Graph()
    graph.add_edges_from((i, rng.randrange(i)) for i in range(1, N))
    graph.add_edges_from((rng.randrange(N), rng.randrange(N)) for _ in range(N // 20))
    graph.remove_edges_from(list(nx.selfloop_edges(graph)))
    return nx.DiGraph(graph) if directed else graph


@pytest.mark.parametrize("directed", [False, True])
def test_sampled_betweenness_lies_within_epsilon_with_chance_one_minus_delta(
    directed: bool,
) -> None:
    graph = tree_with_shortcuts(directed)
    exact = [r["betweenness"] for r in centralities(graph, ("betweenness",), weighted=False).rows]
    misses = 0
    for seed in range(SAMPLES):
        sampled = centralities(
            graph, ("betweenness",), weighted=False, sample_threshold=N, sample_size=K, seed=seed
        )
        assert sampled.meta["betweenness_sample"] == K
        bound = sampled.meta["betweenness_error"]
        assert max(exact) > 2 * bound["epsilon"]  # the bound says something here
        estimate = [r["betweenness"] for r in sampled.rows]
        worst = max(abs(a - b) for a, b in zip(estimate, exact, strict=True))
        misses += worst > bound["epsilon"]
    # at most delta = 0.1 of the samples may miss; 6 of 20 is a binomial tail of 0.2 %
    assert misses <= 6, f"{misses} of {SAMPLES} samples outside epsilon"
