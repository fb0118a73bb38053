"""Centralities: degree, betweenness, closeness, harmonic, eigenvector, PageRank.

Computed with igraph (compiled) on the simple graph of a view; the values equal
networkx's on the same graph (the tests compare them). Weighted where weights exist:
path-based measures (betweenness, closeness, harmonic) use ``distance`` = 1 / summed
strength, eigenvector and PageRank use the strength itself.

Betweenness is exact below ``sample_threshold`` nodes (or when asked for with a
threshold above the graph's size); from it on, an estimate from ``sample_size`` random
sources (Brandes & Pich 2007), the sample size and the error bound (ε, δ) reported in
the result's ``meta``; closeness and harmonic centrality likewise from sampled pivots.

Examples
--------
>>> g = nx.krackhardt_kite_graph()
>>> r = centralities(g, measures=("degree", "betweenness", "closeness"))
>>> best = {m: max(r.rows, key=lambda row: row[m])["id"] for m in ("degree", "betweenness",
...                                                                  "closeness")}
>>> best  # Andre (3) for degree, Heather (7) for betweenness, Fernando (5) for closeness
{'degree': 3, 'betweenness': 7, 'closeness': 5}
"""

from __future__ import annotations

import math
import random
import warnings
from collections.abc import Iterable, Sequence
from typing import Any

import networkx as nx
import numpy as np

from graph.analysis import brandes, hops, parallel
from graph.analysis.igraph_import import ig
from graph.analysis.memo import PerObject
from graph.analysis.result import Result, column_rows, igraph_seeded, to_igraph

__all__ = ["COLUMNS", "MEASURES", "centralities"]

MEASURES = ("degree", "betweenness", "closeness", "harmonic", "eigenvector", "pagerank")

#: Every column a measure gives, and what it is (docs/analyses.md and the API
#: description repeat these sentences; a test holds them to it).
COLUMNS: dict[str, str] = {
    "degree": "the number of neighbours (in + out on a directed graph), parallel ties counted once",
    "degree_centrality": "degree / (n − 1), as networkx's degree_centrality",
    "in_degree": "directed only: the number of nodes with a tie to this one",
    "out_degree": "directed only: the number of nodes this one has a tie to",
    "strength": "weighted only: the sum of the weights of its ties",
    "betweenness": "the share of shortest paths between other pairs through the node, "
    "normalised as networkx (2 / ((n − 1)(n − 2)) undirected, 1 / ((n − 1)(n − 2)) directed)",
    "betweenness_raw": "the sum over pairs of other nodes of the share of their shortest "
    "paths through the node (each pair once on an undirected graph), as networkx's "
    "normalized=False",
    "closeness": "networkx's closeness_centrality (incoming distance on a directed graph), "
    "with Wasserman & Faust's scaling for the nodes it reaches: (r − 1) / Σ d × "
    "(r − 1) / (n − 1)",
    "closeness_raw": "1 / Σ d over the nodes reached (igraph's unnormalised closeness)",
    "harmonic": "Σ 1/d over the other nodes, divided by n − 1",
    "harmonic_raw": "Σ 1/d over the other nodes, as networkx's harmonic_centrality",
    "eigenvector": "the leading eigenvector (incoming ties on a directed graph) scaled to "
    "unit Euclidean length, as networkx's eigenvector_centrality",
    "eigenvector_raw": "the same vector scaled so that its largest entry is 1 (igraph's "
    "convention); the order of the nodes is the same as by eigenvector",
    "pagerank": "PageRank with damping 0.85 (summing to 1), as networkx's pagerank",
}


