"""Reports for meetings: a workspace's and a node's report as PDF; made by
:mod:`api.services.reports` (the map's pictures are in :mod:`api.routes.maps`)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import Response

from api.deps import CacheDep, StoreDep, ViewerWorkspace
from api.services.options import BadOptions
from api.services.reports import MapQuery, node_report_pdf, workspace_report_pdf
from api.validation import bad_options
from graph.errors import GrenswerkError, NotFound, StoreUnavailable

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


def _answer(make: Callable[[], bytes], media_type: str, filename: str) -> Response:
    """The file ``make`` builds; a user's mistake becomes a 422 that names it."""
    try:
        content = make()
    except BadOptions as exc:
        raise bad_options(exc) from None
    except (StoreUnavailable, NotFound):
        raise  # 503 with Retry-After, 404 (api.app)
    except GrenswerkError as exc:
        raise HTTPException(422, str(exc)) from None
    headers = {"Content-Disposition": f'inline; filename="{filename}"'}
    return Response(content, media_type=media_type, headers=headers)


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
    return _answer(
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
    return _answer(
        lambda: node_report_pdf(store, cache, workspace, node_id, lang=lang),
        "application/pdf",
        f"{workspace}-{re.sub(r'[^A-Za-z0-9_.-]', '_', node_id)}-report.pdf",
    )
