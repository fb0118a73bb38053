"""The tie forms: add a tie between two nodes named by name, alias or id, change one,
delete one. Each form reads through :mod:`api.services.editing`, the importers' path."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.deps import StoreDep
from api.pages.common import Csrf, EditorPage, PageKey, local_path, render, say
from api.pages.forms import blanked, form_errors, form_record, node_url
from api.services import editing
from api.services.editing import EditRefused
from graph.errors import NotFound
from graph.model import Mechanism, Relationship, RelType

router = APIRouter(include_in_schema=False)

#: the fields of the tie form, in the order shown (``kind``: the kind of partnership)
TIE_FIELDS = (
    "from",
    "to",
    "type",
    "mechanism",
    "strength",
    "frequency",
    "role",
    "kind",
    "description",
    "since",
    "until",
)
#: what the form of a stored tie shows but does not change
_FIXED = ("from", "to", "type")


def _values(rel: Relationship, names: dict[str, str]) -> dict[str, str]:
    data = rel.model_dump(mode="json")
    values = {f: "" if data.get(f) is None else str(data[f]) for f in TIE_FIELDS}
    values["from"] = names.get(rel.source, rel.source)
    values["to"] = names.get(rel.target, rel.target)
    description = rel.properties.get("description")
    values["description"] = "" if description is None else str(description)
    return values


def _names(store: Any, workspace: str, rel: Relationship) -> dict[str, str]:
    ends = store.get_nodes(workspace, [rel.source, rel.target])
    return {i: n.name for i, n in ends.items()}


#: up to this many nodes the tie form offers their names as suggestions while typing
SUGGEST_UP_TO = 2000


def _suggestions(store: Any, workspace: str) -> list[str]:
    """The names the ends of a new tie are picked from as one types (none in a workspace
    too large to list them in the page; a name is still found when typed)."""
    sizes = {w.name: w.nodes for w in store.workspaces()}
    if sizes.get(workspace, 0) > SUGGEST_UP_TO:
        return []
    return sorted({n.name for n in store.list_nodes(workspace)}, key=str.casefold)


def _form(
    request: Request,
    workspace: str,
    key: Any,
    *,
    rel: Relationship | None = None,
    values: dict[str, str] | None = None,
    errors: dict[str, dict[str, Any]] | None = None,
    general: list[dict[str, Any]] | None = None,
    status: int = 200,
    names: list[str] | None = None,
) -> HTMLResponse:
    return render(
        request,
        "tie_form.html",
        names=names or [],
        status=status,
        workspace=workspace,
        key=key,
        rel=rel,
        values=values or {},
        errors=errors or {},
        general=general or [],
        types=list(RelType),
        mechanisms=list(Mechanism),
    )


def _tie(request: Request, store: Any, workspace: str, rel_id: str) -> Relationship:
    rel = store.get_relationship(workspace, rel_id)
    if rel is None:
        raise HTTPException(404, say(request, "No tie %(id)r", id=rel_id))
    return rel


def _back(store: Any, workspace: str, ref: str, saved: str = "") -> str:
    """The page of the node a tie form came from (the map when it names none), saying
    what was saved (``?saved=…``, shown there as a confirmation)."""
    node = store.get_node(workspace, ref) if ref else None
    if node is None:
        return f"/w/{workspace}"
    return node_url(workspace, node.id) + (f"?saved={saved}" if saved else "")


@router.get("/w/{workspace}/tie-new", response_class=HTMLResponse)
def new_tie_form(
    request: Request, store: StoreDep, key: PageKey, workspace: EditorPage
) -> HTMLResponse:
    """The form, its ``from`` filled with the node it came from (``?from=<id>``)."""
    start = request.query_params.get("from", "")
    node = store.get_node(workspace, start) if start else None
    values = {"from": node.name if node else start}
    return _form(request, workspace, key, values=values, names=_suggestions(store, workspace))


@router.post("/w/{workspace}/tie-new", response_class=HTMLResponse, dependencies=[Csrf])
async def new_tie(
    request: Request, store: StoreDep, key: PageKey, workspace: EditorPage
) -> Response:
    record = await form_record(request, TIE_FIELDS)
    try:
        rel = editing.create_relationship(store, workspace, record, key, via="form")
    except EditRefused as exc:
        errors, general = form_errors(request, exc, TIE_FIELDS)
        return _form(
            request, workspace, key, values=record, errors=errors, general=general, status=422
        )
    return RedirectResponse(_back(store, workspace, rel.source, "tie-saved"), status_code=303)


@router.get("/w/{workspace}/tie/{rel_id}/edit", response_class=HTMLResponse)
def edit_tie_form(
    request: Request, store: StoreDep, key: PageKey, workspace: EditorPage, rel_id: str
) -> HTMLResponse:
    rel = _tie(request, store, workspace, rel_id)
    values = _values(rel, _names(store, workspace, rel))
    return _form(request, workspace, key, rel=rel, values=values)


@router.post("/w/{workspace}/tie/{rel_id}/edit", response_class=HTMLResponse, dependencies=[Csrf])
async def edit_tie(
    request: Request, store: StoreDep, key: PageKey, workspace: EditorPage, rel_id: str
) -> Response:
    rel = _tie(request, store, workspace, rel_id)
    record = await form_record(request, TIE_FIELDS)
    for fixed in _FIXED:
        record.pop(fixed, None)
    stored = _values(rel, _names(store, workspace, rel))
    errors, cleared = blanked(request, record, stored, {})
    general: list[dict[str, Any]] = []
    try:
        if errors:
            raise EditRefused([])
        editing.update_relationship(
            store, workspace, rel_id, record, key, via="form", clear=cleared
        )
    except EditRefused as exc:
        if not errors:
            errors, general = form_errors(request, exc, TIE_FIELDS)
        values = {**stored, **record}
        return _form(
            request,
            workspace,
            key,
            rel=rel,
            values=values,
            errors=errors,
            general=general,
            status=422,
        )
    return RedirectResponse(_back(store, workspace, rel.source, "tie-saved"), status_code=303)


@router.post("/w/{workspace}/tie/{rel_id}/delete", response_class=HTMLResponse, dependencies=[Csrf])
async def delete_tie(
    request: Request, store: StoreDep, key: PageKey, workspace: EditorPage, rel_id: str
) -> Response:
    """A tie takes nothing with it: it goes at once (the button asks in its label)."""
    rel = _tie(request, store, workspace, rel_id)
    try:
        editing.delete_relationship(store, workspace, rel_id, key, via="form")
    except NotFound:
        raise HTTPException(404, say(request, "No tie %(id)r", id=rel_id)) from None
    form = await request.form()
    back = form.get("back")
    target = local_path(back) if isinstance(back, str) and back else None
    return RedirectResponse(
        target or _back(store, workspace, rel.source, "tie-deleted"), status_code=303
    )