def centralities(
    graph: nx.Graph,
    measures: Sequence[str] = MEASURES,
    *,
    weighted: bool = True,
    path_weighted: bool | None = None,
    sample_threshold: int = 20_000,
    sample_size: int = 500,
    seed: int = 0,
    converted: tuple[Any, list[Any]] | None = None,
) -> Result:
    """Node centralities, normalised (networkx's conventions) and raw.

    Each measure gives a column ``<measure>`` (normalised) and, where the two differ,
    ``<measure>_raw``; degree gives ``degree``, ``in_degree`` and ``out_degree`` (raw
    counts) and ``degree_centrality``.

    Parameters
    ----------
    graph : networkx.Graph or networkx.DiGraph
        A simple graph (see :func:`graph.analysis.subgraphs.simple_graph`).
    measures : sequence of str
        Any of ``degree``, ``betweenness``, ``closeness``, ``harmonic``, ``eigenvector``
        and ``pagerank``.
    weighted : bool, default True
        Use the ``weight`` of ties; ``False`` ignores weights.
    path_weighted : bool, optional
        For the path-based measures alone, whether a strong tie counts as a short
        distance (default: as ``weighted``).
    sample_threshold, sample_size, seed : int
        From ``sample_threshold`` nodes on, betweenness is estimated from ``sample_size``
        sources drawn with ``seed``.
    converted : tuple, optional
        ``to_igraph(graph)``, when already made (the registry makes it once per view).

    Returns
    -------
    Result
        ``centrality``: a row per node with ``id``, ``name`` and the columns above.

    References
    ----------
    .. [1] Freeman, L. C. (1978). Centrality in social networks: conceptual
       clarification. *Social Networks* 1, 215–239.
    .. [2] Brandes, U. (2001). A faster algorithm for betweenness centrality. *Journal of
       Mathematical Sociology* 25, 163–177.

    Examples
    --------
    >>> g = nx.path_graph(["a", "b", "c", "d"])
    >>> rows = centralities(g, ["degree", "betweenness"]).rows
    >>> [(row["id"], row["degree"], round(row["betweenness"], 3)) for row in rows]
    [('a', 1.0, 0.0), ('b', 2.0, 0.667), ('c', 2.0, 0.667), ('d', 1.0, 0.0)]
    """
    unknown = set(measures) - set(MEASURES)
    if unknown:
        raise ValueError(f"unknown measure(s) {sorted(unknown)}; use {', '.join(MEASURES)}")
    g, ids = converted or to_igraph(graph)
    n = len(ids)
    directed = graph.is_directed()
    by_distance = weighted if path_weighted is None else path_weighted
    distance = "distance" if by_distance and g.ecount() else None
    weight = "weight" if weighted and g.ecount() else None
    meta: dict[str, Any] = {
        "nodes": n,
        "directed": directed,
        "weighted": weighted,
        "path_weighted": bool(distance),
    }
    columns: dict[str, Iterable[float]] = {}
    if "degree" in measures:
        columns.update(_degree(g, directed, weighted, weight))
    if "betweenness" in measures:
        raw, sampled = _betweenness(g, directed, distance, sample_threshold, sample_size, seed)
        if sampled:
            meta["betweenness_sample"] = sampled
            meta["betweenness_error"] = error_bound(n, sampled)
        pairs = (n - 1) * (n - 2)
        factor = (1 if directed else 2) / pairs if pairs else 0.0
        columns["betweenness_raw"] = raw
        columns["betweenness"] = [b * factor for b in raw]
    wanted = [m for m in ("closeness", "harmonic") if m in measures]
    if wanted and n >= sample_threshold and sample_size < n:
        columns.update(_sampled_closeness(g, wanted, distance, sample_size, seed))
        meta["distance_sample"] = sample_size
    elif wanted:
        columns.update(_closeness(g, wanted, directed, distance))
    if "eigenvector" in measures:
        columns.update(_eigenvector(g, weight))
    if "pagerank" in measures:
        columns["pagerank"] = _pagerank(g, directed, weight) if n else []
    return Result("centrality", column_rows(graph, columns), meta)


def _degree(
    g: Any, directed: bool, weighted: bool, weight: str | None
) -> dict[str, Iterable[float]]:
    """Degree (raw counts, in and out when directed), its centrality and strength."""
    n = g.vcount()
    scale = 1 / (n - 1) if n > 1 else 0.0
    total = g.degree(mode="all")
    columns: dict[str, Iterable[float]] = {
        "degree": total,
        "degree_centrality": [d * scale for d in total],
    }
    if directed:
        columns["in_degree"] = g.degree(mode="in")
        columns["out_degree"] = g.degree(mode="out")
    if weighted:
        columns["strength"] = g.strength(mode="all", weights=weight) if weight else total
    return columns


def _sampled_closeness(
    g: Any, wanted: list[str], distance: str | None, size: int, seed: int
) -> dict[str, Iterable[float]]:
    """Closeness and harmonic centrality of a large graph, from sampled pivots."""
    n = g.vcount()
    closeness, harmonic = _sampled_distances(g, distance, size, seed)
    columns: dict[str, Iterable[float]] = {}
    if "closeness" in wanted:
        columns["closeness"] = closeness
    if "harmonic" in wanted:
        columns["harmonic"] = harmonic
        columns["harmonic_raw"] = [h * (n - 1) for h in harmonic]
    return columns


