"""API keys and web sessions: a thin facade over the store (:mod:`graph.access` has the
roles; the store keeps keys and sessions through its contract, both backends alike).

A key is shown once, when it is made; only its SHA-256 hash is kept (the keys are
256 random bits, so a fast hash suffices). Keys live in the store with the graph
(before, they lived in ``keys.sqlite3`` beside the data; those are copied into the store
once, see :func:`graph.store.legacy_keys.copy_legacy_keys`).

The web pages log in with a key and get a **session**: a random id of its own (never
the key), kept only as its hash, expiring, ended on logout and with its key.

>>> from graph.store.sqlite import SQLiteStore
>>> keys = KeyStore(SQLiteStore(":memory:"))
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

import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from graph.access import ALL, ROLES, Key, ShareLink, hash_token, new_token
from graph.errors import GrenswerkError
from graph.model import validate_workspace
from graph.store.base import Store

__all__ = ["ALL", "ROLES", "Key", "KeyStore"]


def _hash(token: str) -> str:
    return hash_token(token)


class KeyStore:
    """Keys and sessions in a store; ``close_store`` closes the store with the facade."""

    def __init__(self, store: Store, *, close_store: bool = False) -> None:
        self.store = store
        self._close_store = close_store

    def create(self, workspace: str, role: str, label: str = "") -> str:
        """A new key; the token is returned once and never stored."""
        if role not in ROLES:
            raise GrenswerkError(f"unknown role {role!r}; use one of {', '.join(ROLES)}")
        if workspace != ALL:
            validate_workspace(workspace)
        token = new_token("gw_")
        self.store.add_key(_hash(token), workspace, role, label, datetime.now(UTC).isoformat())
        return token

    def verify(self, token: str | None) -> Key | None:
        """The key of a token, or ``None``."""
        return self.store.key_by_hash(_hash(token)) if token else None

    def list(self, workspace: str | None = None) -> list[Key]:
        """The keys of one workspace, or all, by id."""
        return self.store.list_keys(workspace)

    def revoke(self, key_id: int, workspace: str | None = None) -> bool:
        """Revoke a key and end its sessions."""
        return self.store.delete_keys(workspace, key_id=key_id) > 0

    def revoke_workspace(self, workspace: str) -> int:
        """Revoke every key of a workspace (and end their sessions); how many went."""
        return self.store.delete_keys(workspace)

    # -- sessions of the web pages --------------------------------------------------

    def create_session(self, key: Key, lifetime_s: float) -> str:
        """A new session for ``key``; the id is returned once and only its hash kept."""
        token = new_token()
        now = time.time()
        self.store.add_session(_hash(token), key.id, now, now + lifetime_s)
        return token

    def session_key(self, token: str | None) -> Key | None:
        """The key of a live session, or ``None`` (unknown, ended or expired)."""
        return self.store.session_key(_hash(token), time.time()) if token else None

    def end_session(self, token: str | None) -> None:
        """End a session (logout); unknown ids are ignored."""
        if token:
            self.store.delete_session(_hash(token))

    # -- share links: read-only pages of one workspace without a key -----------------

    def create_share_link(
        self,
        workspace: str,
        lifetime: timedelta,
        origins: Sequence[str] = (),
        label: str = "",
    ) -> tuple[ShareLink, str]:
        """A new share link and its token (returned once; only its hash is kept)."""
        token = new_token("sh_")
        now = datetime.now(UTC).replace(microsecond=0)
        created, expires = now.isoformat(), (now + lifetime).isoformat()
        link_id = self.store.add_share_link(
            _hash(token), workspace, label, list(origins), created, expires
        )
        return ShareLink(link_id, workspace, label, tuple(origins), created, expires), token

    def share_link(self, token: str | None) -> ShareLink | None:
        """The share link of a token, expired or not (``None``: unknown or revoked)."""
        return self.store.share_link_by_hash(_hash(token)) if token else None

    def close(self) -> None:
        """Close the store, if the facade was given it to close."""
        if self._close_store:
            self.store.close()
