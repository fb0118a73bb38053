"""The compose file and Dockerfile (no Docker engine runs here, so they are read)."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).parents[1]


def compose() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def test_neo4j_service() -> None:
    neo4j = compose()["services"]["neo4j"]
    assert neo4j["image"].startswith("neo4j:5") and "community" in neo4j["image"]
    env = neo4j["environment"]
    assert "NEO4J_PLUGINS" not in env  # no GDS: every analysis runs in memory (docs/scaling.md)
    assert env["NEO4J_AUTH"].startswith("neo4j/${NEO4J_PASSWORD")  # from .env, no default
    volumes = {v.split(":")[1] for v in neo4j["volumes"]}
    assert volumes == {"/data", "/logs"}
    assert {v.split(":")[0] for v in neo4j["volumes"]} <= set(compose()["volumes"])
    assert "test" in neo4j["healthcheck"]
    assert all(p.startswith("127.0.0.1:") for p in neo4j["ports"])


def test_api_service_waits_for_neo4j_and_uses_it() -> None:
    api = compose()["services"]["api"]
    assert api["build"] == "."
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    env = api["environment"]
    assert env["GRENSWERK_STORE"] == "neo4j"
    assert env["GRENSWERK_NEO4J_URI"] == "neo4j://neo4j:7687"
    assert env["GRENSWERK_ENVIRONMENT"] == "production"
    assert "${GRENSWERK_SECRET_KEY" in env["GRENSWERK_SECRET_KEY"]
    assert "test" in api["healthcheck"]


def test_dockerfile_runs_as_non_root_with_a_healthcheck() -> None:
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    users = [line.split()[1] for line in text.splitlines() if line.startswith("USER ")]
    assert users and users[-1] not in ("root", "0")
    assert "HEALTHCHECK" in text
    assert '"serve"' in text


def test_env_example_names_what_compose_needs() -> None:
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    for name in ("NEO4J_PASSWORD", "GRENSWERK_SECRET_KEY"):
        assert f"{name}=" in example
