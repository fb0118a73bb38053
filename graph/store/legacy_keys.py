"""The upgrade from a separate key file: before keys lived in the store, they lived in
``keys.sqlite3`` beside the data. :func:`copy_legacy_keys` copies them into the store
once and renames the old file, so a key revoked later never comes back from it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from graph.errors import StoreError
from graph.store.base import Store

__all__ = ["copy_legacy_keys"]


def copy_legacy_keys(store: Store, path: str | Path) -> int:
    """Copy the keys of an old ``keys.sqlite3`` into ``store`` (hashes, roles, labels and
    creation times; sessions are not copied: users log in again).

    The file is renamed to ``keys.sqlite3.copied`` afterwards; a key whose hash the store
    already has is skipped. Nothing happens when the file does not exist.

    Parameters
    ----------
    store
        The store the keys go to.
    path
        The old key file.

    Returns
    -------
    int
        How many keys were copied.

    Examples
    --------
    >>> from graph.store.sqlite import SQLiteStore
    >>> copy_legacy_keys(SQLiteStore(":memory:"), "/nonexistent/keys.sqlite3")
    0
    """
    source = Path(path)
    if not source.is_file():
        return 0
    try:
        with sqlite3.connect(source) as db:
            rows = db.execute(
                "SELECT hash, workspace, role, label, created FROM keys ORDER BY id"
            ).fetchall()
        db.close()
    except sqlite3.Error as exc:
        raise StoreError(f"cannot read the old key file {source}: {exc}") from exc
    copied = 0
    for key_hash, workspace, role, label, created in rows:
        if store.key_by_hash(key_hash) is None:
            store.add_key(key_hash, workspace, role, label, created)
            copied += 1
    source.rename(source.with_name(source.name + ".copied"))
    return copied
