"""Operations shared by the JSON API, the web pages and the console command (no HTTP,
no Typer here): one code path for each, so the three cannot drift apart."""

from __future__ import annotations

from dataclasses import dataclass

from api.keys import KeyStore
from graph.store.base import Store

__all__ = ["DeletedWorkspace", "delete_workspace"]


@dataclass(frozen=True)
class DeletedWorkspace:
    """What deleting a workspace removed."""

    existed: bool
    keys_revoked: int


def delete_workspace(store: Store, keys: KeyStore, workspace: str) -> DeletedWorkspace:
    """Delete a workspace with everything in it, and revoke its keys (with their
    sessions), so that a workspace made later under the same name is not opened by them.

    >>> from graph.store.sqlite import SQLiteStore
    >>> store, keys = SQLiteStore(":memory:"), KeyStore(SQLiteStore(":memory:"))
    >>> store.create_workspace("roc-x")
    >>> token = keys.create("roc-x", "admin")
    >>> delete_workspace(store, keys, "roc-x")
    DeletedWorkspace(existed=True, keys_revoked=1)
    >>> keys.verify(token) is None
    True
    """
    existed = store.delete_workspace(workspace)
    return DeletedWorkspace(existed=existed, keys_revoked=keys.revoke_workspace(workspace))
