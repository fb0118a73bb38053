"""The workspaces a key sees, and a workspace's map."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from api.deps import CacheDep, StoreDep
from api.i18n import language
from api.pages.common import PageKey, page_workspace, render, say, service_error
from api.services.maps import map_html
from graph.analysis.centrality import MEASURES
from graph.errors import GrenswerkError

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, store: StoreDep, key: PageKey) -> HTMLResponse:
    visible = [w for w in store.workspaces() if key.sees(w.name)]
    return render(request, "workspaces.html", workspaces=visible, key=key)


@router.get("/w/{workspace}", response_class=HTMLResponse)
def map_page(
    request: Request,
    store: StoreDep,
    cache: CacheDep,
    key: PageKey,
    workspace: str,
    color_by: str = "kind",
    size_by: str = "",
    kinds: str = "",
    at: str = "",
    highlight: str = "",
) -> HTMLResponse:
    page_workspace(key, store, workspace)
    try:
        when = dt.date.fromisoformat(at) if at else None
    except ValueError:
        raise HTTPException(
            422, say(request, "%(value)r is not a date (YYYY-MM-DD)", value=at)
        ) from None
    if color_by not in ("kind", "org_type", "sector", "community"):
        raise HTTPException(422, say(request, "unknown colouring %(value)r", value=color_by))
    if size_by and size_by not in MEASURES:
        raise HTTPException(422, say(request, "unknown measure %(value)r", value=size_by))
    try:
        body = map_html(
            store,
            cache,
            workspace,
            color_by=color_by,
            size_by=size_by or None,
            kinds=kinds or None,
            at=when,
            highlight=highlight or None,
            node_link=f"/w/{workspace}/node/__ID__",
            fragment=True,
            lang=language(request),
        )
    except GrenswerkError as exc:
        raise service_error(exc) from None
    info = next(w for w in store.workspaces() if w.name == workspace)
    download = (
        f"/api/workspaces/{workspace}/map?download=true&color_by={color_by}"
        f"&lang={language(request)}"
    )
    shown = {"color_by": color_by, "size_by": size_by, "kinds": kinds, "highlight": highlight}
    pictures = urlencode(
        {k: v for k, v in shown.items() if v} | ({"at": str(when)} if when else {})
    )
    return render(
        request,
        "map_page.html",
        workspace=workspace,
        info=info,
        key=key,
        map_body=body,
        color_by=color_by,
        size_by=size_by,
        kinds=kinds,
        at=at,
        download=download,
        pictures=pictures,
    )
