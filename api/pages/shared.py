"""The pages behind a share link (``/s/<token>``): the workspace's map, its node pages
and the help page, read-only and exactly as a viewer sees them, with links that stay
inside the share link. :class:`api.gate.Gate` has checked the token before anything
else and left the link in the request's state; nothing here takes a key or a form."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from api.deps import CacheDep, StoreDep
from api.i18n import language
from api.pages.common import check_map_options, render, render_node, say
from api.services.help import rendered_doc
from api.services.maps import map_view
from api.services.profiles import node_profile
from api.services.sharing import share_path
from api.services.views import list_views, view_query
from graph.access import ShareLink
from graph.errors import GrenswerkError, NotFound, StoreUnavailable

router = APIRouter(include_in_schema=False)


def shared_link(request: Request, token: str) -> ShareLink:
    """The share link the gate found for this request's token (404 without one)."""
    link: ShareLink | None = request.scope.get("state", {}).get("share")
    if link is None or not request.url.path.startswith(share_path(token)):
        raise HTTPException(404, "no such share link")
    return link


shared_link.required_role = "viewer"  # type: ignore[attr-defined]

Shared = Annotated[ShareLink, Depends(shared_link)]


@router.get("/s/{token}", response_class=HTMLResponse)
def shared_map(
    request: Request,
    store: StoreDep,
    cache: CacheDep,
    link: Shared,
    token: str,
    color_by: str = "kind",
    size_by: str = "",
    kinds: str = "",
    at: str = "",
    highlight: str = "",
) -> HTMLResponse:
    """The workspace's map, read-only (its saved views to open, none to save)."""
    check_map_options(request, color_by, size_by)
    here = share_path(token)
    problem, body, counts = "", "", SimpleNamespace(nodes=0, relationships=0)
    try:
        view = map_view(
            store,
            cache,
            link.workspace,
            color_by=color_by,
            size_by=size_by or None,
            kinds=kinds or None,
            at_text=at or None,
            highlight=highlight or None,
            node_link=f"{here}/node/__ID__",
            fragment=True,
            lang=language(request),
            views=True,
            saved=[(v.name, view_query(v)) for v in list_views(store, link.workspace)],
        )
        body = view.html
        counts = SimpleNamespace(nodes=view.nodes, relationships=view.relationships)
    except StoreUnavailable:
        raise
    except GrenswerkError as exc:
        problem = str(exc)
    return render(
        request,
        "map_page.html",
        422 if problem else 200,
        workspace=link.workspace,
        here=here,
        shared=True,
        key=None,
        info=counts,
        map_body=body,
        color_by=color_by,
        size_by=size_by,
        kinds=kinds,
        at=at,
        problem=problem,
    )


@router.get("/s/{token}/node/{node_id}", response_class=HTMLResponse)
def shared_node(
    request: Request, store: StoreDep, cache: CacheDep, link: Shared, token: str, node_id: str
) -> HTMLResponse:
    """A node's page, read-only, its links inside the share link."""
    try:
        profile = node_profile(store, cache, link.workspace, node_id)
    except NotFound:
        raise HTTPException(404, say(request, "No node %(id)r", id=node_id)) from None
    return render_node(
        request,
        profile,
        workspace=link.workspace,
        here=share_path(token),
        shared=True,
        key=None,
    )


@router.get("/s/{token}/help", response_class=HTMLResponse)
def shared_help(request: Request, link: Shared, token: str) -> HTMLResponse:
    """The help page "Hoe lees ik dit?"."""
    model = Markup(rendered_doc("learning-potential"))  # noqa: S704 - markdown-it escapes HTML
    return render(
        request,
        "help.html",
        workspace=link.workspace,
        here=share_path(token),
        shared=True,
        key=None,
        model=model,
    )
