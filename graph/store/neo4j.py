"""The Neo4j backend: the store contract on the official ``neo4j`` driver.

* Constraints and indexes are created idempotently when the store opens
  (:data:`graph.store.cypher.SCHEMA`).
* An upsert is one managed write transaction (the driver retries transient
  failures); inside it, rows are sent as ``UNWIND $rows … MERGE`` in batches of
  ``batch_size`` (default 10 000). Either everything is written or nothing.
* Every statement is scoped to a workspace; labels and relationship types come from
  the closed vocabulary only (see :mod:`graph.store.cypher`).
* Loading a workspace into networkx streams the rows.
* The version counter lives on the workspace's ``:Workspace`` node.

Merging follows :mod:`graph.store.rows`, the same code the SQLite backend uses, so
both backends give the same answers (the contract suite runs against both).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

import networkx as nx

from graph.convert import add_node, add_relationship
from graph.errors import StoreError
from graph.model import Node, NodeKind, Relationship, RelType, normalise, validate_workspace
from graph.store import cypher
from graph.store.base import (
    Progress,
    WorkspaceInfo,
    WriteResult,
    check_workspace,
    merge_node,
    merge_relationship,
)
from graph.store.rows import (
    count_nodes,
    count_relationships,
    decode_node,
    decode_relationship,
    diff,
    unique,
)

try:
    import neo4j
    from neo4j.exceptions import AuthError, ClientError, Neo4jError, ServiceUnavailable
except ImportError as exc:  # pragma: no cover - the driver is a core dependency
    raise ImportError(
        "the Neo4j backend needs the 'neo4j' driver: pip install 'neo4j>=5.20'"
    ) from exc

__all__ = ["Neo4jStore", "ReadOnlyQueryError"]


class ReadOnlyQueryError(StoreError):
    """A read-only query was refused or failed."""


def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class Neo4jStore:
    """The store on a Neo4j 5 database."""

    def __init__(
        self,
        uri: str,
        user: str = "neo4j",
        password: str | None = None,
        database: str = "neo4j",
        *,
        batch_size: int = 10_000,
        driver: Any = None,
    ) -> None:
        self.uri = uri
        self.database = database
        self.batch_size = batch_size
        self._gds: bool | None = None
        try:
            self._driver = driver or neo4j.GraphDatabase.driver(uri, auth=(user, password or ""))
            self._driver.verify_connectivity()
        except AuthError as exc:
            raise StoreError(
                f"Neo4j at {uri} refused the credentials for user {user!r}; check "
                "GRENSWERK_NEO4J_USER and GRENSWERK_NEO4J_PASSWORD"
            ) from exc
        except (ServiceUnavailable, OSError, ValueError) as exc:
            raise StoreError(
                f"cannot reach Neo4j at {uri}: {exc}; is it running "
                "(docker compose up -d neo4j) and is GRENSWERK_NEO4J_URI right?"
            ) from exc
        self._ensure_schema()

    # -- plumbing -----------------------------------------------------------------

    def _ensure_schema(self) -> None:
        with self._driver.session(database=self.database) as session:
            for statement in cypher.SCHEMA:
                session.run(statement).consume()

    def _read(self, query: str, **params: Any) -> list[Any]:
        try:
            records, _, _ = self._driver.execute_query(
                query, params, database_=self.database, routing_=neo4j.RoutingControl.READ
            )
        except Neo4jError as exc:
            raise StoreError(f"Neo4j refused a read: {exc}") from exc
        return list(records)

    def _stream(self, query: str, **params: Any) -> Iterator[Any]:
        with self._driver.session(
            database=self.database,
            default_access_mode=neo4j.READ_ACCESS,
            fetch_size=self.batch_size,
        ) as session:
            yield from session.run(query, params)

    def _write(self, work: Any) -> Any:
        try:
            with self._driver.session(database=self.database) as session:
                return session.execute_write(work)
        except StoreError:
            raise
        except Neo4jError as exc:
            raise StoreError(f"Neo4j refused the write, nothing was written: {exc}") from exc

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
        node_map = unique(nodes, merge_node)
        rel_map = unique(relationships, merge_relationship)

        def work(tx: Any) -> WriteResult:
            result = WriteResult()
            tx.run(
                cypher.ENSURE_WORKSPACE, workspace=workspace, created=datetime.now(UTC).isoformat()
            ).consume()
            self._write_nodes(tx, workspace, node_map, result, progress)
            self._check_endpoints(tx, workspace, node_map, rel_map)
            self._write_relationships(tx, workspace, rel_map, result, progress)
            if result.changed:
                result.version = tx.run(cypher.BUMP_VERSION, workspace=workspace).single()[
                    "version"
                ]
            else:
                record = tx.run(cypher.VERSION, workspace=workspace).single()
                result.version = int(record["version"]) if record else 0
            return result

        written: WriteResult = self._write(work)
        return written

    def _write_nodes(
        self,
        tx: Any,
        workspace: str,
        by_id: dict[str, Node],
        result: WriteResult,
        progress: Progress | None,
    ) -> None:
        existing: dict[str, str] = {}
        for chunk in _chunks(list(by_id), self.batch_size):
            for record in tx.run(cypher.EXISTING_NODES, workspace=workspace, ids=list(chunk)):
                existing[record["id"]] = record["data"]
        change = diff(by_id, existing, workspace)
        count_nodes(result, change)
        by_kind: dict[NodeKind, list[dict[str, Any]]] = defaultdict(list)
        for node, data in change.write:
            by_kind[node.kind].append(
                {
                    "id": node.id,
                    "kind": node.kind.value,
                    "name": node.name,
                    "norm": normalise(node.name),
                    "aliases": [normalise(a) for a in node.aliases],
                    "data": data.decode(),
                }
            )
        for kind, rows in by_kind.items():
            for chunk in _chunks(rows, self.batch_size):
                tx.run(cypher.UPSERT_NODES[kind], workspace=workspace, rows=list(chunk)).consume()
                if progress:
                    progress(len(chunk))
        if progress and change.unchanged:
            progress(change.unchanged)

    def _check_endpoints(
        self, tx: Any, workspace: str, nodes: dict[str, Node], rels: dict[str, Relationship]
    ) -> None:
        wanted = sorted({r.source for r in rels.values()} | {r.target for r in rels.values()})
        outside = [i for i in wanted if i not in nodes]
        missing: list[str] = []
        for chunk in _chunks(outside, self.batch_size):
            missing.extend(
                r["id"] for r in tx.run(cypher.MISSING_NODES, workspace=workspace, ids=list(chunk))
            )
        if missing:
            shown = ", ".join(repr(m) for m in missing[:10])
            raise StoreError(
                f"{len(missing)} relationship end(s) point at nodes that do not exist in "
                f"workspace {workspace!r}: {shown}"
            )

    def _write_relationships(
        self,
        tx: Any,
        workspace: str,
        by_id: dict[str, Relationship],
        result: WriteResult,
        progress: Progress | None,
    ) -> None:
        by_type: dict[RelType, dict[str, Relationship]] = defaultdict(dict)
        for rel in by_id.values():
            by_type[rel.type][rel.id] = rel
        existing: dict[str, str] = {}
        for rel_type in RelType:  # an id stored under another type is found too
            for chunk in _chunks(list(by_id), self.batch_size):
                for record in tx.run(
                    cypher.EXISTING_RELATIONSHIPS[rel_type], workspace=workspace, ids=list(chunk)
                ):
                    existing[record["id"]] = record["data"]
        moved = [
            i
            for i, data in existing.items()
            if decode_relationship(data, workspace).type is not by_id[i].type
        ]
        if moved:  # a relationship that changes type is replaced
            tx.run(cypher.DELETE_RELATIONSHIPS, workspace=workspace, ids=moved).consume()
        change = diff(by_id, existing, workspace)
        count_relationships(result, change)
        rows_by_type: dict[RelType, list[dict[str, Any]]] = defaultdict(list)
        for rel, data in change.write:
            rows_by_type[rel.type].append(
                {"id": rel.id, "source": rel.source, "target": rel.target, "data": data.decode()}
            )
        for rel_type, rows in rows_by_type.items():
            for chunk in _chunks(rows, self.batch_size):
                tx.run(
                    cypher.UPSERT_RELATIONSHIPS[rel_type], workspace=workspace, rows=list(chunk)
                ).consume()
                if progress:
                    progress(len(chunk))
        if progress and change.unchanged:
            progress(change.unchanged)

    def _delete(self, statement: str, workspace: str, ids: Iterable[str]) -> int:
        id_list = list(dict.fromkeys(ids))

        def work(tx: Any) -> int:
            deleted = 0
            for chunk in _chunks(id_list, self.batch_size):
                deleted += int(
                    tx.run(statement, workspace=workspace, ids=list(chunk)).single()["deleted"]
                )
            if deleted:
                tx.run(cypher.BUMP_VERSION, workspace=workspace).consume()
            return deleted

        count: int = self._write(work)
        return count

    def delete_nodes(self, workspace: str, ids: Iterable[str]) -> int:
        return self._delete(cypher.DELETE_NODES, workspace, ids)

    def delete_relationships(self, workspace: str, ids: Iterable[str]) -> int:
        return self._delete(cypher.DELETE_RELATIONSHIPS, workspace, ids)

    def create_workspace(self, workspace: str) -> None:
        validate_workspace(workspace)
        self._write(
            lambda tx: tx.run(
                cypher.ENSURE_WORKSPACE, workspace=workspace, created=datetime.now(UTC).isoformat()
            ).consume()
        )

    def delete_workspace(self, workspace: str) -> bool:
        while True:  # in batches, so a large workspace does not need one huge transaction
            deleted = self._write(
                lambda tx: tx.run(
                    cypher.DELETE_WORKSPACE_BATCH, workspace=workspace, batch=self.batch_size
                ).single()["deleted"]
            )
            if not deleted:
                break
        gone: int = self._write(
            lambda tx: tx.run(cypher.DELETE_WORKSPACE_NODE, workspace=workspace).single()["deleted"]
        )
        return gone > 0

    # -- reads --------------------------------------------------------------------

    def has_workspace(self, workspace: str) -> bool:
        return bool(self._read(cypher.VERSION, workspace=workspace))

    def version(self, workspace: str) -> int:
        records = self._read(cypher.VERSION, workspace=workspace)
        return int(records[0]["version"]) if records else 0

    def get_node(self, workspace: str, node_id: str) -> Node | None:
        return self.get_nodes(workspace, [node_id]).get(node_id)

    def get_nodes(self, workspace: str, ids: Iterable[str]) -> dict[str, Node]:
        out: dict[str, Node] = {}
        for chunk in _chunks(list(dict.fromkeys(ids)), self.batch_size):
            for record in self._read(cypher.GET_NODES, workspace=workspace, ids=list(chunk)):
                node = decode_node(record["data"], workspace)
                out[node.id] = node
        return out

    def get_relationship(self, workspace: str, rel_id: str) -> Relationship | None:
        records = self._read(cypher.GET_RELATIONSHIP, workspace=workspace, id=rel_id)
        return decode_relationship(records[0]["data"], workspace) if records else None

    def existing_relationship_ids(self, workspace: str, ids: Iterable[str]) -> set[str]:
        id_list = list(dict.fromkeys(ids))
        found: set[str] = set()
        for rel_type in RelType:
            for chunk in _chunks(id_list, self.batch_size):
                found.update(
                    r["id"]
                    for r in self._read(
                        cypher.EXISTING_RELATIONSHIPS[rel_type],
                        workspace=workspace,
                        ids=list(chunk),
                    )
                )
        return found

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
        elif type is not None:
            records = self._read(
                cypher.LIST_RELATIONSHIPS_OF_TYPE,
                workspace=workspace,
                type=cypher.REL_TYPES[RelType(type)],
            )
        else:
            records = self._read(cypher.LIST_RELATIONSHIPS, workspace=workspace)
        rels = [decode_relationship(r["data"], workspace) for r in records]
        if type is not None:
            rels = [r for r in rels if r.type is RelType(type)]
        return rels

    def load_graph(self, workspace: str) -> nx.MultiDiGraph:
        graph = nx.MultiDiGraph(workspace=workspace)
        try:
            for record in self._stream(cypher.LIST_NODES, workspace=workspace):
                add_node(graph, decode_node(record["data"], workspace))
            for record in self._stream(cypher.LIST_RELATIONSHIPS, workspace=workspace):
                add_relationship(graph, decode_relationship(record["data"], workspace))
        except Neo4jError as exc:
            raise StoreError(f"Neo4j refused a read: {exc}") from exc
        return graph

    def workspaces(self) -> list[WorkspaceInfo]:
        return [
            WorkspaceInfo(
                name=r["name"],
                version=r["version"],
                nodes=r["nodes"],
                relationships=r["relationships"],
                created=datetime.fromisoformat(r["created"]) if r["created"] else None,
            )
            for r in self._read(cypher.LIST_WORKSPACES)
        ]

    def read_only(
        self, query: str, workspace: str, *, timeout: float = 10.0, limit: int = 1000
    ) -> list[dict[str, Any]]:
        """Run an analyst's query in a read transaction, with ``$workspace`` bound.

        The query must use ``$workspace``; it runs with a timeout and at most ``limit``
        rows come back. Returned nodes and relationships of another workspace are
        refused.
        """
        if "$workspace" not in query:
            raise ReadOnlyQueryError(
                "the query must be scoped to your workspace with the parameter $workspace, "
                "e.g. MATCH (n:Node {workspace: $workspace}) RETURN n.name LIMIT 10"
            )

        def work(tx: Any) -> list[dict[str, Any]]:
            rows = []
            for record in tx.run(neo4j.Query(query, timeout=timeout), workspace=workspace):
                rows.append({key: _plain(value, workspace) for key, value in record.items()})
                if len(rows) >= limit:
                    break
            return rows

        try:
            with self._driver.session(database=self.database) as session:
                result: list[dict[str, Any]] = session.execute_read(work)
                return result
        except ClientError as exc:
            raise ReadOnlyQueryError(f"Neo4j refused the query: {exc.message}") from exc
        except Neo4jError as exc:
            raise ReadOnlyQueryError(f"the query failed: {exc}") from exc

    def gds_available(self) -> bool:
        """Whether the Graph Data Science plugin and its Python client are both there."""
        if self._gds is None:
            try:
                import graphdatascience  # noqa: F401

                self._read(cypher.GDS_VERSION)
                self._gds = True
            except (ImportError, StoreError):
                self._gds = False
        return self._gds

    def close(self) -> None:
        self._driver.close()


def _plain(value: Any, workspace: str) -> Any:
    """A JSON-ready value; graph elements of another workspace are refused."""
    if isinstance(value, neo4j.graph.Node | neo4j.graph.Relationship):
        props = dict(value.items())
        if props.get("workspace") != workspace:
            raise ReadOnlyQueryError("the query returned data of another workspace")
        return {k: v for k, v in props.items() if k not in ("norm", "aliases")}
    if isinstance(value, neo4j.graph.Path):
        return [_plain(n, workspace) for n in value.nodes]
    if isinstance(value, list):
        return [_plain(v, workspace) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v, workspace) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value
