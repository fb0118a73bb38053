"""Betweenness counting steps, compiled and on threads (graph/analysis/brandes.py), gives
igraph's values: exact and from sampled sources, directed and not, on graphs with
isolates, components, parallel ties and loops; and centralities() gives through it the
values it gave through igraph's worker processes (the path it replaced)."""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.analysis import brandes, centrality
from graph.analysis.centrality import centralities
from graph.analysis.igraph_import import ig
from graph.analysis.result import to_igraph
from tests.graph.analysis.test_centrality import weighted_graph


def close(ours: list[float], theirs: list[float]) -> bool:
    scale = max([1.0, *map(abs, theirs)])
    return bool(np.allclose(ours, theirs, rtol=1e-9, atol=1e-9 * scale))


@settings(max_examples=80, deadline=None)
@given(
    n=st.integers(1, 40),
    ties=st.lists(st.tuples(st.integers(0, 39), st.integers(0, 39)), max_size=120),
    directed=st.booleans(),
    follow=st.booleans(),
    threads=st.integers(1, 3),
    sample=st.integers(0, 40),
)
def test_equal_to_igraph(
    n: int,
    ties: list[tuple[int, int]],
    directed: bool,
    follow: bool,
    threads: int,
    sample: int,
) -> None:
    """Any small graph (parallel ties and loops included), every source or a sample."""
    g = ig.Graph(n=n, edges=[(u % n, v % n) for u, v in ties], directed=directed)
    assert close(
        brandes.betweenness(g, directed=follow, threads=threads), g.betweenness(directed=follow)
    )
    sources = random.Random(sample).sample(range(n), min(sample, n))
    assert close(
        brandes.betweenness(g, directed=follow, sources=sources, threads=threads),
        g.betweenness(directed=follow, sources=sources),
    )


@pytest.mark.parametrize("directed", [False, True])
def test_a_larger_graph_on_threads_equals_igraph(directed: bool) -> None:
    g = ig.Graph.Barabasi(3000, 4, directed=directed)
    assert close(
        brandes.betweenness(g, directed=directed, threads=2), g.betweenness(directed=directed)
    )


def test_a_source_outside_the_graph_is_refused() -> None:
    """The compiled loop checks no index: a wrong one must never reach it."""
    g = ig.Graph([(0, 1), (1, 2)])
    with pytest.raises(ValueError, match="not a vertex"):
        brandes.betweenness(g, directed=False, sources=[3])
    with pytest.raises(ValueError, match="not a vertex"):
        brandes.betweenness(g, directed=False, sources=[-1])


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("connected", [False, True])
@pytest.mark.parametrize("sampled", [False, True])
def test_centralities_equal_the_igraph_path(
    directed: bool, connected: bool, sampled: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rows and meta through the compiled path are those through igraph's workers."""
    graph = weighted_graph(directed, connected, 5)
    options = {"sample_threshold": 30, "sample_size": 20, "seed": 3} if sampled else {}
    ours = centralities(graph, ("betweenness",), weighted=False, **options)
    monkeypatch.setattr(centrality.brandes, "available", lambda: False)
    theirs = centralities(graph, ("betweenness",), weighted=False, **options)
    assert ours.meta == theirs.meta
    assert ("betweenness_sample" in ours.meta) == sampled
    for mine, other in zip(ours.rows, theirs.rows, strict=True):
        assert mine.keys() == other.keys()
        assert mine["id"] == other["id"]
        for measure in ("betweenness", "betweenness_raw"):
            assert mine[measure] == pytest.approx(other[measure], rel=1e-9, abs=1e-12)


def test_the_rows_are_kept_per_graph_and_direction() -> None:
    g, _ = to_igraph(weighted_graph(True, False, 2))
    both = brandes._rows(g, False)
    assert all(a is b for a, b in zip(brandes._rows(g, False), both, strict=True))
    assert brandes._rows(g, True) is not both
    assert len(brandes._rows(g, True)[1]) * 2 == len(both[1])


def test_without_a_place_for_numbas_cache_it_compiles_anyway(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A read-only installation (numba finds nowhere to keep its cache) still computes."""
    import numba

    real = numba.njit

    def no_cache(*args: object, **kwargs: object) -> object:
        if kwargs.get("cache"):
            raise RuntimeError("cannot cache function '_accumulate': no locator available")
        return real(*args, **kwargs)

    monkeypatch.setattr(numba, "njit", no_cache)
    monkeypatch.setattr(brandes, "_KERNEL", None)
    g = ig.Graph.Famous("Zachary")
    assert close(brandes.betweenness(g, directed=False), g.betweenness(directed=False))
