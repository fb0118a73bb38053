"""Possible duplicates of a workspace (near-equal names, as the importers suggest
them), each with a button that merges the two (editors and admins; undone on the
changes page)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse

from api.deps import StoreDep
from api.pages.common import Csrf, EditorPage, PageKey, render, say
from api.services import changes as service
from graph.access import Key
from graph.errors import NotFound
from graph.store.base import Store

router = APIRouter(include_in_schema=False)


def _page(
    request: Request,
    store: Store,
    key: Key,
    workspace: str,
    message: str | None = None,
    error: str | None = None,
    status: int = 200,
    change: int | None = None,
) -> HTMLResponse:
    return render(
        request,
        "duplicates.html",
        status=status,
        workspace=workspace,
        key=key,
        suggestions=service.duplicates(store, workspace),
        message=message,
        error=error,
        change=change,
    )


@router.get("/w/{workspace}/duplicates", response_class=HTMLResponse)
def duplicates_page(
    request: Request, store: StoreDep, key: PageKey, workspace: EditorPage
) -> HTMLResponse:
    return _page(request, store, key, workspace)


@router.post("/w/{workspace}/duplicates/merge", response_class=HTMLResponse, dependencies=[Csrf])
def merge_from_page(
    request: Request,
    store: StoreDep,
    key: PageKey,
    workspace: EditorPage,
    keep: Annotated[str, Form()] = "",
    other: Annotated[str, Form()] = "",
) -> HTMLResponse:
    if not keep or not other:
        error = say(request, "Choose two nodes to merge.")
        return _page(request, store, key, workspace, error=error, status=422)
    try:
        done = service.merge_nodes(store, workspace, keep, other, key, "web")
    except (NotFound, service.MergeRefused) as exc:
        status = 404 if isinstance(exc, NotFound) else 422
        return _page(request, store, key, workspace, error=str(exc), status=status)
    message = say(
        request,
        '"%(other)s" was merged into "%(name)s"; "%(other)s" stays as another name of it.',
        other=done.other_name,
        name=done.node.name,
    )
    return _page(request, store, key, workspace, message=message, change=done.change)


@router.get("/w/{workspace}/duplicates/confirm", response_class=HTMLResponse)
def confirm_merge(
    request: Request,
    store: StoreDep,
    key: PageKey,
    workspace: EditorPage,
    keep: str = "",
    a: str = "",
    b: str = "",
) -> HTMLResponse:
    """What a merge of the pair ``a``, ``b`` would do, with ``keep`` staying; the merge
    happens only when the advisor confirms."""
    other = b if keep == a else a
    nodes = store.get_nodes(workspace, {keep, other}) if keep in (a, b) and a != b else {}
    if keep not in nodes or other not in nodes:
        error = say(request, "Choose two nodes to merge.")
        return _page(request, store, key, workspace, error=error, status=422)
    moving = len(store.list_relationships(workspace, node_id=other))
    return render(
        request,
        "duplicates_confirm.html",
        workspace=workspace,
        key=key,
        keep=nodes[keep],
        other=nodes[other],
        moving=moving,
    )
