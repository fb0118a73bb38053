"""API keys and web sessions in the SQLite store (tables ``api_keys`` and ``sessions``,
added by the store's second migration); mixed into :class:`~graph.store.sqlite.SQLiteStore`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager

from graph.access import Key
from graph.store.datatypes import storable

__all__ = ["SQLiteAccess"]

_KEY_COLUMNS = "k.id, k.workspace, k.role, k.label, k.created"


class SQLiteAccess:
    """The access part of the store contract on SQLite."""

    def _transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError  # provided by SQLiteStore

    def _reading(self, snapshot: bool = False) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError  # provided by SQLiteStore

    def add_key(self, key_hash: str, workspace: str, role: str, label: str, created: str) -> int:
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT INTO api_keys (hash, workspace, role, label, created) "
                "VALUES (?, ?, ?, ?, ?)",
                (key_hash, workspace, role, label, created),
            )
            return int(cursor.lastrowid or 0)

    def _keys(self, where: str, params: tuple[object, ...]) -> Iterator[Key]:
        with self._reading() as db:
            rows = db.execute(
                f"SELECT {_KEY_COLUMNS} FROM api_keys k {where} ORDER BY k.id", params
            ).fetchall()
        return (Key(*row) for row in rows)

    def key_by_hash(self, key_hash: str) -> Key | None:
        return next(self._keys("WHERE k.hash = ?", (key_hash,)), None)

    def list_keys(self, workspace: str | None = None) -> list[Key]:
        if workspace is None:
            return list(self._keys("", ()))
        return list(self._keys("WHERE k.workspace = ?", (workspace,)))

    def delete_keys(self, workspace: str | None = None, key_id: int | None = None) -> int:
        if workspace is None and key_id is None:
            raise ValueError("delete_keys needs a workspace or a key id")
        if not storable(key_id):
            return 0
        where = "(? IS NULL OR id = ?) AND (? IS NULL OR workspace = ?)"
        params = (key_id, key_id, workspace, workspace)
        with self._transaction() as db:
            db.execute(
                f"DELETE FROM sessions WHERE key_id IN (SELECT id FROM api_keys WHERE {where})",
                params,
            )
            return int(db.execute(f"DELETE FROM api_keys WHERE {where}", params).rowcount)

    def add_session(self, session_hash: str, key_id: int, created: float, expires: float) -> None:
        with self._transaction() as db:
            db.execute("DELETE FROM sessions WHERE expires < ?", (created,))
            db.execute(
                "INSERT INTO sessions (hash, key_id, created, expires) VALUES (?, ?, ?, ?)",
                (session_hash, key_id, created, expires),
            )

    def session_key(self, session_hash: str, now: float) -> Key | None:
        with self._reading() as db:
            row = db.execute(
                f"SELECT {_KEY_COLUMNS} FROM sessions s JOIN api_keys k ON k.id = s.key_id "
                "WHERE s.hash = ? AND s.expires > ?",
                (session_hash, now),
            ).fetchone()
        return Key(*row) if row else None

    def delete_session(self, session_hash: str) -> None:
        with self._transaction() as db:
            db.execute("DELETE FROM sessions WHERE hash = ?", (session_hash,))
