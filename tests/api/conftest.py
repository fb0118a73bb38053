"""An app on the demo network with a key per role, and keys of another workspace."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from api.app import create_app
from api.config import Settings
from api.keys import ALL, KeyStore
from graph.model import Node
from graph.store.sqlite import SQLiteStore

#: A secret for apps outside development (they refuse the built-in one).
TEST_SECRET = SecretStr("test-secret-" + "x" * 40)


@dataclass
class Env:
    client: TestClient
    keys: dict[str, str]
    store: SQLiteStore
    keys_store: KeyStore

    def as_(self, who: str | None) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys[who]}"} if who else {}


@pytest.fixture
def env(demo_store: SQLiteStore) -> Iterator[Env]:
    demo_store.upsert("other", [Node(id="secret", kind="theme", name="Geheim", workspace="other")])
    keys = KeyStore(SQLiteStore(":memory:"))
    tokens = {role: keys.create("demo", role) for role in ("viewer", "analyst", "editor", "admin")}
    tokens["other-admin"] = keys.create("other", "admin")
    tokens["server"] = keys.create(ALL, "admin")
    settings = Settings(environment="test", secret_key=TEST_SECRET, max_upload_mb=1)
    app = create_app(settings, store=demo_store, keys=keys)
    with TestClient(app) as client:
        yield Env(client, tokens, demo_store, keys)
    keys.close()
