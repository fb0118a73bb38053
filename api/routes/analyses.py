"""Analyses, paths, ego networks, recommendations, change over time (cached per
workspace version)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query
from pydantic import BaseModel, Field

from api.deps import AnalystWorkspace, CacheDep, StoreDep, ViewerWorkspace
from api.services import analyses, paths
from api.services.options import BadOptions, analysis_options, weights_option
from api.validation import bad_options
from graph.analysis.centrality import COLUMNS, MEASURES
from graph.analysis.registry import ANALYSES, GRAPHS, AnalysisOptions
from graph.errors import GrenswerkError, StoreUnavailable
from graph.store.base import MAX_STORED_INT

router = APIRouter(prefix="/api/workspaces/{workspace}", tags=["analyses"])

Csv = Annotated[str | None, Query(description="comma-separated")]
Weights = Annotated[
    str | None,
    Query(
        description="potential, paths, recommend: the learning-potential model's numbers "
        'as JSON, e.g. {"weights": {"boundary": 0.5}, "proximities": {"3": 0.25}}; '
        "fields left out keep their defaults (docs/learning-potential.md)"
    ),
]


Rows = Annotated[
    int,
    Query(
        ge=1,
        le=100_000,
        description="rows: how many (every row is computed; meta.rows_total counts them)",
    ),
]
Measures = Annotated[
    str | None, Query(description="centrality: comma-separated, of " + ", ".join(MEASURES))
]


class AnalysisResult(BaseModel):
    analysis: str
    meta: dict[str, Any]
    rows: list[dict[str, Any]]


class Subgraph(BaseModel):
    nodes: list[dict[str, Any]]
    relationships: list[dict[str, Any]]


def options_from(**raw: Any) -> AnalysisOptions:
    """Options from the query's values, or a 422 naming each refused one."""
    try:
        return analysis_options(**raw)
    except BadOptions as exc:
        raise bad_options(exc) from None


def _run(
    cache: Any,
    store: Any,
    workspace: str,
    name: str,
    options: AnalysisOptions,
    *,
    limit: int,
    offset: int = 0,
) -> AnalysisResult:
    """The (cached) result, its rows from ``offset`` to ``offset + limit``."""
    try:
        result = analyses.run(cache, store, workspace, name, options)
    except StoreUnavailable:
        raise  # 503 with Retry-After (api.app)
    except GrenswerkError as exc:
        raise HTTPException(422, str(exc)) from None
    return AnalysisResult(**analyses.page(result, limit=limit, offset=offset))


DESCRIPTION = (
    "Options as in `grenswerk analyse`; docs/analyses.md says more.\n\n"
    "The graph each analysis runs on:\n\n"
    + "\n".join(f"* `{name}`: {GRAPHS[name]}" for name in ANALYSES)
    + "\n\nThe columns of `centrality` (tolerances against networkx in docs/analyses.md):\n\n"
    + "\n".join(f"* `{column}`: {text}" for column, text in COLUMNS.items())
)


@router.get(
    "/analyses/{name}",
    response_model=AnalysisResult,
    summary="Run an analysis",
    description=DESCRIPTION,
)
def analysis(
    workspace: AnalystWorkspace,
    store: StoreDep,
    cache: CacheDep,
    name: str,
    kinds: Csv = None,
    types: Csv = None,
    themes: Csv = None,
    at: dt.date | None = None,
    project: Literal["organisation", "person"] | None = None,
    directed: bool = False,
    weighted: bool = True,
    path_weighted: bool = False,
    measures: Measures = None,
    exact: Annotated[
        bool,
        Query(
            description="centrality: exact betweenness, closeness and harmonic at any size "
            "(from 20 000 nodes on they are estimated, meta.betweenness_error the bound)"
        ),
    ] = False,
    group: Literal["org_type", "sector"] = "org_type",
    null_model: Literal["gould-fernandez", "sna"] = "gould-fernandez",
    permutations: Annotated[int, Query(ge=1, le=100_000)] = 999,
    method: Literal["louvain", "leiden"] = "leiden",
    resolution: Annotated[float, Query(gt=0)] = 1.0,
    seed: int = 0,
    source: str | None = None,
    target: str | None = None,
    k: Annotated[int, Query(ge=1, le=50)] = 3,
    node: str | None = None,
    limit: Rows = 1000,
    before: dt.date | None = None,
    after: dt.date | None = None,
    over: Annotated[str | None, Query(max_length=40, description="change: e.g. 2019..2026")] = None,
    every: Literal["year", "quarter", "month"] = "year",
    measure: Literal["degree", "betweenness", "brokerage"] = "degree",
    offset: Annotated[int, Query(ge=0, le=MAX_STORED_INT, description="rows: where to start")] = 0,
    weights: Weights = None,
    engine: Annotated[
        Literal["auto", "local", "gds"],
        Query(
            description="centrality, communities: where they run (local: in the API's "
            "process; gds: inside Neo4j with Graph Data Science, refused with the reason "
            "when it cannot be done; auto: gds for a large workspace when it can); "
            "meta.engine says which ran and meta.engine_reason why"
        ),
    ] = "auto",
) -> AnalysisResult:
    if name not in ANALYSES:
        raise HTTPException(404, f"no analysis {name!r}; there are {', '.join(ANALYSES)}")
    given = {k: v for k, v in locals().items() if k in AnalysisOptions.model_fields}
    given.update(limit=None, weights=_model(weights))  # limit pages the answer here
    options = options_from(**given)
    return _run(cache, store, workspace, name, options, limit=limit, offset=offset)


