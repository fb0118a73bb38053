"""The SQLite side of the change log and of exact writes (:mod:`graph.store.changelog`):
table ``changes`` (the store's fifth migration), one row per write, and
``change_parts`` (the sixth): the relationship records of a bulk write, stored part by
part while it runs (:meth:`~graph.store.changelog.Recorder.spill`) and put back into
the change when it is read."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence

from graph.changes import ChangeEntry
from graph.model import Node, Relationship
from graph.store.changelog import LogRow, decode_entry, join_parts
from graph.store.codec import Change
from graph.store.datatypes import MAX_STORED_INT, storable
from graph.store.sqlite.upsert import CHUNK, SQLiteUpsertIO
from graph.store.upsert import chunks

__all__ = ["SQLiteWriteIO", "read_changes"]

_COLUMNS = "id, time, actor, role, action, summary"


class SQLiteWriteIO(SQLiteUpsertIO):
    """:class:`SQLiteUpsertIO` with what exact writes and the change log need."""

    def _delete(self, table: str, column: str, ids: Sequence[str | int]) -> None:
        for chunk in chunks(ids, CHUNK):
            marks = ",".join("?" * len(chunk))
            self.db.execute(
                f"DELETE FROM {table} WHERE workspace = ? AND {column} IN ({marks})",
                (self.workspace, *chunk),
            )

    def relationships_touching(self, node_ids: Sequence[str]) -> dict[str, bytes]:
        out: dict[str, bytes] = {}
        for chunk in chunks(node_ids, CHUNK):
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                f"SELECT id, data FROM relationships WHERE workspace = ? AND "
                f"(source IN ({marks}) OR target IN ({marks}))",
                (self.workspace, *chunk, *chunk),
            )
            out.update(rows)
        return out

    def remove_relationships(self, stored: Mapping[str, Relationship]) -> None:
        self._delete("relationships", "id", list(stored))

    def remove_nodes(self, ids: Sequence[str]) -> None:
        self._delete("nodes", "id", ids)

    def put_nodes(self, change: Change[Node]) -> None:
        self._delete("aliases", "node_id", [n.id for n, _ in change.write])
        self.write_nodes(change, lambda _: None)

    def log(self, row: LogRow) -> int:
        cursor = self.db.execute(
            "INSERT INTO changes (workspace, id, time, actor, role, action, summary, data) "
            "SELECT ?, coalesce(max(id), 0) + 1, ?, ?, ?, ?, ?, ? FROM changes WHERE workspace = ? "
            "RETURNING id",
            (
                self.workspace,
                row.time,
                row.actor,
                row.role,
                row.action,
                row.summary,
                row.data,
                self.workspace,
            ),
        )
        return int(cursor.fetchone()[0])

    def next_change_id(self) -> int:
        query = "SELECT coalesce(max(id), 0) + 1 FROM changes WHERE workspace = ?"
        return int(self.db.execute(query, (self.workspace,)).fetchone()[0])

    def log_part(self, change_id: int, part: int, data: bytes) -> None:
        self.db.execute(
            "INSERT INTO change_parts (workspace, change_id, part, data) VALUES (?, ?, ?, ?)",
            (self.workspace, change_id, part, data),
        )

    def log_entries(self) -> list[tuple[int, LogRow]]:
        rows = self.db.execute(
            f"SELECT {_COLUMNS}, data FROM changes WHERE workspace = ? ORDER BY id",
            (self.workspace,),
        ).fetchall()
        parts = _parts(self.db, self.workspace, [r[0] for r in rows])
        return [
            (i, LogRow(time, actor, role, action, summary, join_parts(data, parts.get(i, []))))
            for i, time, actor, role, action, summary, data in rows
        ]

    def rewrite_log(self, rows: list[tuple[int, LogRow]]) -> None:
        """Overwrite these changes, each whole in its row (its parts deleted)."""
        self._delete("change_parts", "change_id", [i for i, _ in rows])
        self.db.executemany(
            "UPDATE changes SET time = ?, actor = ?, role = ?, action = ?, summary = ?, data = ? "
            "WHERE workspace = ? AND id = ?",
            [
                (r.time, r.actor, r.role, r.action, r.summary, r.data, self.workspace, i)
                for i, r in rows
            ],
        )


def read_changes(
    db: sqlite3.Connection,
    workspace: str,
    *,
    since: str | None = None,
    until: str | None = None,
    needles: Sequence[bytes] = (),
    after: int | None = None,
    change_id: int | None = None,
    limit: int = 50,
    offset: int = 0,
    details: bool = False,
) -> list[ChangeEntry]:
    """The changes that match, newest first (``needles``: the data contains one)."""
    if not storable(after, change_id, offset):
        return []  # past SQLite's integers: nothing is there
    limit = min(limit, MAX_STORED_INT)
    where = ["workspace = ?"]
    params: list[object] = [workspace]
    for clause, value in (
        ("time >= ?", since),
        ("time < ?", until),
        ("id > ?", after),
        ("id = ?", change_id),
    ):
        if value is not None:
            where.append(clause)
            params.append(value)
    if needles:  # in the change's row or in one of its parts
        found = " OR ".join("instr(data, ?) > 0" for _ in needles)
        in_parts = " OR ".join("instr(p.data, ?) > 0" for _ in needles)
        where.append(
            f"({found} OR EXISTS (SELECT 1 FROM change_parts p WHERE p.workspace = "
            f"changes.workspace AND p.change_id = changes.id AND ({in_parts})))"
        )
        params.extend([*needles, *needles])
    data = "data" if details else "NULL"
    rows = db.execute(
        f"SELECT {_COLUMNS}, {data} FROM changes WHERE {' AND '.join(where)} "
        "ORDER BY id DESC LIMIT ? OFFSET ?",
        (*params, limit, offset),
    ).fetchall()
    if not details:
        return [decode_entry(*row) for row in rows]
    parts = _parts(db, workspace, [row[0] for row in rows])
    return [
        decode_entry(i, time, actor, role, action, summary, join_parts(data, parts.get(i, [])))
        for i, time, actor, role, action, summary, data in rows
    ]


def _parts(db: sqlite3.Connection, workspace: str, ids: Sequence[int]) -> dict[int, list[bytes]]:
    """The stored parts of the changes among ``ids``, in order, by change."""
    out: dict[int, list[bytes]] = {}
    for chunk in chunks(ids, CHUNK):
        marks = ",".join("?" * len(chunk))
        rows = db.execute(
            f"SELECT change_id, data FROM change_parts WHERE workspace = ? AND change_id "
            f"IN ({marks}) ORDER BY change_id, part",
            (workspace, *chunk),
        )
        for change_id, data in rows:
            out.setdefault(change_id, []).append(data)
    return out
