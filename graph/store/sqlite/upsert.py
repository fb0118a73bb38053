"""The SQLite side of the one upsert (:mod:`graph.store.upsert`): reading and writing
rows on the store's writing connection, and the workspace's version counter. The bulk
write of relationships in their stored form is :mod:`graph.store.sqlite.bulk`; what
exact writes and the change log add is :mod:`graph.store.sqlite.log`."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from graph.model import Node, NodeKind, Relationship, normalise, validate_workspace
from graph.store.codec import Change
from graph.store.upsert import Step, chunks

__all__ = [
    "CHUNK",
    "SQLiteUpsertIO",
    "bump_version",
    "ensure_workspace",
    "version_of",
]

CHUNK = 500  # ids per IN (...) query, below SQLite's variable limit


def ensure_workspace(db: sqlite3.Connection, workspace: str) -> None:
    """Create the workspace's row if it is missing."""
    db.execute(
        "INSERT OR IGNORE INTO workspaces (name, version, created) VALUES (?, 0, ?)",
        (validate_workspace(workspace), datetime.now(UTC).isoformat()),
    )


def bump_version(db: sqlite3.Connection, workspace: str) -> int:
    """Raise the workspace's version by one; the new version."""
    db.execute("UPDATE workspaces SET version = version + 1 WHERE name = ?", (workspace,))
    return version_of(db, workspace)


def version_of(db: sqlite3.Connection, workspace: str) -> int:
    """The workspace's version (0 if there is none)."""
    row = db.execute("SELECT version FROM workspaces WHERE name = ?", (workspace,)).fetchone()
    return int(row[0]) if row else 0


def _select(
    db: sqlite3.Connection, columns: str, table: str, workspace: str, ids: Sequence[str]
) -> Iterator[tuple[Any, ...]]:
    """Rows of ``table`` for the ids among ``ids`` (in chunks below SQLite's limit)."""
    for chunk in chunks(ids, CHUNK):
        marks = ",".join("?" * len(chunk))
        query = f"SELECT {columns} FROM {table} WHERE workspace = ? AND id IN ({marks})"
        yield from db.execute(query, (workspace, *chunk))


class SQLiteUpsertIO:
    """The SQLite side of :func:`graph.store.upsert.write`, on the writing connection."""

    relationship_batch: int | None = 10_000

    def __init__(self, db: sqlite3.Connection, workspace: str) -> None:
        self.db, self.workspace = db, workspace

    def ensure_workspace(self) -> None:
        ensure_workspace(self.db, self.workspace)

    def stored_nodes(self, ids: Sequence[str]) -> dict[str, bytes]:
        return dict(_select(self.db, "id, data", "nodes", self.workspace, ids))

    def write_nodes(self, change: Change[Node], step: Step) -> None:
        ws = self.workspace
        rows = sorted((ws, n.id, n.kind.value, normalise(n.name), d) for n, d in change.write)
        for batch in chunks(rows, 10_000):
            self.db.executemany(
                "INSERT INTO nodes (workspace, id, kind, norm, data) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (workspace, id) DO UPDATE SET kind = excluded.kind, "
                "norm = excluded.norm, data = excluded.data",
                batch,
            )
            step(len(batch))
        self.db.executemany(
            "INSERT OR IGNORE INTO aliases (workspace, node_id, norm) VALUES (?, ?, ?)",
            [(ws, n.id, normalise(alias)) for n, _ in change.write for alias in n.aliases],
        )

    def missing_nodes(self, ids: Sequence[str]) -> list[str]:
        found = {row[0] for row in _select(self.db, "id", "nodes", self.workspace, ids)}
        return [i for i in ids if i not in found]

    def stored_relationships(self, ids: Sequence[str]) -> dict[str, bytes]:
        return dict(_select(self.db, "id, data", "relationships", self.workspace, ids))

    def node_kinds(self, ids: Sequence[str]) -> dict[str, NodeKind]:
        rows = _select(self.db, "id, kind", "nodes", self.workspace, ids)
        return {i: NodeKind(k) for i, k in rows}

    def retype(self, moved: list[tuple[Relationship, Relationship]]) -> None:
        """Nothing to prepare: the row's type column is overwritten."""

    def write_relationships(self, change: Change[Relationship], step: Step) -> None:
        self.db.executemany(
            "INSERT INTO relationships (workspace, id, type, source, target, data) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (workspace, id) DO UPDATE SET "
            "type = excluded.type, data = excluded.data",
            [
                (self.workspace, r.id, r.type.value, r.source, r.target, data)
                for r, data in change.write
            ],
        )
        step(len(change.write))

    def version(self, bump: bool) -> int:
        if bump:
            return bump_version(self.db, self.workspace)
        return version_of(self.db, self.workspace)

    # -- the bulk path: relationships in their stored form ----------------------------

    def has_relationships(self) -> bool:
        """Whether the workspace has any relationship stored."""
        query = "SELECT 1 FROM relationships WHERE workspace = ? LIMIT 1"
        return self.db.execute(query, (self.workspace,)).fetchone() is not None

    def stored_range(self, ids: Sequence[str]) -> dict[str, bytes]:
        """The stored forms of the relationships among ``ids`` (sorted), read with one
        range scan of the primary key instead of one look-up per id."""
        wanted = set(ids)
        query = "SELECT id, data FROM relationships WHERE workspace = ? AND id BETWEEN ? AND ?"
        rows = self.db.execute(query, (self.workspace, ids[0], ids[-1]))
        return {i: d for i, d in rows if i in wanted}

    def secondary_indexes(self) -> list[tuple[str, str]]:
        """(name, CREATE statement) of the relationships table's own indexes."""
        query = (
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
            "AND tbl_name = 'relationships' AND sql IS NOT NULL ORDER BY name"
        )
        return [(str(n), str(q)) for n, q in self.db.execute(query)]

    def insert_encoded(self, rows: list[tuple[str, str, str, str, str, bytes]]) -> None:
        """Insert relationships that are not stored yet, in their stored form."""
        self.db.executemany(
            "INSERT INTO relationships (workspace, id, type, source, target, data) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
