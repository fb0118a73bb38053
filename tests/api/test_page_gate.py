"""The gate refuses before the body on every page route too (issue 21, point 9): a walk
over every route of every page module (as tests/api/test_security.py walks the API)
sends a large body with no key, a wrong session, another workspace's session and one
role too low, and checks each is refused without a byte of the body read."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

import pytest
from fastapi.routing import APIRoute

import api.pages
from api.gate import route_role
from tests.api.conftest import Env
from tests.api.test_security import Recorder, _call

ROLES = ["viewer", "analyst", "editor", "admin"]
KB = 1024


def _page_routes() -> list[tuple[str, str, str]]:
    """(method, path, role) of every route of every module in api/pages/ (found by
    walking the package, not by asking the app: a route the app hides is found too)."""
    found = []
    for info in pkgutil.iter_modules(api.pages.__path__):
        module = importlib.import_module(f"api.pages.{info.name}")
        router = getattr(module, "router", None)
        for route in getattr(router, "routes", []):
            if isinstance(route, APIRoute):
                for method in sorted(route.methods - {"HEAD"}):
                    found.append((method, route.path, route_role(route)[0]))
    return sorted(set(found))


PAGE_ROUTES = _page_routes()


def _concrete(path: str) -> str:
    values = {
        "workspace": "demo",
        "node_id": "cinop",
        "rel_id": "x",
        "change_id": "1",
        "survey_id": "s",
        "invitation_id": "1",
        "token": "sh_not-a-token" if path.startswith("/s/") else "z" * 43,
    }
    for name, value in values.items():
        path = path.replace("{" + name + "}", value)
    return path


def test_the_walk_finds_the_page_routes() -> None:
    paths = {p for _, p, _ in PAGE_ROUTES}
    assert len(PAGE_ROUTES) >= 45
    assert "/w/{workspace}/import" in paths and "/workspaces/new" in paths


def _session(env: Env, who: str) -> str:
    key = env.keys_store.verify(env.keys[who])
    assert key is not None
    return env.keys_store.create_session(key, lifetime_s=600)


REFUSED = (303, 401, 403, 404, 405, 413, 429)


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("method", "path", "role"), PAGE_ROUTES, ids=[f"{m} {p}" for m, p, _ in PAGE_ROUTES]
)
async def test_every_page_route_refuses_before_the_body(
    env: Env, method: str, path: str, role: str
) -> None:
    app = env.client.app
    url = _concrete(path)
    size = 3 * 256 * KB  # under the upload limit of this app (1 MB)
    form = {"content-type": "multipart/form-data; boundary=b", "content-length": str(size)}
    who: list[tuple[str, dict[str, str]]] = [
        ("no key", {}),
        ("a wrong session", {"cookie": "grenswerk_session=not-a-session"}),
        ("a wrong key", {"authorization": "Bearer gw_not-a-key"}),
    ]
    if "{workspace}" in path:
        who.append(
            ("another workspace", {"cookie": f"grenswerk_session={_session(env, 'other-admin')}"})
        )
    if role in ROLES[1:]:
        below = ROLES[ROLES.index(role) - 1]
        who.append((below, {"cookie": f"grenswerk_session={_session(env, below)}"}))
    if role == "server":
        who.append(("admin", {"cookie": f"grenswerk_session={_session(env, 'admin')}"}))
    for name, headers in who:
        body = Recorder([b"x" * (256 * KB)] * 3)
        status = await _call_as(app, method, url, {**form, **headers}, body)
        if method == "GET" and status == 200:
            assert body.read == 0, (name, "a page read a GET's body")
            continue
        assert status in REFUSED and body.read == 0, (name, status, f"{body.read} chunks read")


async def _call_as(
    app: Any, method: str, path: str, headers: dict[str, str], receive: Recorder
) -> int:
    """``tests.api.test_security._call`` with any method."""
    if method == "POST":
        return await _call(app, path, headers, receive)
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        "client": ("127.0.0.1", 5000),
        "server": ("testserver", 80),
        "state": {},
    }
    await app(scope, receive, send)
    return int(next(m["status"] for m in sent if m["type"] == "http.response.start"))


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
