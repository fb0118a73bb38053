"""The "Wijzigingen" page: a workspace's change log (who changed what, when), filtered
by date and node, with an undo button per change (editors and admins)."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.deps import StoreDep
from api.pages.common import Csrf, EditorPage, PageKey, render, say
from api.services import changes as service
from graph.access import Key
from graph.errors import GrenswerkError, NotFound, StoreUnavailable
from graph.store.base import Store

router = APIRouter(include_in_schema=False)

#: changes on one page
PAGE = 50


def pgettext(context: str, message: str) -> str:
    """Mark a message with its context for the catalogues (pybabel finds ``pgettext``);
    the template translates it where it is shown."""
    return message


#: The roles and ways in a log entry names, shown in the page's language
#: (``changes.html``); any other note (a file name, a console command) is shown as is.
ROLES = tuple(pgettext("role", r) for r in ("viewer", "analyst", "editor", "admin"))
WAYS_IN = (
    pgettext("role", "system"),
    pgettext("way in", "api"),
    pgettext("way in", "form"),
    pgettext("way in", "web"),
)


def _day(request: Request, value: str, errors: list[str]) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        errors.append(say(request, "%(value)s is not a date; write YYYY-MM-DD", value=value))
        return None


def _page(
    request: Request,
    store: Store,
    key: Key,
    workspace: str,
    filters: dict[str, str],
    offset: int = 0,
    message: str | None = None,
    error: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    errors: list[str] = [error] if error else []
    since = _day(request, filters.get("since", ""), errors)
    until = _day(request, filters.get("until", ""), errors)
    found = []
    try:
        found = service.list_changes(
            store,
            workspace,
            since=since,
            until=until,
            node=filters.get("node") or None,
            limit=PAGE + 1,
            offset=max(offset, 0),
        )
    except StoreUnavailable:
        raise
    except GrenswerkError as exc:
        errors.append(str(exc))
    return render(
        request,
        "changes.html",
        status=422 if errors and status == 200 else status,
        workspace=workspace,
        key=key,
        changes=found[:PAGE],
        more=len(found) > PAGE,
        offset=max(offset, 0),
        page=PAGE,
        filters=filters,
        message=message,
        errors=errors,
    )


@router.get("/w/{workspace}/changes", response_class=HTMLResponse)
def changes_page(
    request: Request,
    store: StoreDep,
    key: PageKey,
    workspace: EditorPage,
    since: str = "",
    until: str = "",
    node: str = "",
    offset: int = 0,
) -> HTMLResponse:
    filters = {"since": since, "until": until, "node": node}
    return _page(request, store, key, workspace, filters, offset)


@router.post(
    "/w/{workspace}/changes/{change_id}/undo", response_class=HTMLResponse, dependencies=[Csrf]
)
def undo_from_page(
    request: Request, store: StoreDep, key: PageKey, workspace: EditorPage, change_id: int
) -> HTMLResponse:
    try:
        new_id = service.undo_change(store, workspace, change_id, key, "web")
    except (NotFound, service.UndoRefused) as exc:
        status = 404 if isinstance(exc, NotFound) else 409
        return _page(request, store, key, workspace, {}, error=str(exc), status=status)
    message = say(
        request, "Change %(id)s was undone (recorded as change %(new)s).", id=change_id, new=new_id
    )
    return _page(request, store, key, workspace, {}, message=message)
