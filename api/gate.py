"""The gate every request passes before any route sees it.

In this order, before a byte of the body is read:

1. **Security headers** on every response (``nosniff``, ``Referrer-Policy``) and a
   Content-Security-Policy on every HTML page (scripts and frames from this origin only).
2. **Cross-site posts** to the web pages are refused (``Origin``/``Referer`` of another
   site → 403); the forms' CSRF tokens are checked by the pages themselves.
3. **The key**: an API key (``Authorization: Bearer …`` or ``X-API-Key``) or, for the
   web pages and for reading the API from them, a session cookie. No valid key → 401
   (the pages redirect to the login). Failed checks are counted per address and in all;
   past the limit every check answers 429 with ``Retry-After``, a right key too.
4. **The size**: a body longer than ``GRENSWERK_MAX_UPLOAD_MB`` is refused by its
   ``Content-Length`` (413), and one sent without a length stops being read at the limit.
5. **The workspace and the role** the route declares (see :func:`route_role`): a key of
   another workspace gets 404, one with too low a role 403.

A few paths are opened by a **token in the path** instead of a key, each by one
:class:`TokenDoor` and one code path: a survey respondent's ``/survey/<token>`` and a
share link's ``/s/<token>/…``. There the token is checked in step 3 instead of a key,
before anything else (an unknown one counts as a failed key check), and what it opens
is left in the request's state for the page.

**Share links** (:data:`SHARE_DOOR`, :mod:`api.services.sharing`): unknown or revoked
→ 404, expired → 410; only ``GET`` and ``HEAD``. A live token gives the request a
*viewer* key of the link's workspace and the link itself (``state["share"]``), which
only the shared pages read; the token opens nothing outside ``/s/<token>/``. Its pages
may be framed only by the origins listed for the link (``frame-ancestors``; ``'none'``
without any).

The checks that read the store (the key, a door's token, the workspace) run in the
thread pool, not on the event loop: a slow or stopped store (Neo4j) delays the request
that asked, never every other request of the server. A store that cannot answer is a
503 with ``Retry-After`` at any step.

Routes declare their role through their dependencies (:mod:`api.deps`); the gate reads
it from there, and ``openapi.json`` shows it as ``x-required-role``, so a route cannot
slip past: ``tests/api/test_security.py`` walks every operation.
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable, MutableMapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, urlsplit

from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.i18n import known_language
from api.keys import KeyStore
from api.services.sharing import SHARE_PREFIX
from graph.access import ALL, ROLES, Key, ShareLink
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
]

SESSION_COOKIE = "grenswerk_session"

#: The policy of every HTML page: everything from this origin, no inline script.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'self'"
)


def shared_csp(origins: tuple[str, ...]) -> str:
    """The policy of a shared page: :data:`CSP`, framed only by ``origins`` (checked
    origins, :func:`api.services.sharing.check_origins`), by none without any.

    >>> shared_csp(()).endswith("frame-ancestors 'none'")
    True
    >>> shared_csp(("https://a.example",)).endswith("frame-ancestors https://a.example")
    True
    """
    return CSP.replace(
        "frame-ancestors 'self'", "frame-ancestors " + (" ".join(origins) or "'none'")
    )


#: Paths anyone may open (the key is still read when one is sent, e.g. for /health).
PUBLIC = ("/health", "/login", "/lang", "/docs", "/redoc", "/openapi.json", "/favicon.ico")
PUBLIC_PREFIXES = ("/static/",)

#: Roles beyond those of :data:`api.keys.ROLES`: any valid key, a server admin key.
ANY_KEY = "key"
SERVER = "server"


class TokenRefused(Exception):
    """A door's token opens nothing: ``status`` (404 unknown, 410 expired) and a message
    in the page's language."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


def _no_key(opened: Any) -> Key | None:
    return None


@dataclass(frozen=True)
class TokenDoor:
    """Paths under ``prefix`` that a token (the next path segment) opens, not a key.

    ``open(state, token, lang)`` returns what the token opens (left in the request's
    state under ``state_key``) or raises :class:`TokenRefused`. ``key(opened)`` is the
    key the request then acts as (none by default); ``methods`` the only methods let
    through (others 405; ``None``: any); ``frame_ancestors(opened)`` the origins that may
    frame its pages (``None``: the policy's own rule).
    """

    prefix: str
    state_key: str
    open: Callable[[Any, str, str], Any]
    key: Callable[[Any], Key | None] = _no_key
    methods: tuple[str, ...] | None = None
    frame_ancestors: Callable[[Any], tuple[str, ...]] | None = None

    def token(self, path: str) -> str:
        return path[len(self.prefix) :].split("/", 1)[0]


def _open_share_link(state: Any, token: str, lang: str) -> ShareLink:
    """The live share link of ``token``: unknown or revoked → 404, expired → 410."""
    link: ShareLink | None = state.keys.share_link(token)
    if link is None:
        raise TokenRefused(404, "no such share link")
    if link.expired(datetime.now(UTC)):
        raise TokenRefused(410, "this share link has expired")
    return link


def _share_viewer(link: ShareLink) -> Key:
    return Key(0, link.workspace, "viewer", link.label, link.created)


