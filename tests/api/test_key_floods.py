"""A flood of wrong keys never refuses a right one (issue 21, point 6), and no redirect
points at the host a request named (point 8).

Keys, sessions and share links are 256 random bits: guessing one is hopeless, so the
limits on failed checks are there against floods. Past a limit a wrong key gets 429 with
``Retry-After``; a key, session or share link that verifies always passes."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.config import Settings
from api.keys import KeyStore
from graph.store.sqlite import SQLiteStore
from tests.api.conftest import TEST_SECRET, Env

WRONG = {"Authorization": "Bearer gw_wrong"}


@pytest.fixture
def flood(demo_store: SQLiteStore) -> Iterator[tuple[TestClient, KeyStore, str, str]]:
    """An app whose limits are small, already flooded by 30 wrong keys from 30 addresses."""
    keys = KeyStore(SQLiteStore(":memory:"))
    viewer = keys.create("demo", "viewer")
    _, share = keys.create_share_link("demo", __import__("datetime").timedelta(days=1))
    settings = Settings(
        environment="test",
        secret_key=TEST_SECRET,
        failed_keys_per_address=5,
        failed_keys_global=12,
        failed_keys_window_s=60,
    )
    app = create_app(settings, store=demo_store, keys=keys)
    with TestClient(app) as client:
        codes = []
        for i in range(30):
            attacker = TestClient(app, client=(f"10.9.0.{i}", 999))  # type: ignore[arg-type]
            codes.append(attacker.get("/api/workspaces", headers=WRONG).status_code)
        assert codes[:12] == [401] * 12 and set(codes[12:]) == {429}, codes
        yield client, keys, viewer, share
    keys.close()


def test_a_flood_of_wrong_keys_does_not_refuse_a_right_key(
    flood: tuple[TestClient, KeyStore, str, str],
) -> None:
    client, _, viewer, _ = flood
    elsewhere = TestClient(client.app, client=("192.0.2.7", 1))  # type: ignore[arg-type]
    ok = elsewhere.get("/api/workspaces/demo", headers={"Authorization": f"Bearer {viewer}"})
    assert ok.status_code == 200, (ok.status_code, ok.text)
    wrong = elsewhere.get("/api/workspaces/demo", headers=WRONG)
    assert wrong.status_code == 429 and int(wrong.headers["Retry-After"]) > 0


def test_a_flood_does_not_close_a_share_link_or_the_login(
    flood: tuple[TestClient, KeyStore, str, str],
) -> None:
    client, _, viewer, share = flood
    elsewhere = TestClient(client.app, client=("192.0.2.8", 1))  # type: ignore[arg-type]
    shared = elsewhere.get(f"/s/{share}")
    assert shared.status_code == 200, (shared.status_code, shared.text[:200])
    assert elsewhere.get("/s/sh_guessed").status_code == 429
    form = elsewhere.get("/login")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', form.text)
    assert form.status_code == 200 and csrf
    logged_in = elsewhere.post(
        "/login",
        data={"key": viewer, "csrf_token": csrf.group(1)},
        follow_redirects=False,
    )
    assert logged_in.status_code == 303, (logged_in.status_code, logged_in.text[:200])
    assert elsewhere.get("/w/demo").status_code == 200


def test_the_flooding_address_itself_still_gets_in_with_a_right_key(
    flood: tuple[TestClient, KeyStore, str, str],
) -> None:
    client, _, viewer, _ = flood
    attacker = TestClient(client.app, client=("10.9.0.1", 999))  # type: ignore[arg-type]
    assert attacker.get("/api/workspaces", headers=WRONG).status_code == 429
    right = attacker.get("/api/workspaces", headers={"Authorization": f"Bearer {viewer}"})
    assert right.status_code == 200


@pytest.mark.parametrize(
    "path", ["/api/workspaces/demo/stats/", "/api/workspaces/", "/w/demo/changes/"]
)
def test_redirects_never_name_the_host_a_request_gave(env: Env, path: str) -> None:
    response = env.client.get(
        path,
        headers={**env.as_("admin"), "Host": "evil.example"},
        follow_redirects=False,
    )
    location = response.headers.get("location", "")
    assert "evil.example" not in location, (response.status_code, location)
    if response.status_code in (301, 302, 303, 307, 308):
        assert location.startswith("/") and not location.startswith("//"), location
