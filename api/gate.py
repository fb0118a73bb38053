"""The gate every request passes before any route sees it.

In this order, before a byte of the body is read:

1. **Security headers** on every response (:mod:`api.headers`: a CSP on every HTML
   page; redirects made relative, never naming the ``Host`` a request claimed).
2. **Cross-site posts** to the web pages are refused (``Origin``/``Referer`` of another
   site → 403); the forms' CSRF tokens are checked by the pages themselves.
3. **The key**: an API key (``Authorization: Bearer …`` or ``X-API-Key``) or, for the
   web pages and for reading the API from them, a session cookie. No valid key → 401
   (the pages redirect to the login). A key that verifies always passes: keys,
   sessions and tokens are 256 random bits, so guessing is hopeless and the limits are
   there against floods, which must never lock out the people who hold a key. Failed
   checks are counted per address and in all; past either limit a *wrong* key answers
   429 with ``Retry-After`` instead of 401 (an unknown session on a page goes to the
   login form, whose own check is limited the same way).
4. **The size**: a body longer than ``GRENSWERK_MAX_UPLOAD_MB`` is refused by its
   ``Content-Length`` (413), and one sent without a length stops being read at the limit;
   a request that no key opened may send at most :data:`ANONYMOUS_BODY`.
5. **The workspace and the role** the route declares (see :func:`route_role`): a key of
   another workspace gets 404, one with too low a role 403.

A few paths are opened by a **token in the path** instead of a key (:mod:`api.doors`,
checked in step 3; an unknown one counts as a failed key check): a survey's
``/survey/<token>`` and a share link's ``/s/<token>/…`` (:data:`SHARE_DOOR`: unknown or
revoked → 404, expired → 410, ``GET``/``HEAD`` only; a *viewer* key of the link's
workspace for the shared pages alone, framed only by the link's listed origins).

The checks that read the store run in the thread pool, not on the event loop: a slow or
stopped store (Neo4j) delays only the request that asked; one that cannot answer is a
503 with ``Retry-After`` at any step.

Routes declare their role through their dependencies (:mod:`api.deps`); the gate reads
it from there, and ``openapi.json`` shows it as ``x-required-role``, so a route cannot
slip past: ``tests/api/test_security.py`` walks every operation.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Sequence
from typing import Any
from urllib.parse import quote, urlsplit

from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.doors import SHARE_DOOR, TokenDoor, TokenRefused
from api.failed_keys import FailedKeys
from api.headers import CSP, shared_csp, with_headers
from api.i18n import known_language
from api.keys import KeyStore
from graph.access import ALL, ROLES, Key
from graph.errors import StoreUnavailable

__all__ = [
    "CSP",
    "FailedKeys",
    "Gate",
    "PUBLIC",
    "SESSION_COOKIE",
    "SHARE_DOOR",
    "TokenDoor",
    "TokenRefused",
    "declare_roles",
    "route_role",
    "shared_csp",
]

SESSION_COOKIE = "grenswerk_session"

#: Paths anyone may open (the key is still read when one is sent, e.g. for /health).
PUBLIC = ("/health", "/login", "/lang", "/docs", "/redoc", "/openapi.json", "/favicon.ico")
PUBLIC_PREFIXES = ("/static/",)

#: The largest body of a request that no key opened (the login and language forms, a
#: survey respondent's answers): far below the upload limit, so that no one without a
#: key makes the server read megabytes.
ANONYMOUS_BODY = 256 * 1024

#: Roles beyond those of :data:`api.keys.ROLES`: any valid key, a server admin key.
ANY_KEY = "key"
SERVER = "server"


def route_role(route: APIRoute) -> tuple[str, bool]:
    """The role a route's dependencies demand (``public``, ``key``, a role of
    :data:`~api.keys.ROLES`, or ``server``) and whether it needs a server key."""
    roles: list[str] = []
    server_key = False
    stack = list(route.dependant.dependencies)
    while stack:
        dependency = stack.pop()
        role = getattr(dependency.call, "required_role", None)
        if role:
            roles.append(role)
        server_key = server_key or bool(getattr(dependency.call, "server_key", False))
        stack.extend(dependency.dependencies)
    order = ["public", ANY_KEY, *ROLES, SERVER]
    found = max(roles, key=order.index) if roles else ("public" if _public(route.path) else ANY_KEY)
    return found, server_key


def declare_roles(routes: list[Any]) -> None:
    """Write each route's role into its OpenAPI operation (``x-required-role``); call it
    on a router's own routes before the router is included in the app."""
    for route in routes:
        if isinstance(route, APIRoute):
            role, server_key = route_role(route)
            extra = dict(route.openapi_extra or {})
            extra["x-required-role"] = role
            if server_key:
                extra["x-server-key"] = True
            route.openapi_extra = extra


def _public(path: str) -> bool:
    return path in PUBLIC or path.startswith(PUBLIC_PREFIXES)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return str(value.decode("latin-1"))
    return None


