"""The reads of the embedded store: nodes, relationships, search and lists, the change
log, the workspaces, and a workspace's graph (:meth:`SQLiteReads.load_graph`, through
the snapshots kept beside the file); mixed into
:class:`~graph.store.sqlite.SQLiteStore`, which gives each read its connection."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from typing import TYPE_CHECKING

from graph.changes import ChangeEntry
from graph.collecting import cycle_collection_paused
from graph.model import Node, NodeKind, Relationship, RelType, normalise
from graph.store.changelog import node_needles
from graph.store.codec import decode_node, decode_relationship
from graph.store.datatypes import GraphOutline, NodeHead, WorkspaceInfo
from graph.store.snapshot import Snapshots
from graph.store.sqlite.log import read_changes
from graph.store.sqlite.upsert import CHUNK, version_of
from graph.store.upsert import chunks

if TYPE_CHECKING:  # networkx loads with the first graph (``grenswerk stats`` needs none)
    import networkx as nx

__all__ = ["SQLiteReads"]


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    return chunks(items, CHUNK)


class SQLiteReads:
    """The reading part of the store contract on SQLite: elements, search, lists, the
    change log, the workspaces and the graph of one (with its snapshots)."""

    #: graphs kept beside the file, per workspace version (set by SQLiteStore)
    snapshots: Snapshots | None

    def _reading(self, snapshot: bool = False) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError  # provided by SQLiteStore

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

    def node_heads(self, workspace: str, ids: Iterable[str]) -> dict[str, NodeHead]:
        out: dict[str, NodeHead] = {}
        with self._reading() as db:
            for chunk in _chunks(list(dict.fromkeys(ids))):
                marks = ",".join("?" * len(chunk))
                query = (
                    "SELECT id, kind, json_extract(data, '$.name') FROM nodes "
                    f"WHERE workspace = ? AND id IN ({marks})"
                )
                for node_id, kind, name in db.execute(query, (workspace, *chunk)):
                    # spaced as the model spaces a name (a row stored before it did)
                    out[node_id] = NodeHead(node_id, NodeKind(kind), " ".join(name.split()))
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

    def outline(self, workspace: str) -> GraphOutline:
        with self._reading(snapshot=True) as db:  # the version and the rows of one state
            version = version_of(db, workspace)
            kinds = dict(db.execute("SELECT id, kind FROM nodes WHERE workspace = ?", (workspace,)))
            ties = db.execute(
                "SELECT source, target, type FROM relationships WHERE workspace = ?", (workspace,)
            ).fetchall()
        return GraphOutline(version, kinds, ties)

    def load_graph(self, workspace: str) -> nx.MultiDiGraph:
        from graph.store.stored_graph import stored_graph

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
            self.snapshots.save_later(workspace, stamp, graph)  # answered first
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
                       (SELECT COUNT(*) FROM relationships r WHERE r.workspace = w.name),
                       (SELECT COUNT(*) FROM nodes n
                        WHERE n.workspace = w.name AND n.kind = 'source'),
                       (SELECT COUNT(*) FROM relationships r
                        WHERE r.workspace = w.name AND r.type = 'mentioned_in')
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
                sources=n_sources,
                mentions=n_mentions,
            )
            for name, version, created, n_nodes, n_rels, n_sources, n_mentions in rows
        ]
