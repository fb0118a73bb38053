"""Centrality and communities computed inside the database (Neo4j Graph Data Science),
with the rows, columns and conventions of the in-process analyses
(:func:`graph.analysis.centrality.centralities`,
:func:`graph.analysis.communities.communities`).

The store computes the plain numbers of :data:`graph.store.analytics.MEASURES` on the
view the options describe; here they become the same columns as in process, by the
same formulas: betweenness normalised by 2 / ((n − 1)(n − 2)) (undirected) or
1 / ((n − 1)(n − 2)), closeness scaled as networkx (Wasserman & Faust), harmonic by
n − 1, degree centrality by n − 1. Communities are numbered by size, largest first;
modularity, participation and bridges are computed from the view's ties as in process.

Where the two engines differ (docs/analyses.md says by how much, and the tests hold
them to it): betweenness above ``sample_threshold`` nodes is estimated from GDS's own
sample of sources (no error bound); closeness and harmonic are exact at every size;
Louvain and Leiden find other partitions of about the same modularity.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import igraph as ig
import numpy as np

from graph.analysis.communities import spread_over_neighbours
from graph.analysis.result import Result, rows_of
from graph.analysis.subgraphs import unknown_themes
from graph.errors import GrenswerkError
from graph.store.analytics import (
    AnalyticsAnswer,
    AnalyticsView,
    InDatabaseAnalytics,
    Measure,
    in_database_analytics,
)

__all__ = ["run_in_database"]


def run_in_database(store: Any, workspace: str, name: str, options: Any) -> Result:
    """Analysis ``name`` (centrality or communities) of the workspace, in the database.

    Parameters
    ----------
    store : Store
        A store whose capabilities include ``in_database_analytics``.
    workspace : str
        The workspace.
    name : str
        ``centrality`` or ``communities``.
    options : AnalysisOptions
        The options (:func:`graph.analysis.engine.cannot_honour` says none is refused).

    Returns
    -------
    Result
        The rows and columns the in-process analysis gives; ``meta`` as in process,
        with the projection's size and the GDS version.

    Raises
    ------
    NotSupported
        When the store cannot analyse inside its database.
    GrenswerkError
        For a theme id that is no theme of the workspace.

    Examples
    --------
    The embedded store has no database to run them in
    (``tests/graph/analysis/test_in_database.py`` runs them on Neo4j):

    >>> from graph.store.sqlite import SQLiteStore
    >>> from graph.analysis.registry import AnalysisOptions
    >>> run_in_database(SQLiteStore(":memory:"), "w", "centrality", AnalysisOptions())
    Traceback (most recent call last):
    ...
    graph.errors.NotSupported: this store cannot run analyses inside its database ...
    """
    analytics = in_database_analytics(store)
    view = AnalyticsView(
        kinds=options.kinds,
        types=options.types,
        themes=options.themes,
        at=options.at,
        directed=options.directed,
    )
    if options.themes is not None:
        _check_themes(analytics, workspace, options.themes)
    if name == "centrality":
        return _centrality(analytics, workspace, view, options)
    if name == "communities":
        return _communities(analytics, workspace, view, options)
    raise GrenswerkError(f"{name} cannot run in the database")


def _check_themes(analytics: InDatabaseAnalytics, workspace: str, themes: Any) -> None:
    ids = analytics.theme_ids(workspace)
    known = set(ids)
    unknown = [t for t in themes if t not in known]
    if unknown:
        raise GrenswerkError(unknown_themes(unknown, ids))


def _centrality(
    analytics: InDatabaseAnalytics, workspace: str, view: AnalyticsView, o: Any
) -> Result:
    weighted = bool(o.weighted)
    by_distance = bool(o.path_weighted and o.weighted)
    wanted = [
        m for m in ("degree", "betweenness", "closeness", "harmonic", "pagerank") if m in o.measures
    ]
    settings: dict[str, dict[str, Any]] = {
        "degree": {"weighted": weighted},
        "pagerank": {"weighted": weighted},
        # sampled, as in process, when the view has more than sample_threshold nodes
        "betweenness": {
            "weighted": by_distance,
            "sample": o.sample_size,
            "sample_above": o.sample_threshold,
            "seed": o.seed,
        },
    }
    requests = [Measure(m, settings.get(m, {})) for m in wanted]
    answer = analytics.analyse_in_database(workspace, view, requests)
    n = len(answer.ids)
    sources = answer.facts.get("betweenness_sources")
    if sources:  # GDS sums the dependencies of the sampled sources: scaled as in process
        answer.columns["betweenness_raw"] = [
            b * n / sources for b in answer.columns["betweenness_raw"]
        ]
    ties = answer.facts["projection"]["ties"]
    meta: dict[str, Any] = {
        "nodes": n,
        "directed": view.directed,
        "weighted": weighted,
        "path_weighted": by_distance and bool(ties),
    }
    distance_sample = n > o.sample_threshold and o.sample_size < n
    columns = (
        _centrality_columns(answer, wanted, n, view.directed, weighted, distance_sample)
        if n
        else {}
    )
    if sources:
        meta["betweenness_sample"] = sources
        meta["betweenness_sampler"] = answer.facts["betweenness_sampler"]
    if distance_sample and {"closeness", "harmonic"} & set(wanted):
        meta["distances"] = "exact (GDS), where the in-process engine estimates them from "
        meta["distances"] += f"{o.sample_size} pivots above {o.sample_threshold} nodes"
    meta.update(_facts(answer))
    return Result("centrality", rows_of(answer.ids, answer.names, columns), meta)


def _centrality_columns(
    answer: AnalyticsAnswer,
    wanted: list[str],
    n: int,
    directed: bool,
    weighted: bool,
    sampled: bool,
) -> dict[str, Any]:
    """The in-process columns, in their order, from the store's numbers."""
    got = answer.columns
    columns: dict[str, Any] = {}
    scale = 1 / (n - 1) if n > 1 else 0.0
    if "degree" in wanted:
        columns["degree"] = got["degree"]
        columns["degree_centrality"] = [d * scale for d in got["degree"]]
        if directed:
            columns["in_degree"] = got["in_degree"]
            columns["out_degree"] = got["out_degree"]
        if weighted:
            columns["strength"] = got["strength"]
    if "betweenness" in wanted:
        pairs = (n - 1) * (n - 2)
        factor = (1 if directed else 2) / pairs if pairs else 0.0
        columns["betweenness_raw"] = got["betweenness_raw"]
        columns["betweenness"] = [b * factor for b in got["betweenness_raw"]]
    if "closeness" in wanted:
        reached = np.asarray(got["reached"])
        farness = np.asarray(got["farness"])
        with np.errstate(divide="ignore", invalid="ignore"):
            raw = np.where(farness > 0, 1.0 / np.where(farness > 0, farness, 1.0), 0.0)
        if not sampled:  # in process, a sampled estimate has no raw column
            columns["closeness_raw"] = raw
        columns["closeness"] = raw * reached * reached / (n - 1) if n > 1 else raw * 0.0
    if "harmonic" in wanted:
        columns["harmonic_raw"] = got["harmonic_raw"]
        columns["harmonic"] = [h * scale for h in got["harmonic_raw"]]
    if "pagerank" in wanted:
        columns["pagerank"] = got["pagerank"]
    return columns


