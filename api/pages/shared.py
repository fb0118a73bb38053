"""The pages behind a share link (``/s/<token>``): the workspace's map, its node pages
and the help page, read-only and exactly as a viewer sees them, with links that stay
inside the share link. :class:`api.gate.Gate` has checked the token before anything
else and left the link in the request's state; nothing here takes a key or a form."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse

from api.deps import CacheDep, StoreDep
from api.i18n import language
from api.pages.common import drawn_map, render, render_node, say
from api.services.help import help_context, model_document
from api.services.profiles import node_profile
from api.services.sharing import share_path
from graph.access import ShareLink
from graph.errors import NotFound

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
    here = share_path(token)
    filters = {"color_by": color_by, "size_by": size_by, "kinds": kinds, "at": at}
    drawn = drawn_map(
        request, store, cache, link.workspace, {**filters, "highlight": highlight}, base=here
    )
    return render(
        request,
        "map_page.html",
        422 if drawn.problem else 200,
        workspace=link.workspace,
        here=here,
        shared=True,
        key=None,
        info=drawn.info,
        map_body=drawn.body,
        color_by=color_by,
        size_by=size_by,
        kinds=kinds,
        at=at,
        problem=drawn.problem,
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
    return render(
        request,
        "help.html",
        workspace=link.workspace,
        here=share_path(token),
        shared=True,
        key=None,
        model_page=f"{share_path(token)}/help/model",
        **help_context(),
    )


@router.get("/s/{token}/help/model", response_class=HTMLResponse)
def shared_model(request: Request, link: Shared, token: str) -> HTMLResponse:
    """The learning-potential model for analysts."""
    return render(
        request,
        "help_model.html",
        workspace=link.workspace,
        here=share_path(token),
        shared=True,
        key=None,
        back=f"{share_path(token)}/help",
        model=model_document(language(request)),
    )
