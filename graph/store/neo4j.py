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
* Every statement is a constant of :mod:`graph.store.cypher`, scoped to a
  workspace; labels and relationship types come from the closed vocabulary only.
* Loading a workspace into networkx reads its nodes and relationships in one read
  transaction (a write in between cannot give edges to nodes never loaded).
* The version counter lives on the workspace's ``:Workspace`` node.
* Every driver error (unreachable server, expired session, refused statement, an
  error while streaming or while creating the schema) becomes a
  :class:`~graph.errors.StoreError` with a one-line message.

Merging follows :mod:`graph.store.codec`, the same code the SQLite backend uses, so
both backends give the same answers (the contract suite runs against both, and
against this backend on the real driver over a scripted Bolt server).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, TypeVar

import networkx as nx

from graph.convert import add_node, add_relationship
from graph.errors import StoreError, StoreUnavailable
from graph.merge import merge_node
from graph.model import Node, NodeKind, Relationship, RelType, normalise, validate_workspace
from graph.store import cypher
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


class ReadOnlyQueryError(StoreError):
    """An analyst's read-only query was refused or failed."""


def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _one_line(exc: Exception) -> str:
    """A driver error as one line: its code and message, without the GQL status."""
    if isinstance(exc, Neo4jError):
        text = f"({exc.code}): {exc.message}" if exc.code else str(exc.message or exc)
    else:
        text = str(exc) or type(exc).__name__
    return " ".join(text.split())


# -- the analyst's read-only queries ------------------------------------------------------

#: String literals, comments and backquoted names, in the order Cypher reads them.
_LITERALS = re.compile(
    r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`]|``)*`|//[^\n\r\u2028\u2029\x85]*|/\*.*?\*/""",
    re.DOTALL,
)
#: What an analyst's query may not use, on the text without literals and comments.
_REFUSED: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?<![.\w$])LOAD\s+CSV\b", re.I), "LOAD CSV (it reads files and URLs)"),
    (re.compile(r"(?<![.\w$])CALL\b", re.I), "CALL (procedures and subqueries)"),
    (re.compile(r"(?<![.\w$])(SHOW|TERMINATE|USE)\b", re.I), "SHOW, TERMINATE or USE"),
    *[
        (re.compile(rf"(?<![.\w$]){ns}\s*\.", re.I), f"functions of the {ns}. namespace")
        for ns in ("dbms", "db", "gds", "apoc")
    ],
]
_WORKSPACE = re.compile(r"\$workspace(?![\w`])")