def _facts(answer: AnalyticsAnswer) -> dict[str, Any]:
    """What the run reports beside the in-process meta."""
    keep = ("gds_version", "projection", "pagerank_iterations", "pagerank_converged")
    return {key: answer.facts[key] for key in keep if key in answer.facts}


def _communities(
    analytics: InDatabaseAnalytics, workspace: str, view: AnalyticsView, o: Any
) -> Result:
    settings = {"weighted": bool(o.weighted), "resolution": o.resolution, "seed": o.seed}
    answer = analytics.analyse_in_database(
        workspace, view, [Measure(o.method, settings)], edges=True
    )
    n = len(answer.ids)
    found = [int(c) for c in answer.columns.get("community", [])]
    sizes = Counter(found)
    first: dict[int, int] = {}
    for i, c in enumerate(found):
        first.setdefault(c, i)
    # numbered by size, largest first (ties: the community of the earliest node)
    ranked = sorted(sizes.items(), key=lambda kv: (-kv[1], first[kv[0]]))
    order = {c: i for i, (c, _) in enumerate(ranked)}
    membership = [order[c] for c in found]
    assert answer.edges is not None
    sources = np.asarray(answer.edges[0], dtype=np.int64)
    targets = np.asarray(answer.edges[1], dtype=np.int64)
    weights = np.asarray(answer.edges[2], dtype=float)
    by_source = np.argsort(sources, kind="stable")
    spread = spread_over_neighbours(
        answer.ids,
        np.bincount(sources, minlength=n).astype(np.int64),
        targets[by_source],
        dict(zip(answer.ids, membership, strict=True)),
    )
    once = sources < targets  # each undirected tie once
    g = ig.Graph(n=n, edges=np.column_stack((sources[once], targets[once])).tolist())
    weight = weights[once].tolist() if o.weighted and g.ecount() else None
    modularity = (
        g.modularity(membership, weights=weight, resolution=o.resolution) if g.ecount() else 0.0
    )
    meta: dict[str, Any] = {
        "method": o.method,
        "resolution": o.resolution,
        "modularity": modularity,
        "count": len(sizes),
        "sizes": sorted(sizes.values(), reverse=True),
        "seed": o.seed,
        "levels": answer.facts.get("levels", 0),
    }
    if "converged" in answer.facts:
        meta["converged"] = answer.facts["converged"]
    meta.update(_facts(answer))
    rows = [
        {"id": node, "name": name, **spread[node]}
        for node, name in zip(answer.ids, answer.names, strict=True)
    ]
    return Result("communities", rows, meta)
