"""What only the embedded SQLite store promises: a file, WAL, migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from graph.errors import StoreError
from graph.model import Node
from graph.store.sqlite import MIGRATIONS, SQLiteStore


def test_file_persists_and_uses_wal(tmp_path: Path) -> None:
    path = tmp_path / "data" / "g.sqlite3"
    store = SQLiteStore(path)
    store.upsert("w", [Node(id="a", kind="theme", name="examinering", workspace="w")])
    store.close()
    again = SQLiteStore(path)
    assert again.get_node("w", "a") is not None
    again.close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite3"
    SQLiteStore(path).close()
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    with pytest.raises(StoreError, match="newer than this"):
        SQLiteStore(path)


def test_unopenable_path_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot open the store"):
        SQLiteStore(blocker / "sub" / "g.sqlite3")


def test_a_failed_log_entry_rolls_the_write_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The change log is written in the write's own transaction (issue 13)."""
    from graph.store.sqlite.log import SQLiteWriteIO

    store = SQLiteStore(tmp_path / "s.sqlite3")
    store.upsert("w", [Node(id="a", kind="theme", name="A", workspace="w")])

    def refuse(self: SQLiteWriteIO, row: object) -> int:
        raise sqlite3.OperationalError("disk full")

    monkeypatch.setattr(SQLiteWriteIO, "log", refuse)
    with pytest.raises(sqlite3.OperationalError):
        store.upsert("w", [Node(id="b", kind="theme", name="B", workspace="w")])
    with pytest.raises(sqlite3.OperationalError):
        store.delete_nodes("w", ["a"])
    monkeypatch.undo()
    assert [n.id for n in store.list_nodes("w")] == ["a"] and store.version("w") == 1
    assert [c.id for c in store.changes("w")] == [1]
    store.close()
