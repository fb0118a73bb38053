"""Centralities equal networkx's on the same graph; textbook winners."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from graph.analysis.centrality import centralities


def weighted_graph(directed: bool, connected: bool, seed: int) -> nx.Graph:
    graph = nx.gnm_random_graph(60, 240, seed=seed, directed=directed)
    if not connected:
        graph.add_nodes_from(range(60, 64))  # isolates
        graph = nx.disjoint_union(
            graph, nx.gnm_random_graph(12, 25, seed=seed + 1, directed=directed)
        )
    rng = random.Random(seed)
    for u, v in graph.edges():
        strength = rng.choice([1.0, 0.5, 0.25])  # distances 1, 2, 4: exact in floats
        graph[u][v]["weight"] = strength
        graph[u][v]["distance"] = 1 / strength
    return graph


def values(graph: nx.Graph, weighted: bool) -> dict[object, dict[str, float]]:
    return {row["id"]: row for row in centralities(graph, weighted=weighted).rows}


CASES = [
    (d, w, c, s)
    for d in (False, True)
    for w in (False, True)
    for c in (False, True)
    for s in (1, 2)
]


@pytest.mark.parametrize(("directed", "weighted", "connected", "seed"), CASES)
def test_equal_to_networkx(directed: bool, weighted: bool, connected: bool, seed: int) -> None:
    graph = weighted_graph(directed, connected, seed)
    ours = values(graph, weighted)
    distance = "distance" if weighted else None
    weight = "weight" if weighted else None
    references = {
        "degree_centrality": nx.degree_centrality(graph),
        "betweenness": nx.betweenness_centrality(graph, weight=distance),
        "betweenness_raw": nx.betweenness_centrality(graph, weight=distance, normalized=False),
        "closeness": nx.closeness_centrality(graph, distance=distance),
        "harmonic_raw": nx.harmonic_centrality(graph, distance=distance),
        "pagerank": nx.pagerank(graph, weight=weight, tol=1e-12),
    }
    if directed:
        references["in_degree"] = dict(graph.in_degree())
        references["out_degree"] = dict(graph.out_degree())
    for measure, reference in references.items():
        for node, expected in reference.items():
            assert ours[node][measure] == pytest.approx(expected, abs=1e-9), (measure, node)


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("weighted", [False, True])
def test_eigenvector_equal_to_networkx(directed: bool, weighted: bool) -> None:
    graph = weighted_graph(directed, True, 3)
    if directed:  # a strongly connected digraph, where the measure is defined
        graph = graph.subgraph(max(nx.strongly_connected_components(graph), key=len)).copy()
    ours = values(graph, weighted)
    reference = nx.eigenvector_centrality(
        graph, weight="weight" if weighted else None, max_iter=10_000, tol=1e-12
    )
    for node, expected in reference.items():
        assert ours[node]["eigenvector"] == pytest.approx(expected, abs=1e-7)


def test_krackhardt_kite_winners() -> None:
    rows = centralities(nx.krackhardt_kite_graph(), weighted=False).rows
    best = {
        m: max(rows, key=lambda r: r[m])["id"]
        for m in ("degree", "betweenness", "closeness", "eigenvector")
    }
    # Andre (3) has most ties, Heather (7) brokers, Fernando (5) and Garth (6) are closest
    assert best["degree"] == 3 and best["betweenness"] == 7 and best["eigenvector"] == 3
    closest = max(r["closeness"] for r in rows)
    assert {r["id"] for r in rows if r["closeness"] == closest} == {5, 6}


def test_florentine_families_medici_broker() -> None:
    rows = centralities(nx.florentine_families_graph(), weighted=False).rows
    ranked = sorted(rows, key=lambda r: -r["betweenness"])
    assert ranked[0]["id"] == "Medici"
    assert ranked[0]["betweenness"] == pytest.approx(0.521978, abs=1e-6)


def test_sampled_betweenness_is_reported_and_close() -> None:
    graph = nx.barabasi_albert_graph(400, 3, seed=1)
    nx.set_edge_attributes(graph, 1.0, "distance")
    exact = centralities(graph, ("betweenness",), weighted=False)
    assert "betweenness_sample" not in exact.meta
    sampled = centralities(
        graph, ("betweenness",), weighted=False, sample_threshold=100, sample_size=200, seed=4
    )
    assert sampled.meta["betweenness_sample"] == 200
    exact_values = [r["betweenness"] for r in exact.rows]
    sampled_values = [r["betweenness"] for r in sampled.rows]
    top_exact = sorted(range(400), key=lambda i: -exact_values[i])[:10]
    top_sampled = sorted(range(400), key=lambda i: -sampled_values[i])[:10]
    assert len(set(top_exact) & set(top_sampled)) >= 8
    assert sum(sampled_values) == pytest.approx(sum(exact_values), rel=0.1)


def test_unknown_measure() -> None:
    with pytest.raises(ValueError, match="unknown measure"):
        centralities(nx.path_graph(3), ("fame",))


def test_empty_and_tiny_graphs() -> None:
    assert centralities(nx.Graph()).rows == []
    (row,) = centralities(nx.empty_graph(1)).rows
    assert row["degree"] == 0 and row["betweenness"] == 0


def test_sampled_closeness_and_harmonic_are_close() -> None:
    graph = nx.barabasi_albert_graph(500, 3, seed=2)
    nx.set_edge_attributes(graph, 1.0, "distance")
    exact = centralities(graph, ("closeness", "harmonic"), weighted=False)
    sampled = centralities(
        graph,
        ("closeness", "harmonic"),
        weighted=False,
        sample_threshold=100,
        sample_size=250,
        seed=1,
    )
    assert sampled.meta["distance_sample"] == 250
    for measure in ("closeness", "harmonic"):
        for a, b in zip(exact.rows, sampled.rows, strict=True):
            assert b[measure] == pytest.approx(a[measure], rel=0.1), measure
