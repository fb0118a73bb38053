"""API keys: one workspace (or all, ``*``) and a role each, stored hashed.

Roles, each with the rights of the ones before it:

* ``viewer``: maps and pages (managers);
* ``analyst``: + analyses, queries and exports (researchers);
* ``editor``: + imports and edits (advisors);
* ``admin``: + the workspace itself and its keys.

A key is shown once, when it is made; only its SHA-256 hash is kept (the keys are
256 random bits, so a fast hash suffices). Keys live in their own small SQLite file
beside the data, whichever store holds the graph.

>>> keys = KeyStore(":memory:")
>>> token = keys.create("demo", "analyst")
>>> found = keys.verify(token)
>>> (found.workspace, found.role, found.allows("viewer"), found.allows("editor"))
('demo', 'analyst', True, False)
>>> keys.verify("gw_wrong") is None
True
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from graph.errors import GrenswerkError
from graph.model import validate_workspace

__all__ = ["ALL", "ROLES", "Key", "KeyStore"]

ROLES = ("viewer", "analyst", "editor", "admin")
ALL = "*"


@dataclass(frozen=True)
class Key:
    id: int
    workspace: str
    role: str
    label: str
    created: str

    def allows(self, role: str) -> bool:
        return ROLES.index(self.role) >= ROLES.index(role)

    def sees(self, workspace: str) -> bool:
        return self.workspace in (ALL, workspace)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class KeyStore:
    """Keys in an SQLite file (``:memory:`` for tests)."""

    def __init__(self, path: str | Path) -> None:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._lock = threading.Lock()
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS keys (id INTEGER PRIMARY KEY, hash TEXT UNIQUE NOT NULL, "
            "workspace TEXT NOT NULL, role TEXT NOT NULL, label TEXT NOT NULL DEFAULT '', "
            "created TEXT NOT NULL)"
        )

    def create(self, workspace: str, role: str, label: str = "") -> str:
        """A new key; the token is returned once and never stored."""
        if role not in ROLES:
            raise GrenswerkError(f"unknown role {role!r}; use one of {', '.join(ROLES)}")
        if workspace != ALL:
            validate_workspace(workspace)
        token = f"gw_{secrets.token_urlsafe(32)}"
        with self._lock:
            self._db.execute(
                "INSERT INTO keys (hash, workspace, role, label, created) VALUES (?, ?, ?, ?, ?)",
                (_hash(token), workspace, role, label, datetime.now(UTC).isoformat()),
            )
        return token

    def verify(self, token: str | None) -> Key | None:
        if not token:
            return None
        with self._lock:
            row = self._db.execute(
                "SELECT id, workspace, role, label, created FROM keys WHERE hash = ?",
                (_hash(token),),
            ).fetchone()
        return Key(*row) if row else None

    def list(self, workspace: str | None = None) -> list[Key]:
        query = "SELECT id, workspace, role, label, created FROM keys"
        params: tuple[str, ...] = ()
        if workspace is not None:
            query += " WHERE workspace = ?"
            params = (workspace,)
        with self._lock:
            return [Key(*row) for row in self._db.execute(query + " ORDER BY id", params)]

    def revoke(self, key_id: int, workspace: str | None = None) -> bool:
        query = "DELETE FROM keys WHERE id = ?"
        params: tuple[object, ...] = (key_id,)
        if workspace is not None:
            query += " AND workspace = ?"
            params = (key_id, workspace)
        with self._lock:
            return self._db.execute(query, params).rowcount > 0

    def revoke_workspace(self, workspace: str) -> None:
        with self._lock:
            self._db.execute("DELETE FROM keys WHERE workspace = ?", (workspace,))

    def close(self) -> None:
        self._db.close()