def _model(weights: str | None) -> Any:
    """The ``weights`` parameter as a model, or a 422 naming what is wrong."""
    try:
        return weights_option(weights, "weights")
    except GrenswerkError as exc:
        raise HTTPException(422, str(exc)) from None


@router.get(
    "/recommendations/{node}",
    response_model=AnalysisResult,
    summary="Partner recommendations for a node",
)
def recommendations(
    workspace: AnalystWorkspace,
    store: StoreDep,
    cache: CacheDep,
    node: str,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
    weights: Weights = None,
) -> AnalysisResult:
    options = options_from(node=node, weights=_model(weights))
    return _run(cache, store, workspace, "recommend", options, limit=limit)


@router.get("/change", response_model=AnalysisResult, summary="Change between two dates")
def change(
    workspace: AnalystWorkspace,
    store: StoreDep,
    cache: CacheDep,
    before: dt.date,
    after: dt.date,
    measure: Literal["degree", "betweenness", "brokerage"] = "degree",
    limit: Annotated[int, Query(ge=1, le=1000)] = 20,
) -> AnalysisResult:
    return _run(
        cache,
        store,
        workspace,
        "change",
        options_from(before=before, after=after, measure=measure),
        limit=limit,
    )


@router.get(
    "/paths/learning",
    response_model=AnalysisResult,
    summary="The k best learning-potential paths, explained",
)
def learning_paths(
    workspace: AnalystWorkspace,
    store: StoreDep,
    cache: CacheDep,
    source: str,
    target: str,
    k: Annotated[int, Query(ge=1, le=20)] = 3,
    weights: Weights = None,
) -> AnalysisResult:
    options = options_from(source=source, target=target, k=k, weights=_model(weights))
    return _run(cache, store, workspace, "paths", options, limit=k)


@router.get("/paths/shortest", response_model=Subgraph, summary="The shortest path")
def shortest(
    workspace: AnalystWorkspace, store: StoreDep, cache: CacheDep, source: str, target: str
) -> Subgraph:
    return Subgraph(**paths.shortest_subgraph(store, cache, workspace, source, target))


@router.get("/nodes/{node_id}/ego", response_model=Subgraph, summary="A node's ego network")
def ego(
    workspace: AnalystWorkspace,
    store: StoreDep,
    cache: CacheDep,
    node_id: str,
    depth: Annotated[int, Query(ge=1, le=3)] = 1,
) -> Subgraph:
    return Subgraph(**paths.ego_subgraph(store, cache, workspace, node_id, depth))


class Stats(BaseModel):
    workspace: str
    version: int
    nodes: int = Field(description="every node, source documents included")
    sources: int = Field(description="how many of the nodes are source documents")
    relationships: int = Field(description="every tie, mentions in a source document included")
    mentions: int = Field(description="how many of the ties are mentions in a source document")
    counted: str = Field(description="the four counts in a sentence, as every page says them")
    components: int
    largest_component: int
    isolates: int
    density: float
    by_kind: dict[str, int]
    by_type: dict[str, int]


@router.get(
    "/stats",
    response_model=Stats,
    summary="Counts by kind and type, components and density (as `grenswerk stats`)",
)
def stats(workspace: ViewerWorkspace, store: StoreDep, cache: CacheDep) -> Stats:
    return Stats(**analyses.workspace_stats(cache, store, workspace))
