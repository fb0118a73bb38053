"""The key management page of a workspace (admins): its keys (made with a role and a
label, shown once; listed without the key; revoked) and its share links (made with a
lifetime and the origins that may frame them, each with its embed snippet; revoked).
One code path with ``grenswerk keys`` and the JSON API (:mod:`api.services.access`,
:mod:`api.services.sharing`)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse

from api.deps import KeysDep, StoreDep
from api.i18n import language, translations
from api.pages.common import AdminPage, Csrf, PageKey, render, say
from api.services.access import create_key, list_keys, revoke_key
from api.services.sharing import (
    create_share_link,
    embed_snippet,
    list_share_links,
    revoke_share_link,
    share_path,
)
from graph.access import ROLES
from graph.errors import GrenswerkError

router = APIRouter(include_in_schema=False)


def role_labels(request: Request) -> dict[str, str]:
    """The roles' names in the page's language (literal calls, so the catalogue
    extraction finds them)."""
    words = translations(language(request))
    return {
        "viewer": str(words.pgettext("role", "viewer")),
        "analyst": str(words.pgettext("role", "analyst")),
        "editor": str(words.pgettext("role", "editor")),
        "admin": str(words.pgettext("role", "admin")),
    }


def _page(
    request: Request,
    store: StoreDep,
    keys: KeysDep,
    key: PageKey,
    workspace: str,
    status: int = 200,
    **shown: Any,
) -> HTMLResponse:
    return render(
        request,
        "keys.html",
        status,
        workspace=workspace,
        key=key,
        roles=ROLES,
        role_names=role_labels(request),
        keys=list_keys(keys, workspace),
        links=list_share_links(keys, workspace),
        embed=lambda url: embed_snippet(url, workspace),
        key_label=lambda label: _key_label(request, label),
        **shown,
    )


@router.get("/w/{workspace}/keys", response_class=HTMLResponse)
def keys_page(
    request: Request, store: StoreDep, keys: KeysDep, key: PageKey, workspace: AdminPage
) -> HTMLResponse:
    return _page(request, store, keys, key, workspace)


@router.post("/w/{workspace}/keys", response_class=HTMLResponse, dependencies=[Csrf])
def keys_create(
    request: Request,
    store: StoreDep,
    keys: KeysDep,
    key: PageKey,
    workspace: AdminPage,
    role: Annotated[str, Form()] = "",
    label: Annotated[str, Form()] = "",
) -> HTMLResponse:
    """Make a key and show it once."""
    try:
        token = create_key(store, keys, workspace, role, label)
    except GrenswerkError as exc:
        return _page(request, store, keys, key, workspace, 422, key_problem=str(exc))
    return _page(request, store, keys, key, workspace, 201, new_key=token, new_role=role)


@router.post("/w/{workspace}/keys/revoke", response_class=HTMLResponse, dependencies=[Csrf])
def keys_revoke(
    request: Request,
    store: StoreDep,
    keys: KeysDep,
    key: PageKey,
    workspace: AdminPage,
    key_id: Annotated[str, Form()] = "",
) -> HTMLResponse:
    """Revoke a key of this workspace."""
    try:
        revoke_key(keys, int(key_id) if key_id.isdigit() else -1, workspace)
    except GrenswerkError as exc:
        return _page(request, store, keys, key, workspace, 404, key_problem=str(exc))
    done = say(request, "Key %(id)s revoked.", id=key_id)
    return _page(request, store, keys, key, workspace, message=done)


@router.post("/w/{workspace}/share-links", response_class=HTMLResponse, dependencies=[Csrf])
def share_create(
    request: Request,
    store: StoreDep,
    keys: KeysDep,
    key: PageKey,
    workspace: AdminPage,
    expires_in_days: Annotated[str, Form()] = "",
    origins: Annotated[str, Form()] = "",
    label: Annotated[str, Form()] = "",
) -> HTMLResponse:
    """Make a share link and show its address once."""
    days = int(expires_in_days) if expires_in_days.strip().isdigit() else -1
    try:
        if days < 0:
            raise GrenswerkError(
                f"expires_in_days: {expires_in_days!r} is not a whole number of days"
            )
        made = create_share_link(keys, workspace, days, origins, label)
    except GrenswerkError as exc:
        problem = _link_problem(request, str(exc))
        return _page(request, store, keys, key, workspace, 422, link_problem=problem)
    url = str(request.base_url).rstrip("/") + share_path(made.token)
    return _page(request, store, keys, key, workspace, 201, new_link=url, new_link_id=made.link.id)


@router.post("/w/{workspace}/share-links/revoke", response_class=HTMLResponse, dependencies=[Csrf])
def share_revoke(
    request: Request,
    store: StoreDep,
    keys: KeysDep,
    key: PageKey,
    workspace: AdminPage,
    link_id: Annotated[str, Form()] = "",
) -> HTMLResponse:
    """Revoke a share link of this workspace."""
    try:
        revoke_share_link(keys, workspace, int(link_id) if link_id.isdigit() else -1)
    except GrenswerkError as exc:
        return _page(request, store, keys, key, workspace, 404, link_problem=str(exc))
    done = say(request, "Share link %(id)s revoked.", id=link_id)
    return _page(request, store, keys, key, workspace, message=done)


def _key_label(request: Request, label: str) -> str:
    """A key's label in the page's words: the first admin key of a workspace made on
    the workspaces page is labelled ``created by <who>`` in the store."""
    if label.startswith("created by "):
        made_by = label.removeprefix("created by ")
        return say(request, "first admin key, made by %(name)s", name=made_by)
    return label


def _link_problem(request: Request, problem: str) -> str:
    """A refused share link's problem in the page's words (the service's are English,
    for the API and the console command)."""
    if problem.startswith("origins:"):
        return say(
            request,
            "Give each website as https://intranet.example (scheme and host, no path), "
            "separated by commas; at most 10.",
        )
    if problem.startswith("expires_in_days:"):
        return say(request, "Give the number of days as a whole number from 1 to 365.")
    return problem
