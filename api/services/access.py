"""Access: opening the key store, deleting a workspace with its keys, and checking that
a workspace exists (one code path for the API, the pages and the console command)."""

from __future__ import annotations

from dataclasses import dataclass

from api.config import Settings
from api.keys import KeyStore
from graph.access import ALL, ROLES, Key
from graph.errors import GrenswerkError, NotFound
from graph.store.base import Store
from graph.store.legacy_keys import copy_legacy_keys

__all__ = [
    "DeletedWorkspace",
    "create_key",
    "delete_workspace",
    "list_keys",
    "open_keys",
    "require_workspace",
    "revoke_key",
]


def open_keys(settings: Settings, store: Store) -> KeyStore:
    """The keys, kept in ``store`` (the one place they are opened). Keys of an older
    Grenswerk, kept in ``keys.sqlite3`` in the data folder, are copied in once."""
    copy_legacy_keys(store, settings.data_dir / "keys.sqlite3")
    return KeyStore(store)


def require_workspace(store: Store, workspace: str) -> None:
    """Raise :class:`NotFound` naming the workspaces there are, unless
    ``workspace`` is one of them."""
    if workspace not in {w.name for w in store.workspaces()}:
        names = ", ".join(w.name for w in store.workspaces()) or "none yet"
        raise NotFound(f"no workspace {workspace!r} (workspaces: {names})")


def create_key(store: Store, keys: KeyStore, workspace: str, role: str, label: str = "") -> str:
    """A new key of ``workspace`` (:data:`~graph.access.ALL`: a server key) with ``role``
    and ``label``; the token, returned once (the console's ``keys create`` and the key
    management page alike). Bad input raises :class:`GrenswerkError` and stores nothing.
    """
    if role not in ROLES:
        raise GrenswerkError(f"role: unknown role {role!r}; use one of {', '.join(ROLES)}")
    if len(label) > 200 or any(ord(c) < 32 for c in label):
        raise GrenswerkError("label: at most 200 characters, on one line")
    if workspace != ALL:
        require_workspace(store, workspace)
    return keys.create(workspace, role, label.strip())


def list_keys(keys: KeyStore, workspace: str | None = None) -> list[Key]:
    """The keys of one workspace (``None``: all), by id; never the tokens."""
    return keys.list(workspace)


def revoke_key(keys: KeyStore, key_id: int, workspace: str | None = None) -> None:
    """Revoke a key (of ``workspace``, when given) with its sessions; :class:`NotFound`
    if there is none."""
    if not keys.revoke(key_id, workspace):
        where = " in this workspace" if workspace else ""
        raise NotFound(f"no key {key_id}{where}")


@dataclass(frozen=True)
class DeletedWorkspace:
    """What deleting a workspace removed."""

    existed: bool
    keys_revoked: int
    share_links_revoked: int = 0
    views_deleted: int = 0


def delete_workspace(store: Store, keys: KeyStore, workspace: str) -> DeletedWorkspace:
    """Delete a workspace with everything in it, and revoke its keys (with their
    sessions) and share links and delete its saved views, so that a workspace made later
    under the same name is not opened by them.

    >>> from graph.store.sqlite import SQLiteStore
    >>> store = SQLiteStore(":memory:")
    >>> keys = KeyStore(store)
    >>> store.create_workspace("roc-x")
    >>> token = keys.create("roc-x", "admin")
    >>> delete_workspace(store, keys, "roc-x")
    DeletedWorkspace(existed=True, keys_revoked=1, share_links_revoked=0, views_deleted=0)
    >>> keys.verify(token) is None
    True
    """
    existed = store.delete_workspace(workspace)
    return DeletedWorkspace(
        existed=existed,
        keys_revoked=keys.revoke_workspace(workspace),
        share_links_revoked=keys.store.delete_share_links(workspace),
        views_deleted=store.delete_views(workspace),
    )