def _cookie(scope: Scope, name: str) -> str | None:
    raw = _header(scope, b"cookie")
    if not raw:
        return None
    for part in raw.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return None


def _bearer(scope: Scope) -> str | None:
    header = _header(scope, b"authorization") or ""
    if header.lower().startswith("bearer "):
        return header[7:].strip() or None
    api_key = _header(scope, b"x-api-key")
    return api_key.strip() if api_key else None


def _own_origin(scope: Scope) -> str:
    host = _header(scope, b"host") or "{}:{}".format(*scope.get("server") or ("", ""))
    return f"{scope.get('scheme', 'http')}://{host}"


def cross_site(scope: Scope) -> bool:
    """Whether a request says it comes from another site (``Origin``, else ``Referer``)."""
    origin = _header(scope, b"origin")
    if origin is None:
        referer = _header(scope, b"referer")
        if referer is None:
            return False
        parts = urlsplit(referer)
        origin = f"{parts.scheme}://{parts.netloc}"
    return origin != _own_origin(scope)


class Gate:
    """The ASGI middleware described in the module docstring."""

    def __init__(
        self, app: ASGIApp, *, state: Any, routes: list[Any], doors: Sequence[TokenDoor] = ()
    ) -> None:
        self.app = app
        self.doors = tuple(doors)
        self.state = state  # the FastAPI app's state: settings, keys, store, failed_keys
        hidden = [r for r in routes if not isinstance(r, APIRoute)]
        if hidden:  # e.g. a router included in a router: its routes' roles are unseen
            raise TypeError(f"the gate cannot read the roles of {hidden!r}: pass APIRoutes")
        self.routes: list[APIRoute] = list(routes)
        self._roles = {id(r): route_role(r) for r in self.routes}

    # -- answers ----------------------------------------------------------------------

    async def _answer(
        self,
        send: Send,
        status: int,
        detail: str,
        headers: dict[str, str] | None = None,
        page: bool = False,
    ) -> None:
        if page:
            body = (
                "<!doctype html><html lang='nl'><head><meta charset='utf-8'>"
                f"<title>{status}</title></head><body><p>{status}: "
                + detail.replace("&", "&amp;").replace("<", "&lt;")
                + "</p></body></html>"
            ).encode()
            kind = b"text/html; charset=utf-8"
        else:
            body = json.dumps({"detail": detail}).encode()
            kind = b"application/json"
        raw = [(b"content-type", kind), (b"content-length", str(len(body)).encode())]
        raw += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
        await send({"type": "http.response.start", "status": status, "headers": raw})
        await send({"type": "http.response.body", "body": body})

    async def _to_login(self, scope: Scope, send: Send) -> None:
        target = scope["path"]
        if scope.get("query_string"):
            target += "?" + scope["query_string"].decode("latin-1")
        location = "/login?next=" + quote(target, safe="")
        await send(
            {
                "type": "http.response.start",
                "status": 303,
                "headers": [(b"location", location.encode()), (b"content-length", b"0")],
            }
        )
        await send({"type": "http.response.body", "body": b""})

    # -- the checks -------------------------------------------------------------------

    def _role_of(self, scope: Scope) -> tuple[str, bool, dict[str, Any]]:
        for route in self.routes:
            match, child = route.matches(scope)
            if match is Match.FULL:
                role, server_key = self._roles[id(route)]
                return role, server_key, child.get("path_params", {})
        return ANY_KEY, False, {}

    def _verify(self, scope: Scope, api: bool) -> tuple[Key | None, bool]:
        """The key a request carries, and whether it carried any credential."""
        keys: KeyStore = self.state.keys
        token = _bearer(scope)
        if token:
            return keys.verify(token), True
        # a session cookie opens the pages, and the API only for reading
        if api and scope["method"] not in ("GET", "HEAD"):
            return None, False
        session = _cookie(scope, SESSION_COOKIE)
        if session:
            return keys.session_key(session), True
        return None, False

    def _access(self, scope: Scope, key: Key) -> tuple[int, str] | None:
        role, server_key, params = self._role_of(scope)
        workspace = params.get("workspace")
        if (
            workspace is not None
            and role in ROLES
            and (not key.sees(workspace) or not self.state.store.has_workspace(workspace))
        ):
            return 404, f"no workspace {workspace!r}"
        if role in ROLES and not key.allows(role):
            return 403, f"this needs the role {role!r}; your key has {key.role!r}"
        if (role == SERVER or server_key) and key.workspace != ALL:
            return 403, (
                "this needs a server key (`grenswerk keys create --all --role admin`); "
                "a workspace key cannot open it"
            )
        if role == SERVER and not key.allows("admin"):
            return 403, "this needs a server admin key"
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        bare = send  # a door's pages may carry their own framing rule
        send = with_headers(send)
        path: str = scope["path"]
        api = path.startswith("/api/")
        page = not api and path != "/health"
        unsafe = scope["method"] not in ("GET", "HEAD", "OPTIONS")
        if page and unsafe and cross_site(scope):
            await self._answer(send, 403, "cross-site form posts are refused", page=True)
            return
        address = (scope.get("client") or ("?", 0))[0]
        failed: FailedKeys = self.state.failed_keys
        door = next((d for d in (SHARE_DOOR, *self.doors) if path.startswith(d.prefix)), None)
        if door is not None:
            opened = await self._through_door(door, scope, bare, address)
            if opened is not None:
                await self._limited(scope, receive, opened, page)
            return
        public = _public(path)
        bearer = _bearer(scope)
        if bearer or not public or _cookie(scope, SESSION_COOKIE):
            # a key that verifies always passes; a wrong one is counted, and past a limit
            # answered 429 (an unknown session is not: a page sends it to the login form,
            # a public page ignores it)
            try:
                key, carried = await run_in_threadpool(self._verify, scope, api)
            except StoreUnavailable as exc:  # the keys live in the store (Neo4j down)
                retry = {"Retry-After": str(exc.retry_after)}
                await self._answer(send, 503, str(exc), retry, page=page)
                return
            if key is None and carried and (bearer or not public):
                wait = failed.refuse(address)
                if wait and (bearer or not page):
                    detail = f"too many failed key checks; try again in {wait} s"
                    await self._answer(send, 429, detail, {"Retry-After": str(wait)}, page=page)
                    return
            if key is None and not public:
                if page:
                    await self._to_login(scope, send)
                    return
                detail = (
                    "an API key is needed: send 'Authorization: Bearer <key>' "
                    "(make one with `grenswerk keys create`)"
                )
                await self._answer(send, 401, detail, {"WWW-Authenticate": "Bearer"})
                return
            scope.setdefault("state", {})["key"] = key
        await self._limited(scope, receive, send, page)

    async def _through_door(
        self, door: TokenDoor, scope: Scope, bare: Send, address: str
    ) -> Send | None:
        """Check a door's token before anything else (an unknown one counts as a failed
        key check); the ``send`` to answer with, or ``None`` when it was refused (the
        answer is sent)."""
        send = with_headers(bare)
        failed: FailedKeys = self.state.failed_keys
        lang = known_language(_cookie(scope, "lang"))
        try:
            opened = await run_in_threadpool(door.open, self.state, door.token(scope["path"]), lang)
        except TokenRefused as refused:
            wait = failed.refuse(address) if refused.status == 404 else 0
            if wait:
                detail = f"too many failed key checks; try again in {wait} s"
                await self._answer(send, 429, detail, {"Retry-After": str(wait)}, page=True)
            else:
                await self._answer(send, refused.status, refused.detail, page=True)
            return None
        except StoreUnavailable as exc:
            retry = {"Retry-After": str(exc.retry_after)}
            await self._answer(send, 503, str(exc), retry, page=True)
            return None
        if door.frame_ancestors is not None:
            send = with_headers(bare, frame_ancestors=door.frame_ancestors(opened))
        if door.methods is not None and scope["method"] not in door.methods:
            allow = {"Allow": ", ".join(door.methods)}
            await self._answer(send, 405, "this page can only be read", allow, page=True)
            return None
        state = scope.setdefault("state", {})
        state["key"] = door.key(opened)
        state[door.state_key] = opened
        return send

    async def _limited(self, scope: Scope, receive: Receive, send: Send, page: bool) -> None:
        limit_mb: int = self.state.settings.max_upload_mb
        limit = limit_mb * 1024 * 1024
        too_large = f"the request is larger than {limit_mb} MB (GRENSWERK_MAX_UPLOAD_MB)"
        key: Key | None = scope.get("state", {}).get("key")
        if key is None and limit > ANONYMOUS_BODY:
            limit = ANONYMOUS_BODY
            too_large = f"a request without a key may send at most {ANONYMOUS_BODY // 1024} KB"
        length = _header(scope, b"content-length")
        if length is not None and length.isdigit() and int(length) > limit:
            await self._answer(send, 413, too_large, page=page)
            return
        # pages shown with GET check access themselves, to show a page of their own
        if key is not None and not (page and scope["method"] in ("GET", "HEAD")):
            try:
                refused = await run_in_threadpool(self._access, scope, key)
            except StoreUnavailable as exc:
                retry = {"Retry-After": str(exc.retry_after)}
                await self._answer(send, 503, str(exc), retry, page=page)
                return
            if refused is not None:
                await self._answer(send, *refused, page=page)
                return
        received = 0
        exceeded = False

        async def counted() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    exceeded = True
                    return {"type": "http.disconnect"}
            return message

        async def quiet(message: Message) -> None:
            if not exceeded:
                await send(message)

        try:
            await self.app(scope, counted, quiet)
        except ClientDisconnect:
            if not exceeded:
                raise
        except OSError:  # a spooled upload cut short
            if not exceeded:
                raise
        if exceeded:
            await self._answer(send, 413, too_large, page=page)


Responder = Callable[[Scope, Receive, Send], Awaitable[None]]
