"""A node's page: its profile (:mod:`api.services.profiles`)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from api.deps import CacheDep, StoreDep
from api.i18n import language
from api.pages.common import PageKey, page_workspace, render, say
from api.services.profiles import node_profile, ordinal
from graph.errors import NotFound

router = APIRouter(include_in_schema=False)


@router.get("/w/{workspace}/node/{node_id}", response_class=HTMLResponse)
def node_page(
    request: Request, store: StoreDep, cache: CacheDep, key: PageKey, workspace: str, node_id: str
) -> HTMLResponse:
    page_workspace(key, store, workspace)
    try:
        profile = node_profile(store, cache, workspace, node_id)
    except NotFound:
        raise HTTPException(404, say(request, "No node %(id)r", id=node_id)) from None
    return render(
        request,
        "node.html",
        workspace=workspace,
        node=profile.node,
        partners=profile.partners,
        themes=profile.themes,
        roles=profile.roles,
        brokerage=profile.brokerage,
        centrality=profile.centrality,
        recommendations=profile.recommendations,
        ranks=profile.ranks,
        ordinal=lambda n: ordinal(n, language(request)),
        key=key,
    )
