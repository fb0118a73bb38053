"""Shared fixtures: stores on every available backend, the demo network, fixture files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.store.base import Store
from graph.store.sqlite import SQLiteStore
from importers import ImportOptions, import_paths

FIXTURES = Path(__file__).parent / "fixtures"
DEMO_DIR = Path(__file__).parents[1] / "graph" / "data"

#: Store backends the contract suite runs against. The Neo4j backend joins this list
#: (run when NEO4J_URI is set, skipped with that reason otherwise) with issue 5.
BACKENDS = ["sqlite-file", "sqlite-memory"]


def make_store(backend: str, tmp_path: Path) -> Store:
    if backend == "sqlite-file":
        return SQLiteStore(tmp_path / "store" / "grenswerk.sqlite3")
    if backend == "sqlite-memory":
        return SQLiteStore(":memory:")
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
