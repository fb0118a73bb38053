"""Every analysis by name, with one options model, for the CLI and the API.

>>> sorted(ANALYSES)[:4]
['brokerage', 'centrality', 'change', 'communities']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Literal

import networkx as nx
from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from graph.analysis import parallel
from graph.analysis.brokerage import brokerage
from graph.analysis.centrality import MEASURES, centralities
from graph.analysis.change import Dated, changes
from graph.analysis.change_series import dates, parse_over, series
from graph.analysis.communities import communities
from graph.analysis.ego_composition import ego_composition
from graph.analysis.ei_index import ei_index
from graph.analysis.holes import structural_holes
from graph.analysis.homophily import homophily
from graph.analysis.memo import VIEWS
from graph.analysis.paths import learning_paths
from graph.analysis.potential import PotentialGraph, tie_potentials
from graph.analysis.potential_model import PotentialModel
from graph.analysis.recommend import recommendations
from graph.analysis.result import Result, computed, to_igraph
from graph.analysis.subgraphs import (
    actor_graph,
    filter_view,
    node_kinds,
    practice_of,
    project,
    relationship_types,
    simple_graph,
)
from graph.analysis.summary import summary
from graph.analysis.views_described import GRAPHS
from graph.collecting import cycle_collection_paused
from graph.errors import GrenswerkError

__all__ = ["ANALYSES", "GRAPHS", "AnalysisOptions", "run_analysis"]

_N = "brokerage: the z-scores' null model, Gould & Fernandez's or R sna's (docs/analyses.md)"


class AnalysisOptions(BaseModel):
    """Options every analysis understands (each uses the ones that apply to it)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kinds: tuple[str, ...] | None = Field(
        default=None,
        description="keep only these node kinds (English or Dutch names, e.g. organisation "
        "or organisatie); an unknown one is refused",
    )
    types: tuple[str, ...] | None = Field(
        default=None,
        description="keep only these relationship types (English or Dutch names, e.g. "
        "works_at or werkt_bij); an unknown one is refused",
    )
    themes: tuple[str, ...] | None = Field(
        default=None,
        description="keep these themes (ids) and what is tied to them; an id that is no "
        "theme of the workspace is refused",
    )
    at: dt.date | None = Field(default=None, description="the network as it was on this date")
    project: Literal["organisation", "person"] | None = Field(
        default=None, description="project onto organisations or people (shared neighbours)"
    )
    directed: bool = Field(default=False, description="respect tie direction")
    weighted: bool = Field(default=True, description="use tie strengths")
    path_weighted: bool = Field(
        default=False,
        description="path-based measures (betweenness, closeness, harmonic) count a strong "
        "tie as a short step (distance 1/strength); by default every tie is one step",
    )
    measures: tuple[str, ...] = Field(default=MEASURES, description="centralities to compute")
    group: Literal["org_type", "sector"] = Field(
        default="org_type", description="the group for brokerage and E-I: practice or sector"
    )
    null_model: Literal["gould-fernandez", "sna"] = Field(default="gould-fernandez", description=_N)
    permutations: int = Field(default=999, ge=1, le=100_000, description="homophily: relabellings")
    method: Literal["louvain", "leiden"] = "leiden"
    resolution: float = Field(default=1.0, gt=0)
    seed: int = 0
    sample_threshold: int = Field(
        default=20_000,
        ge=3,
        description="centrality: from this many nodes on, betweenness, closeness and harmonic "
        "are estimated from sampled sources, with their error bound",
    )
    exact: bool = Field(
        default=False,
        description="centrality: betweenness, closeness and harmonic exact whatever the size "
        "(slow from 20 000 nodes on)",
    )
    sample_size: int = Field(default=500, ge=1)
    source: str | None = Field(default=None, description="paths: from this node")
    target: str | None = Field(default=None, description="paths: to this node")
    k: int = Field(default=3, ge=1, le=50, description="paths: how many")
    node: str | None = Field(default=None, description="recommendations: for this node")
    limit: int = Field(
        default=20,
        ge=1,
        description="rows to show: the analyses return every row, ranked; the CLI shows "
        "this many and the API pages with it (it is not part of what is computed)",
    )
    over: str | None = Field(
        default=None,
        max_length=40,
        description="change: a series of dates FIRST..LAST (years like 2019..2026 or dates), "
        "one row per date (docs/analyses.md)",
    )
    every: Literal["year", "quarter", "month"] = Field(
        default="year", description="change: the step of the series of over"
    )
    before: dt.date | None = Field(default=None, description="change: the first date")
    after: dt.date | None = Field(default=None, description="change: the second date")
    measure: Literal["degree", "betweenness", "brokerage"] = "degree"
    engine: Literal["auto", "local", "gds"] = Field(
        default="auto",
        description="centrality, communities: where they run. local: in this process; gds: "
        "inside Neo4j (Graph Data Science), refused with the reason when the store or an "
        "option does not allow it; auto: gds for a workspace of at least "
        "GRENSWERK_GDS_MIN_NODES nodes when it can, else local (meta.engine says which, "
        "meta.engine_reason why; docs/analyses.md)",
    )
    weights: PotentialModel = Field(
        default_factory=lambda: PotentialModel(),
        description="potential, paths, recommend: the learning-potential model's numbers "
        "(docs/learning-potential.md); a field left out keeps its default",
    )

    @field_validator("kinds")
    @classmethod
    def _kinds(cls, value: tuple[str, ...] | None) -> tuple[str, ...] | None:
        return _vocabulary(node_kinds, value)

    @field_validator("types")
    @classmethod
    def _types(cls, value: tuple[str, ...] | None) -> tuple[str, ...] | None:
        return _vocabulary(relationship_types, value)


