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
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import networkx as nx

from graph.convert import to_networkx
from graph.errors import NotSupported, StoreBusy, StoreError
from graph.merge import merge_node
from graph.model import Node, NodeKind, Relationship, RelType, normalise, validate_workspace
from graph.store.base import (
    Progress,
    WorkspaceInfo,
    WriteResult,
    check_type_change,
    check_workspace,
    merge_in_one_write,
)
from graph.store.codec import (
    count_nodes,
    count_relationships,
    decode_node,
    decode_relationship,
    diff,
    type_changes,
    unique,
)

__all__ = ["MIGRATIONS", "SQLiteStore"]

#: Schema migrations; entry ``i`` brings ``user_version`` from ``i`` to ``i + 1``.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE workspaces (
        name     TEXT PRIMARY KEY,
        version  INTEGER NOT NULL DEFAULT 0,
        created  TEXT NOT NULL
    );
    CREATE TABLE nodes (
        workspace TEXT NOT NULL REFERENCES workspaces(name) ON DELETE CASCADE,
        id        TEXT NOT NULL,
        kind      TEXT NOT NULL,
        norm      TEXT NOT NULL,
        data      BLOB NOT NULL,
        PRIMARY KEY (workspace, id)
    ) WITHOUT ROWID;
    CREATE INDEX nodes_by_kind ON nodes (workspace, kind);
    CREATE INDEX nodes_by_norm ON nodes (workspace, norm);
    CREATE TABLE aliases (
        workspace TEXT NOT NULL,
        node_id   TEXT NOT NULL,
        norm      TEXT NOT NULL,
        PRIMARY KEY (workspace, node_id, norm),
        FOREIGN KEY (workspace, node_id) REFERENCES nodes (workspace, id) ON DELETE CASCADE
    ) WITHOUT ROWID;
    CREATE INDEX aliases_by_norm ON aliases (workspace, norm);
    CREATE TABLE relationships (
        workspace TEXT NOT NULL,
        id        TEXT NOT NULL,
        type      TEXT NOT NULL,
        source    TEXT NOT NULL,
        target    TEXT NOT NULL,
        data      BLOB NOT NULL,
        PRIMARY KEY (workspace, id),
        FOREIGN KEY (workspace, source) REFERENCES nodes (workspace, id) ON DELETE CASCADE,
        FOREIGN KEY (workspace, target) REFERENCES nodes (workspace, id) ON DELETE CASCADE
    ) WITHOUT ROWID;
    CREATE INDEX relationships_by_source ON relationships (workspace, source);
    CREATE INDEX relationships_by_target ON relationships (workspace, target);
    CREATE INDEX relationships_by_type ON relationships (workspace, type);
    """,
]

_CHUNK = 500  # ids per IN (...) query, below SQLite's variable limit


def _chunks(items: Sequence[str], size: int = _CHUNK) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class SQLiteStore:
    """The store on one SQLite file (``:memory:`` for a throw-away store)."""

    def __init__(self, path: str | Path, *, busy_timeout: float = 5.0) -> None:
        self.path = str(path)
        self.busy_timeout = busy_timeout
        self._memory = self.path == ":memory:"
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
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        if not self._lock.acquire(timeout=max(self.busy_timeout, 0.001)):
            raise self._busy()
        try:
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
            self._lock.release()

    def _ensure_workspace(self, db: sqlite3.Connection, workspace: str) -> None:
        db.execute(
            "INSERT OR IGNORE INTO workspaces (name, version, created) VALUES (?, 0, ?)",
            (validate_workspace(workspace), datetime.now(UTC).isoformat()),
        )

    def _bump(self, db: sqlite3.Connection, workspace: str) -> int:
        db.execute("UPDATE workspaces SET version = version + 1 WHERE name = ?", (workspace,))
        return int(
            db.execute("SELECT version FROM workspaces WHERE name = ?", (workspace,)).fetchone()[0]
        )

    def _existing(
        self, db: sqlite3.Connection, table: str, workspace: str, ids: Sequence[str]
    ) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            query = f"SELECT id, data FROM {table} WHERE workspace = ? AND id IN ({marks})"
            for row_id, data in db.execute(query, (workspace, *chunk)):
                found[row_id] = data
        return found

    # -- writes -------------------------------------------------------------------

    def upsert(
        self,
        workspace: str,
        nodes: Sequence[Node] = (),
        relationships: Sequence[Relationship] = (),
        *,
        progress: Progress | None = None,
    ) -> WriteResult:
        check_workspace(workspace, nodes, relationships)
        result = WriteResult()
        with self._transaction() as db:
            self._ensure_workspace(db, workspace)
            self._upsert_nodes(db, workspace, nodes, result, progress)
            self._check_endpoints(db, workspace, nodes, relationships)
            self._upsert_relationships(db, workspace, relationships, result, progress)
            if result.changed:
                result.version = self._bump(db, workspace)
            else:
                result.version = self._version(db, workspace)
        return result

    def _upsert_nodes(
        self,
        db: sqlite3.Connection,
        workspace: str,
        nodes: Sequence[Node],
        result: WriteResult,
        progress: Progress | None,
    ) -> None:
        by_id = unique(nodes, merge_node)
        change = diff(by_id, self._existing(db, "nodes", workspace, list(by_id)), workspace)
        count_nodes(result, change)
        rows = sorted(
            (workspace, node.id, node.kind.value, normalise(node.name), data)
            for node, data in change.write
        )
        alias_rows = [
            (workspace, node.id, normalise(alias))
            for node, _ in change.write
            for alias in node.aliases
        ]
        for start in range(0, len(rows), 10_000):
            batch = rows[start : start + 10_000]
            db.executemany(
                "INSERT INTO nodes (workspace, id, kind, norm, data) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (workspace, id) DO UPDATE SET kind = excluded.kind, "
                "norm = excluded.norm, data = excluded.data",
                batch,
            )
            if progress:
                progress(len(batch))
        db.executemany(
            "INSERT OR IGNORE INTO aliases (workspace, node_id, norm) VALUES (?, ?, ?)",
            alias_rows,
        )
        if progress and len(rows) < len(by_id):
            progress(len(by_id) - len(rows))

    def _check_endpoints(
        self,
        db: sqlite3.Connection,
        workspace: str,
        nodes: Sequence[Node],
        relationships: Sequence[Relationship],
    ) -> None:
        batch_ids = {n.id for n in nodes}
        wanted = sorted({r.source for r in relationships} | {r.target for r in relationships})
        outside = [i for i in wanted if i not in batch_ids]
        found: set[str] = set()
        for chunk in _chunks(outside):
            marks = ",".join("?" * len(chunk))
            query = f"SELECT id FROM nodes WHERE workspace = ? AND id IN ({marks})"
            found.update(row[0] for row in db.execute(query, (workspace, *chunk)))
        missing = [i for i in outside if i not in found]
        if missing:
            shown = ", ".join(repr(m) for m in missing[:10])
            raise StoreError(
                f"{len(missing)} relationship end(s) point at nodes that do not exist in "
                f"workspace {workspace!r}: {shown}"
            )

    def _upsert_relationships(
        self,
        db: sqlite3.Connection,
        workspace: str,
        relationships: Sequence[Relationship],
        result: WriteResult,
        progress: Progress | None,
    ) -> None:
        by_id = unique(relationships, merge_in_one_write)
        ids = sorted(by_id)  # inserting in key order keeps the B-tree writes sequential
        for start in range(0, len(ids), 10_000):
            id_batch = ids[start : start + 10_000]
            existing = self._existing(db, "relationships", workspace, id_batch)
            self._check_type_changes(db, workspace, type_changes(by_id, existing, workspace))
            change = diff({i: by_id[i] for i in id_batch}, existing, workspace)
            count_relationships(result, change)
            db.executemany(
                "INSERT INTO relationships (workspace, id, type, source, target, data) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (workspace, id) DO UPDATE SET "
                "type = excluded.type, data = excluded.data",
                [
                    (workspace, rel.id, rel.type.value, rel.source, rel.target, data)
                    for rel, data in change.write
                ],
            )
            if progress:
                progress(len(id_batch))

    def _check_type_changes(
        self, db: sqlite3.Connection, workspace: str, moved: list[tuple[Relationship, Relationship]]
    ) -> None:
        """Refuse a type change that the stored ends of a relationship do not allow."""
        ends = sorted({s.source for s, _ in moved} | {s.target for s, _ in moved})
        kinds: dict[str, NodeKind] = {}
        for chunk in _chunks(ends):
            marks = ",".join("?" * len(chunk))
            query = f"SELECT id, kind FROM nodes WHERE workspace = ? AND id IN ({marks})"
            kinds.update((i, NodeKind(k)) for i, k in db.execute(query, (workspace, *chunk)))
        for stored, incoming in moved:
            check_type_change(stored, incoming, kinds)

    def _delete(self, table: str, workspace: str, ids: Iterable[str]) -> int:
        """Delete rows of ``table`` ("nodes" or "relationships") by id, in one write."""
        id_list = list(dict.fromkeys(ids))
        deleted = 0
        with self._transaction() as db:
            for chunk in _chunks(id_list):
                marks = ",".join("?" * len(chunk))
                cursor = db.execute(
                    f"DELETE FROM {table} WHERE workspace = ? AND id IN ({marks})",
                    (workspace, *chunk),
                )
                deleted += cursor.rowcount
            if deleted:
                self._bump(db, workspace)
        return deleted

    def delete_nodes(self, workspace: str, ids: Iterable[str]) -> int:
        return self._delete("nodes", workspace, ids)

    def delete_relationships(self, workspace: str, ids: Iterable[str]) -> int:
        return self._delete("relationships", workspace, ids)

    def create_workspace(self, workspace: str) -> None:
        with self._transaction() as db:
            self._ensure_workspace(db, workspace)

    def delete_workspace(self, workspace: str) -> bool:
        with self._transaction() as db:
            db.execute("DELETE FROM relationships WHERE workspace = ?", (workspace,))
            db.execute("DELETE FROM aliases WHERE workspace = ?", (workspace,))
            db.execute("DELETE FROM nodes WHERE workspace = ?", (workspace,))
            cursor = db.execute("DELETE FROM workspaces WHERE name = ?", (workspace,))
            return cursor.rowcount > 0

    # -- reads --------------------------------------------------------------------

    def _version(self, db: sqlite3.Connection, workspace: str) -> int:
        row = db.execute("SELECT version FROM workspaces WHERE name = ?", (workspace,)).fetchone()
        return int(row[0]) if row else 0

    def has_workspace(self, workspace: str) -> bool:
        with self._reading() as db:
            row = db.execute("SELECT 1 FROM workspaces WHERE name = ?", (workspace,)).fetchone()
        return row is not None

    def version(self, workspace: str) -> int:
        with self._reading() as db:
            return self._version(db, workspace)

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
            nodes = db.execute(
                "SELECT data FROM nodes WHERE workspace = ? ORDER BY id", (workspace,)
            ).fetchall()
            rels = db.execute(
                "SELECT data FROM relationships WHERE workspace = ? ORDER BY id", (workspace,)
            ).fetchall()
        return to_networkx(
            workspace,
            [decode_node(row[0], workspace) for row in nodes],
            [decode_relationship(row[0], workspace) for row in rels],
        )

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

    def read_only(
        self, query: str, workspace: str, *, timeout: float = 10.0, limit: int = 1000
    ) -> list[dict[str, Any]]:
        raise NotSupported(
            "Cypher queries need the Neo4j backend (GRENSWERK_STORE=neo4j, see the README); "
            "the embedded store has no Cypher. Use the analyses, or export the workspace."
        )

    def close(self) -> None:
        with self._readers_lock:
            for reader in self._readers:
                reader.close()
            self._readers.clear()
        with self._lock:
            self._db.close()
