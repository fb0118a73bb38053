"""Upload names are the user's, never a path (issue 21, point 2): ``..``, ``.``, a path or
two files of one name are each saved as a file of their own; never a 500."""

from __future__ import annotations

import pytest

from tests.api.conftest import Env
from tests.api.test_pages import login, token

NODES = b"name,kind\nUploadtest BV,organisation\n"
OTHER = b"name,kind\nTweede Upload BV,organisation\n"


@pytest.mark.parametrize("name", ["..", ".", "...", "../../etc/x.csv", "/", "\\.."])
def test_the_api_saves_any_name_as_a_file(env: Env, name: str) -> None:
    response = env.client.post(
        "/api/workspaces/demo/import",
        headers=env.as_("editor"),
        files={"files": (name, NODES)},
        data={"format": "csv", "dry_run": "true"},
    )
    assert response.status_code == 200, (response.status_code, response.text)
    assert response.json()["nodes_new"] == 1


@pytest.mark.parametrize("name", ["..", "."])
def test_the_import_page_saves_any_name_as_a_file(env: Env, name: str) -> None:
    login(env, "editor")
    response = env.client.post(
        "/w/demo/import",
        files={"files": (name, NODES)},
        data={"format": "csv", "preview": "1", "csrf_token": token(env, "/w/demo/import")},
    )
    assert response.status_code == 200, (response.status_code, response.text[:300])


def test_two_files_of_one_name_are_both_read(env: Env) -> None:
    response = env.client.post(
        "/api/workspaces/demo/import",
        headers=env.as_("editor"),
        files=[("files", ("n.csv", NODES)), ("files", ("n.csv", OTHER))],
        data={"dry_run": "true"},
    )
    assert response.status_code == 200, response.text
    assert response.json()["nodes_new"] == 2
