"""Maps as HTML: served (assets from our static route) or downloaded (self-contained);
made by :func:`api.services.maps.map_html`."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import HTMLResponse

from api.deps import CacheDep, StoreDep, ViewerWorkspace
from api.services.maps import map_html
from api.services.options import BadOptions
from api.validation import bad_options
from graph.errors import GrenswerkError, StoreUnavailable

router = APIRouter(prefix="/api/workspaces/{workspace}", tags=["maps"])


@router.get("/map", response_class=HTMLResponse, summary="The workspace as an interactive map")
def workspace_map(
    workspace: ViewerWorkspace,
    store: StoreDep,
    cache: CacheDep,
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
    download: bool = False,
    lang: Annotated[
        Literal["nl", "en"], Query(description="language of the map's labels and legend")
    ] = "nl",
) -> HTMLResponse:
    try:
        html = map_html(
            store,
            cache,
            workspace,
            color_by=color_by,
            size_by=size_by,
            kinds=kinds,
            types=types,
            themes=themes,
            at=at,
            highlight=highlight,
            inline=download,
            lang=lang,
        )
    except BadOptions as exc:
        raise bad_options(exc) from None
    except StoreUnavailable:
        raise  # 503 with Retry-After (api.app)
    except GrenswerkError as exc:
        raise HTTPException(422, str(exc)) from None
    headers = (
        {"Content-Disposition": f'attachment; filename="{workspace}-map.html"'} if download else {}
    )
    return HTMLResponse(html, headers=headers)
