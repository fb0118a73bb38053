"""The store fixtures of the contract suite, plus the Neo4j backend on the real driver
over a scripted Bolt server (:mod:`tests.graph.store.bolt_fake`), so every
``Neo4jStore`` method runs in ``make test`` without a Neo4j server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph.store.base import Store
from tests.conftest import BACKENDS, make_store
from tests.graph.store.bolt_fake import Data, FakeNeo4j, Rows


@pytest.fixture
def fake_neo4j() -> Iterator[FakeNeo4j]:
    server = FakeNeo4j()
    yield server
    server.close()


#: the contract suite's read-only query, emulated by the fake server
READ_ONLY_QUERY = "MATCH (n:Node {workspace: $workspace}) RETURN n.id AS id ORDER BY id"


def _ids(data: Data, params: dict[str, Any]) -> Rows:
    return ["id"], [[i] for (w, i) in sorted(data.nodes) if w == params["workspace"]]


def fake_store(server: FakeNeo4j) -> Store:
    from graph.store.neo4j import Neo4jStore

    server.scripted[READ_ONLY_QUERY] = _ids
    return Neo4jStore(server.uri, "neo4j", "secret", batch_size=7)


@pytest.fixture(params=[*BACKENDS, "neo4j-driver-over-fake-bolt"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    server = None
    if request.param == "neo4j-driver-over-fake-bolt":
        server = FakeNeo4j()
        backend = fake_store(server)
    else:
        backend = make_store(request.param, tmp_path, request)
    yield backend
    backend.close()
    if server is not None:
        server.close()
