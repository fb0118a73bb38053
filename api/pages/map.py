"""The workspaces a key sees, and a workspace's map."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.deps import CacheDep, StoreDep
from api.i18n import language
from api.pages.common import PageKey, counted_workspaces, drawn_map, page_workspace, render

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, store: StoreDep, key: PageKey) -> HTMLResponse:
    visible = [w for w in store.workspaces() if key.sees(w.name)]
    counted = counted_workspaces(request, visible)
    return render(request, "workspaces.html", workspaces=visible, counted=counted, key=key)


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
    """The workspace's map; a filter the map refuses is shown on the page, above an
    empty map, with the form to change it (422)."""
    page_workspace(key, store, workspace)
    filters = {"color_by": color_by, "size_by": size_by, "kinds": kinds, "at": at}
    drawn = drawn_map(
        request,
        store,
        cache,
        workspace,
        {**filters, "highlight": highlight},
        base=f"/w/{workspace}",
        save_to=f"/w/{workspace}/views" if key.allows("analyst") else "",
    )
    chosen = {k: v for k, v in filters.items() if v}
    download = f"/api/workspaces/{workspace}/map?" + urlencode(
        {"download": "true", **chosen, "lang": language(request)}
    )
    pictures = urlencode(chosen | ({"highlight": highlight} if highlight else {}))
    return render(
        request,
        "map_page.html",
        422 if drawn.problem else 200,
        workspace=workspace,
        info=drawn.info,
        key=key,
        map_body=drawn.body,
        color_by=color_by,
        size_by=size_by,
        kinds=kinds,
        at=at,
        download=download,
        pictures=pictures,
        problem=drawn.problem,
    )
