"""The SQLite bulk write: relationships in their stored form
(:class:`~graph.store.upsert.EncodedRelationships`, as the bulk import path makes them)
written by range scans, with the relationships table's indexes rebuilt once and the
change log spilled part by part (:meth:`~graph.store.changelog.Recorder.spill`)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from itertools import repeat

from graph.model import Node, Relationship
from graph.store.changelog import Recorder
from graph.store.codec import count_nodes, diff
from graph.store.datatypes import WriteResult
from graph.store.sqlite.log import SQLiteWriteIO
from graph.store.sqlite.upsert import SQLiteUpsertIO
from graph.store.upsert import EncodedRelationships, Step, check_ends, write_batch

__all__ = ["BATCH", "BULK_CACHE_KIB", "write_encoded"]

#: the page cache of a bulk write into an empty workspace (``PRAGMA cache_size``: a
#: negative number is KiB), instead of the store's larger one
BULK_CACHE_KIB = -65_536
#: relationships compared, written and logged per batch of a bulk write
BATCH = 10_000


def write_encoded(
    io: SQLiteWriteIO,
    nodes: dict[str, Node],
    rels: EncodedRelationships,
    step: Step,
    rec: Recorder | None = None,
) -> WriteResult:
    """:func:`graph.store.upsert.write` for relationships in their stored form: new ones
    are inserted as they are, stored ones with the same form count as unchanged, and
    only the others are decoded and merged by the shared rules
    (:func:`graph.store.upsert.write_batch`).

    Into a workspace without relationships, a write that at least doubles the table
    drops its secondary indexes and builds them again after the rows are in (sorting
    once is cheaper than growing three B-trees row by row); all inside the caller's
    transaction, so a failure leaves them as they were.

    Raises
    ------
    StoreError
        A relationship end that names no node, or a type change the stored ends do not
        allow (the caller's transaction is rolled back).
    """
    workspace = io.workspace
    result = WriteResult()
    io.ensure_workspace()
    change = diff(nodes, io.stored_nodes(list(nodes)), workspace)
    count_nodes(result, change)
    if rec is not None:
        rec.change("nodes", change)
    io.write_nodes(change, step)
    if change.unchanged:
        step(change.unchanged)
    check_ends(io, workspace, nodes, (*rels.sources, *rels.targets))
    stored_any = io.has_relationships()
    indexes: list[tuple[str, str]] = []
    cache = int(io.db.execute("PRAGMA cache_size").fetchone()[0])
    if not stored_any and len(rels) >= _table_rows(io.db):
        indexes = io.secondary_indexes()
        for name, _ in indexes:
            io.db.execute(f'DROP INDEX "{name}"')
        # rows appended in key order and indexes built by sorting need no large page
        # cache (measured at 500 000 ties: 200 MB less, no slower)
        io.db.execute(f"PRAGMA cache_size = {max(cache, BULK_CACHE_KIB)}")
    try:
        order = sorted(range(len(rels)), key=rels.ids.__getitem__)
        columns = _in_order(rels, order)
        for start in range(0, len(order), BATCH):
            batch = _Batch(order, columns, start, min(start + BATCH, len(order)))
            _write_encoded_batch(io, rels, batch, stored_any, result, step, rec)
            if rec is not None:  # the batch's log records to the store, not kept
                rec.spill(io)
        for _, create in indexes:
            io.db.execute(create)
    finally:
        io.db.execute(f"PRAGMA cache_size = {cache}")
    result.version = io.version(bump=result.changed)
    return result


def _table_rows(db: sqlite3.Connection) -> int:
    return int(db.execute("SELECT count(*) FROM relationships").fetchone()[0])


#: the columns of :class:`~graph.store.upsert.EncodedRelationships` a write reads, each
#: in id order: ids, types, sources, targets, stored forms
_Columns = tuple[Sequence[str], Sequence[str], Sequence[str], Sequence[str], Sequence[bytes]]


def _in_order(rels: EncodedRelationships, order: list[int]) -> _Columns:
    """Each column of ``rels`` taken in ``order`` (a C-level pass per column instead of
    a tuple built per row in Python)."""
    return (
        list(map(rels.ids.__getitem__, order)),
        list(map(rels.types.__getitem__, order)),
        list(map(rels.sources.__getitem__, order)),
        list(map(rels.targets.__getitem__, order)),
        list(map(rels.data.__getitem__, order)),
    )


class _Batch:
    """Rows ``start`` to ``stop`` of the columns in id order, and their indexes into the
    relationships (``order``)."""

    def __init__(self, order: list[int], columns: _Columns, start: int, stop: int) -> None:
        self.indexes = order[start:stop]
        ids, types, sources, targets, data = columns
        self.ids, self.types = ids[start:stop], types[start:stop]
        self.sources, self.targets = sources[start:stop], targets[start:stop]
        self.data = data[start:stop]

    def rows(self, workspace: str) -> list[tuple[str, str, str, str, str, bytes]]:
        """Every row of the batch as the relationships table takes it."""
        return list(
            zip(repeat(workspace), self.ids, self.types, self.sources, self.targets, self.data)
        )


def _write_encoded_batch(
    io: SQLiteUpsertIO,
    rels: EncodedRelationships,
    batch: _Batch,
    stored_any: bool,
    result: WriteResult,
    step: Step,
    rec: Recorder | None = None,
) -> None:
    """One batch (in id order) of :func:`write_encoded`; new relationships go to the
    change log in their stored form, changed ones through
    :func:`~graph.store.upsert.write_batch`."""
    ws = io.workspace
    stored = io.stored_range(batch.ids) if stored_any else {}
    new: list[tuple[str, str, str, str, str, bytes]] = []
    changed: dict[str, Relationship] = {}
    unchanged = 0
    if not stored:  # nothing of the batch is stored yet: all of it is new
        new = batch.rows(ws)
    else:
        for row, i in zip(batch.rows(ws), batch.indexes, strict=True):
            before = stored.get(row[1])
            if before is None:
                new.append(row)
            elif before == row[5]:
                unchanged += 1
            else:
                changed[row[1]] = rels[i]
    if rec is not None:
        created = zip(batch.ids, batch.types, batch.sources, batch.targets, strict=True)
        rec.relationships_created(list(created) if not stored else [row[1:5] for row in new])
    io.insert_encoded(new)
    result.relationships_created += len(new)
    result.relationships_unchanged += unchanged
    step(len(new) + unchanged)
    if changed:
        existing = {i: stored[i] for i in changed}
        write_batch(io, ws, changed, existing, result, step, rec.change if rec else None)
