"""Dependencies shared by the routes, as ``Annotated`` aliases.

Access: a request carries an API key (``Authorization: Bearer gw_…`` or ``X-API-Key``)
or, for the web pages, a session cookie (a random id kept on the server, never the key).
:class:`api.gate.Gate` checks it before any route runs and leaves the key in the
request's state; the dependencies here read it from there. A key sees one workspace
(or all, ``*``); everything of another workspace answers 404, exactly as a workspace
that does not exist, so a key never learns what else is there.

Each dependency that guards a route carries ``required_role`` (and ``server_key``), which
the gate reads to refuse a request before its body is read, and which ``openapi.json``
shows as ``x-required-role``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, HTTPException, Path, Request

from api.config import Settings
from api.keys import KeyStore
from graph.access import ALL, Key
from graph.analysis.cache import AnalysisCache
from graph.model import WORKSPACE_PATTERN
from graph.store.base import Store
from graph.store.query import QueryEngines

__all__ = [
    "AdminWorkspace",
    "AnalystWorkspace",
    "QueryEnginesDep",
    "CacheDep",
    "EditorWorkspace",
    "KeyDep",
    "KeysDep",
    "OptionalKeyDep",
    "ServerAdminKey",
    "ServerAnalystWorkspace",
    "SettingsDep",
    "StoreDep",
    "ViewerWorkspace",
    "check_access",
    "token_of",
]


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def get_app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_keys(request: Request) -> KeyStore:
    keys: KeyStore = request.app.state.keys
    return keys


def get_query_engines(request: Request) -> QueryEngines:
    engines: QueryEngines = request.app.state.query_engines
    return engines


def get_cache(request: Request) -> AnalysisCache:
    cache: AnalysisCache = request.app.state.cache
    return cache


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]
KeysDep = Annotated[KeyStore, Depends(get_keys)]
CacheDep = Annotated[AnalysisCache, Depends(get_cache)]
QueryEnginesDep = Annotated[QueryEngines, Depends(get_query_engines)]


def token_of(request: Request) -> str | None:
    """The API key in a request's headers (``Authorization: Bearer`` or ``X-API-Key``)."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    if request.headers.get("x-api-key"):
        return request.headers["x-api-key"].strip()
    return None


def optional_key(request: Request) -> Key | None:
    """The key the gate found on this request (``None`` on public routes without one)."""
    key: Key | None = request.scope.get("state", {}).get("key")
    return key


def required_key(key: Annotated[Key | None, Depends(optional_key)]) -> Key:
    if key is None:
        raise HTTPException(
            status_code=401,
            detail="an API key is needed: send 'Authorization: Bearer <key>' "
            "(make one with `grenswerk keys create`)",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return key


OptionalKeyDep = Annotated[Key | None, Depends(optional_key)]
KeyDep = Annotated[Key, Depends(required_key)]


def check_access(key: Key, store: Store, workspace: str, role: str) -> str:
    """The workspace, if the key opens it with at least ``role``: 404 when the key does
    not see it (the same answer as a workspace that does not exist), 403 for too low a
    role."""
    if not key.sees(workspace) or not store.has_workspace(workspace):
        raise HTTPException(status_code=404, detail=f"no workspace {workspace!r}")
    if not key.allows(role):
        raise HTTPException(
            status_code=403,
            detail=f"this needs the role {role!r}; your key has {key.role!r}",
        )
    return workspace


def _workspace_for(role: str, server_key: bool = False) -> Callable[..., str]:
    def check(
        key: KeyDep,
        store: StoreDep,
        workspace: Annotated[str, Path(pattern=WORKSPACE_PATTERN)],
    ) -> str:
        found = check_access(key, store, workspace, role)
        if server_key and key.workspace != ALL:
            raise HTTPException(
                status_code=403,
                detail="this needs a server key (`grenswerk keys create --all --role "
                "analyst`); a workspace key cannot open it",
            )
        return found

    check.required_role = role  # type: ignore[attr-defined]
    check.server_key = server_key  # type: ignore[attr-defined]
    return check


def server_admin(key: KeyDep) -> Key:
    """A server admin key (one that sees every workspace), or 403."""
    if key.workspace != ALL or not key.allows("admin"):
        raise HTTPException(
            403,
            "this needs a server admin key (`grenswerk keys create --all --role admin`)",
        )
    return key


server_admin.required_role = "server"  # type: ignore[attr-defined]

ViewerWorkspace = Annotated[str, Depends(_workspace_for("viewer"))]
AnalystWorkspace = Annotated[str, Depends(_workspace_for("analyst"))]
EditorWorkspace = Annotated[str, Depends(_workspace_for("editor"))]
AdminWorkspace = Annotated[str, Depends(_workspace_for("admin"))]
#: Analyst of the workspace with a server key (read-only Cypher cannot be scoped soundly).
ServerAnalystWorkspace = Annotated[str, Depends(_workspace_for("analyst", server_key=True))]
ServerAdminKey = Annotated[Key, Depends(server_admin)]
