"""The bit-parallel hop counts give igraph's distances; closeness and harmonic
centrality from one pass equal igraph's and networkx's; the sampled estimates and the
summary's sampled path lengths equal those of the per-source searches they replace
(kept below as references)."""

from __future__ import annotations

import random
from typing import Any

import igraph as ig
import networkx as nx
import numpy as np
import pytest

from graph.analysis import centrality, hops
from graph.analysis.centrality import centralities
from graph.analysis.result import to_igraph
from graph.analysis.summary import summary
from tests.graph.analysis.test_centrality import CASES, weighted_graph

GRAPHS = [(d, c, s) for d in (False, True) for c in (False, True) for s in (1, 2)]


def reference_counts(g: ig.Graph, sources: list[int], directed: bool) -> np.ndarray:
    """The same counts from igraph's distances, one row of sources at a time."""
    mode = "out" if directed else "all"
    d = np.array(g.distances(source=sources, mode=mode), dtype=float)
    finite = np.isfinite(d) & (d > 0)
    longest = int(d[finite].max(initial=0))
    return np.array(
        [(d == level).sum(axis=0) for level in range(1, longest + 1)], dtype=np.int64
    ).reshape(longest, g.vcount())


@pytest.mark.parametrize(("directed", "connected", "seed"), GRAPHS)
def test_hop_counts_equal_igraph_distances(directed: bool, connected: bool, seed: int) -> None:
    g, _ = to_igraph(weighted_graph(directed, connected, seed))
    sources = random.Random(seed).sample(range(g.vcount()), 30)
    for follow in (False, True):
        found = hops.hop_counts(g, sources, directed=follow)
        assert found.tolist() == reference_counts(g, sources, follow and directed).tolist()


def test_hop_counts_over_several_chunks_and_self_loops(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hops, "CHUNK", 64)
    graph = nx.gnm_random_graph(300, 500, seed=4, directed=True)
    graph.add_edge(5, 5)
    g, _ = to_igraph(graph)
    everyone = list(range(g.vcount()))
    found = hops.hop_counts(g, everyone, directed=True)
    assert found.tolist() == reference_counts(g, everyone, True).tolist()


def test_hop_counts_of_graphs_without_ties() -> None:
    assert hops.hop_counts(ig.Graph(3), [0, 1], directed=False).shape == (0, 3)
    assert hops.distances_to(ig.Graph(0), directed=True).longest == 0


@pytest.mark.parametrize(("directed", "connected", "seed"), GRAPHS)
def test_one_pass_equals_igraph_closeness_harmonic_and_reach(
    directed: bool, connected: bool, seed: int
) -> None:
    g, _ = to_igraph(weighted_graph(directed, connected, seed))
    mode = "in" if directed else "all"
    d = hops.distances_to(g, directed=directed)
    closeness = np.array(g.closeness(mode=mode, normalized=False))
    reached = d.total > 0
    assert (1 / d.total[reached]) == pytest.approx(closeness[reached], abs=1e-12)
    assert np.isnan(closeness[~reached]).all()
    harmonic = g.harmonic_centrality(mode=mode, normalized=False)
    assert d.inverse.tolist() == pytest.approx(harmonic, abs=1e-12)
    reach = g.neighborhood_size(order=g.vcount(), mode=mode)
    assert (d.reached + 1).tolist() == reach


@pytest.mark.parametrize(("directed", "connected", "seed"), GRAPHS)
def test_unweighted_closeness_and_harmonic_equal_networkx(
    directed: bool, connected: bool, seed: int
) -> None:
    graph = weighted_graph(directed, connected, seed)
    rows = {r["id"]: r for r in centralities(graph, ("closeness", "harmonic"), weighted=False).rows}
    closeness = nx.closeness_centrality(graph)
    harmonic = nx.harmonic_centrality(graph)
    for node in graph:
        assert rows[node]["closeness"] == pytest.approx(closeness[node], abs=1e-9)
        assert rows[node]["harmonic_raw"] == pytest.approx(harmonic[node], abs=1e-9)


def reference_sampled_distances(
    g: Any, distance: str | None, size: int, seed: int
) -> tuple[list[float], list[float]]:
    """The per-pivot-row estimate that the bit-parallel one replaced."""
    n = g.vcount()
    pivots = random.Random(seed).sample(range(n), size)
    total, inverse, reached = np.zeros(n), np.zeros(n), np.zeros(n)
    for start in range(0, size, 50):
        chunk = pivots[start : start + 50]
        d = np.array(g.distances(source=chunk, weights=distance, mode="out"), dtype=float)
        finite = np.isfinite(d) & (d > 0)
        total += np.where(finite, d, 0.0).sum(axis=0)
        inverse += np.where(finite, 1.0 / np.where(finite, d, 1.0), 0.0).sum(axis=0)
        reached += finite.sum(axis=0)
    is_pivot = np.zeros(n)
    is_pivot[pivots] = 1
    others = size - is_pivot
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(others > 0, reached / others, 0.0)
        r = share * (n - 1) + 1
        mean = np.where(reached > 0, total / reached, 0.0)
        closeness = np.where(mean > 0, (r - 1) / (n - 1) / np.where(mean > 0, mean, 1.0), 0.0)
        harmonic = np.where(others > 0, inverse / others, 0.0)
    return closeness.tolist(), harmonic.tolist()


