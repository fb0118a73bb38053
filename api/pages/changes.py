"""The "Wijzigingen" page: a workspace's change log (who changed what, when), filtered
by date and node, with an undo button per change (editors and admins)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from api.deps import StoreDep
from api.i18n import format_date_for, language, translations
from api.pages.common import Csrf, EditorPage, PageKey, render, say
from api.services import changes as service
from graph.access import Key
from graph.errors import GrenswerkError, NotFound, StoreUnavailable
from graph.store.base import Store

router = APIRouter(include_in_schema=False)

#: changes on one page
PAGE = 50
#: elements of one kind shown on a change's page (the rest counted)
SHOWN = 500
#: the time the pages show
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


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
    node = _node(request, store, workspace, filters.get("node", ""), errors)
    found = []
    try:
        found = service.list_changes(
            store,
            workspace,
            since=since,
            until=until,
            node=node,
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
        local_time=lambda text: local_time(text, language(request)),
    )


def local_time(text: str, lang: str) -> str:
    """A change's time (ISO, UTC) as Dutch clock time, in the page's words.

    >>> local_time("2026-12-06T22:12:59+00:00", "nl")
    '6 december 2026 om 23:12'
    >>> local_time("2026-07-01T10:00:00+00:00", "en")
    'July 1, 2026 at 12:00'
    """
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return text
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    here = moment.astimezone(AMSTERDAM)
    day = format_date_for(here.date(), lang)
    return translations(lang).gettext("%(day)s at %(time)s") % {
        "day": day,
        "time": here.strftime("%H:%M"),
    }


def _node(
    request: Request, store: Store, workspace: str, given: str, errors: list[str]
) -> str | None:
    """The id of the node named ``given`` (a name, an alias or an id); a name no node
    has is said on the page. An id of a deleted node still filters its old changes."""
    given = given.strip()
    if not given:
        return None
    try:
        return service.resolve_node(store, workspace, given)
    except NotFound:
        if service.ever_changed(store, workspace, given):  # a deleted node's id
            return given
        errors.append(say(request, "No node is called %(name)s.", name=given))
    except GrenswerkError:
        errors.append(say(request, "%(name)s names several nodes; give the full name.", name=given))
    return None


@router.get("/w/{workspace}/changes/{change_id}", response_class=HTMLResponse)
def change_page(
    request: Request, store: StoreDep, key: PageKey, workspace: EditorPage, change_id: int
) -> HTMLResponse:
    """One change, element by element: what was added, changed or removed."""
    entry = store.change(workspace, change_id)
    if entry is None:
        raise HTTPException(404, say(request, "No change %(id)s.", id=change_id))
    ends = {
        side.get(end)
        for e in entry.relationships
        for side in (e.before or {}, e.after or {})
        for end in ("source", "target")
    }
    ids = {i for i in ends if i} | {e.id for e in entry.nodes}
    names = {i: n.name for i, n in store.get_nodes(workspace, ids).items()}
    return render(
        request,
        "change.html",
        workspace=workspace,
        key=key,
        entry=entry,
        names=names,
        shown=SHOWN,
        when=local_time(entry.time, language(request)),
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
