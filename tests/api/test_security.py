"""Security, tried as an attacker would (issue 9): every route guarded, sessions that are
not the key, forms that refuse cross-site posts, limits on failed key checks, uploads
refused before they cost anything, headers, offline docs, deployment defaults."""

from __future__ import annotations

import base64
import re
import urllib.parse
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.config import Settings
from api.keys import ALL, KeyStore
from graph.store.sqlite import SQLiteStore
from tests.api.conftest import TEST_SECRET, Env
from tests.conftest import on_both

ROLES = ["viewer", "analyst", "editor", "admin"]


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "the page has no CSRF token"
    return found.group(1)


def login(client: TestClient, key: str) -> str:
    """Log in through the form; returns the CSRF token of the session's pages."""
    form = client.get("/login")
    response = client.post(
        "/login",
        data={"key": key, "next": "/", "csrf_token": csrf_of(form.text)},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return csrf_of(client.get("/").text)


# -- 1. the Cypher route ------------------------------------------------------------------


def test_cypher_route_is_guarded(env: Env) -> None:
    body = {"query": "MATCH (n) WHERE $workspace IS NOT NULL RETURN n.data"}
    path = "/api/workspaces/demo/cypher"
    assert env.client.post(path, json=body).status_code == 401
    assert env.client.post(path, json=body, headers=env.as_("other-admin")).status_code == 404
    assert env.client.post(path, json=body, headers=env.as_("viewer")).status_code == 403
    # a workspace key cannot be scoped soundly by the query text: server keys only
    refused = env.client.post(path, json=body, headers=env.as_("admin"))
    assert refused.status_code == 403 and "server key" in refused.json()["detail"]
    # a server key reaches the store, which on SQLite has no Cypher
    assert env.client.post(path, json=body, headers=env.as_("server")).status_code == 501


# -- 2. every operation in openapi.json --


def _operations() -> list[tuple[str, str, dict[str, Any]]]:
    app = create_app(Settings(environment="test", secret_key=TEST_SECRET))
    schema = app.openapi()
    found = []
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            found.append((method.upper(), path, operation))
    return found


OPERATIONS = _operations()


def _concrete(path: str, workspace: str = "demo") -> str:
    return (
        path.replace("{workspace}", workspace)
        .replace("{node_id}", "cinop")
        .replace("{rel_id}", "x")
        .replace("{key_id}", "1")
        .replace("{fmt}", "json")
        .replace("{name}", "summary")
    )


def test_openapi_lists_the_operations() -> None:
    assert len(OPERATIONS) >= 20
    assert all("x-required-role" in op for _, _, op in OPERATIONS), [
        (m, p) for m, p, op in OPERATIONS if "x-required-role" not in op
    ]


@pytest.mark.parametrize(
    ("method", "path", "operation"), OPERATIONS, ids=[f"{m} {p}" for m, p, _ in OPERATIONS]
)
def test_every_operation_checks_the_key_first(
    env: Env, method: str, path: str, operation: dict[str, Any]
) -> None:
    role = operation["x-required-role"]
    url = _concrete(path)
    if role == "public":
        assert path == "/health"
        return
    malformed = {"content": b"{not json", "headers": {"content-type": "application/json"}}
    for kwargs in ({}, malformed):
        response = env.client.request(method, url, **kwargs)
        assert response.status_code == 401, (response.status_code, response.text)
    wrong = {"Authorization": "Bearer gw_not-a-key"}
    assert env.client.request(method, url, headers=wrong).status_code == 401

    def malformed_as(who: str) -> dict[str, Any]:
        return {"content": b"{not json", "headers": {**malformed["headers"], **env.as_(who)}}

    if "{workspace}" in path:
        other = env.client.request(method, url, **malformed_as("other-admin"))
        assert other.status_code == 404, other.text
    if role in ROLES and role != "viewer":
        below = ROLES[ROLES.index(role) - 1]
        lower = env.client.request(method, url, **malformed_as(below))
        assert lower.status_code == 403, (below, lower.status_code, lower.text)
    if role == "server" or operation.get("x-server-key"):
        lower = env.client.request(method, url, **malformed_as("admin"))
        assert lower.status_code == 403, lower.text


def test_writes_need_more_than_a_viewer() -> None:
    for method, path, operation in OPERATIONS:
        if method in ("POST", "PUT", "PATCH", "DELETE"):
            assert operation["x-required-role"] in ("analyst", "editor", "admin", "server"), (
                method,
                path,
            )


# -- 3. deleting a workspace revokes its keys --


def test_deleting_a_workspace_revokes_its_keys_in_the_cli(tmp_path: Any) -> None:
    from typer.testing import CliRunner

    from cli.app import app as cli

    runner = CliRunner()
    data = str(tmp_path / "data")
    assert runner.invoke(cli, ["--data-dir", data, "demo"]).exit_code == 0
    made = runner.invoke(
        cli, ["--data-dir", data, "keys", "create", "-w", "demo", "--role", "admin"]
    )
    token = re.search(r"gw_\S+", made.output)
    assert token, made.output
    gone = runner.invoke(cli, ["--data-dir", data, "delete-workspace", "demo", "--yes"])
    assert gone.exit_code == 0, gone.output
    assert "1 key" in gone.output
    assert runner.invoke(cli, ["--data-dir", data, "demo"]).exit_code == 0
    keys = KeyStore(SQLiteStore(tmp_path / "data" / "grenswerk.sqlite3"), close_store=True)
    try:
        assert keys.verify(token.group(0)) is None
    finally:
        keys.close()


@on_both
def test_deleting_a_workspace_revokes_its_keys_in_the_api(env: Env) -> None:
    created = env.client.post("/api/workspaces", json={"name": "roc-x"}, headers=env.as_("server"))
    admin = {"Authorization": f"Bearer {created.json()['admin_key']}"}
    assert env.client.delete("/api/workspaces/roc-x", headers=admin).status_code == 204
    again = env.client.post("/api/workspaces", json={"name": "roc-x"}, headers=env.as_("server"))
    assert again.status_code == 201
    assert env.client.get("/api/workspaces/roc-x", headers=admin).status_code == 401


# -- 4. sessions --


@on_both
def test_the_session_cookie_is_not_the_key(env: Env) -> None:
    key = env.keys["viewer"]
    login(env.client, key)
    cookie = env.client.cookies.get("grenswerk_session")
    assert cookie
    assert key not in cookie
    padded = cookie + "=" * (-len(cookie) % 4)
    for part in [padded, *padded.split(".")]:
        try:
            decoded = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
        except ValueError:
            continue
        assert key.encode() not in decoded
    assert env.client.get("/w/demo").status_code == 200


@on_both
def test_logout_ends_the_session_on_the_server(env: Env) -> None:
    token = login(env.client, env.keys["viewer"])
    stolen = env.client.cookies.get("grenswerk_session")
    assert env.client.post("/logout", data={"csrf_token": token}).status_code == 200
    replay = TestClient(env.client.app, cookies={"grenswerk_session": stolen})
    response = replay.get("/w/demo", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/login")


@on_both
def test_revoking_the_key_ends_its_sessions(env: Env) -> None:
    login(env.client, env.keys["editor"])
    assert env.client.get("/w/demo").status_code == 200
    key_id = env.keys_store.verify(env.keys["editor"]).id  # type: ignore[union-attr]
    assert env.keys_store.revoke(key_id)
    assert env.client.get("/w/demo", follow_redirects=False).status_code == 303


def test_session_cookie_flags(env: Env) -> None:
    form = env.client.get("/login")
    response = env.client.post(
        "/login",
        data={"key": env.keys["viewer"], "csrf_token": csrf_of(form.text)},
        follow_redirects=False,
    )
    header = response.headers["set-cookie"]
    assert "grenswerk_session=" in header
    assert "HttpOnly" in header and "SameSite=lax" in header.replace("Lax", "lax")
    assert "Secure" not in header  # plain http in tests
    secure = TestClient(env.client.app, base_url="https://testserver")
    form = secure.get("/login")
    over_https = secure.post(
        "/login",
        data={"key": env.keys["viewer"], "csrf_token": csrf_of(form.text)},
        follow_redirects=False,
    )
    assert "Secure" in over_https.headers["set-cookie"]


@on_both
def test_sessions_expire(env: Env) -> None:
    store: KeyStore = env.keys_store
    session = store.create_session(store.verify(env.keys["viewer"]), lifetime_s=-1)  # type: ignore[arg-type]
    assert store.session_key(session) is None
    fresh = store.create_session(store.verify(env.keys["viewer"]), lifetime_s=60)  # type: ignore[arg-type]
    assert store.session_key(fresh) is not None


# -- 5. cross-site forms ------------------------------------------------------------------------


def test_cross_site_login_is_refused(env: Env) -> None:
    refused = env.client.post(
        "/login",
        data={"key": env.keys["viewer"]},
        headers={"Origin": "https://evil.example"},
        follow_redirects=False,
    )
    assert refused.status_code == 403
    assert env.client.cookies.get("grenswerk_session") is None
    no_token = env.client.post("/login", data={"key": env.keys["viewer"]}, follow_redirects=False)
    assert no_token.status_code == 403


@pytest.mark.parametrize("path", ["/logout", "/lang", "/w/demo/import"])
def test_cross_site_forms_are_refused(env: Env, path: str) -> None:
    token = login(env.client, env.keys["admin"])
    data = {"lang": "en", "back": "/"}
    files = {"files": ("n.csv", b"name,kind\nNieuw,organisation\n")} if "import" in path else None
    evil = env.client.post(
        path,
        data=data,
        files=files,
        headers={"Origin": "https://evil.example"},
        follow_redirects=False,
    )
    assert evil.status_code == 403, evil.text
    forged = env.client.post(
        path, data={**data, "csrf_token": "forged"}, files=files, follow_redirects=False
    )
    assert forged.status_code == 403
    assert env.client.get("/w/demo").status_code == 200  # still logged in
    ok = env.client.post(
        path,
        data={**data, "csrf_token": token, "preview": "1"},
        files=files,
        follow_redirects=False,
    )
    assert ok.status_code in (200, 303), ok.text


def test_every_form_carries_a_token(env: Env) -> None:
    login(env.client, env.keys["admin"])
    for path in ("/", "/w/demo", "/w/demo/import", "/w/demo/paths", "/w/demo/node/cinop"):
        html = env.client.get(path).text
        for form in re.findall(r"<form[^>]*method=\"post\"[^>]*>.*?</form>", html, re.S):
            assert 'name="csrf_token"' in form, (path, form[:80])


# -- 6. the language switch stays on this site --


@pytest.mark.parametrize(
    "back", ["//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"]
)
def test_language_switch_redirects_only_locally(env: Env, back: str) -> None:
    form = env.client.get("/login")
    response = env.client.post(
        "/lang",
        data={"lang": "en", "back": back, "csrf_token": csrf_of(form.text)},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/"
    kept = env.client.post(
        "/lang",
        data={"lang": "en", "back": "/w/demo?x=1", "csrf_token": csrf_of(form.text)},
        follow_redirects=False,
    )
    assert kept.headers["location"] == "/w/demo?x=1"


def test_login_next_stays_local(env: Env) -> None:
    form = env.client.get("/login?next=//evil.example/x")
    assert "evil.example" not in form.text
    response = env.client.post(
        "/login",
        data={
            "key": env.keys["server"],
            "next": "//evil.example/x",
            "csrf_token": csrf_of(form.text),
        },
        follow_redirects=False,
    )
    assert response.headers["location"] == "/"


# -- 7. failed key checks are limited --


@pytest.fixture
def limited(demo_store: SQLiteStore) -> Iterator[tuple[TestClient, KeyStore, str]]:
    keys = KeyStore(SQLiteStore(":memory:"))
    token = keys.create("demo", "viewer")
    settings = Settings(
        environment="test",
        secret_key=TEST_SECRET,
        failed_keys_per_address=5,
        failed_keys_global=12,
        failed_keys_window_s=60,
    )
    with TestClient(create_app(settings, store=demo_store, keys=keys)) as client:
        yield client, keys, token
    keys.close()


def test_failed_key_checks_are_limited_per_address(
    limited: tuple[TestClient, KeyStore, str],
) -> None:
    client, _, token = limited
    for _ in range(5):
        response = client.get("/api/workspaces", headers={"Authorization": "Bearer gw_wrong"})
        assert response.status_code == 401
    blocked = client.get("/api/workspaces", headers={"Authorization": "Bearer gw_wrong"})
    assert blocked.status_code == 429 and int(blocked.headers["Retry-After"]) > 0
    # a right key always passes (keys are 256 random bits: the limit is against floods,
    # tests/api/test_key_floods.py), and a wrong one typed into the login form waits too
    right = client.get("/api/workspaces", headers={"Authorization": f"Bearer {token}"})
    assert right.status_code == 200
    form = client.get("/login")
    assert form.status_code == 200
    refused = client.post("/login", data={"key": "gw_no", "csrf_token": csrf_of(form.text)})
    assert refused.status_code == 429 and "Retry-After" in refused.headers
    logged_in = client.post(
        "/login",
        data={"key": token, "csrf_token": csrf_of(form.text)},
        follow_redirects=False,
    )
    assert logged_in.status_code == 303


def test_failed_key_checks_are_limited_globally(
    limited: tuple[TestClient, KeyStore, str],
) -> None:
    client, _, _ = limited
    app = client.app
    codes = []
    for i in range(13):
        other = TestClient(app, client=(f"10.0.0.{i}", 1234))  # type: ignore[arg-type]
        codes.append(
            other.get("/api/workspaces", headers={"Authorization": "Bearer gw_x"}).status_code
        )
    assert codes[:12] == [401] * 12 and codes[12] == 429


def test_failed_login_form_counts(limited: tuple[TestClient, KeyStore, str]) -> None:
    client, _, _ = limited
    form = client.get("/login")
    for _ in range(5):
        wrong = client.post("/login", data={"key": "gw_no", "csrf_token": csrf_of(form.text)})
        assert wrong.status_code == 401
    blocked = client.post("/login", data={"key": "gw_no", "csrf_token": csrf_of(form.text)})
    assert blocked.status_code == 429


# -- 8. uploads are refused before they cost anything --


class Recorder:
    """An ASGI receive channel that counts what the app read of the body."""

    def __init__(self, chunks: list[bytes]) -> None:
        self.chunks = chunks
        self.read = 0

    async def __call__(self) -> dict[str, Any]:
        if self.read < len(self.chunks):
            body = self.chunks[self.read]
            self.read += 1
            return {
                "type": "http.request",
                "body": body,
                "more_body": self.read < len(self.chunks),
            }
        return {"type": "http.disconnect"}


async def _call(app: Any, path: str, headers: dict[str, str], receive: Recorder) -> int:
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
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


MB = 1024 * 1024


@pytest.mark.anyio
async def test_uploads_without_a_key_are_refused_unread(env: Env) -> None:
    app = env.client.app
    body = Recorder([b"x" * MB] * 300)
    headers = {"content-type": "multipart/form-data; boundary=b", "content-length": str(300 * MB)}
    assert await _call(app, "/api/workspaces/demo/import", headers, body) == 401
    assert body.read == 0
    body = Recorder([b"x" * MB] * 3)
    assert await _call(app, "/w/demo/import", headers, body) in (303, 401)
    assert body.read == 0


@pytest.mark.anyio
async def test_uploads_over_the_limit_are_refused_by_their_length(env: Env) -> None:
    app = env.client.app  # the limit is 1 MB here
    headers = {
        "content-type": "multipart/form-data; boundary=b",
        "content-length": str(300 * MB),
        "authorization": f"Bearer {env.keys['editor']}",
    }
    body = Recorder([b"x" * MB] * 300)
    assert await _call(app, "/api/workspaces/demo/import", headers, body) == 413
    assert body.read == 0
    viewer = {**headers, "content-length": "100", "authorization": f"Bearer {env.keys['viewer']}"}
    body = Recorder([b"x" * 100])
    assert await _call(app, "/api/workspaces/demo/import", viewer, body) == 403
    assert body.read == 0


@pytest.mark.anyio
async def test_uploads_without_a_length_stop_at_the_limit(env: Env) -> None:
    app = env.client.app
    headers = {
        "content-type": "application/json",
        "transfer-encoding": "chunked",
        "authorization": f"Bearer {env.keys['editor']}",
    }
    body = Recorder([b'{"name": "' + b"x" * (MB // 4)] + [b"x" * (MB // 4)] * 400)
    assert await _call(app, "/api/workspaces/demo/nodes", headers, body) == 413
    assert body.read <= 6
    upload = {**headers, "content-type": "multipart/form-data; boundary=b"}
    part = b'--b\r\nContent-Disposition: form-data; name="files"; filename="n.csv"\r\n\r\n'
    body = Recorder([part] + [b"x" * (MB // 4)] * 400)
    assert await _call(app, "/api/workspaces/demo/import", upload, body) == 413
    assert body.read <= 7


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


# -- 11. headers and offline docs --


def test_docs_are_served_from_this_server(env: Env) -> None:
    for path in ("/docs", "/redoc"):
        html = env.client.get(path).text
        sources = re.findall(r'(?:src|href)="([^"]+)"', html)
        assert sources, path
        for source in sources:
            assert not re.match(r"(https?:)?//", source), (path, source)
            if source.startswith("/"):
                assert env.client.get(source).status_code == 200, source
        assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", html), path


@pytest.mark.parametrize(
    "path", ["/login", "/docs", "/redoc", "/", "/w/demo", "/w/demo/node/cinop", "/w/demo/paths"]
)
def test_html_carries_security_headers(env: Env, path: str) -> None:
    login(env.client, env.keys["editor"])
    response = env.client.get(path)
    assert response.status_code == 200
    csp = response.headers["content-security-policy"]
    assert "frame-ancestors 'self'" in csp and "default-src 'self'" in csp
    assert (
        "script-src 'self'" in csp
        and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    )
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"
    inline = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", response.text)
    assert not inline, (path, inline)


def test_json_carries_nosniff(env: Env) -> None:
    response = env.client.get("/api/workspaces", headers=env.as_("viewer"))
    assert response.headers["x-content-type-options"] == "nosniff"


# -- 12. deployment --


def test_the_image_runs_in_production_mode() -> None:
    from pathlib import Path

    dockerfile = (Path(__file__).parents[2] / "Dockerfile").read_text()
    assert re.search(r"GRENSWERK_ENVIRONMENT=production", dockerfile)


@pytest.mark.parametrize("environment", ["production", "test"])
def test_outside_development_a_real_secret_is_needed(environment: str) -> None:
    with pytest.raises(ValueError, match="GRENSWERK_SECRET_KEY"):
        Settings(environment=environment)  # type: ignore[arg-type]
    Settings(environment=environment, secret_key=TEST_SECRET)  # type: ignore[arg-type]


def test_serve_refuses_to_start_in_production_without_a_secret(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    from typer.testing import CliRunner

    from cli.app import app as cli

    monkeypatch.setenv("GRENSWERK_ENVIRONMENT", "production")
    monkeypatch.delenv("GRENSWERK_SECRET_KEY", raising=False)
    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path), "serve"])
    assert result.exit_code == 1
    assert "GRENSWERK_SECRET_KEY" in result.output and "Traceback" not in result.output


# -- 13. health --


def test_health_tells_anonymous_callers_only_ok(env: Env) -> None:
    anonymous = env.client.get("/health")
    assert anonymous.status_code == 200 and anonymous.json() == {"status": "ok"}
    known = env.client.get("/health", headers=env.as_("server")).json()
    assert known["status"] == "ok" and known["store"] == "sqlite" and known["version"]


def test_query_strings_survive_the_login_redirect(env: Env) -> None:
    response = env.client.get("/w/demo/paths?source=a&target=b", follow_redirects=False)
    assert response.status_code == 303
    target = urllib.parse.parse_qs(urllib.parse.urlsplit(response.headers["location"]).query)
    assert target["next"] == ["/w/demo/paths?source=a&target=b"]


def test_server_key_constant() -> None:
    assert ALL == "*"
