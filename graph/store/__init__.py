"""Stores: the contract (:mod:`graph.store.base`) and its backends."""

from __future__ import annotations

import hashlib

from graph.errors import StoreError
from graph.settings import StoreSettings as Settings
from graph.store.base import Store, WorkspaceInfo, WriteResult
from graph.store.sqlite import SQLiteStore

__all__ = [
    "SQLiteStore",
    "Store",
    "WorkspaceInfo",
    "WriteResult",
    "open_location",
    "open_neo4j",
    "open_store",
]


def open_store(settings: Settings) -> Store:
    """The store the settings name."""
    if settings.store == "sqlite":
        return SQLiteStore(settings.sqlite_path, busy_timeout=settings.sqlite_busy_timeout_s)
    return open_neo4j(settings)


def open_neo4j(settings: Settings, uri: str | None = None) -> Store:
    """The Neo4j backend with the settings' credentials (``uri`` overrides theirs)."""
    from graph.store.neo4j import Neo4jStore

    target = uri or settings.neo4j_uri
    if not target:
        raise StoreError("no Neo4j address: set GRENSWERK_NEO4J_URI")
    password = settings.neo4j_password.get_secret_value() if settings.neo4j_password else None
    # graph snapshots of this server and database, beside the embedded store's
    place = hashlib.sha256(f"{target}|{settings.neo4j_database}".encode()).hexdigest()[:16]
    return Neo4jStore(
        target,
        settings.neo4j_user,
        password,
        settings.neo4j_database,
        snapshots=settings.data_dir / "neo4j-snapshots" / place,
        timeout=settings.neo4j_timeout_s,
    )


def open_location(location: str, settings: Settings) -> Store:
    """A store named by a location: ``sqlite:PATH`` or a Neo4j URI
    (``neo4j://``, ``neo4j+s://``, ``bolt://``…)."""
    if location.startswith("sqlite:"):
        path = location.removeprefix("sqlite:")
        if not path:
            raise StoreError("sqlite: needs a path, e.g. sqlite:grenswerk-data/grenswerk.sqlite3")
        return SQLiteStore(path)
    if location.split("://", 1)[0] in (
        "neo4j",
        "neo4j+s",
        "neo4j+ssc",
        "bolt",
        "bolt+s",
        "bolt+ssc",
    ):
        return open_neo4j(settings, location)
    raise StoreError(
        f"unknown store location {location!r}: use sqlite:PATH or a Neo4j URI "
        "such as neo4j://localhost:7687"
    )
