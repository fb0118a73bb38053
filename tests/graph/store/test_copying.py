"""Copying workspaces between stores, losslessly (SQLite → SQLite here; SQLite → Neo4j
→ SQLite when a Neo4j is at NEO4J_URI)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import NotFound
from graph.store.base import Store
from graph.store.copying import copy_workspaces
from graph.store.sqlite import SQLiteStore
from tests.conftest import snapshot


def test_sqlite_to_sqlite(demo_store: SQLiteStore, tmp_path: Path) -> None:
    target = SQLiteStore(tmp_path / "copy.sqlite3")
    seen: list[int] = []
    reports = copy_workspaces(demo_store, target, progress=lambda _, total: seen.append)
    assert [r.workspace for r in reports] == ["demo"]
    assert reports[0].nodes == 79 and reports[0].relationships == 190
    assert sum(seen) == 79 + 190
    assert snapshot(target, "demo")[1:] == snapshot(demo_store, "demo")[1:]
    again = copy_workspaces(demo_store, target, ["demo"])
    assert again[0].created == 0  # idempotent
    target.close()


def test_unknown_workspace(demo_store: SQLiteStore, tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="nope"):
        copy_workspaces(demo_store, SQLiteStore(":memory:"), ["nope"])


@pytest.mark.neo4j
def test_sqlite_to_neo4j_and_back(
    demo_store: SQLiteStore, neo4j_store: Store, tmp_path: Path
) -> None:
    copy_workspaces(demo_store, neo4j_store, ["demo"])
    back = SQLiteStore(tmp_path / "back.sqlite3")
    copy_workspaces(neo4j_store, back, ["demo"])
    assert snapshot(back, "demo")[1:] == snapshot(demo_store, "demo")[1:]
