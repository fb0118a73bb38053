"""Ids that would be unreachable in a URL are refused at every entry of the API and pages."""

from __future__ import annotations

import html

import pytest

from graph.model import ID_PATTERN
from tests.api.conftest import Env
from tests.api.test_pages import login, token

NODES = "/api/workspaces/demo/nodes"
RELATIONSHIPS = "/api/workspaces/demo/relationships"


@pytest.mark.parametrize("bad", ["a/b", "a b", "x?y", "#x", "..", "a,b"])
def test_a_node_with_an_unsafe_id_is_422(env: Env, bad: str) -> None:
    response = env.client.post(
        NODES, headers=env.as_("editor"), json={"id": bad, "kind": "theme", "name": "T"}
    )
    assert response.status_code == 422, response.text
    (error,) = response.json()["detail"]
    assert error["field"] == "id"
    assert repr(bad) in error["message"] and ID_PATTERN in error["message"]
    assert env.store.get_node("demo", bad) is None


def test_a_relationship_with_an_unsafe_id_is_422(env: Env) -> None:
    body = {"id": "r/1", "type": "works_on", "source": "cinop", "target": "examinering"}
    response = env.client.post(RELATIONSHIPS, headers=env.as_("editor"), json=body)
    assert response.status_code == 422, response.text
    (error,) = response.json()["detail"]
    assert error["field"] == "id" and "'r/1'" in error["message"]
    assert env.store.get_relationship("demo", "r/1") is None


def test_every_safe_id_is_reachable(env: Env) -> None:
    editor = env.as_("editor")
    node_id = "Team_2.0-школа"
    created = env.client.post(
        NODES, headers=editor, json={"id": node_id, "kind": "theme", "name": "T"}
    )
    assert created.status_code == 201, created.text
    assert env.client.get(f"{NODES}/{node_id}", headers=editor).json()["id"] == node_id
    patched = env.client.patch(f"{NODES}/{node_id}", headers=editor, json={"description": "d"})
    assert patched.status_code == 200 and patched.json()["description"] == "d"
    login(env, "editor")
    assert env.client.get(f"/w/demo/node/{node_id}").status_code == 200
    deleted = env.client.delete(f"{NODES}/{node_id}", headers=editor)
    assert deleted.json() == {"deleted": 1}


@pytest.mark.parametrize(
    "path", ["/api/workspaces/demo/import", "/w/demo/import"], ids=["api", "page form"]
)
def test_an_uploaded_file_with_an_unsafe_id_is_refused(env: Env, path: str) -> None:
    login(env, "editor")
    response = env.client.post(
        path,
        headers=env.as_("editor"),
        data={"format": "auto", "csrf_token": token(env, "/w/demo/import")},
        files={"files": ("n.csv", b"id,name,kind\na/b,A,theme\n")},
    )
    assert response.status_code == 422
    text = html.unescape(response.text).replace("\\\\", "\\")
    said = "'a/b' is not allowed" if path.startswith("/api/") else 'de id "a/b" kan niet'
    assert "n.csv" in text and said in text
    assert env.store.get_node("demo", "a/b") is None