def _closeness(
    g: Any, wanted: list[str], directed: bool, distance: str | None
) -> dict[str, Iterable[float]]:
    """Closeness and harmonic centrality, exact, as networkx normalises them: counting
    hops, both from one bit-parallel pass (shared by the calls on the same graph);
    weighted, by igraph over the worker processes."""
    n = g.vcount()
    if distance is None:
        d = _shared_distances(g, directed, None, None)
        reach: Sequence[int] = (d.reached + 1).tolist()
        with np.errstate(divide="ignore"):
            closeness_raw = np.where(d.total > 0, 1.0 / d.total, 0.0).tolist()
        harmonic_raw = d.inverse.tolist()
    mode = "in" if directed else "all"
    columns: dict[str, Iterable[float]] = {}
    if "closeness" in wanted:
        if distance is not None:
            reach = _reach(g, directed)
            found = parallel.closeness(g, mode=mode, weights=distance)
            closeness_raw = [0.0 if np.isnan(c) else c for c in found]
        # networkx (Wasserman & Faust): (r - 1) / sum(d) scaled by (r - 1) / (n - 1)
        columns["closeness_raw"] = closeness_raw
        columns["closeness"] = [
            c * (r - 1) * (r - 1) / (n - 1) if n > 1 else 0.0
            for c, r in zip(closeness_raw, reach, strict=True)
        ]
    if "harmonic" in wanted:
        if distance is not None:
            harmonic_raw = parallel.harmonic(g, mode=mode, weights=distance)
        columns["harmonic_raw"] = harmonic_raw
        columns["harmonic"] = [h / (n - 1) if n > 1 else 0.0 for h in harmonic_raw]
    return columns


#: The distance sums already found, by the igraph graph (while it lives): closeness and
#: harmonic asked for in two runs on one view share one pass.
_DISTANCES: PerObject[hops.Distances] = PerObject()


def _shared_distances(
    g: Any, directed: bool, pivots: list[int] | None, key: tuple[int, int] | None
) -> hops.Distances:
    """:func:`graph.analysis.hops.distances_to` once per graph, direction and sample
    (``key``: its size and seed)."""
    wanted = (directed, key)
    found = _DISTANCES.get(g, wanted)
    if found is None:
        found = hops.distances_to(g, pivots, directed=directed)
        _DISTANCES.put(g, wanted, found)
    return found


def _pagerank(g: Any, directed: bool, weight: str | None) -> list[float]:
    """PageRank by ARPACK (on 10 000 nodes a tenth of PRPACK's time; the two agree to
    1e-12, test_hops.py), PRPACK where ARPACK does not converge."""
    with igraph_seeded():  # ARPACK's start vector: the same in every process
        try:
            found: list[float] = g.pagerank(
                directed=directed, weights=weight, damping=0.85, implementation="arpack"
            )
        except ig.InternalError:
            found = g.pagerank(directed=directed, weights=weight, damping=0.85)
    return found


def _eigenvector(g: Any, weight: str | None) -> dict[str, Iterable[float]]:
    """Eigenvector centrality, raw (igraph's, largest 1) and with unit length (networkx's)."""
    n = g.vcount()
    with warnings.catch_warnings(), igraph_seeded():
        # on a disconnected graph the small components get values near 0: as
        # documented, not an error
        warnings.simplefilter("ignore", RuntimeWarning)
        scores = np.array(
            # directed=True is ignored on undirected graphs (igraph 1.0 refuses False)
            g.eigenvector_centrality(directed=True, weights=weight) if n else []
        )
    norm = float(np.linalg.norm(scores)) if n else 0.0
    return {"eigenvector_raw": scores, "eigenvector": scores / norm if norm else scores}


def _betweenness(
    g: Any, directed: bool, distance: str | None, threshold: int, size: int, seed: int
) -> tuple[list[float], int | None]:
    """Raw betweenness: exact below ``threshold`` nodes (or when ``size`` covers them
    all), else estimated from ``size`` random sources; and the sample size (``None``:
    exact). Counting steps it runs compiled on threads (:mod:`graph.analysis.brandes`),
    by lengths by igraph over worker processes (:mod:`graph.analysis.parallel`)."""
    n = g.vcount()
    steps = distance is None and brandes.available()
    if n < threshold or size >= n:
        if steps:
            return brandes.betweenness(g, directed=directed), None
        return parallel.betweenness(g, directed=directed, weights=distance), None
    sources = random.Random(seed).sample(range(n), size)
    if steps:
        raw = brandes.betweenness(g, directed=directed, sources=sources)
    else:
        raw = parallel.betweenness(g, directed=directed, weights=distance, sources=sources)
    # igraph counts the paths leaving the k sources (with all sources it equals the
    # full count): scaling by n / k gives an unbiased estimate (Brandes & Pich 2007)
    scale = n / size
    return [b * scale for b in raw], size


