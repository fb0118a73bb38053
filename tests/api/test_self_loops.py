"""The API refuses a tie from a node to itself (issue 10, point 9)."""

from __future__ import annotations

from tests.api.conftest import Env


def test_the_api_answers_422_naming_the_node(env: Env) -> None:
    response = env.client.post(
        "/api/workspaces/demo/relationships",
        json={"type": "partners_with", "source": "cinop", "target": "cinop"},
        headers=env.as_("editor"),
    )
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail[0]["field"] == "target"
    assert "from 'cinop' to itself" in detail[0]["message"]
    assert not [r for r in env.store.list_relationships("demo") if r.source == r.target]
