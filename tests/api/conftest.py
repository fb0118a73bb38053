"""An app on the demo network with a key per role, and keys of another workspace.

On SQLite (the default) the app is given its store; with ``@on_both`` (tests/conftest.py)
the same test also runs on the real Neo4j server, with an app that opens its store and
its keys itself from the settings a deployment gives it (``GRENSWERK_STORE=neo4j`` and
the server's address), as ``docker compose up`` does.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from api.app import create_app
from api.config import Settings
from api.keys import ALL, KeyStore
from graph.model import Node
from graph.store.base import Store
from graph.store.sqlite import SQLiteStore

#: A secret for apps outside development (they refuse the built-in one).
TEST_SECRET = SecretStr("test-secret-" + "x" * 40)


@dataclass
class Env:
    client: TestClient
    keys: dict[str, str]
    store: Store
    keys_store: KeyStore

    def as_(self, who: str | None) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys[who]}"} if who else {}


def _tokens(keys: KeyStore) -> dict[str, str]:
    tokens = {role: keys.create("demo", role) for role in ("viewer", "analyst", "editor", "admin")}
    tokens["other-admin"] = keys.create("other", "admin")
    tokens["server"] = keys.create(ALL, "admin")
    return tokens


@pytest.fixture
def env(
    backend: str, demo_store: Store, neo4j_settings: dict[str, str], tmp_path: Path
) -> Iterator[Env]:
    demo_store.upsert("other", [Node(id="secret", kind="theme", name="Geheim", workspace="other")])
    web = {"environment": "test", "secret_key": TEST_SECRET, "max_upload_mb": 1}
    if backend == "neo4j":  # the settings are in the environment (neo4j_settings)
        app = create_app(Settings(**web, data_dir=tmp_path / "data"))  # type: ignore[arg-type]
        with TestClient(app) as client:
            keys = app.state.keys
            assert app.state.store.capabilities.cypher  # the app opened Neo4j, not SQLite
            yield Env(client, _tokens(keys), app.state.store, keys)
        return
    keys = KeyStore(SQLiteStore(":memory:"))
    tokens = _tokens(keys)
    settings = Settings(**web)  # type: ignore[arg-type]
    app = create_app(settings, store=demo_store, keys=keys)
    with TestClient(app) as client:
        yield Env(client, tokens, demo_store, keys)
    keys.close()