def _share_origins(link: ShareLink) -> tuple[str, ...]:
    return link.origins


#: Share links: a viewer of the link's workspace, reading only, framed by its origins.
SHARE_DOOR = TokenDoor(
    SHARE_PREFIX,
    "share",
    _open_share_link,
    key=_share_viewer,
    methods=("GET", "HEAD"),
    frame_ancestors=_share_origins,
)


class FailedKeys:
    """Failed key checks in a sliding window, per address and in all.

    >>> failed = FailedKeys(per_address=2, overall=10, window=60, clock=lambda: 0.0)
    >>> failed.record("1.2.3.4"); failed.record("1.2.3.4")
    >>> failed.wait("1.2.3.4"), failed.wait("5.6.7.8")
    (60, 0)
    """

    def __init__(
        self,
        per_address: int,
        overall: int,
        window: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_address, self.overall, self.window = per_address, overall, window
        self._clock = clock
        self._by_address: dict[str, deque[float]] = {}
        self._all: deque[float] = deque()
        self._lock = threading.Lock()

    def _prune(self, times: deque[float], now: float) -> None:
        while times and times[0] <= now - self.window:
            times.popleft()

    def wait(self, address: str) -> int:
        """Seconds until ``address`` may try a key again (0: now)."""
        now = self._clock()
        with self._lock:
            self._prune(self._all, now)
            mine = self._by_address.get(address, deque())
            self._prune(mine, now)
            waits = []
            if len(mine) >= self.per_address:
                waits.append(mine[0] + self.window - now)
            if len(self._all) >= self.overall:
                waits.append(self._all[0] + self.window - now)
        return max(1, math.ceil(max(waits))) if waits else 0

    def record(self, address: str) -> None:
        """Count one failed check from ``address``."""
        now = self._clock()
        with self._lock:
            self._by_address.setdefault(address, deque()).append(now)
            self._all.append(now)
            if len(self._by_address) > 10_000:  # forget quiet addresses
                for quiet in [a for a, t in self._by_address.items() if not t][:5_000]:
                    del self._by_address[quiet]


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
        self.routes = [r for r in routes if isinstance(r, APIRoute)]
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
        send = _with_headers(send)
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
        presented = bool(_bearer(scope) or _cookie(scope, SESSION_COOKIE))
        if presented or not public:
            wait = failed.wait(address)
            if wait and (presented or not public):
                detail = f"too many failed key checks; try again in {wait} s"
                await self._answer(send, 429, detail, {"Retry-After": str(wait)}, page=page)
                return
            try:
                key, carried = await run_in_threadpool(self._verify, scope, api)
            except StoreUnavailable as exc:  # the keys live in the store (Neo4j down)
                retry = {"Retry-After": str(exc.retry_after)}
                await self._answer(send, 503, str(exc), retry, page=page)
                return
            if key is None and carried:
                failed.record(address)
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
        send = _with_headers(bare)
        failed: FailedKeys = self.state.failed_keys
        wait = failed.wait(address)
        if wait:
            detail = f"too many failed key checks; try again in {wait} s"
            await self._answer(send, 429, detail, {"Retry-After": str(wait)}, page=True)
            return None
        lang = known_language(_cookie(scope, "lang"))
        try:
            opened = await run_in_threadpool(door.open, self.state, door.token(scope["path"]), lang)
        except TokenRefused as refused:
            if refused.status == 404:
                failed.record(address)
            await self._answer(send, refused.status, refused.detail, page=True)
            return None
        except StoreUnavailable as exc:
            retry = {"Retry-After": str(exc.retry_after)}
            await self._answer(send, 503, str(exc), retry, page=True)
            return None
        if door.frame_ancestors is not None:
            send = _with_headers(bare, frame_ancestors=door.frame_ancestors(opened))
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
        length = _header(scope, b"content-length")
        if length is not None and length.isdigit() and int(length) > limit:
            await self._answer(send, 413, too_large, page=page)
            return
        key: Key | None = scope.get("state", {}).get("key")
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


def _with_headers(send: Send, frame_ancestors: tuple[str, ...] | None = None) -> Send:
    """``send`` that adds the security headers to the response; ``frame_ancestors``
    (a shared page's origins) replaces the policy's own framing rule."""
    policy = CSP if frame_ancestors is None else shared_csp(frame_ancestors)

    async def wrapped(message: MutableMapping[str, Any]) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            names = {k.lower() for k, _ in headers}
            headers.append((b"x-content-type-options", b"nosniff"))
            headers.append((b"referrer-policy", b"same-origin"))
            kind = next((v for k, v in headers if k.lower() == b"content-type"), b"")
            if kind.startswith(b"text/html") and b"content-security-policy" not in names:
                headers.append((b"content-security-policy", policy.encode()))
                if frame_ancestors is None:
                    headers.append((b"x-frame-options", b"SAMEORIGIN"))
                elif not frame_ancestors:
                    headers.append((b"x-frame-options", b"DENY"))
            message["headers"] = headers
        await send(message)

    return wrapped


Responder = Callable[[Scope, Receive, Send], Awaitable[None]]
