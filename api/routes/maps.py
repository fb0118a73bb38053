"""Maps as HTML: served (assets from our static route) or downloaded (self-contained)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import HTMLResponse

from api.deps import CacheDep, StoreDep, ViewerWorkspace
from graph.analysis.run import AnalysisOptions
from graph.analysis.views import filter_view
from visualizations.maps import build_map, render_map

router = APIRouter(prefix="/api/workspaces/{workspace}", tags=["maps"])


def map_html(
    store: Any,
    cache: Any,
    workspace: str,
    *,
    color_by: str = "kind",
    size_by: str | None = None,
    kinds: str | None = None,
    themes: str | None = None,
    at: dt.date | None = None,
    highlight: str | None = None,
    inline: bool = False,
    node_link: str | None = None,
    fragment: bool = False,
) -> str:
    """The map of a workspace view (shared by the API and the web pages)."""
    graph = cache.graph(store, workspace)
    kind_list = tuple(k for k in (kinds or "").split(",") if k) or None
    theme_list = tuple(t for t in (themes or "").split(",") if t) or None
    view = filter_view(graph, kinds=kind_list, themes=theme_list, at=at)
    sizes = communities = None
    if size_by:
        result = cache.run(
            store,
            workspace,
            "centrality",
            AnalysisOptions(kinds=kind_list, themes=theme_list, at=at, measures=(size_by,)),
        )
        sizes = {r["id"]: float(r.get(size_by) or 0.0) for r in result.rows}
    if color_by == "community":
        result = cache.run(
            store,
            workspace,
            "communities",
            AnalysisOptions(kinds=kind_list, themes=theme_list, at=at),
        )
        communities = {r["id"]: r["community"] for r in result.rows}
    path = [n for n in (highlight or "").split(",") if n]
    edges = set(zip(path, path[1:], strict=False))
    try:
        data = build_map(
            view,
            color_by=color_by,
            sizes=sizes,
            communities=communities,
            highlight_nodes=set(path),
            highlight_edges=edges,
        )
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None
    return render_map(
        data,
        title=f"Grenswerk: {workspace}",
        inline=inline,
        node_link=node_link,
        fragment=fragment,
    )


@router.get("/map", response_class=HTMLResponse, summary="The workspace as an interactive map")
def workspace_map(
    workspace: ViewerWorkspace,
    store: StoreDep,
    cache: CacheDep,
    color_by: Literal["kind", "org_type", "sector", "community"] = "kind",
    size_by: Literal["degree", "betweenness", "closeness", "harmonic", "eigenvector", "pagerank"]
    | None = None,
    kinds: Annotated[str | None, Query(description="comma-separated node kinds")] = None,
    themes: Annotated[str | None, Query(description="comma-separated theme ids")] = None,
    at: dt.date | None = None,
    highlight: Annotated[str | None, Query(description="node ids of a path, in order")] = None,
    download: bool = False,
) -> HTMLResponse:
    html = map_html(
        store,
        cache,
        workspace,
        color_by=color_by,
        size_by=size_by,
        kinds=kinds,
        themes=themes,
        at=at,
        highlight=highlight,
        inline=download,
    )
    headers = (
        {"Content-Disposition": f'attachment; filename="{workspace}-map.html"'} if download else {}
    )
    return HTMLResponse(html, headers=headers)
