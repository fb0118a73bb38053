"""The path-based centralities spread over worker processes give the values of one
igraph call (and so networkx's); sampled betweenness states its error bound."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from graph.analysis import parallel
from graph.analysis.centrality import centralities, error_bound
from graph.analysis.result import to_igraph
from tests.graph.analysis.test_centrality import CASES, weighted_graph


@pytest.mark.parametrize(("directed", "weighted", "connected", "seed"), CASES[::3])
def test_parts_add_up_to_one_igraph_call(
    directed: bool, weighted: bool, connected: bool, seed: int
) -> None:
    g, _ = to_igraph(weighted_graph(directed, connected, seed))
    distance = "distance" if weighted else None
    mode = "in" if directed else "all"
    split: dict[str, int] = {"workers": 2, "min_nodes": 0}
    whole = g.betweenness(directed=directed, weights=distance)
    parts = parallel.betweenness(g, directed=directed, weights=distance, **split)
    assert parts == pytest.approx(whole, abs=1e-9)
    closeness = g.closeness(mode=mode, weights=distance, normalized=False)
    assert parallel.closeness(g, mode=mode, weights=distance, **split) == pytest.approx(
        closeness, abs=1e-12, nan_ok=True
    )
    harmonic = g.harmonic_centrality(mode=mode, weights=distance, normalized=False)
    assert parallel.harmonic(g, mode=mode, weights=distance, **split) == pytest.approx(
        harmonic, abs=1e-12
    )


@pytest.mark.parametrize("directed", [False, True])
def test_centralities_through_workers_equal_networkx(
    directed: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "MIN_NODES", 0)
    monkeypatch.setenv("GRENSWERK_ANALYSIS_WORKERS", "3")
    graph = weighted_graph(directed, False, 3)
    rows = {
        r["id"]: r
        for r in centralities(graph, ("betweenness", "closeness", "harmonic"), weighted=True).rows
    }
    references = {
        "betweenness": nx.betweenness_centrality(graph, weight="distance"),
        "closeness": nx.closeness_centrality(graph, distance="distance"),
        "harmonic_raw": nx.harmonic_centrality(graph, distance="distance"),
    }
    for measure, reference in references.items():
        for node, expected in reference.items():
            assert rows[node][measure] == pytest.approx(expected, abs=1e-9), (measure, node)


def test_workers_follow_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRENSWERK_ANALYSIS_WORKERS", "1")
    assert parallel.workers() == 1
    assert parallel.workers_for(10**6, None, None) == 1
    assert parallel.workers_for(10, 4, None) == 1  # too small to be worth a worker


def test_sampled_betweenness_states_its_error_bound_and_keeps_it() -> None:
    graph = nx.barabasi_albert_graph(600, 3, seed=5)
    exact = centralities(graph, ("betweenness",), weighted=False)
    sampled = centralities(
        graph, ("betweenness",), weighted=False, sample_threshold=100, sample_size=150, seed=2
    )
    bound = sampled.meta["betweenness_error"]
    assert bound["delta"] == 0.1
    assert bound["epsilon"] == pytest.approx(600 / 599 * math.sqrt(math.log(12_000) / 300))
    worst = max(
        abs(a["betweenness"] - b["betweenness"])
        for a, b in zip(exact.rows, sampled.rows, strict=True)
    )
    assert worst <= bound["epsilon"]
    assert "betweenness_error" not in exact.meta


def test_error_bound_shrinks_with_the_sample() -> None:
    assert error_bound(10_000, 2000)["epsilon"] == pytest.approx(
        error_bound(10_000, 500)["epsilon"] / 2
    )


def test_workers_that_cannot_start_fall_back_to_this_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from concurrent.futures.process import BrokenProcessPool

    def broken(size: int) -> None:
        raise BrokenProcessPool("no workers here")

    monkeypatch.setattr(parallel, "_pool", broken)
    g, _ = to_igraph(weighted_graph(False, True, 1))
    expected = g.betweenness(directed=False)
    found = parallel.betweenness(g, directed=False, weights=None, workers=2, min_nodes=0)
    assert found == pytest.approx(expected, abs=1e-9)


def test_warm_starts_the_fork_server_the_workers_come_from() -> None:
    from multiprocessing import forkserver

    for size in list(parallel._POOLS):
        parallel._drop(size)
    assert not parallel.warm(10, workers=2)  # too small to be worth a worker
    assert parallel.warm(10**6, workers=2, min_nodes=0)
    assert forkserver._forkserver._forkserver_pid is not None  # running, no worker yet
    assert 2 not in parallel._POOLS
    g, _ = to_igraph(weighted_graph(False, True, 1))
    found = parallel.betweenness(g, directed=False, weights=None, workers=2, min_nodes=0)
    assert found == pytest.approx(g.betweenness(directed=False), abs=1e-9)
    assert not parallel.warm(10**6, workers=2, min_nodes=0)  # the workers run


def test_a_server_that_cannot_start_leaves_the_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    from multiprocessing import forkserver

    def refused() -> None:
        raise OSError("no processes here")

    monkeypatch.setattr(parallel, "_POOLS", {})
    monkeypatch.setattr(forkserver, "ensure_running", refused)
    assert not parallel.warm(10**6, workers=3, min_nodes=0)


@pytest.mark.parametrize(("directed", "weighted"), [(False, False), (True, True), (False, True)])
def test_a_shipped_graph_is_rebuilt_as_it_was_once_per_worker(
    directed: bool, weighted: bool
) -> None:
    g, _ = to_igraph(weighted_graph(directed, False, 4))
    distance = "distance" if weighted else None
    shipped = parallel._shipped(g, distance)
    assert parallel._shipped(g, distance) is shipped  # made once per graph
    rebuilt = parallel._received(shipped)
    assert parallel._received(shipped) is rebuilt  # kept under its token
    assert rebuilt.is_directed() == directed
    assert rebuilt.vcount() == g.vcount()
    assert rebuilt.get_edgelist() == g.get_edgelist()
    if weighted:
        assert rebuilt.es["distance"] == g.es["distance"]
    part = list(range(0, g.vcount(), 3))
    assert parallel._betweenness_part(shipped, directed, distance, part).tolist() == (
        pytest.approx(g.betweenness(directed=directed, weights=distance, sources=part))
    )
    for seed in (5, 6):  # a worker keeps the last few graphs only
        parallel._received(parallel._shipped(to_igraph(weighted_graph(False, True, seed))[0], None))
    assert shipped.token not in parallel._RECEIVED
