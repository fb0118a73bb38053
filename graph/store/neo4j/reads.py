"""The reads of the Neo4j store: nodes, relationships, search and lists, the change
log, the workspaces, and a workspace's graph streamed in one read transaction
(:meth:`Neo4jReads.load_graph`, through the snapshots kept in a folder); mixed into
:class:`~graph.store.neo4j.Neo4jStore`, which runs each read in a managed transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from graph.changes import ChangeEntry
from graph.collecting import cycle_collection_paused
from graph.model import Node, NodeKind, Relationship, RelType, normalise
from graph.store.changelog import decode_entry, node_needles
from graph.store.codec import decode_node, decode_relationship
from graph.store.datatypes import (
    MAX_STORED_INT,
    GraphOutline,
    NodeHead,
    WorkspaceInfo,
    storable,
)
from graph.store.neo4j import cypher
from graph.store.neo4j.upsert import stored_relationships
from graph.store.snapshot import Snapshots

if TYPE_CHECKING:  # networkx loads with the first graph (``grenswerk stats`` needs none)
    import networkx as nx

#: a relationship's type by its Neo4j type
_TYPE_OF = {name: t.value for t, name in cypher.REL_TYPES.items()}

__all__ = ["Neo4jReads"]

T = TypeVar("T")


class Neo4jReads:
    """The reading part of the store contract on Neo4j: elements, search, lists, the
    change log, the workspaces and the graph of one (with its snapshots)."""

    #: rows per batch and per fetch (set by Neo4jStore)
    batch_size: int
    #: loaded graphs kept in a folder, per workspace version (set by Neo4jStore)
    snapshots: Snapshots | None

    def _read_work(self, work: Callable[[Any], T], action: str = "a read") -> T:
        raise NotImplementedError  # provided by Neo4jStore

    def _read(self, query: str, **params: Any) -> list[Any]:
        raise NotImplementedError  # provided by Neo4jStore

    def _readchunks(self, query: str, ids: Iterable[str], **params: Any) -> list[Any]:
        raise NotImplementedError  # provided by Neo4jStore

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
        change_id: int | None = None,
    ) -> list[ChangeEntry]:
        if not storable(after, change_id, offset):
            return []  # past Neo4j's integers: nothing is there
        limit = min(limit, MAX_STORED_INT)
        needles = [n.decode() for n in node_needles(node_id)] if node_id is not None else None
        records = self._read(
            cypher.LIST_CHANGES,
            workspace=workspace,
            since=since,
            until=until,
            after=after,
            id=change_id,
            needles=needles,
            details=details,
            offset=offset,
            limit=limit,
        )
        return [
            decode_entry(
                int(r["id"]), r["time"], r["actor"], r["role"], r["action"], r["summary"], r["data"]
            )
            for r in records
        ]

    def change(self, workspace: str, change_id: int) -> ChangeEntry | None:
        found = self.changes(workspace, change_id=change_id, limit=1, details=True)
        return found[0] if found else None

    def has_workspace(self, workspace: str) -> bool:
        return bool(self._read(cypher.VERSION, workspace=workspace))

    def version(self, workspace: str) -> int:
        records = self._read(cypher.VERSION, workspace=workspace)
        return int(records[0]["version"]) if records else 0

    def get_node(self, workspace: str, node_id: str) -> Node | None:
        return self.get_nodes(workspace, [node_id]).get(node_id)

    def get_nodes(self, workspace: str, ids: Iterable[str]) -> dict[str, Node]:
        records = self._readchunks(cypher.GET_NODES, ids, workspace=workspace)
        nodes = (decode_node(r["data"], workspace) for r in records)
        return {node.id: node for node in nodes}

    def node_heads(self, workspace: str, ids: Iterable[str]) -> dict[str, NodeHead]:
        # spaced as the model spaces a name (a node stored before it did)
        return {
            r["id"]: NodeHead(r["id"], NodeKind(r["kind"]), " ".join(r["name"].split()))
            for r in self._readchunks(cypher.NODE_HEADS, ids, workspace=workspace)
        }

    def get_relationship(self, workspace: str, rel_id: str) -> Relationship | None:
        stored = self._read_work(
            lambda tx: stored_relationships(tx, workspace, [rel_id], self.batch_size)
        )
        return decode_relationship(stored[rel_id], workspace) if rel_id in stored else None

    def existing_relationship_ids(self, workspace: str, ids: Iterable[str]) -> set[str]:
        id_list = list(dict.fromkeys(ids))
        stored = self._read_work(
            lambda tx: stored_relationships(tx, workspace, id_list, self.batch_size)
        )
        return set(stored)

    def search(
        self, workspace: str, text: str, *, kinds: Sequence[NodeKind] | None = None, limit: int = 20
    ) -> list[Node]:
        needle = normalise(text)
        if not needle:
            return []
        kind_values = [NodeKind(k).value for k in kinds] if kinds else [k.value for k in NodeKind]
        records = self._read(
            cypher.SEARCH, workspace=workspace, needle=needle, kinds=kind_values, limit=limit
        )
        return [decode_node(r["data"], workspace) for r in records]

    def list_nodes(self, workspace: str, *, kind: NodeKind | None = None) -> list[Node]:
        if kind is None:
            records = self._read(cypher.LIST_NODES, workspace=workspace)
        else:
            records = self._read(
                cypher.LIST_NODES_OF_KIND, workspace=workspace, kind=NodeKind(kind).value
            )
        return [decode_node(r["data"], workspace) for r in records]

    def list_relationships(
        self, workspace: str, *, type: RelType | None = None, node_id: str | None = None
    ) -> list[Relationship]:
        if node_id is not None:
            records = self._read(
                cypher.LIST_RELATIONSHIPS_OF_NODE, workspace=workspace, node=node_id
            )
        elif type is not None:  # through the type's own index
            records = self._read(
                cypher.LIST_RELATIONSHIPS_OF_TYPE[RelType(type)], workspace=workspace
            )
        else:
            records = self._read(cypher.LIST_RELATIONSHIPS, workspace=workspace)
        rels = [decode_relationship(r["data"], workspace) for r in records]
        if type is not None:
            rels = [r for r in rels if r.type is RelType(type)]
        return rels

    def outline(self, workspace: str) -> GraphOutline:
        """Each node's kind and each tie's ends and type, in one read transaction."""

        def work(tx: Any) -> GraphOutline:
            found = tx.run(cypher.VERSION, workspace=workspace).single()
            kinds = {r["id"]: r["kind"] for r in tx.run(cypher.OUTLINE_NODES, workspace=workspace)}
            ties = [
                (r["source"], r["target"], _TYPE_OF.get(r["type"], r["type"]))
                for r in tx.run(cypher.OUTLINE_TIES, workspace=workspace)
            ]
            return GraphOutline(int(found["version"]) if found else 0, kinds, ties)

        return self._read_work(work, "reading the workspace")

    def load_graph(self, workspace: str) -> nx.MultiDiGraph:
        """Nodes and relationships, streamed in one read transaction."""
        from graph.store.stored_graph import GraphBuilder

        def work(tx: Any) -> tuple[nx.MultiDiGraph, str | None]:
            stamp = self._stamp(tx, workspace) if self.snapshots is not None else None
            if stamp is not None and self.snapshots is not None:
                kept = self.snapshots.load(workspace, stamp)
                if kept is not None:
                    return kept, None
            builder = GraphBuilder(workspace)  # fresh on every attempt
            with cycle_collection_paused():  # many new objects, none in a cycle
                builder.add_nodes(r["data"] for r in tx.run(cypher.LIST_NODES, workspace=workspace))
                builder.add_relationships(
                    r["data"] for r in tx.run(cypher.LIST_RELATIONSHIPS, workspace=workspace)
                )
            return builder.graph, stamp

        graph, stamp = self._read_work(work, "reading the workspace")
        if stamp is not None and self.snapshots is not None:
            self.snapshots.save_later(workspace, stamp, graph)  # answered first
        return graph

    @staticmethod
    def _stamp(tx: Any, workspace: str) -> str | None:
        """What a snapshot of the workspace is valid for: its creation and version, read
        in the transaction that reads its elements (``None``: no such workspace)."""
        record = tx.run(cypher.WORKSPACE_STAMP, workspace=workspace).single()
        if record is None:
            return None
        return f"{record['created']}|{record['version']}|neo4j"

    def workspaces(self) -> list[WorkspaceInfo]:
        return [
            WorkspaceInfo(
                name=r["name"],
                version=r["version"],
                nodes=r["nodes"],
                relationships=r["relationships"],
                sources=r["sources"],
                mentions=r["mentions"],
                created=datetime.fromisoformat(r["created"]) if r["created"] else None,
            )
            for r in self._read(cypher.LIST_WORKSPACES)
        ]