def check_read_only(query: str) -> None:
    """Refuse an analyst's query that uses ``LOAD CSV``, ``CALL``, ``SHOW``, ``USE``,
    ``TERMINATE`` or a function of the ``dbms.``, ``db.``, ``gds.`` or ``apoc.``
    namespaces, or that does not use the parameter ``$workspace`` — all judged on the
    query without its string literals and comments (``// $workspace`` does not count).

    This is a guard, not a proof of workspace scoping: the API lets only server keys
    run Cypher at all.

    >>> check_read_only("MATCH (n:Node {workspace: $workspace}) RETURN n.name")
    >>> check_read_only("RETURN db.labels(), $workspace")
    Traceback (most recent call last):
    ...
    graph.store.neo4j.ReadOnlyQueryError: the query may not use functions of the db. namespace
    """

    def blank(match: re.Match[str]) -> str:
        return " _ " if match.group().startswith(("'", '"', "/")) else " "

    def unquote(match: re.Match[str]) -> str:
        text = match.group()
        return f" {text[1:-1]} " if text.startswith("`") else blank(match)

    code = _LITERALS.sub(blank, query)
    names = _LITERALS.sub(unquote, query)  # `db`.labels() is db.labels()
    for pattern, what in _REFUSED:
        if pattern.search(code) or pattern.search(names):
            raise ReadOnlyQueryError(f"the query may not use {what}")
    if not _WORKSPACE.search(code):
        raise ReadOnlyQueryError(
            "the query must be scoped to your workspace with the parameter $workspace "
            "(outside strings and comments), e.g. "
            "MATCH (n:Node {workspace: $workspace}) RETURN n.name LIMIT 10"
        )


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

    def _read_chunks(self, query: str, ids: Iterable[str], **params: Any) -> list[Any]:
        """The records of ``query`` for ``$ids`` in chunks, in one read transaction."""
        id_list = list(dict.fromkeys(ids))

        def work(tx: Any) -> list[Any]:
            out: list[Any] = []
            for chunk in _chunks(id_list, self.batch_size):
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
    ) -> WriteResult:
        check_workspace(workspace, nodes, relationships)
        node_map = unique(nodes, merge_node)
        rel_map = unique(relationships, merge_in_one_write)

        def work(tx: Any) -> tuple[WriteResult, list[int]]:
            result, steps = WriteResult(), list[int]()  # fresh on every attempt of the driver
            tx.run(
                cypher.ENSURE_WORKSPACE, workspace=workspace, created=datetime.now(UTC).isoformat()
            ).consume()
            self._write_nodes(tx, workspace, node_map, result, steps)
            self._check_endpoints(tx, workspace, node_map, rel_map)
            self._write_relationships(tx, workspace, rel_map, result, steps)
            if result.changed:
                record = tx.run(cypher.BUMP_VERSION, workspace=workspace).single()
            else:
                record = tx.run(cypher.VERSION, workspace=workspace).single()
            result.version = int(record["version"]) if record else 0
            return result, steps

        written, steps = self._write(work)
        if progress:  # after the commit: a retried attempt is not counted twice
            for step in steps:
                progress(step)
        return written

    def _write_nodes(
        self,
        tx: Any,
        workspace: str,
        by_id: dict[str, Node],
        result: WriteResult,
        steps: list[int],
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
                steps.append(len(chunk))
        if change.unchanged:
            steps.append(change.unchanged)

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

    def _stored_relationships(self, tx: Any, workspace: str, ids: list[str]) -> dict[str, str]:
        """The stored forms of the relationships among ``ids``, of any type (each type
        through its own index)."""
        existing: dict[str, str] = {}
        for rel_type in RelType:
            for chunk in _chunks(ids, self.batch_size):
                for record in tx.run(
                    cypher.EXISTING_RELATIONSHIPS[rel_type], workspace=workspace, ids=list(chunk)
                ):
                    existing[record["id"]] = record["data"]
        return existing

    def _check_type_changes(
        self, tx: Any, workspace: str, moved: list[tuple[Relationship, Relationship]]
    ) -> None:
        """Refuse a type change that the stored ends of a relationship do not allow;
        delete the allowed ones under their old type (the caller writes them anew)."""
        ends = sorted({s.source for s, _ in moved} | {s.target for s, _ in moved})
        kinds: dict[str, NodeKind] = {}
        for chunk in _chunks(ends, self.batch_size):
            for record in tx.run(cypher.NODE_KINDS, workspace=workspace, ids=list(chunk)):
                kinds[record["id"]] = NodeKind(record["kind"])
        for stored, incoming in moved:
            check_type_change(stored, incoming, kinds)
        by_type: dict[RelType, list[str]] = defaultdict(list)
        for stored, _ in moved:
            by_type[stored.type].append(stored.id)
        for old_type, ids in by_type.items():  # written again under the new type
            tx.run(cypher.DELETE_RELATIONSHIPS[old_type], workspace=workspace, ids=ids).consume()

    def _write_relationships(
        self,
        tx: Any,
        workspace: str,
        by_id: dict[str, Relationship],
        result: WriteResult,
        steps: list[int],
    ) -> None:
        existing = self._stored_relationships(tx, workspace, list(by_id))
        moved = type_changes(by_id, existing, workspace)
        if moved:  # a relationship that changes type is checked, then replaced
            self._check_type_changes(tx, workspace, moved)
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
                steps.append(len(chunk))
        if change.unchanged:
            steps.append(change.unchanged)

    def _delete(self, statements: Sequence[str], workspace: str, ids: Iterable[str]) -> int:
        """Run each delete statement over ``ids`` in one write; the version grows if any
        element went."""
        id_list = list(dict.fromkeys(ids))

        def work(tx: Any) -> int:
            deleted = 0
            for statement in statements:
                for chunk in _chunks(id_list, self.batch_size):
                    record = tx.run(statement, workspace=workspace, ids=list(chunk)).single()
                    deleted += int(record["deleted"]) if record else 0
            if deleted:
                tx.run(cypher.BUMP_VERSION, workspace=workspace).consume()
            return deleted

        return self._write(work)

    def delete_nodes(self, workspace: str, ids: Iterable[str]) -> int:
        return self._delete([cypher.DELETE_NODES], workspace, ids)

    def delete_relationships(self, workspace: str, ids: Iterable[str]) -> int:
        return self._delete(list(cypher.DELETE_RELATIONSHIPS.values()), workspace, ids)

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
        records = self._read_chunks(cypher.GET_NODES, ids, workspace=workspace)
        nodes = (decode_node(r["data"], workspace) for r in records)
        return {node.id: node for node in nodes}

    def get_relationship(self, workspace: str, rel_id: str) -> Relationship | None:
        stored = self._read_work(lambda tx: self._stored_relationships(tx, workspace, [rel_id]))
        return decode_relationship(stored[rel_id], workspace) if rel_id in stored else None

    def existing_relationship_ids(self, workspace: str, ids: Iterable[str]) -> set[str]:
        id_list = list(dict.fromkeys(ids))
        stored = self._read_work(lambda tx: self._stored_relationships(tx, workspace, id_list))
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

        def work(tx: Any) -> nx.MultiDiGraph:
            graph = nx.MultiDiGraph(workspace=workspace)  # fresh on every attempt
            for record in tx.run(cypher.LIST_NODES, workspace=workspace):
                add_node(graph, decode_node(record["data"], workspace))
            for record in tx.run(cypher.LIST_RELATIONSHIPS, workspace=workspace):
                add_relationship(graph, decode_relationship(record["data"], workspace))
            return graph

        return self._read_work(work, "reading the workspace")

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
                rows.append({key: _plain(value, workspace) for key, value in record.items()})
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
