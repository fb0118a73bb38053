"""The workspaces a key sees, and a workspace's map."""

from __future__ import annotations

from types import SimpleNamespace
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.deps import CacheDep, StoreDep
from api.i18n import language
from api.pages.common import PageKey, check_map_options, page_workspace, render
from api.services.maps import map_view
from api.services.views import list_views, view_query
from graph.errors import GrenswerkError, StoreUnavailable

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
    """The workspace's map; a filter the map refuses is shown on the page, above an
    empty map, with the form to change it (422)."""
    page_workspace(key, store, workspace)
    check_map_options(request, color_by, size_by)
    problem, body, counts = "", "", SimpleNamespace(nodes=0, relationships=0)
    try:
        view = map_view(
            store,
            cache,
            workspace,
            color_by=color_by,
            size_by=size_by or None,
            kinds=kinds or None,
            at_text=at or None,
            highlight=highlight or None,
            node_link=f"/w/{workspace}/node/__ID__",
            fragment=True,
            lang=language(request),
            views=True,
            saved=[(v.name, view_query(v)) for v in list_views(store, workspace)],
            save_to=f"/w/{workspace}/views" if key.allows("analyst") else "",
        )
        body = view.html
        counts = SimpleNamespace(nodes=view.nodes, relationships=view.relationships)
    except StoreUnavailable:
        raise
    except GrenswerkError as exc:
        problem = str(exc)
    shown = {"color_by": color_by, "size_by": size_by, "kinds": kinds, "at": at}
    chosen = {k: v for k, v in shown.items() if v}
    download = f"/api/workspaces/{workspace}/map?" + urlencode(
        {"download": "true", **chosen, "lang": language(request)}
    )
    pictures = urlencode(chosen | ({"highlight": highlight} if highlight else {}))
    return render(
        request,
        "map_page.html",
        422 if problem else 200,
        workspace=workspace,
        info=counts,
        key=key,
        map_body=body,
        color_by=color_by,
        size_by=size_by,
        kinds=kinds,
        at=at,
        download=download,
        pictures=pictures,
        problem=problem,
    )
