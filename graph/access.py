"""Access to workspaces: API keys with a role each, and the roles' order.

Roles, each with the rights of the ones before it:

* ``viewer``: maps and pages (managers);
* ``analyst``: + analyses, queries and exports (researchers);
* ``editor``: + imports and edits (advisors);
* ``admin``: + the workspace itself and its keys.

A key of workspace :data:`ALL` (``*``) sees every workspace. Keys and web sessions are
stored through the store contract (:class:`graph.store.base.Store`), only as hashes.

>>> key = Key(1, "demo", "analyst", "", "2024-01-01T00:00:00+00:00")
>>> (key.allows("viewer"), key.allows("editor"), key.sees("demo"), key.sees("other"))
(True, False, True, False)
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

__all__ = ["ALL", "ROLES", "SYSTEM", "Actor", "Key", "ShareLink", "hash_token", "new_token"]

ROLES = ("viewer", "analyst", "editor", "admin")
ALL = "*"


@dataclass(frozen=True)
class Key:
    """An API key as stored (never the token itself)."""

    id: int
    workspace: str
    role: str
    label: str
    created: str

    def allows(self, role: str) -> bool:
        """Whether the key's role has the rights of ``role``."""
        return ROLES.index(self.role) >= ROLES.index(role)

    def sees(self, workspace: str) -> bool:
        """Whether the key may reach ``workspace``."""
        return self.workspace in (ALL, workspace)


def new_token(prefix: str = "") -> str:
    """A new random token of 256 bits (``secrets.token_urlsafe(32)``), after ``prefix``.

    Keys, sessions and share links all use it; only :func:`hash_token` of it is stored.

    >>> len(new_token("gw_")) > 40
    True
    """
    return prefix + secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """The SHA-256 hash under which a token is stored (the tokens are 256 random bits,
    so a fast hash suffices).

    >>> hash_token("x") == hash_token("x") != hash_token("y")
    True
    """
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class ShareLink:
    """A share link as stored (never its token): it opens the read-only pages of one
    workspace, as a viewer sees them, until ``expires`` (ISO 8601, UTC).

    >>> link = ShareLink(1, "demo", "", ("https://intranet.example",),
    ...                  "2026-01-01T00:00:00+00:00", "2026-01-08T00:00:00+00:00")
    >>> link.expired(datetime.fromisoformat("2026-01-08T00:00:00+00:00"))
    True
    """

    id: int
    workspace: str
    label: str
    origins: tuple[str, ...]
    created: str
    expires: str

    def expired(self, now: datetime) -> bool:
        """Whether the link has expired at ``now`` (an aware datetime)."""
        return datetime.fromisoformat(self.expires) <= now


@dataclass(frozen=True)
class Actor:
    """Who makes a write, as the change log records it: a key's label and role.

    ``note`` says through what the write came (``"import demo.xlsx"``, ``"api"``…).

    >>> Actor.of(Key(3, "demo", "editor", "Anna (adviseur)", "2024-01-01"), "api")
    Actor(label='Anna (adviseur)', role='editor', note='api')
    """

    label: str
    role: str
    note: str = ""

    @classmethod
    def of(cls, key: Key, note: str = "") -> Actor:
        """The actor of a key (its label, or ``key <id>`` when it has none)."""
        return cls(key.label or f"key {key.id}", key.role, note)


#: Writes made from the console (``grenswerk import``, ``forget``…) or with no actor.
SYSTEM = Actor("console", "system")