def _vocabulary(
    resolve: Callable[[tuple[str, ...]], tuple[str, ...]], value: tuple[str, ...] | None
) -> tuple[str, ...] | None:
    """English names for English or Dutch ones; a refusal that names the accepted ones."""
    if value is None:
        return None
    try:
        return resolve(value)
    except ValueError as exc:
        raise PydanticCustomError("vocabulary", str(exc)) from None


def _view(
    graph: nx.MultiDiGraph, o: AnalysisOptions, kinds: tuple[str, ...] | None = None
) -> nx.MultiDiGraph:
    """The filtered view, built once per workspace graph and filters (analyses only
    read it)."""
    key = ("view", o.kinds or kinds, o.types, o.themes, o.at)
    view: nx.MultiDiGraph = _shared(
        graph,
        key,
        lambda: filter_view(graph, kinds=o.kinds or kinds, types=o.types, themes=o.themes, at=o.at),
    )
    return view


def _shared(graph: nx.MultiDiGraph, key: tuple[object, ...], build: Any) -> Any:
    found = VIEWS.get(graph, key)
    if found is None:
        found = build()
        VIEWS.put(graph, key, found)
    return found


def _view_key(o: AnalysisOptions) -> tuple[object, ...]:
    return (o.kinds, o.types, o.themes, o.at, o.project, o.directed)


def _simple(graph: nx.MultiDiGraph, o: AnalysisOptions) -> nx.Graph:
    def build() -> nx.Graph:
        view = _view(graph, o)
        if o.project:
            return project(view, o.project)
        return simple_graph(view, directed=o.directed)

    simple: nx.Graph = _shared(graph, ("simple", *_view_key(o)), build)
    return simple


def _converted(graph: nx.MultiDiGraph, o: AnalysisOptions) -> tuple[Any, list[Any]]:
    """The simple graph in igraph, converted once per view."""
    converted: tuple[Any, list[Any]] = _shared(
        graph, ("igraph", *_view_key(o)), lambda: to_igraph(_simple(graph, o))
    )
    return converted


def _actors(graph: nx.MultiDiGraph, o: AnalysisOptions) -> tuple[nx.Graph, dict[str, str]]:
    """People and organisations with their groups (practice or sector), linked by direct
    ties and shared networks/activities (or by the projection asked for)."""

    def build() -> nx.Graph:
        view = _view(graph, o)
        if o.project:
            return project(view, o.project)
        return actor_graph(view, directed=o.directed)

    groups = _shared(graph, ("groups", o.group), lambda: practice_of(graph, o.group))
    actors: nx.Graph = _shared(graph, ("actors", *_view_key(o)), build)
    return actors, groups


#: a sample threshold no graph reaches: exact
_EVERY_SIZE = 2**62


def _centrality(graph: nx.MultiDiGraph, o: AnalysisOptions) -> Result:
    return centralities(
        _simple(graph, o),
        o.measures,
        weighted=o.weighted,
        path_weighted=o.path_weighted and o.weighted,
        sample_threshold=_EVERY_SIZE if o.exact else o.sample_threshold,
        sample_size=o.sample_size,
        seed=o.seed,
        converted=_converted(graph, o),
    )


def _brokerage(graph: nx.MultiDiGraph, o: AnalysisOptions) -> Result:
    simple, groups = _actors(graph, o)
    return brokerage(simple, groups, null_model=o.null_model)


def _homophily(graph: nx.MultiDiGraph, o: AnalysisOptions) -> Result:
    return homophily(*_actors(graph, o), permutations=o.permutations, seed=o.seed)


def _ego(graph: nx.MultiDiGraph, o: AnalysisOptions) -> Result:
    return ego_composition(*_actors(graph, o))


def _ei(graph: nx.MultiDiGraph, o: AnalysisOptions) -> Result:
    simple, groups = _actors(graph, o)
    return ei_index(simple, groups)


def _holes(graph: nx.MultiDiGraph, o: AnalysisOptions) -> Result:
    return structural_holes(_simple(graph, o), weight="weight" if o.weighted else None)


def _communities(graph: nx.MultiDiGraph, o: AnalysisOptions) -> Result:
    return communities(
        _simple(graph, o),
        method=o.method,
        resolution=o.resolution,
        weighted=o.weighted,
        seed=o.seed,
        converted=None if o.directed else _converted(graph, o),
    )


