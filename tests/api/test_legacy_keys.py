"""Upgrading: the app copies the keys of an old ``keys.sqlite3`` into its store when it
starts, so the keys made before still open the API."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from api.config import Settings
from tests.api.conftest import TEST_SECRET


def test_keys_of_the_old_key_file_still_work(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    token = "gw_made-before-the-upgrade"
    db = sqlite3.connect(data / "keys.sqlite3")
    db.execute(
        "CREATE TABLE keys (id INTEGER PRIMARY KEY, hash TEXT UNIQUE NOT NULL, "
        "workspace TEXT NOT NULL, role TEXT NOT NULL, label TEXT NOT NULL DEFAULT '', "
        "created TEXT NOT NULL)"
    )
    db.execute(
        "INSERT INTO keys (hash, workspace, role, label, created) VALUES (?, '*', 'admin', '', ?)",
        (hashlib.sha256(token.encode()).hexdigest(), "2024-01-01T00:00:00+00:00"),
    )
    db.commit()
    db.close()
    settings = Settings(environment="test", secret_key=TEST_SECRET, data_dir=data)
    with TestClient(create_app(settings)) as client:
        response = client.get("/api/workspaces", headers={"Authorization": f"Bearer {token}"})
        wrong = client.get("/api/workspaces", headers={"Authorization": "Bearer gw_wrong"})
    assert (response.status_code, response.json()) == (200, [])
    assert wrong.status_code == 401
    assert (data / "keys.sqlite3.copied").is_file() and not (data / "keys.sqlite3").exists()
