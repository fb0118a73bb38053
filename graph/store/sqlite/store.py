"""The embedded store: one SQLite file, WAL mode, versioned schema.

Every upsert runs in one transaction (``BEGIN IMMEDIATE`` … ``COMMIT``), so an
import is all-or-nothing. The schema version is SQLite's ``user_version``;
:data:`MIGRATIONS` brings an older file up to date when it is opened.

Readers never wait for writers: writes go through one connection (one writer at a time,
as SQLite allows), reads through a connection per thread, which WAL lets read the last
committed state while a write is under way. A write that cannot get the database within
``busy_timeout`` seconds (another process is writing) raises
:class:`~graph.errors.StoreBusy` and changes nothing. A ``:memory:`` store has one
connection for everything.

This module holds the connections, the migrations and the writes; the reads, the
loading of a workspace's graph among them, are :mod:`graph.store.sqlite.reads`.
"""

from __future__ import annotations

import math
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TypeGuard

from graph.access import Actor
from graph.changes import Replacement
from graph.errors import StoreBusy, StoreError
from graph.merge import merge_node
from graph.model import Node, Relationship
from graph.store.changelog import Recorder, apply_write, merge_write
from graph.store.codec import unique
from graph.store.datatypes import Progress, StoreCapabilities, WriteResult
from graph.store.snapshot import Snapshots
from graph.store.sqlite.access import SQLiteAccess
from graph.store.sqlite.bulk import write_encoded
from graph.store.sqlite.log import SQLiteWriteIO
from graph.store.sqlite.reads import SQLiteReads
from graph.store.sqlite.schema import MIGRATIONS
from graph.store.sqlite.sharing import SQLiteSharing
from graph.store.sqlite.surveys import SQLiteSurveys
from graph.store.sqlite.upsert import ensure_workspace
from graph.store.upsert import EncodedRelationships, prepare, write
from graph.store.write_rules import check_workspace

__all__ = ["MIGRATIONS", "SQLiteStore"]


def _encoded(
    relationships: Sequence[Relationship], workspace: str
) -> TypeGuard[EncodedRelationships]:
    """Whether the relationships can be written in their stored form as they are (of
    this workspace, each id once); others go through the model objects."""
    return (
        isinstance(relationships, EncodedRelationships)
        and relationships.workspace == workspace
        and len(set(relationships.ids)) == len(relationships)
    )


