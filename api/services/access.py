"""Access: opening the key store, deleting a workspace with its keys, and checking that
a workspace exists (one code path for the API, the pages and the console command)."""

from __future__ import annotations

from dataclasses import dataclass

from api.config import Settings
from api.keys import KeyStore
from graph.errors import NotFound
from graph.store.base import Store
from graph.store.legacy_keys import copy_legacy_keys

__all__ = ["DeletedWorkspace", "delete_workspace", "open_keys", "require_workspace"]


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


@dataclass(frozen=True)
class DeletedWorkspace:
    """What deleting a workspace removed."""

    existed: bool
    keys_revoked: int


def delete_workspace(store: Store, keys: KeyStore, workspace: str) -> DeletedWorkspace:
    """Delete a workspace with everything in it, and revoke its keys (with their
    sessions), so that a workspace made later under the same name is not opened by them.

    >>> from graph.store.sqlite import SQLiteStore
    >>> store = SQLiteStore(":memory:")
    >>> keys = KeyStore(store)
    >>> store.create_workspace("roc-x")
    >>> token = keys.create("roc-x", "admin")
    >>> delete_workspace(store, keys, "roc-x")
    DeletedWorkspace(existed=True, keys_revoked=1)
    >>> keys.verify(token) is None
    True
    """
    existed = store.delete_workspace(workspace)
    return DeletedWorkspace(existed=existed, keys_revoked=keys.revoke_workspace(workspace))