def error_bound(n: int, sources: int, delta: float = 0.1) -> dict[str, Any]:
    """The additive error of sampled betweenness, for every node at once.

    Each of the ``k`` sources drawn (without replacement) adds ``δ_s(v) / (n − 2)``, a
    number in [0, 1], to a mean whose expectation is the normalised betweenness times
    ``(n − 1) / n``. Hoeffding's inequality (which holds for sampling without
    replacement) with a union bound over the ``n`` nodes gives: with probability at
    least ``1 − delta`` every node's estimate is within
    ``epsilon = n / (n − 1) × sqrt(ln(2n / delta) / (2k))`` of its exact normalised
    betweenness (networkx's scale, 0 to 1).

    Parameters
    ----------
    n : int
        Nodes of the graph.
    sources : int
        Sources sampled (``k``).
    delta : float, default 0.1
        The probability the bound may fail.

    Returns
    -------
    dict
        ``epsilon``, ``delta``, ``scale`` (``normalised``) and the ``method``.

    Examples
    --------
    >>> bound = error_bound(100_000, 500)
    >>> round(bound["epsilon"], 3), bound["delta"]
    (0.12, 0.1)
    """
    epsilon = n / (n - 1) * math.sqrt(math.log(2 * n / delta) / (2 * sources))
    return {
        "epsilon": epsilon,
        "delta": delta,
        "scale": "normalised",
        "method": "uniform sources (Brandes & Pich 2007); Hoeffding with a union bound "
        "over all nodes",
    }


def _sampled_distances(
    g: Any, distance: str | None, size: int, seed: int
) -> tuple[list[float], list[float]]:
    """Closeness and harmonic centrality estimated from ``size`` random pivots
    (Eppstein & Wang 2004): each node's distances from the pivots stand for its
    distances from everyone. For a directed graph the distances run from the pivots
    to the node, as networkx's incoming closeness does."""
    n = g.vcount()
    pivots = random.Random(seed).sample(range(n), size)
    if distance is None:  # hops: every pivot in one bit-parallel pass
        d = _shared_distances(g, g.is_directed(), pivots, (size, seed))
        total, inverse = d.total.astype(float), d.inverse
        reached = d.reached.astype(float)
    else:
        total, inverse, reached = _weighted_sums(g, distance, pivots)
    is_pivot = np.zeros(n)
    is_pivot[pivots] = 1
    others = size - is_pivot  # pivots other than the node itself
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(others > 0, reached / others, 0.0)  # reachable fraction
        r = share * (n - 1) + 1  # estimated nodes reached, itself included
        mean = np.where(reached > 0, total / reached, 0.0)
        closeness = np.where(mean > 0, (r - 1) / (n - 1) / np.where(mean > 0, mean, 1.0), 0.0)
        harmonic = np.where(others > 0, inverse / others, 0.0)
    return closeness.tolist(), harmonic.tolist()


def _weighted_sums(g: Any, distance: str, pivots: list[int]) -> tuple[Any, Any, Any]:
    """Σ d, Σ 1/d and the pivots reaching each node, by weighted distance."""
    n = g.vcount()
    total, inverse, reached = np.zeros(n), np.zeros(n), np.zeros(n)
    for start in range(0, len(pivots), 50):
        chunk = pivots[start : start + 50]
        d = np.array(g.distances(source=chunk, weights=distance, mode="out"), dtype=float)
        finite = np.isfinite(d) & (d > 0)
        total += np.where(finite, d, 0.0).sum(axis=0)
        inverse += np.where(finite, 1.0 / np.where(finite, d, 1.0), 0.0).sum(axis=0)
        reached += finite.sum(axis=0)
    return total, inverse, reached


def _reach(g: Any, directed: bool) -> list[int]:
    """How many nodes reach each node (itself included)."""
    if not directed:
        membership = g.connected_components().membership
        sizes = np.bincount(membership)
        return [int(sizes[m]) for m in membership]
    return list(g.neighborhood_size(order=g.vcount(), mode="in"))
