"""The path finder: the best learning-potential paths between two actors, the best one
drawn on the map."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.deps import CacheDep, StoreDep
from api.i18n import language
from api.pages.common import PageKey, page_workspace, render, service_error
from api.services.maps import map_html
from api.services.paths import NoRoute, best_route, learning_paths, no_route
from graph.analysis.cache import AnalysisCache
from graph.analysis.result import Result
from graph.errors import GrenswerkError
from graph.store.base import Store

router = APIRouter(include_in_schema=False)


@router.get("/w/{workspace}/paths", response_class=HTMLResponse)
def paths_page(
    request: Request,
    store: StoreDep,
    cache: CacheDep,
    key: PageKey,
    workspace: str,
    source: str = "",
    target: str = "",
) -> HTMLResponse:
    page_workspace(key, store, workspace)
    actors = [n for n in store.list_nodes(workspace) if n.kind.value in ("person", "organisation")]
    result: Result | None = None
    map_body = None
    error = None
    missing: NoRoute | None = None
    if source and target:
        try:
            result = learning_paths(store, cache, workspace, source, target, k=3)
        except GrenswerkError as exc:
            error = str(exc)
        if result is not None and result.rows:
            route = best_route(store, cache, workspace, result)
            map_body = _route_map(store, cache, workspace, route, language(request))
        elif result is not None and source != target:
            missing = no_route(store, cache, workspace, source, target)
            if missing.route:
                map_body = _route_map(store, cache, workspace, missing.route, language(request))
    return render(
        request,
        "paths.html",
        workspace=workspace,
        actors=actors,
        source=source,
        target=target,
        result=result,
        map_body=map_body,
        missing=missing,
        error=error,
        key=key,
    )


def _route_map(
    store: Store, cache: AnalysisCache, workspace: str, route: list[str], lang: str
) -> str:
    """The map with ``route`` (node ids) drawn on it."""
    try:
        return map_html(
            store,
            cache,
            workspace,
            highlight=",".join(route),
            node_link=f"/w/{workspace}/node/__ID__",
            fragment=True,
            lang=lang,
        )
    except GrenswerkError as exc:
        raise service_error(exc) from None
