"""Ids and offsets larger than a store's integers (issue 21, point 1): the API, the pages
and the console command refuse them or say there is no such thing; never a 500."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.app import app as cli
from tests.api.conftest import Env
from tests.api.test_pages import login, token

#: past SQLite's and Neo4j's signed 64-bit integers (2**63 - 1)
HUGE = 22978128048766296064
JUST_OVER = 2**63


@pytest.mark.parametrize("number", [HUGE, JUST_OVER])
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/workspaces/demo/changes?offset={n}"),
        ("GET", "/api/workspaces/demo/changes/{n}"),
        ("POST", "/api/workspaces/demo/changes/{n}/undo"),
        ("DELETE", "/api/workspaces/demo/keys/{n}"),
        ("DELETE", "/api/workspaces/demo/share-links/{n}"),
        ("GET", "/api/workspaces/demo/surveys/s/responses/{n}"),
        ("POST", "/api/workspaces/demo/surveys/s/responses/{n}/accept"),
        ("POST", "/api/workspaces/demo/surveys/s/invitations/{n}/link"),
        ("GET", "/api/workspaces/demo/analyses/centrality?offset={n}"),
    ],
)
def test_the_api_refuses_huge_ids_with_a_clear_message(
    env: Env, method: str, path: str, number: int
) -> None:
    response = env.client.request(method, path.format(n=number), headers=env.as_("admin"))
    assert response.status_code in (404, 422), (response.status_code, response.text)
    detail = response.json()["detail"]
    text = str(detail)
    assert "9223372036854775807" in text or "no " in text, detail


def test_the_largest_id_is_simply_not_there(env: Env) -> None:
    largest = 2**63 - 1
    response = env.client.get(f"/api/workspaces/demo/changes/{largest}", headers=env.as_("admin"))
    assert response.status_code == 404, response.text
    page = env.client.get(
        f"/api/workspaces/demo/changes?offset={largest}", headers=env.as_("admin")
    )
    assert page.status_code == 200 and page.json()["changes"] == []


@pytest.mark.parametrize("number", [str(HUGE), "²", "１２"])
def test_the_pages_say_no_such_change_key_or_link(env: Env, number: str) -> None:
    login(env, "admin")
    listed = env.client.get("/w/demo/changes", params={"offset": number})
    assert listed.status_code in (200, 422), listed.text
    csrf = token(env, "/w/demo/keys")
    if number.isascii():
        undone = env.client.post(f"/w/demo/changes/{number}/undo", data={"csrf_token": csrf})
        assert undone.status_code == 404 and number in undone.text, undone.text
    key = env.client.post("/w/demo/keys/revoke", data={"key_id": number, "csrf_token": csrf})
    assert key.status_code == 404 and f"geen sleutel {number}" in key.text, key.text
    link = env.client.post(
        "/w/demo/share-links/revoke", data={"link_id": number, "csrf_token": csrf}
    )
    assert link.status_code == 404 and f"geen deellink {number}" in link.text, link.text
    made = env.client.post(
        "/w/demo/share-links", data={"expires_in_days": number, "csrf_token": csrf}
    )
    assert made.status_code == 422, made.text


def test_the_console_refuses_huge_ids(tmp_path: Path) -> None:
    runner = CliRunner()
    data = str(tmp_path / "data")
    assert runner.invoke(cli, ["--data-dir", data, "demo"]).exit_code == 0
    for args in (["undo", str(HUGE), "-w", "demo"], ["keys", "revoke", str(HUGE)]):
        result = runner.invoke(cli, ["--data-dir", data, *args])
        assert result.exit_code in (1, 2), (args, result.output, result.exception)
        assert "Traceback" not in result.output and not isinstance(
            result.exception, OverflowError
        ), (args, result.output)
        assert "9223372036854775807" in result.output or "no " in result.output, result.output
