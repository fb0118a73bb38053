"""Shared fixtures: stores on every available backend, the demo network, fixture files."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.store.base import Store
from graph.store.sqlite import SQLiteStore
from importers import ImportOptions, import_paths

FIXTURES = Path(__file__).parent / "fixtures"
DEMO_DIR = Path(__file__).parents[1] / "graph" / "data"

NEO4J_URI = os.environ.get("NEO4J_URI") or os.environ.get("GRENSWERK_NEO4J_URI")
NEO4J_SKIP = pytest.mark.skipif(
    not NEO4J_URI,
    reason="needs a Neo4j server: NEO4J_URI (or GRENSWERK_NEO4J_URI) is not set; "
    "run `docker compose up -d neo4j` and set NEO4J_URI=neo4j://localhost:7687",
)

#: Store backends the contract suite runs against; Neo4j runs when NEO4J_URI is set.
BACKENDS = [
    "sqlite-file",
    "sqlite-memory",
    pytest.param("neo4j", marks=[NEO4J_SKIP, pytest.mark.neo4j]),
]


def neo4j_store() -> Store:
    """The Neo4j under test, emptied of the workspaces the tests use. It must be a
    throw-away database: every workspace in it is deleted."""
    from graph.store.neo4j import Neo4jStore

    assert NEO4J_URI
    store = Neo4jStore(
        NEO4J_URI,
        os.environ.get("NEO4J_USER") or os.environ.get("GRENSWERK_NEO4J_USER", "neo4j"),
        os.environ.get("NEO4J_PASSWORD") or os.environ.get("GRENSWERK_NEO4J_PASSWORD"),
        os.environ.get("NEO4J_DATABASE") or os.environ.get("GRENSWERK_NEO4J_DATABASE", "neo4j"),
    )
    for info in store.workspaces():
        store.delete_workspace(info.name)
    return store


def make_store(backend: str, tmp_path: Path) -> Store:
    if backend == "sqlite-file":
        return SQLiteStore(tmp_path / "store" / "grenswerk.sqlite3")
    if backend == "sqlite-memory":
        return SQLiteStore(":memory:")
    if backend == "neo4j":
        return neo4j_store()
    raise AssertionError(f"unknown backend {backend}")


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    backend = make_store(request.param, tmp_path)
    yield backend
    backend.close()


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[SQLiteStore]:
    backend = SQLiteStore(tmp_path / "grenswerk.sqlite3")
    yield backend
    backend.close()


@pytest.fixture
def demo_store(sqlite_store: SQLiteStore) -> SQLiteStore:
    import_paths(sqlite_store, [DEMO_DIR], ImportOptions("demo"))
    return sqlite_store


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


def snapshot(store: Store, workspace: str) -> tuple[int, list[str], list[str]]:
    """Everything a workspace holds, to compare before and after a failed import."""
    nodes = [n.model_dump_json() for n in store.list_nodes(workspace)]
    rels = [r.model_dump_json() for r in store.list_relationships(workspace)]
    return store.version(workspace), nodes, rels