def _summary(graph: nx.MultiDiGraph, o: AnalysisOptions) -> Result:
    return summary(
        _simple(graph, o), sample_size=o.sample_size, seed=o.seed, converted=_converted(graph, o)
    )


def _potential_graph(graph: nx.MultiDiGraph, o: AnalysisOptions) -> PotentialGraph:
    built: PotentialGraph = _shared(
        graph,
        ("potential", o.kinds, o.types, o.themes, o.at, o.weights.model_dump_json()),
        lambda: PotentialGraph(_view(graph, o), o.weights, at=o.at),
    )
    return built


def _potential(graph: nx.MultiDiGraph, o: AnalysisOptions) -> Result:
    return tie_potentials(_potential_graph(graph, o))


def _paths(graph: nx.MultiDiGraph, o: AnalysisOptions) -> Result:
    if not o.source or not o.target:
        raise GrenswerkError("paths needs a source and a target (--from and --to)")
    try:
        return learning_paths(_potential_graph(graph, o), o.source, o.target, k=o.k)
    except (KeyError, ValueError) as exc:
        raise GrenswerkError(str(exc).strip("'\"")) from exc


def _recommend(graph: nx.MultiDiGraph, o: AnalysisOptions) -> Result:
    if not o.node:
        raise GrenswerkError("recommendations need a node (--node)")
    try:
        return recommendations(_potential_graph(graph, o), o.node)
    except (KeyError, ValueError) as exc:
        raise GrenswerkError(str(exc).strip("'\"")) from exc


def _change(graph: nx.MultiDiGraph, o: AnalysisOptions) -> Result:
    if o.over is None and (o.before is None or o.after is None):
        raise GrenswerkError("change needs two dates (--before and --after) or --over")
    try:
        undated = o.model_copy(update={"at": None})
        view = _view(graph, undated)  # shared with the analyses of the same filters
        dated = _shared(graph, ("dated", o.kinds, o.types, o.themes), lambda: Dated(view))
        if o.over is not None:
            return series(view, dates(*parse_over(o.over), o.every), dated=dated)
        assert o.before is not None and o.after is not None
        return changes(view, o.before, o.after, measure=o.measure, group=o.group, dated=dated)
    except ValueError as exc:
        raise GrenswerkError(str(exc)) from exc


ANALYSES: dict[str, Callable[[nx.MultiDiGraph, AnalysisOptions], Result]] = {
    "summary": _summary,
    "centrality": _centrality,
    "brokerage": _brokerage,
    "holes": _holes,
    "ei": _ei,
    "homophily": _homophily,
    "ego": _ego,
    "communities": _communities,
    "potential": _potential,
    "paths": _paths,
    "recommend": _recommend,
    "change": _change,
}


def run_analysis(
    name: str, graph: nx.MultiDiGraph, options: AnalysisOptions | None = None
) -> Result:
    """Run an analysis by name on a workspace graph.

    Parameters
    ----------
    name : str
        A key of :data:`ANALYSES` (``summary``, ``centrality``, ``brokerage``…).
    graph : networkx.MultiDiGraph
        The workspace graph (:meth:`graph.store.base.Store.load_graph`).
    options : AnalysisOptions, optional
        Filters and settings; the defaults when ``None``.

    Returns
    -------
    Result
        The analysis's rows and meta; ``meta["options"]`` holds the options given.

    Raises
    ------
    GrenswerkError
        For an unknown analysis, a node that is not there or options the analysis
        refuses.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("ann", kind="person", name="Ann")
    >>> g.add_node("roc", kind="organisation", name="ROC", org_type="school")
    >>> _ = g.add_edge("ann", "roc", type="works_at")
    >>> result = run_analysis("summary", g)
    >>> result.analysis, result.meta["nodes"], result.meta["ties"]
    ('summary', 2, 1)
    >>> run_analysis("sumary", g)
    Traceback (most recent call last):
    ...
    graph.errors.GrenswerkError: unknown analysis 'sumary'; use one of ...
    """
    if name not in ANALYSES:
        raise GrenswerkError(f"unknown analysis {name!r}; use one of {', '.join(ANALYSES)}")
    options = options or AnalysisOptions()
    if name in ("paths", "recommend"):
        for node in (options.source, options.target, options.node):
            if node is not None and node not in graph:
                raise GrenswerkError(f"no node {node!r} in this workspace")
    if options.weighted and options.path_weighted:  # only lengths need igraph's workers
        parallel.warm(graph.number_of_nodes())  # workers start while this runs
    try:
        with cycle_collection_paused():  # views, rows: none in a cycle (about 1.3x faster)
            result = ANALYSES[name](graph, options)
    except ValueError as exc:
        raise GrenswerkError(str(exc)) from exc
    result.meta.setdefault("options", options.model_dump(mode="json", exclude_defaults=True))
    result.meta.setdefault("engine", "local")
    result.meta.setdefault("computed", computed(result.meta))
    return result