@pytest.mark.parametrize(("directed", "weighted"), [(False, False), (True, False), (True, True)])
def test_sampled_closeness_equals_the_previous_estimate(directed: bool, weighted: bool) -> None:
    graph = weighted_graph(directed, False, 3)
    g, _ = to_igraph(graph)
    distance = "distance" if weighted else None
    closeness, harmonic = centrality._sampled_distances(g, distance, 20, 7)
    old_closeness, old_harmonic = reference_sampled_distances(g, distance, 20, 7)
    assert closeness == pytest.approx(old_closeness, abs=1e-12)
    assert harmonic == pytest.approx(old_harmonic, abs=1e-12)


def reference_path_lengths(g: Any, size: int, seed: int) -> dict[str, Any]:
    """The summary's sampled path lengths from igraph's distances, as before."""
    sources = random.Random(seed).sample(range(g.vcount()), size)
    total = count = longest = 0.0
    for start in range(0, len(sources), 50):
        d = np.array(g.distances(source=sources[start : start + 50], mode="all"), dtype=float)
        finite = d[np.isfinite(d) & (d > 0)]
        total += float(finite.sum())
        count += finite.size
        longest = max(longest, float(finite.max(initial=0)))
    return {"diameter": int(longest), "average_path_length": total / count, "path_sample": size}


@pytest.mark.parametrize("directed", [False, True])
def test_summary_sampled_path_lengths_equal_the_previous_ones(directed: bool) -> None:
    graph = nx.barabasi_albert_graph(400, 2, seed=3)
    if directed:
        graph = nx.DiGraph((u, v) for u, v in graph.edges())
    meta = summary(graph, sample_threshold=100, sample_size=60, seed=5).meta
    g, _ = to_igraph(graph, attributes=())
    expected = reference_path_lengths(g, 60, 5)
    assert meta["diameter"] == expected["diameter"]
    assert meta["path_sample"] == 60
    assert meta["average_path_length"] == pytest.approx(expected["average_path_length"], rel=1e-15)


def test_closeness_and_harmonic_share_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    graph = weighted_graph(False, False, 1)
    converted = to_igraph(graph)
    calls: list[int] = []
    counts = hops.hop_counts

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return counts(*args, **kwargs)

    monkeypatch.setattr(hops, "hop_counts", counted)
    first = centralities(graph, ("closeness",), weighted=False, converted=converted)
    second = centralities(graph, ("harmonic",), weighted=False, converted=converted)
    assert len(calls) == 1
    both = centralities(graph, ("closeness", "harmonic"), weighted=False)
    for a, b, c in zip(first.rows, second.rows, both.rows, strict=True):
        assert a["closeness"] == c["closeness"]
        assert b["harmonic_raw"] == c["harmonic_raw"]


@pytest.mark.parametrize("seed", range(6))
def test_summary_exact_path_lengths_equal_igraph_and_networkx(seed: int) -> None:
    graph = nx.gnm_random_graph(70, 90, seed=seed, directed=seed % 2 == 1)
    meta = summary(graph).meta
    undirected = graph.to_undirected() if graph.is_directed() else graph
    giant = undirected.subgraph(max(nx.connected_components(undirected), key=len))
    g, _ = to_igraph(nx.Graph(giant), attributes=())
    assert meta["diameter"] == g.diameter(directed=False) == nx.diameter(giant)
    assert meta["average_path_length"] == pytest.approx(
        g.average_path_length(directed=False), rel=1e-15
    )
    assert meta["average_path_length"] == pytest.approx(
        nx.average_shortest_path_length(giant), rel=1e-15
    )


@pytest.mark.parametrize("seed", range(4))
def test_summary_reciprocity_and_assortativity_equal_networkx(seed: int) -> None:
    rng = random.Random(seed)
    graph = nx.gnm_random_graph(50, 160, seed=seed, directed=True)
    graph.add_edges_from([(1, 1), (2, 3), (3, 2)])
    for node in graph:
        if rng.random() < 0.8:
            graph.nodes[node]["org_type"] = rng.choice(["school", "company", "government"])
    meta = summary(graph, attributes=("org_type",)).meta
    assert meta["reciprocity"] == nx.reciprocity(graph)
    typed = graph.subgraph(n for n in graph if "org_type" in graph.nodes[n]).to_undirected()
    expected = nx.attribute_assortativity_coefficient(typed, "org_type")
    assert meta["assortativity_org_type"] == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize(("directed", "weighted", "connected", "seed"), CASES)
def test_pagerank_equals_the_prpack_solution(
    directed: bool, weighted: bool, connected: bool, seed: int
) -> None:
    graph = weighted_graph(directed, connected, seed)
    graph.add_edge(0, 0, weight=1.0, distance=1.0)  # a self-loop
    if directed:
        graph.add_node("dangling")
        graph.add_edge(1, "dangling", weight=2.0, distance=0.5)
    g, ids = to_igraph(graph)
    weight = "weight" if weighted else None
    rows = centralities(graph, ("pagerank",), weighted=weighted, converted=(g, ids)).rows
    expected = g.pagerank(directed=directed, weights=weight, damping=0.85)
    assert [row["pagerank"] for row in rows] == pytest.approx(expected, abs=1e-12)


def test_pagerank_falls_back_to_prpack(monkeypatch: pytest.MonkeyPatch) -> None:
    graph = weighted_graph(True, False, 1)
    g, ids = to_igraph(graph)
    expected = g.pagerank(directed=True, weights="weight", damping=0.85)
    original = ig.Graph.pagerank

    def no_arpack(self: ig.Graph, *args: Any, **kwargs: Any) -> Any:
        if kwargs.get("implementation") == "arpack":
            raise ig.InternalError("ARPACK did not converge")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(ig.Graph, "pagerank", no_arpack)
    rows = centralities(graph, ("pagerank",), converted=(g, ids)).rows
    assert [row["pagerank"] for row in rows] == expected
