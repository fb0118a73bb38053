"""A node's page: its profile (:mod:`api.services.profiles`)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from api.deps import CacheDep, StoreDep
from api.pages.common import PageKey, page_workspace, render_node, say
from api.services.profiles import node_profile
from graph.errors import NotFound

router = APIRouter(include_in_schema=False)


@router.get("/w/{workspace}/node/{node_id}", response_class=HTMLResponse)
def node_page(
    request: Request,
    store: StoreDep,
    cache: CacheDep,
    key: PageKey,
    workspace: str,
    node_id: str,
    saved: str = "",
) -> HTMLResponse:
    page_workspace(key, store, workspace)
    try:
        profile = node_profile(store, cache, workspace, node_id)
    except NotFound:
        raise HTTPException(404, say(request, "No node %(id)r", id=node_id)) from None
    return render_node(
        request,
        profile,
        workspace=workspace,
        key=key,
        saved=SAVED.get(saved, ""),
    )


def _(message: str) -> str:
    """Mark a message for the catalogues; the template translates it."""
    return message


#: what an editing form saved, said on the node's page after it (``?saved=…``)
SAVED = {
    "added": _("Added. The node is saved."),
    "changed": _("Saved. The changes are on this page now."),
    "tie-saved": _("The tie is saved."),
    "tie-deleted": _("The tie is deleted."),
}
