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

from dataclasses import dataclass

__all__ = ["ALL", "ROLES", "SYSTEM", "Actor", "Key"]

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
