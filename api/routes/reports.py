"""Reports for meetings: a workspace's and a node's report as PDF; made by
:mod:`api.services.reports` (the map's pictures are in :mod:`api.routes.maps`)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from api.deps import CacheDep, StoreDep, ViewerWorkspace
from api.services.reports import MapQuery, node_report_pdf, workspace_report_pdf
from api.validation import file_response

router = APIRouter(prefix="/api/workspaces/{workspace}", tags=["reports"])

Lang = Annotated[Literal["nl", "en"], Query(description="the language of the words: nl or en")]


def map_query(
    color_by: Literal["kind", "org_type", "sector", "community"] = "kind",
    size_by: Literal["degree", "betweenness", "closeness", "harmonic", "eigenvector", "pagerank"]
    | None = None,
    kinds: Annotated[
        str | None, Query(description="comma-separated node kinds (English or Dutch names)")
    ] = None,
    types: Annotated[
        str | None,
        Query(description="comma-separated relationship types (English or Dutch names)"),
    ] = None,
    themes: Annotated[str | None, Query(description="comma-separated theme ids")] = None,
    at: dt.date | None = None,
    highlight: Annotated[str | None, Query(description="node ids of a path, in order")] = None,
) -> MapQuery:
    """The map's filters and options, as ``/map`` takes them."""
    return MapQuery(color_by, size_by, kinds, types, themes, at, highlight)


MapQueryDep = Annotated[MapQuery, Depends(map_query)]


@router.get(
    "/report.pdf",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}},
    summary="The workspace's report as PDF: figures, charts, map, brokers, communities, "
    "recommendations, sources",
)
def workspace_report(
    workspace: ViewerWorkspace,
    store: StoreDep,
    cache: CacheDep,
    query: MapQueryDep,
    lang: Lang = "nl",
) -> Response:
    return file_response(
        lambda: workspace_report_pdf(store, cache, workspace, query, lang=lang),
        "application/pdf",
        f"{workspace}-report.pdf",
    )


@router.get(
    "/nodes/{node_id}/report.pdf",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}},
    summary="One organisation's or person's report as PDF: ego map, partners, themes, "
    "role, recommendations",
)
def node_report(
    workspace: ViewerWorkspace, node_id: str, store: StoreDep, cache: CacheDep, lang: Lang = "nl"
) -> Response:
    return file_response(
        lambda: node_report_pdf(store, cache, workspace, node_id, lang=lang),
        "application/pdf",
        f"{workspace}-{re.sub(r'[^A-Za-z0-9_.-]', '_', node_id)}-report.pdf",
    )
