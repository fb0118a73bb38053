"""Maps as HTML: served (assets from our static route) or downloaded (self-contained)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import HTMLResponse

from api.deps import CacheDep, StoreDep, ViewerWorkspace
from api.validation import validated
from graph.analysis.registry import AnalysisOptions
from graph.analysis.subgraphs import filter_view
from graph.errors import GrenswerkError
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
    types: str | None = None,
    node_link: str | None = None,
    fragment: bool = False,
) -> str:
    """The map of a workspace view (shared by the API and the web pages).

    Kinds, types and themes are checked as an analysis's are: a misspelt one is a 422
    that names it and the accepted ones.
    """
    graph = cache.graph(store, workspace)
    view_options = validated(
        AnalysisOptions,
        {"kinds": _split(kinds), "types": _split(types), "themes": _split(themes), "at": at},
        "option",
    )
    o = view_options
    try:
        view = filter_view(graph, kinds=o.kinds, types=o.types, themes=o.themes, at=o.at)
        sizes = communities = None
        if size_by:
            sized = view_options.model_copy(update={"measures": (size_by,)})
            result = cache.run(store, workspace, "centrality", sized)
            sizes = {r["id"]: float(r.get(size_by) or 0.0) for r in result.rows}
        if color_by == "community":
            result = cache.run(store, workspace, "communities", view_options)
            communities = {r["id"]: r["community"] for r in result.rows}
    except (ValueError, GrenswerkError) as exc:
        raise HTTPException(422, str(exc)) from None
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


def _split(value: str | None) -> tuple[str, ...] | None:
    return tuple(p.strip() for p in value.split(",") if p.strip()) if value else None


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
) -> HTMLResponse:
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
    )
    headers = (
        {"Content-Disposition": f'attachment; filename="{workspace}-map.html"'} if download else {}
    )
    return HTMLResponse(html, headers=headers)
