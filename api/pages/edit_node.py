"""The node forms: add a node, change one, delete one (asking first when its ties go
with it). Each form reads through :mod:`api.services.editing`, the importers' path."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.deps import StoreDep
from api.pages.common import Csrf, EditorPage, PageKey, render, say
from api.pages.forms import blanked, form_errors, form_record, node_url
from api.services import editing
from api.services.editing import EditRefused
from graph.errors import NotFound
from graph.model import ActivityType, Node, NodeKind, OrgType

router = APIRouter(include_in_schema=False)

#: the fields of the node form, in the order shown
#: fields a node cannot be without: emptying them is refused with this message
_REQUIRED = {"name": "a node needs a name"}

NODE_FIELDS = (
    "name",
    "kind",
    "org_type",
    "activity_type",
    "sector",
    "role",
    "aliases",
    "description",
    "url",
    "date",
    "since",
    "until",
)


def _values(node: Node) -> dict[str, str]:
    data = node.model_dump(mode="json")
    values = {f: "" if data.get(f) is None else str(data[f]) for f in NODE_FIELDS}
    values["aliases"] = "; ".join(node.aliases)
    return values


def _form(
    request: Request,
    store: Any,
    workspace: str,
    key: Any,
    *,
    node: Node | None = None,
    values: dict[str, str] | None = None,
    errors: dict[str, dict[str, Any]] | None = None,
    general: list[dict[str, Any]] | None = None,
    status: int = 200,
) -> HTMLResponse:
    return render(
        request,
        "node_form.html",
        status=status,
        workspace=workspace,
        key=key,
        node=node,
        values=values or {},
        errors=errors or {},
        general=general or [],
        kinds=list(NodeKind),
        org_types=list(OrgType),
        activity_types=list(ActivityType),
        ties=[] if node is None else _ties(store, workspace, node),
    )


def _ties(store: Any, workspace: str, node: Node) -> list[Any]:
    """The node's ties with their two ends, for the links to change them."""
    ties = store.list_relationships(workspace, node_id=node.id)
    ends = store.get_nodes(workspace, {t.source for t in ties} | {t.target for t in ties})
    return [(t, ends.get(t.source), ends.get(t.target)) for t in ties]


def _node(request: Request, store: Any, workspace: str, node_id: str) -> Node:
    node = store.get_node(workspace, node_id)
    if node is None:
        raise HTTPException(404, say(request, "No node %(id)r", id=node_id))
    return node


@router.get("/w/{workspace}/node-new", response_class=HTMLResponse)
def new_node_form(
    request: Request, store: StoreDep, key: PageKey, workspace: EditorPage
) -> HTMLResponse:
    return _form(
        request, store, workspace, key, values={"kind": request.query_params.get("kind", "")}
    )


@router.post("/w/{workspace}/node-new", response_class=HTMLResponse, dependencies=[Csrf])
async def new_node(
    request: Request, store: StoreDep, key: PageKey, workspace: EditorPage
) -> Response:
    record = await form_record(request, NODE_FIELDS)
    try:
        node = editing.create_node(store, workspace, record, key, via="form")
    except EditRefused as exc:
        errors, general = form_errors(request, exc, NODE_FIELDS)
        return _form(
            request,
            store,
            workspace,
            key,
            values=record,
            errors=errors,
            general=general,
            status=422,
        )
    return RedirectResponse(node_url(workspace, node.id) + "?saved=added", status_code=303)


@router.get("/w/{workspace}/node/{node_id}/edit", response_class=HTMLResponse)
def edit_node_form(
    request: Request, store: StoreDep, key: PageKey, workspace: EditorPage, node_id: str
) -> HTMLResponse:
    node = _node(request, store, workspace, node_id)
    return _form(request, store, workspace, key, node=node, values=_values(node))


@router.post("/w/{workspace}/node/{node_id}/edit", response_class=HTMLResponse, dependencies=[Csrf])
async def edit_node(
    request: Request, store: StoreDep, key: PageKey, workspace: EditorPage, node_id: str
) -> Response:
    node = _node(request, store, workspace, node_id)
    record = await form_record(request, NODE_FIELDS)
    record.pop("kind", None)  # shown, not changed
    errors, cleared = blanked(request, record, _values(node), _REQUIRED)
    general: list[dict[str, Any]] = []
    try:
        if errors:
            raise EditRefused([])
        editing.update_node(store, workspace, node_id, record, key, via="form", clear=cleared)
    except EditRefused as exc:
        if not errors:
            errors, general = form_errors(request, exc, NODE_FIELDS)
        values = {**_values(node), **record}
        return _form(
            request,
            store,
            workspace,
            key,
            node=node,
            values=values,
            errors=errors,
            general=general,
            status=422,
        )
    return RedirectResponse(node_url(workspace, node_id) + "?saved=changed", status_code=303)


def _confirm(
    request: Request, store: Any, key: Any, workspace: str, node: Node, status: int = 200
) -> HTMLResponse:
    return render(
        request,
        "node_delete.html",
        status=status,
        workspace=workspace,
        key=key,
        node=node,
        ties=editing.ties_of(store, workspace, node.id),
    )


@router.get("/w/{workspace}/node/{node_id}/delete", response_class=HTMLResponse)
def delete_node_form(
    request: Request, store: StoreDep, key: PageKey, workspace: EditorPage, node_id: str
) -> HTMLResponse:
    return _confirm(request, store, key, workspace, _node(request, store, workspace, node_id))


@router.post(
    "/w/{workspace}/node/{node_id}/delete", response_class=HTMLResponse, dependencies=[Csrf]
)
async def delete_node(
    request: Request, store: StoreDep, key: PageKey, workspace: EditorPage, node_id: str
) -> Response:
    """Deletes only when the confirmation was ticked; else asks (again)."""
    node = _node(request, store, workspace, node_id)
    form = await request.form()
    if form.get("confirm") != "yes":
        return _confirm(request, store, key, workspace, node)
    try:
        editing.delete_node(store, workspace, node_id, key, via="form")
    except NotFound:
        raise HTTPException(404, say(request, "No node %(id)r", id=node_id)) from None
    return RedirectResponse(f"/w/{workspace}", status_code=303)