class SQLiteStore(SQLiteReads, SQLiteAccess, SQLiteSurveys, SQLiteSharing):
    """The store on one SQLite file (``:memory:`` for a throw-away store)."""

    #: no Cypher; readers run beside the one writer (WAL)
    capabilities = StoreCapabilities(cypher=False, concurrent_readers=True)

    def __init__(
        self, path: str | Path, *, busy_timeout: float = 5.0, snapshots: bool = True
    ) -> None:
        self.path = str(path)
        self.busy_timeout = busy_timeout
        self._memory = self.path == ":memory:"
        #: graphs kept beside the file, per workspace version (graph/store/snapshot.py)
        self.snapshots = (
            Snapshots(Path(self.path + ".snapshots")) if snapshots and not self._memory else None
        )
        try:
            if not self._memory:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._db = self._connect()
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot open the store at {self.path}: {exc}") from exc
        self._lock = threading.RLock()  # one writer at a time in this process
        self._local = threading.local()  # each thread's reading connection
        self._readers: list[sqlite3.Connection] = []
        self._readers_lock = threading.Lock()
        self._closed = False
        self._db.execute("PRAGMA journal_mode = WAL")
        # a large page cache makes bulk inserts into the indexes several times faster;
        # SQLite takes the memory only as it needs it
        self._db.execute("PRAGMA cache_size = -262144")
        self._migrate()

    # -- plumbing -----------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(
            self.path, isolation_level=None, check_same_thread=False, timeout=self.busy_timeout
        )
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA synchronous = NORMAL")
        return db

    def _busy(self) -> StoreBusy:
        return StoreBusy(
            f"the store is busy: another write (perhaps an import in another process) holds "
            f"{self.path}; nothing was written, try again in a moment",
            retry_after=max(1, math.ceil(self.busy_timeout)),
        )

    def _refuse_if_closed(self) -> None:
        if self._closed:  # a thread's reader would otherwise open the file again
            raise StoreError(f"the store at {self.path} is closed")

    @contextmanager
    def _reading(self, snapshot: bool = False) -> Iterator[sqlite3.Connection]:
        """A connection to read with; ``snapshot`` reads everything in one transaction."""
        self._refuse_if_closed()
        if self._memory:
            with self._lock:
                yield self._db
            return
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            try:
                db = self._connect()
                db.execute("PRAGMA query_only = ON")
            except sqlite3.Error as exc:
                raise StoreError(f"cannot read the store at {self.path}: {exc}") from exc
            self._local.db = db
            with self._readers_lock:
                self._readers.append(db)
        if not snapshot:
            yield db
            return
        db.execute("BEGIN")
        try:
            yield db
        finally:
            db.execute("COMMIT")

    def _migrate(self) -> None:
        with self._lock:
            current = self._db.execute("PRAGMA user_version").fetchone()[0]
            if current > len(MIGRATIONS):
                raise StoreError(
                    f"the store at {self.path} has schema version {current}, newer than this "
                    f"Grenswerk knows ({len(MIGRATIONS)}); upgrade Grenswerk"
                )
            for number in range(current, len(MIGRATIONS)):
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    for statement in MIGRATIONS[number].split(";"):
                        if statement.strip():
                            self._db.execute(statement)
                    self._db.execute(f"PRAGMA user_version = {number + 1}")
                    self._db.execute("COMMIT")
                except BaseException:
                    self._db.execute("ROLLBACK")
                    raise

    @contextmanager
    def _transaction(self, *, foreign_keys: bool = True) -> Iterator[sqlite3.Connection]:
        """One write transaction; ``foreign_keys=False`` for a write that checks its
        relationships' ends itself (the bulk write: SQLite's check per row is slower)."""
        self._refuse_if_closed()
        if not self._lock.acquire(timeout=max(self.busy_timeout, 0.001)):
            raise self._busy()
        try:
            if not foreign_keys:  # only outside a transaction does this pragma apply
                self._db.execute("PRAGMA foreign_keys = OFF")
            try:
                self._db.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                if "locked" in str(exc) or "busy" in str(exc):
                    raise self._busy() from None
                raise
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            else:
                try:
                    self._db.execute("COMMIT")
                except sqlite3.OperationalError as exc:
                    self._db.execute("ROLLBACK")
                    if "locked" in str(exc) or "busy" in str(exc):
                        raise self._busy() from None
                    raise
        finally:
            if not foreign_keys:
                self._db.execute("PRAGMA foreign_keys = ON")
            self._lock.release()

    # -- writes -------------------------------------------------------------------

    def upsert(
        self,
        workspace: str,
        nodes: Sequence[Node] = (),
        relationships: Sequence[Relationship] = (),
        *,
        progress: Progress | None = None,
        actor: Actor | None = None,
    ) -> WriteResult:
        step = progress or (lambda _: None)
        if _encoded(relationships, workspace):  # the bulk path: rows in their stored form
            check_workspace(workspace, nodes, ())
            node_map = unique(nodes, merge_node)
            # write_encoded checks every end (check_ends) before it writes a tie
            with self._transaction(foreign_keys=False) as db:
                io = SQLiteWriteIO(db, workspace)
                rec = Recorder("upsert", actor)
                result = write_encoded(io, node_map, relationships, step, rec)
                rec.commit(io)
                return result
        node_map, rel_map = prepare(workspace, nodes, relationships)
        with self._transaction() as db:
            io = SQLiteWriteIO(db, workspace)
            rec = Recorder("upsert", actor)
            result = write(io, workspace, node_map, rel_map, step, rec.change)
            rec.commit(io)
            return result

    def _apply(self, workspace: str, plan: Replacement, actor: Actor | None) -> dict[str, int]:
        with self._transaction() as db:
            io = SQLiteWriteIO(db, workspace)
            return apply_write(io, workspace, plan, actor, lambda _: None)[1]

    def apply(self, workspace: str, plan: Replacement, *, actor: Actor | None = None) -> int:
        with self._transaction() as db:
            io = SQLiteWriteIO(db, workspace)
            return apply_write(io, workspace, plan, actor, lambda _: None)[0]

    def merge(self, workspace: str, keep: str, other: str, *, actor: Actor | None = None) -> int:
        with self._transaction() as db:
            io = SQLiteWriteIO(db, workspace)
            return merge_write(io, workspace, keep, other, actor, lambda _: None)

    def delete_nodes(
        self, workspace: str, ids: Iterable[str], *, actor: Actor | None = None
    ) -> int:
        if not self.has_workspace(workspace):
            return 0
        plan = Replacement(action="delete_nodes", delete_nodes=list(dict.fromkeys(ids)))
        return self._apply(workspace, plan, actor).get("nodes_deleted", 0)

    def delete_relationships(
        self, workspace: str, ids: Iterable[str], *, actor: Actor | None = None
    ) -> int:
        if not self.has_workspace(workspace):
            return 0
        wanted = list(dict.fromkeys(ids))
        plan = Replacement(action="delete_relationships", delete_relationships=wanted)
        return self._apply(workspace, plan, actor).get("relationships_deleted", 0)

    def create_workspace(self, workspace: str) -> None:
        with self._transaction() as db:
            ensure_workspace(db, workspace)

    def delete_workspace(self, workspace: str) -> bool:
        with self._transaction() as db:
            db.execute("DELETE FROM relationships WHERE workspace = ?", (workspace,))
            db.execute("DELETE FROM aliases WHERE workspace = ?", (workspace,))
            db.execute("DELETE FROM nodes WHERE workspace = ?", (workspace,))
            db.execute("DELETE FROM surveys WHERE workspace = ?", (workspace,))
            db.execute("DELETE FROM changes WHERE workspace = ?", (workspace,))
            db.execute("DELETE FROM change_parts WHERE workspace = ?", (workspace,))
            db.execute("DELETE FROM map_positions WHERE workspace = ?", (workspace,))
            cursor = db.execute("DELETE FROM workspaces WHERE name = ?", (workspace,))
            deleted = cursor.rowcount > 0
        if self.snapshots is not None:
            self.snapshots.drop(workspace)
        return deleted

    def close(self) -> None:
        self._closed = True
        with self._readers_lock:
            for reader in self._readers:
                reader.close()
            self._readers.clear()
        with self._lock:
            self._db.close()
