"""The form on the workspaces page that creates a workspace (a server admin key): the new
workspace's first admin key is shown once."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse

from api.deps import KeysDep, StoreDep
from api.pages.common import Csrf, PageKey, counted_workspaces, render, say
from api.pages.forms import form_errors, form_record
from api.services import editing
from api.services.editing import EditRefused
from graph.access import ALL, Key

router = APIRouter(include_in_schema=False)


def server_page_key(key: PageKey) -> Key:
    """The logged-in key if it is a server admin key, else 403."""
    if key.workspace != ALL or not key.allows("admin"):
        raise HTTPException(403, "this needs a server admin key")
    return key


server_page_key.required_role = "server"  # type: ignore[attr-defined]

ServerPageKey = Annotated[Key, Depends(server_page_key)]


@router.post("/workspaces/new", response_class=HTMLResponse, dependencies=[Csrf])
async def new_workspace(
    request: Request, store: StoreDep, keys: KeysDep, key: ServerPageKey
) -> HTMLResponse:
    record = await form_record(request, ("name",))
    errors: dict[str, dict[str, Any]] = {}
    general: list[dict[str, Any]] = []
    created = new_key = None
    try:
        new_key = editing.create_workspace(store, keys, record.get("name", ""), key)
        created = record["name"].strip()
    except EditRefused as exc:
        errors, general = form_errors(request, exc, ("name",))
    visible = [w for w in store.workspaces() if key.sees(w.name)]
    return render(
        request,
        "workspaces.html",
        status=201 if created else 422,
        workspaces=visible,
        counted=counted_workspaces(request, visible),
        key=key,
        values=record,
        errors=errors,
        general=general,
        created=created,
        new_key=new_key,
        notice=say(request, "Workspace %(name)s was created.", name=created) if created else "",
    )
