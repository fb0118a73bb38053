"""The contract of in-database analytics: a store that can run the heavy measures of a
view next to its data (``capabilities.in_database_analytics``), so that a large
workspace need not be loaded into the analysing process.

The caller (:mod:`graph.analysis.in_database`) never sees the database's language:
it describes the view (:class:`AnalyticsView`: the same filters the in-process
analyses take) and the measures (:class:`Measure`), and gets back plain numbers per
node (:class:`AnalyticsAnswer`). What each measure's numbers mean is fixed here, so
that any backend gives the same ones; the Neo4j backend computes them with Graph Data
Science (:mod:`graph.store.neo4j.analytics`).

>>> AnalyticsView(directed=True).directed, Measure("pagerank").settings
(True, {})
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from graph.errors import NotSupported

__all__ = [
    "MEASURES",
    "AnalyticsAnswer",
    "AnalyticsView",
    "InDatabaseAnalytics",
    "Measure",
    "in_database_analytics",
]

#: What each measure gives, per node, in :attr:`AnalyticsAnswer.columns` (and in
#: :attr:`AnalyticsAnswer.facts` about the run).
MEASURES: dict[str, str] = {
    "degree": "degree: ties (in + out when directed; parallel ties collapsed); in_degree "
    "and out_degree when directed; strength: the sum of the weights when weighted",
    "betweenness": "betweenness_raw: the sum over pairs of other nodes of the share of their "
    "shortest paths through the node (each pair once on an undirected view); with "
    "settings sample=k and sample_above=t, on a view of more than t nodes (and more than "
    "k), the sum over k sampled sources alone (facts: betweenness_sources, "
    "betweenness_sampler); by distance (1 / weight) when weighted",
    "pagerank": "pagerank: summing to 1, damping 0.85, a dangling node's rank spread over "
    "all nodes (facts: pagerank_iterations, pagerank_converged); weighted when weighted",
    "closeness": "reached: how many other nodes reach the node; farness: the sum of their "
    "distances to it, in hops",
    "harmonic": "harmonic_raw: the sum of 1 / distance from every other node, in hops",
    "louvain": "community: a number per community (facts: levels, count)",
    "leiden": "community: a number per community (facts: levels, converged, count); "
    "settings resolution and seed",
}


@dataclass(frozen=True)
class AnalyticsView:
    """The view a measure runs on, as :func:`graph.analysis.subgraphs.filter_view` and
    :func:`~graph.analysis.subgraphs.simple_graph` build it in process: no source
    documents and no ``mentioned_in`` ties; only ``kinds`` and ``types`` (vocabulary
    values) when given; ``themes`` (ids) and what has a tie to one; what is valid
    ``at`` a date; one tie per pair of nodes with ``weight`` the sum of the strengths
    (1 each where none) and ``distance`` = 1 / weight; ``directed`` keeps direction (a
    symmetric type both ways)."""

    kinds: tuple[str, ...] | None = None
    types: tuple[str, ...] | None = None
    themes: tuple[str, ...] | None = None
    at: dt.date | None = None
    directed: bool = False


@dataclass(frozen=True)
class Measure:
    """A measure of :data:`MEASURES` and its settings (``weighted``: by ``weight``, or
    for betweenness by ``distance``; ``sample``; ``resolution``; ``seed``)."""

    name: str
    settings: dict[str, Any] = field(default_factory=dict)


@dataclass
class AnalyticsAnswer:
    """Numbers per node of the view: ``ids`` and ``names`` in id order (the order of
    :meth:`graph.store.base.Store.load_graph`), a list per column in that order, the
    view's ties as index pairs with their weight (when asked: ``edges=True``; an
    undirected tie once each way), and facts about the run."""

    ids: list[str]
    names: list[str]
    columns: dict[str, list[float]] = field(default_factory=dict)
    edges: tuple[list[int], list[int], list[float]] | None = None
    facts: dict[str, Any] = field(default_factory=dict)


@runtime_checkable
class InDatabaseAnalytics(Protocol):
    """A store that computes measures of a view inside its database
    (``capabilities.in_database_analytics``)."""

    def count_nodes(self, workspace: str) -> int:
        """How many nodes the workspace holds (cheap: no loading)."""
        ...

    def theme_ids(self, workspace: str) -> list[str]:
        """The ids of the workspace's themes, in order."""
        ...

    def analyse_in_database(
        self,
        workspace: str,
        view: AnalyticsView,
        measures: Sequence[Measure],
        *,
        edges: bool = False,
    ) -> AnalyticsAnswer:
        """The measures of the view, computed in the database on a projection made for
        this call and dropped after it (also when it fails)."""
        ...


def in_database_analytics(store: Any) -> InDatabaseAnalytics:
    """The store as :class:`InDatabaseAnalytics`, if its capabilities say it is one.

    Raises
    ------
    NotSupported
        When the store cannot analyse inside its database.

    Examples
    --------
    >>> from graph.store.sqlite import SQLiteStore
    >>> in_database_analytics(SQLiteStore(":memory:"))
    Traceback (most recent call last):
    ...
    graph.errors.NotSupported: this store cannot run analyses inside its database ...
    """
    if not store.capabilities.in_database_analytics or not isinstance(store, InDatabaseAnalytics):
        raise NotSupported(
            "this store cannot run analyses inside its database (that needs Neo4j with "
            "Graph Data Science 2.x, see docs/scaling.md); use --engine local"
        )
    return store
