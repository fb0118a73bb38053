"""The upgrade path: keys of an old ``keys.sqlite3`` are copied into the store once."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from graph.access import Key
from graph.store.base import Store
from graph.store.legacy_keys import copy_legacy_keys

CREATED = "2024-03-01T09:00:00+00:00"


def old_key_file(path: Path) -> Path:
    """A key file as the separate key store wrote it (its schema, two keys, a session)."""
    db = sqlite3.connect(path)
    db.executescript(
        "CREATE TABLE keys (id INTEGER PRIMARY KEY, hash TEXT UNIQUE NOT NULL, "
        "workspace TEXT NOT NULL, role TEXT NOT NULL, label TEXT NOT NULL DEFAULT '', "
        "created TEXT NOT NULL);"
        "CREATE TABLE sessions (hash TEXT PRIMARY KEY, key_id INTEGER NOT NULL "
        "REFERENCES keys(id) ON DELETE CASCADE, created REAL NOT NULL, expires REAL NOT NULL);"
    )
    db.execute(
        "INSERT INTO keys VALUES (7, 'h-viewer', 'demo', 'viewer', 'bestuur', ?)", (CREATED,)
    )
    db.execute("INSERT INTO keys VALUES (9, 'h-server', '*', 'admin', '', ?)", (CREATED,))
    db.execute("INSERT INTO sessions VALUES ('s', 7, 1.0, 9e99)")
    db.commit()
    db.close()
    return path


def test_old_keys_are_copied_once(store: Store, tmp_path: Path) -> None:
    path = old_key_file(tmp_path / "keys.sqlite3")
    assert copy_legacy_keys(store, path) == 2
    viewer, server = store.list_keys()
    assert (viewer.workspace, viewer.role, viewer.label, viewer.created) == (
        "demo",
        "viewer",
        "bestuur",
        CREATED,
    )
    assert store.key_by_hash("h-server") == Key(server.id, "*", "admin", "", CREATED)
    assert store.session_key("s", now=2.0) is None  # sessions are not copied
    assert not path.exists() and (tmp_path / "keys.sqlite3.copied").is_file()
    store.delete_keys(key_id=viewer.id)
    assert copy_legacy_keys(store, path) == 0  # once: a revoked key does not come back
    assert store.key_by_hash("h-viewer") is None


def test_a_key_already_in_the_store_is_not_copied_twice(store: Store, tmp_path: Path) -> None:
    store.add_key("h-viewer", "demo", "viewer", "bestuur", CREATED)
    assert copy_legacy_keys(store, old_key_file(tmp_path / "keys.sqlite3")) == 1
    assert [k.label for k in store.list_keys()] == ["bestuur", ""]
