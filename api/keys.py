"""API keys: one workspace (or all, ``*``) and a role each, stored hashed.

Roles, each with the rights of the ones before it:

* ``viewer``: maps and pages (managers);
* ``analyst``: + analyses, queries and exports (researchers);
* ``editor``: + imports and edits (advisors);
* ``admin``: + the workspace itself and its keys.

A key is shown once, when it is made; only its SHA-256 hash is kept (the keys are
256 random bits, so a fast hash suffices). Keys live in their own small SQLite file
beside the data, whichever store holds the graph.

The web pages log in with a key and get a **session**: a random id of its own (never
the key), kept here only as its hash, expiring, ended on logout and with its key.

>>> keys = KeyStore(":memory:")
>>> token = keys.create("demo", "analyst")
>>> found = keys.verify(token)
>>> (found.workspace, found.role, found.allows("viewer"), found.allows("editor"))
('demo', 'analyst', True, False)
>>> keys.verify("gw_wrong") is None
True
>>> session = keys.create_session(found, lifetime_s=3600)
>>> keys.session_key(session).role
'analyst'
>>> keys.end_session(session)
>>> keys.session_key(session) is None
True
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
import threading
import time
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
        self._db.execute("PRAGMA foreign_keys = ON")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS keys (id INTEGER PRIMARY KEY, hash TEXT UNIQUE NOT NULL, "
            "workspace TEXT NOT NULL, role TEXT NOT NULL, label TEXT NOT NULL DEFAULT '', "
            "created TEXT NOT NULL)"
        )
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS sessions (hash TEXT PRIMARY KEY, "
            "key_id INTEGER NOT NULL REFERENCES keys(id) ON DELETE CASCADE, "
            "created REAL NOT NULL, expires REAL NOT NULL)"
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
        """Revoke a key and end its sessions."""
        query = "DELETE FROM keys WHERE id = ?"
        params: tuple[object, ...] = (key_id,)
        if workspace is not None:
            query += " AND workspace = ?"
            params = (key_id, workspace)
        with self._lock:
            self._db.execute("BEGIN")
            gone = self._db.execute(query, params).rowcount > 0
            if gone:
                self._db.execute("DELETE FROM sessions WHERE key_id = ?", (key_id,))
            self._db.execute("COMMIT")
        return gone

    def revoke_workspace(self, workspace: str) -> int:
        """Revoke every key of a workspace (and end their sessions); how many went."""
        with self._lock:
            self._db.execute("BEGIN")
            self._db.execute(
                "DELETE FROM sessions WHERE key_id IN (SELECT id FROM keys WHERE workspace = ?)",
                (workspace,),
            )
            count = self._db.execute("DELETE FROM keys WHERE workspace = ?", (workspace,)).rowcount
            self._db.execute("COMMIT")
        return int(count)

    # -- sessions of the web pages --------------------------------------------------

    def create_session(self, key: Key, lifetime_s: float) -> str:
        """A new session for ``key``; the id is returned once and only its hash kept."""
        token = secrets.token_urlsafe(32)
        now = time.time()
        with self._lock:
            self._db.execute("DELETE FROM sessions WHERE expires < ?", (now,))
            self._db.execute(
                "INSERT INTO sessions (hash, key_id, created, expires) VALUES (?, ?, ?, ?)",
                (_hash(token), key.id, now, now + lifetime_s),
            )
        return token

    def session_key(self, token: str | None) -> Key | None:
        """The key of a live session, or ``None`` (unknown, ended or expired)."""
        if not token:
            return None
        with self._lock:
            row = self._db.execute(
                "SELECT k.id, k.workspace, k.role, k.label, k.created FROM sessions s "
                "JOIN keys k ON k.id = s.key_id WHERE s.hash = ? AND s.expires > ?",
                (_hash(token), time.time()),
            ).fetchone()
        return Key(*row) if row else None

    def end_session(self, token: str | None) -> None:
        """End a session (logout); unknown ids are ignored."""
        if token:
            with self._lock:
                self._db.execute("DELETE FROM sessions WHERE hash = ?", (_hash(token),))

    def close(self) -> None:
        self._db.close()
