"""The HTTP API (this issue: health and the workspace list)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.app import create_app
from graph.settings import Settings
from graph.store.sqlite import SQLiteStore


def test_health_and_workspaces(demo_store: SQLiteStore) -> None:
    app = create_app(Settings(environment="test"), store=demo_store)
    with TestClient(app) as client:
        health = client.get("/health")
        assert health.status_code == 200
        assert health.json()["status"] == "ok" and health.json()["workspaces"] == 1
        listed = client.get("/api/workspaces").json()
        assert listed[0]["name"] == "demo" and listed[0]["nodes"] == 79
        assert client.get("/openapi.json").status_code == 200


def test_unknown_route_is_json_404(demo_store: SQLiteStore) -> None:
    with TestClient(create_app(Settings(environment="test"), store=demo_store)) as client:
        response = client.get("/api/nothing-here")
        assert response.status_code == 404 and response.json()["detail"] == "Not Found"


def test_cypher_on_the_embedded_store_is_501(demo_store: SQLiteStore) -> None:
    with TestClient(create_app(Settings(environment="test"), store=demo_store)) as client:
        response = client.post(
            "/api/workspaces/demo/cypher",
            json={"query": "MATCH (n {workspace: $workspace}) RETURN n LIMIT 1"},
        )
        assert response.status_code == 501
        assert "Neo4j backend" in response.json()["detail"]
        bad = client.post("/api/workspaces/demo/cypher", json={"query": ""})
        assert bad.status_code == 422
