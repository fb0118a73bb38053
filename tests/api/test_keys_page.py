"""The key management page (issue 13 §2): admins make a key with a role and a label
(shown once), see the keys (label, role, created; never the key) and revoke them."""

from __future__ import annotations

import re

from tests.api.conftest import Env
from tests.api.test_pages import login, token
from tests.conftest import on_both


@on_both
def test_admin_makes_a_key_shown_once(env: Env) -> None:
    login(env, "admin")
    form = token(env, "/w/demo/keys")
    made = env.client.post(
        "/w/demo/keys", data={"role": "viewer", "label": "bestuur <ROC>", "csrf_token": form}
    )
    assert made.status_code == 201
    found = re.search(r'id="new-key-value">(gw_[^<]+)<', made.text)
    assert found
    new = env.keys_store.verify(found.group(1))
    assert new is not None and (new.workspace, new.role, new.label) == (
        "demo",
        "viewer",
        "bestuur <ROC>",
    )
    listed = env.client.get("/w/demo/keys").text
    assert found.group(1) not in listed  # never shown again
    assert "bestuur &lt;ROC&gt;" in listed and "<ROC>" not in listed
    assert new.created[:10] in listed
    for other in env.keys.values():
        assert other not in listed


@on_both
def test_admin_revokes_a_key(env: Env) -> None:
    login(env, "admin")
    form = token(env, "/w/demo/keys")
    viewer = env.keys_store.verify(env.keys["viewer"])
    assert viewer is not None
    done = env.client.post(
        "/w/demo/keys/revoke", data={"key_id": str(viewer.id), "csrf_token": form}
    )
    assert done.status_code == 200
    assert env.keys_store.verify(env.keys["viewer"]) is None
    other = env.keys_store.verify(env.keys["other-admin"])
    assert other is not None
    refused = env.client.post(
        "/w/demo/keys/revoke", data={"key_id": str(other.id), "csrf_token": form}
    )
    assert refused.status_code == 404  # a key of another workspace is not revoked here
    assert env.keys_store.verify(env.keys["other-admin"]) is not None


def test_bad_input_changes_nothing(env: Env) -> None:
    login(env, "admin")
    form = token(env, "/w/demo/keys")
    before = env.keys_store.list()
    for data in (
        {"role": "owner", "label": "x", "csrf_token": form},
        {"role": "viewer", "label": "x" * 201, "csrf_token": form},
        {"role": "viewer", "label": "two\nlines", "csrf_token": form},
    ):
        answer = env.client.post("/w/demo/keys", data=data)
        assert answer.status_code == 422 and 'role="alert"' in answer.text, data
    assert (
        env.client.post("/w/demo/keys/revoke", data={"key_id": "x", "csrf_token": form}).status_code
        == 404
    )
    forged = env.client.post("/w/demo/keys", data={"role": "admin", "label": "x"})
    assert forged.status_code == 403
    assert env.keys_store.list() == before


def test_only_admins_of_the_workspace_open_the_page(env: Env) -> None:
    login(env, "editor")
    assert env.client.get("/w/demo/keys").status_code == 403
    form = token(env, "/w/demo")
    before = env.keys_store.list()
    answer = env.client.post("/w/demo/keys", data={"role": "admin", "csrf_token": form})
    assert answer.status_code == 403 and env.keys_store.list() == before
    login(env, "other-admin")
    assert env.client.get("/w/demo/keys").status_code == 404


def test_the_page_speaks_english_too(env: Env) -> None:
    login(env, "admin")
    env.client.post(
        "/lang", data={"lang": "en", "back": "/", "csrf_token": token(env, "/w/demo/keys")}
    )
    page = env.client.get("/w/demo/keys").text
    assert "Create key" in page and "Create share link" in page and 'lang="en"' in page


def test_the_page_is_dutch_by_default(env: Env) -> None:
    login(env, "admin")
    page = env.client.get("/w/demo/keys").text
    assert "Sleutel maken" in page and "Deellink maken" in page and "beheerder" in page
    assert "Create key" not in page
