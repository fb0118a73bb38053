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
"""

from __future__ import annotations

import math
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TypeGuard

import networkx as nx

from graph.access import Actor
from graph.changes import ChangeEntry, Replacement
from graph.collecting import cycle_collection_paused
from graph.errors import StoreBusy, StoreError
from graph.model import Node, NodeKind, Relationship, RelType, normalise
from graph.store.base import (
    Progress,
    StoreCapabilities,
    WorkspaceInfo,
    WriteResult,
    check_workspace,
    merge_node,
)
from graph.store.changelog import Recorder, apply_write, merge_write, node_needles
from graph.store.codec import decode_node, decode_relationship, unique
from graph.store.snapshot import Snapshots
from graph.store.sqlite_access import SQLiteAccess
from graph.store.sqlite_log import SQLiteWriteIO, read_changes
from graph.store.sqlite_schema import MIGRATIONS
from graph.store.sqlite_sharing import SQLiteSharing
from graph.store.sqlite_surveys import SQLiteSurveys
from graph.store.sqlite_upsert import (
    CHUNK,
    ensure_workspace,
    version_of,
    write_encoded,
)
from graph.store.stored_graph import stored_graph
from graph.store.upsert import EncodedRelationships, chunks, prepare, write

__all__ = ["MIGRATIONS", "SQLiteStore"]


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    return chunks(items, CHUNK)


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


class SQLiteStore(SQLiteAccess, SQLiteSurveys, SQLiteSharing):
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

    @contextmanager
    def _reading(self, snapshot: bool = False) -> Iterator[sqlite3.Connection]:
        """A connection to read with; ``snapshot`` reads everything in one transaction."""
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

    def changes(
        self,
        workspace: str,
        *,
        since: str | None = None,
        until: str | None = None,
        node_id: str | None = None,
        after: int | None = None,
        limit: int = 50,
        offset: int = 0,
        details: bool = False,
    ) -> list[ChangeEntry]:
        needles = node_needles(node_id) if node_id is not None else []
        with self._reading() as db:
            return read_changes(
                db,
                workspace,
                since=since,
                until=until,
                needles=needles,
                after=after,
                limit=limit,
                offset=offset,
                details=details,
            )

    def change(self, workspace: str, change_id: int) -> ChangeEntry | None:
        with self._reading() as db:
            found = read_changes(db, workspace, change_id=change_id, limit=1, details=True)
        return found[0] if found else None

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

    # -- reads --------------------------------------------------------------------

    def has_workspace(self, workspace: str) -> bool:
        with self._reading() as db:
            row = db.execute("SELECT 1 FROM workspaces WHERE name = ?", (workspace,)).fetchone()
        return row is not None

    def version(self, workspace: str) -> int:
        with self._reading() as db:
            return version_of(db, workspace)

    def _nodes(self, query: str, params: Sequence[object], workspace: str) -> list[Node]:
        with self._reading() as db:
            rows = db.execute(query, params).fetchall()
        return [decode_node(row[0], workspace) for row in rows]

    def _rels(self, query: str, params: Sequence[object], workspace: str) -> list[Relationship]:
        with self._reading() as db:
            rows = db.execute(query, params).fetchall()
        return [decode_relationship(row[0], workspace) for row in rows]

    def get_node(self, workspace: str, node_id: str) -> Node | None:
        found = self._nodes(
            "SELECT data FROM nodes WHERE workspace = ? AND id = ?", (workspace, node_id), workspace
        )
        return found[0] if found else None

    def get_nodes(self, workspace: str, ids: Iterable[str]) -> dict[str, Node]:
        out: dict[str, Node] = {}
        for chunk in _chunks(list(dict.fromkeys(ids))):
            marks = ",".join("?" * len(chunk))
            for node in self._nodes(
                f"SELECT data FROM nodes WHERE workspace = ? AND id IN ({marks})",
                (workspace, *chunk),
                workspace,
            ):
                out[node.id] = node
        return out

    def get_relationship(self, workspace: str, rel_id: str) -> Relationship | None:
        found = self._rels(
            "SELECT data FROM relationships WHERE workspace = ? AND id = ?",
            (workspace, rel_id),
            workspace,
        )
        return found[0] if found else None

    def existing_relationship_ids(self, workspace: str, ids: Iterable[str]) -> set[str]:
        found: set[str] = set()
        with self._reading() as db:
            for chunk in _chunks(list(dict.fromkeys(ids))):
                marks = ",".join("?" * len(chunk))
                query = f"SELECT id FROM relationships WHERE workspace = ? AND id IN ({marks})"
                found.update(row[0] for row in db.execute(query, (workspace, *chunk)))
        return found

    def search(
        self,
        workspace: str,
        text: str,
        *,
        kinds: Sequence[NodeKind] | None = None,
        limit: int = 20,
    ) -> list[Node]:
        needle = normalise(text)
        if not needle:
            return []
        pattern = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        kind_values = [NodeKind(k).value for k in kinds] if kinds else [k.value for k in NodeKind]
        marks = ",".join("?" * len(kind_values))
        query = f"""
            SELECT n.data, MIN(CASE WHEN m.norm = ? THEN 0
                                    WHEN m.norm LIKE ? ESCAPE '\\' THEN 1 ELSE 2 END) AS rank
            FROM (SELECT workspace, id, norm FROM nodes WHERE workspace = ?
                  UNION ALL
                  SELECT workspace, node_id, norm FROM aliases WHERE workspace = ?) AS m
            JOIN nodes n ON n.workspace = m.workspace AND n.id = m.id
            WHERE m.norm LIKE ? ESCAPE '\\' AND n.kind IN ({marks})
            GROUP BY n.id ORDER BY rank, length(n.norm), n.norm LIMIT ?
        """
        params = (needle, needle + "%", workspace, workspace, pattern, *kind_values, limit)
        return self._nodes(query, params, workspace)

    def list_nodes(self, workspace: str, *, kind: NodeKind | None = None) -> list[Node]:
        if kind is None:
            return self._nodes(
                "SELECT data FROM nodes WHERE workspace = ? ORDER BY id", (workspace,), workspace
            )
        return self._nodes(
            "SELECT data FROM nodes WHERE workspace = ? AND kind = ? ORDER BY id",
            (workspace, NodeKind(kind).value),
            workspace,
        )

    def list_relationships(
        self,
        workspace: str,
        *,
        type: RelType | None = None,
        node_id: str | None = None,
    ) -> list[Relationship]:
        clauses = ["workspace = ?"]
        params: list[object] = [workspace]
        if type is not None:
            clauses.append("type = ?")
            params.append(RelType(type).value)
        if node_id is not None:
            clauses.append("(source = ? OR target = ?)")
            params.extend([node_id, node_id])
        query = f"SELECT data FROM relationships WHERE {' AND '.join(clauses)} ORDER BY id"
        return self._rels(query, params, workspace)

    def load_graph(self, workspace: str) -> nx.MultiDiGraph:
        with self._reading(snapshot=True) as db:  # nodes and ties of one committed state
            stamp = self._stamp(db, workspace)
            if stamp and self.snapshots is not None:
                kept = self.snapshots.load(workspace, stamp)
                if kept is not None:
                    return kept
            nodes = db.execute(
                "SELECT data FROM nodes WHERE workspace = ? ORDER BY id", (workspace,)
            ).fetchall()
            rels = db.execute(
                "SELECT data FROM relationships WHERE workspace = ? ORDER BY id", (workspace,)
            ).fetchall()
        with cycle_collection_paused():  # millions of new objects, none in a cycle
            graph = stored_graph(workspace, (row[0] for row in nodes), (row[0] for row in rels))
        if stamp and self.snapshots is not None:
            self.snapshots.save(workspace, stamp, graph)
        return graph

    @staticmethod
    def _stamp(db: sqlite3.Connection, workspace: str) -> str | None:
        """What a snapshot of the workspace is valid for: its creation, version and the
        schema version (``None``: no such workspace)."""
        row = db.execute(
            "SELECT created, version FROM workspaces WHERE name = ?", (workspace,)
        ).fetchone()
        if row is None:
            return None
        schema = db.execute("PRAGMA user_version").fetchone()[0]
        return f"{row[0]}|{row[1]}|{schema}"

    def workspaces(self) -> list[WorkspaceInfo]:
        with self._reading() as db:
            rows = db.execute(
                """
                SELECT w.name, w.version, w.created,
                       (SELECT COUNT(*) FROM nodes n WHERE n.workspace = w.name),
                       (SELECT COUNT(*) FROM relationships r WHERE r.workspace = w.name)
                FROM workspaces w ORDER BY w.name
                """
            ).fetchall()
        return [
            WorkspaceInfo(
                name=name,
                version=version,
                created=datetime.fromisoformat(created),
                nodes=n_nodes,
                relationships=n_rels,
            )
            for name, version, created, n_nodes, n_rels in rows
        ]

    def close(self) -> None:
        with self._readers_lock:
            for reader in self._readers:
                reader.close()
            self._readers.clear()
        with self._lock:
            self._db.close()
