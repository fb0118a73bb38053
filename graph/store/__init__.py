"""Stores: the contract (:mod:`graph.store.base`) and its backends."""

from __future__ import annotations

from graph.errors import StoreError
from graph.settings import Settings
from graph.store.base import Store, WorkspaceInfo, WriteResult
from graph.store.sqlite import SQLiteStore

__all__ = ["SQLiteStore", "Store", "WorkspaceInfo", "WriteResult", "open_store"]


def open_store(settings: Settings) -> Store:
    """The store the settings name."""
    if settings.store == "sqlite":
        return SQLiteStore(settings.sqlite_path)
    raise StoreError(
        "the Neo4j backend is not available in this version yet; use GRENSWERK_STORE=sqlite"
    )
