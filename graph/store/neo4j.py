"""The Neo4j backend: the store contract on the official ``neo4j`` driver.

* Constraints and indexes are created idempotently when the store opens
  (:data:`graph.store.cypher.SCHEMA`).
* Every read and every write is a managed transaction (``execute_read`` /
  ``execute_write``: the driver retries transient failures), and all of them share
  **one bookmark manager**, so on a cluster a read always sees the writes this
  store made before it (and :meth:`Neo4jStore.version` is never stale).
* An upsert is one write transaction; inside it, rows are sent as
  ``UNWIND $rows … MERGE`` in batches of ``batch_size`` (default 10 000). Either
  everything is written or nothing. ``progress`` is called after the commit, so a
  retried transaction does not count twice.
* Analysts' read-only Cypher (:meth:`Neo4jStore.read_only`, checked by
  :mod:`graph.store.readonly`) makes this store a :class:`~graph.store.base.CypherReader`.
* Every statement is a constant of :mod:`graph.store.cypher`, scoped to a
  workspace; labels and relationship types come from the closed vocabulary only.
* Loading a workspace into networkx reads its nodes and relationships in one read
  transaction (a write in between cannot give edges to nodes never loaded).
* The version counter lives on the workspace's ``:Workspace`` node.
* Every driver error (unreachable server, expired session, refused statement, an
  error while streaming or while creating the schema) becomes a
  :class:`~graph.errors.StoreError` with a one-line message.

An upsert is :func:`graph.store.upsert.write`, the same code the SQLite backend uses,
over this backend's I/O (:mod:`graph.store.neo4j_upsert`), so both backends give the
same answers (the contract suite runs against both, and
against this backend on the real driver over a scripted Bolt server).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import networkx as nx

from graph.access import Actor
from graph.changes import ChangeEntry, Replacement
from graph.collecting import cycle_collection_paused
from graph.errors import StoreError, StoreUnavailable
from graph.model import Node, NodeKind, Relationship, RelType, normalise, validate_workspace
from graph.store import cypher
from graph.store.base import (
    MAX_STORED_INT,
    Progress,
    StoreCapabilities,
    WorkspaceInfo,
    WriteResult,
    storable,
)
from graph.store.changelog import Recorder, apply_write, decode_entry, merge_write, node_needles
from graph.store.codec import (
    decode_node,
    decode_relationship,
)
from graph.store.neo4j_access import Neo4jAccess
from graph.store.neo4j_sharing import Neo4jSharing
from graph.store.neo4j_surveys import Neo4jSurveys
from graph.store.neo4j_upsert import Neo4jWriteIO, stored_relationships
from graph.store.readonly import ReadOnlyQueryError, check_read_only, plain_value
from graph.store.snapshot import Snapshots
from graph.store.stored_graph import GraphBuilder
from graph.store.upsert import chunks, prepare, write

try:
    import neo4j
    from neo4j.exceptions import (
        AuthError,
        DriverError,
        IncompleteCommit,
        Neo4jError,
        ServiceUnavailable,
        SessionExpired,
    )
except ImportError as exc:  # pragma: no cover - the driver is a core dependency
    raise ImportError(
        "the Neo4j backend needs the 'neo4j' driver: pip install 'neo4j>=5.20'"
    ) from exc

__all__ = ["Neo4jStore", "Neo4jUnavailable", "ReadOnlyQueryError", "check_read_only"]

T = TypeVar("T")


class Neo4jUnavailable(StoreUnavailable):
    """Neo4j cannot be reached (or the connection broke)."""


def _one_line(exc: Exception) -> str:
    """A driver error as one line: its code and message, without the GQL status."""
    if isinstance(exc, Neo4jError):
        text = f"({exc.code}): {exc.message}" if exc.code else str(exc.message or exc)
    else:
        text = str(exc) or type(exc).__name__
    return " ".join(text.split())


class Neo4jStore(Neo4jAccess, Neo4jSurveys, Neo4jSharing):
    """The store on a Neo4j 5 database."""

    #: analysts' read-only Cypher; the server runs many reads and writes at once
    capabilities = StoreCapabilities(cypher=True, concurrent_readers=True, concurrent_writers=True)

    def __init__(
        self,
        uri: str,
        user: str = "neo4j",
        password: str | None = None,
        database: str = "neo4j",
        *,
        batch_size: int = 10_000,
        driver: Any = None,
        snapshots: Path | None = None,
    ) -> None:
        self.uri = uri
        self.database = database
        self.batch_size = batch_size
        #: loaded graphs kept in this folder, per workspace version (graph/store/snapshot.py)
        self.snapshots = Snapshots(snapshots) if snapshots is not None else None
        #: one bookmark manager for every read and write: causal consistency
        self._bookmarks = neo4j.GraphDatabase.bookmark_manager()
        try:
            self._driver = driver or neo4j.GraphDatabase.driver(uri, auth=(user, password or ""))
            self._driver.verify_connectivity()
        except AuthError as exc:
            raise StoreError(
                f"Neo4j at {uri} refused the credentials for user {user!r}; check "
                "GRENSWERK_NEO4J_USER and GRENSWERK_NEO4J_PASSWORD"
            ) from exc
        except (ServiceUnavailable, SessionExpired, OSError, ValueError) as exc:
            raise Neo4jUnavailable(
                f"cannot reach Neo4j at {uri}: {_one_line(exc)}; is it running "
                "(docker compose up -d neo4j) and is GRENSWERK_NEO4J_URI right?"
            ) from exc
        except (Neo4jError, DriverError) as exc:
            raise StoreError(f"cannot open Neo4j at {uri}: {_one_line(exc)}") from exc
        self._ensure_schema()

    # -- plumbing -----------------------------------------------------------------

    @contextmanager
    def _errors(self, action: str, error: type[StoreError] = StoreError) -> Iterator[None]:
        """Turn every driver error inside into a one-line :class:`StoreError`."""
        try:
            yield
        except StoreError:
            raise
        except IncompleteCommit as exc:
            raise Neo4jUnavailable(
                f"the connection to Neo4j at {self.uri} broke during the commit of {action}; "
                f"it may or may not have been stored: {_one_line(exc)}"
            ) from exc
        except (ServiceUnavailable, SessionExpired) as exc:
            raise Neo4jUnavailable(
                f"Neo4j at {self.uri} cannot be reached ({action}): {_one_line(exc)}"
            ) from exc
        except Neo4jError as exc:
            raise error(f"Neo4j refused {action} {_one_line(exc)}") from exc
        except DriverError as exc:
            raise error(f"the Neo4j driver failed in {action}: {_one_line(exc)}") from exc

    def _session(self, *, fetch_size: int = 1000) -> Any:
        """A session on the store's database with the store's one bookmark manager."""
        return self._driver.session(
            database=self.database, bookmark_manager=self._bookmarks, fetch_size=fetch_size
        )

    def _ensure_schema(self) -> None:
        with self._errors("creating its constraints and indexes"), self._session() as session:
            for statement in cypher.SCHEMA:
                session.run(statement).consume()

    def _read_work(self, work: Callable[[Any], T], action: str = "a read") -> T:
        with self._errors(action), self._session(fetch_size=self.batch_size) as session:
            result: T = session.execute_read(work)
            return result

    def _read(self, query: str, **params: Any) -> list[Any]:
        return self._read_work(lambda tx: list(tx.run(query, params)))

    def _readchunks(self, query: str, ids: Iterable[str], **params: Any) -> list[Any]:
        """The records of ``query`` for ``$ids`` in chunks, in one read transaction."""
        id_list = list(dict.fromkeys(ids))

        def work(tx: Any) -> list[Any]:
            out: list[Any] = []
            for chunk in chunks(id_list, self.batch_size):
                out.extend(tx.run(query, params, ids=list(chunk)))
            return out

        return self._read_work(work)

    def _write(self, work: Callable[[Any], T]) -> T:
        with self._errors("the write, nothing was written"), self._session() as session:
            result: T = session.execute_write(work)
            return result

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
        node_map, rel_map = prepare(workspace, nodes, relationships)

        def work(tx: Any) -> tuple[WriteResult, list[int]]:
            steps = list[int]()  # fresh on every attempt of the driver
            io = Neo4jWriteIO(tx, workspace, self.batch_size)
            rec = Recorder("upsert", actor)
            result = write(io, workspace, node_map, rel_map, steps.append, rec.change)
            rec.commit(io)
            return result, steps

        written, steps = self._write(work)
        if progress:  # after the commit: a retried attempt is not counted twice
            for step in steps:
                progress(step)
        return written

    def _apply(
        self, workspace: str, plan: Replacement, actor: Actor | None
    ) -> tuple[int, dict[str, int]]:
        return self._write(
            lambda tx: apply_write(
                Neo4jWriteIO(tx, workspace, self.batch_size), workspace, plan, actor, lambda _: None
            )
        )

    def apply(self, workspace: str, plan: Replacement, *, actor: Actor | None = None) -> int:
        return self._apply(workspace, plan, actor)[0]

    def merge(self, workspace: str, keep: str, other: str, *, actor: Actor | None = None) -> int:
        return self._write(
            lambda tx: merge_write(
                Neo4jWriteIO(tx, workspace, self.batch_size),
                workspace,
                keep,
                other,
                actor,
                lambda _: None,
            )
        )

    def delete_nodes(
        self, workspace: str, ids: Iterable[str], *, actor: Actor | None = None
    ) -> int:
        if not self.has_workspace(workspace):
            return 0
        plan = Replacement(action="delete_nodes", delete_nodes=list(dict.fromkeys(ids)))
        return self._apply(workspace, plan, actor)[1].get("nodes_deleted", 0)

    def delete_relationships(
        self, workspace: str, ids: Iterable[str], *, actor: Actor | None = None
    ) -> int:
        if not self.has_workspace(workspace):
            return 0
        wanted = list(dict.fromkeys(ids))
        plan = Replacement(action="delete_relationships", delete_relationships=wanted)
        return self._apply(workspace, plan, actor)[1].get("relationships_deleted", 0)

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
        self._write(
            lambda tx: tx.run(cypher.DELETE_WORKSPACE_SURVEYS, workspace=workspace).consume()
        )
        while self._write(
            lambda tx: tx.run(
                cypher.DELETE_CHANGES_BATCH, workspace=workspace, batch=self.batch_size
            ).single()["deleted"]
        ):
            pass
        gone: int = self._write(
            lambda tx: tx.run(cypher.DELETE_WORKSPACE_NODE, workspace=workspace).single()["deleted"]
        )
        if self.snapshots is not None:
            self.snapshots.drop(workspace)
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
        records = self._readchunks(cypher.GET_NODES, ids, workspace=workspace)
        nodes = (decode_node(r["data"], workspace) for r in records)
        return {node.id: node for node in nodes}

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

    def load_graph(self, workspace: str) -> nx.MultiDiGraph:
        """Nodes and relationships, streamed in one read transaction."""

        def work(tx: Any) -> tuple[nx.MultiDiGraph, str | None]:
            stamp = self._stamp(tx, workspace) if self.snapshots is not None else None
            if stamp is not None and self.snapshots is not None:
                kept = self.snapshots.load(workspace, stamp)
                if kept is not None:
                    return kept, None
            builder = GraphBuilder(workspace)  # fresh on every attempt
            with cycle_collection_paused():  # many new objects, none in a cycle
                for record in tx.run(cypher.LIST_NODES, workspace=workspace):
                    builder.add_node(record["data"])
                for record in tx.run(cypher.LIST_RELATIONSHIPS, workspace=workspace):
                    builder.add_relationship(record["data"])
            return builder.graph, stamp

        graph, stamp = self._read_work(work, "reading the workspace")
        if stamp is not None and self.snapshots is not None:
            self.snapshots.save(workspace, stamp, graph)
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
                created=datetime.fromisoformat(r["created"]) if r["created"] else None,
            )
            for r in self._read(cypher.LIST_WORKSPACES)
        ]

    def read_only(
        self, query: str, workspace: str, *, timeout: float = 10.0, limit: int = 1000
    ) -> list[dict[str, Any]]:
        """Run an analyst's query in a read transaction, with ``$workspace`` bound.

        The query is checked first (:func:`check_read_only`); it runs with the driver's
        transaction timeout and at most ``limit`` rows come back. Returned nodes and
        relationships of another workspace are refused.
        """
        check_read_only(query)

        @neo4j.unit_of_work(timeout=timeout)
        def work(tx: Any) -> list[dict[str, Any]]:
            rows = []
            for record in tx.run(query, workspace=workspace):
                rows.append({key: plain_value(value, workspace) for key, value in record.items()})
                if len(rows) >= limit:
                    break
            return rows

        with self._errors("the query", ReadOnlyQueryError):
            try:
                with self._session() as session:
                    result: list[dict[str, Any]] = session.execute_read(work)
                    return result
            except neo4j.exceptions.ClientError as exc:
                message = " ".join(str(exc.message or exc).split())
                raise ReadOnlyQueryError(f"Neo4j refused the query: {message}") from exc

    def close(self) -> None:
        self._driver.close()
