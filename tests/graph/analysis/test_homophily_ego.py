"""Homophily's permutation test and ego composition (issue 23, part 3), checked against
closed forms and networkx."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest

from graph.analysis.ego_composition import ego_composition
from graph.analysis.homophily import homophily


def test_the_permutation_mean_of_the_ei_index_is_its_expectation() -> None:
    """Under random relabelling a tie is internal with probability Σ n_g(n_g − 1) /
    (N(N − 1)); the mean of 20 000 permutations lies within 4 standard errors of the
    E-I index that gives."""
    graph = nx.gnp_random_graph(40, 0.12, seed=3)
    rng = np.random.default_rng(3)
    groups = {n: str(rng.choice(["a", "b", "c"])) for n in graph}
    result = homophily(graph, groups, permutations=20_000, seed=9)
    row = result.rows[0]
    sizes = np.array(list(result.meta["groups"].values()), dtype=float)
    n = sizes.sum()
    internal = float((sizes * (sizes - 1)).sum() / (n * (n - 1)))
    assert row["expected"] == pytest.approx(1 - 2 * internal, abs=4 * row["sd"] / math.sqrt(20_000))


def test_the_permutation_test_is_seeded() -> None:
    graph = nx.karate_club_graph()
    groups = {n: d["club"] for n, d in graph.nodes(data=True)}
    first = homophily(graph, groups, permutations=200, seed=4).rows
    assert homophily(graph, groups, permutations=200, seed=4).rows == first
    assert homophily(graph, groups, permutations=200, seed=5).rows != first
    # the two clubs are far more internal than chance: every permutation is above
    assert first[0]["p_less"] == pytest.approx(1 / 200, abs=1 / 200)


def test_ego_composition_equals_networkx_ego_graphs() -> None:
    graph = nx.les_miserables_graph()
    rng = np.random.default_rng(1)
    groups = {n: str(rng.choice(["x", "y", "z"])) for n in graph}
    rows = {row["id"]: row for row in ego_composition(graph, groups).rows}
    for node in graph:
        alters = nx.ego_graph(graph, node, radius=1)
        alters.remove_node(node)
        k = alters.number_of_nodes()
        assert rows[node]["alters"] == k
        if k > 1:
            assert rows[node]["ego_density"] == pytest.approx(nx.density(alters))
        shares = np.array(
            [sum(groups[m] == g for m in alters) / k for g in ("x", "y", "z")] if k else []
        )
        if k:
            blau = 1 - float((shares**2).sum())
            assert rows[node]["blau"] == pytest.approx(blau)
            assert rows[node]["iqv"] == pytest.approx(blau / (1 - 1 / 3))
