"""Maps: as HTML (served with assets from our static route, or downloaded
self-contained), made by :func:`api.services.maps.map_html`; and as PNG, SVG and PDF of
exactly a view (:func:`api.services.map_export.view_export`)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import HTMLResponse, Response

from api.deps import CacheDep, StoreDep, ViewerWorkspace
from api.services.map_export import ViewRequest, view_export
from api.services.maps import MapOptions, map_html
from api.services.options import BadOptions
from api.validation import bad_options, file_response
from graph.errors import GrenswerkError, StoreUnavailable

router = APIRouter(prefix="/api/workspaces/{workspace}", tags=["maps"])

Lang = Annotated[Literal["nl", "en"], Query(description="language of the map's labels and legend")]
Measure = Literal["degree", "betweenness", "closeness", "harmonic", "eigenvector", "pagerank"]


def map_options(
    color_by: Literal["kind", "org_type", "sector", "community"] = "kind",
    size_by: Measure | None = None,
    kinds: Annotated[
        str | None, Query(description="comma-separated node kinds (English or Dutch names)")
    ] = None,
    types: Annotated[
        str | None,
        Query(description="comma-separated relationship types (English or Dutch names)"),
    ] = None,
    themes: Annotated[
        str | None,
        Query(description="comma-separated theme ids: those themes and what is tied to them"),
    ] = None,
    practices: Annotated[
        str | None,
        Query(
            description="comma-separated practices (org_type): those organisations and their ties"
        ),
    ] = None,
    sectors: Annotated[
        str | None,
        Query(description="comma-separated sectors: those organisations and what is tied to them"),
    ] = None,
    at: dt.date | None = None,
    highlight: Annotated[str | None, Query(description="node ids of a path, in order")] = None,
    moved: Annotated[
        str | None, Query(description="dragged nodes: id:x:y pairs, comma-separated")
    ] = None,
) -> MapOptions:
    """The map's colour, size and filters."""
    return MapOptions(
        color_by, size_by, kinds, types, themes, practices, sectors, at, highlight, moved
    )


MapOptionsDep = Annotated[MapOptions, Depends(map_options)]


def view_request(
    focus: Annotated[str | None, Query(description="the focused node's id")] = None,
    depth: Annotated[int, Query(ge=1, le=3, description="steps around the focus")] = 2,
    hide: Annotated[
        Literal["yes", "no"], Query(description="yes: hide what is not within the steps")
    ] = "no",
    themes_layer: Annotated[Literal["on", "off"], Query(description="the themes layer")] = "on",
    route: Annotated[
        Literal["yes", "no"], Query(description="yes: dim what is not on the highlighted route")
    ] = "yes",
    box: Annotated[
        str | None, Query(description="the part of the map in the window: left,top,right,bottom")
    ] = None,
    screen: Annotated[
        str | None, Query(description="the window's size in px, e.g. 1280x700")
    ] = None,
    opened: Annotated[str | None, Query(description="ids of the opened clusters")] = None,
    names: Annotated[
        str | None, Query(description="ids of the nodes whose names are written (else our rule)")
    ] = None,
) -> ViewRequest:
    """The view on screen: focus, layers, window, open clusters and names."""
    return ViewRequest(
        focus,
        depth,
        hide == "yes",
        themes_layer == "on",
        route == "yes",
        box,
        screen,
        opened,
        names,
    )


ViewDep = Annotated[ViewRequest, Depends(view_request)]


@router.get("/map", response_class=HTMLResponse, summary="The workspace as an interactive map")
def workspace_map(
    workspace: ViewerWorkspace,
    store: StoreDep,
    cache: CacheDep,
    options: MapOptionsDep,
    download: bool = False,
    lang: Lang = "nl",
) -> HTMLResponse:
    try:
        html = map_html(
            store,
            cache,
            workspace,
            color_by=options.color_by,
            size_by=options.size_by,
            kinds=options.kinds,
            types=options.types,
            themes=options.themes,
            practices=options.practices,
            sectors=options.sectors,
            at=options.at,
            highlight=options.highlight,
            moved=options.moved,
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


MEDIA = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}


def _picture_route(fmt: Literal["png", "svg", "pdf"]) -> None:
    @router.get(
        f"/map.{fmt}",
        response_class=Response,
        responses={200: {"content": {MEDIA[fmt]: {}}}},
        summary=f"The map as {fmt.upper()}: exactly a view (filters, focus, window, names), "
        "with title, what it shows, and legends",
        name=f"map_{fmt}",
    )
    def picture(
        workspace: ViewerWorkspace,
        store: StoreDep,
        cache: CacheDep,
        options: MapOptionsDep,
        view: ViewDep,
        lang: Lang = "nl",
    ) -> Response:
        return file_response(
            lambda: view_export(store, cache, workspace, options, view, fmt=fmt, lang=lang),
            MEDIA[fmt],
            f"{workspace}-map.{fmt}",
        )


for _fmt in ("png", "svg", "pdf"):
    _picture_route(_fmt)
