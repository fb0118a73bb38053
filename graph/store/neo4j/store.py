"""The Neo4j backend: the store contract on the official ``neo4j`` driver.

* Constraints and indexes are created idempotently when the store opens
  (:data:`graph.store.neo4j.cypher.SCHEMA`).
* Every read and every write is a managed transaction (``execute_read`` /
  ``execute_write``: the driver retries transient failures), and all of them share
  **one bookmark manager**, so on a cluster a read always sees the writes this
  store made before it (and :meth:`Neo4jStore.version` is never stale).
* An upsert is one write transaction; inside it, rows are sent as
  ``UNWIND $rows … MERGE`` in batches of ``batch_size`` (default 10 000). Either
  everything is written or nothing. ``progress`` is called after the commit, so a
  retried transaction does not count twice.
* Analysts' read-only Cypher (:meth:`Neo4jStore.read_only`, checked by
  :mod:`graph.store.neo4j.readonly`) makes this store a :class:`~graph.store.base.CypherReader`.
* With Graph Data Science 2.13+ on the server (``gds.version()`` answers when the store
  opens), the store is also :class:`~graph.store.analytics.InDatabaseAnalytics`
  (:mod:`graph.store.neo4j.analytics`) and says so in ``capabilities``.
* Every statement is a constant of :mod:`graph.store.neo4j.cypher`, scoped to a
  workspace; labels and relationship types come from the closed vocabulary only.
* Loading a workspace into networkx reads its nodes and relationships in one read
  transaction (a write in between cannot give edges to nodes never loaded).
* The version counter lives on the workspace's ``:Workspace`` node.
* Every driver error (unreachable server, expired session, refused statement, an
  error while streaming or while creating the schema) becomes a
  :class:`~graph.errors.StoreError` with a one-line message; a server that does not
  answer is given up on after ``timeout`` seconds (:func:`driver_options`), as
  :class:`Neo4jUnavailable` (the API's 503 with ``Retry-After``).

An upsert is :func:`graph.store.upsert.write`, the same code the SQLite backend uses,
over this backend's I/O (:mod:`graph.store.neo4j.upsert`), so both backends give the
same answers (the contract suite runs against both; in ``make test`` Neo4j is a real
Neo4j 5.26 server, ``tests/neo4j/server.py``).

This module holds the driver, its sessions and errors, the writes and analysts'
read-only queries; the reads, the loading of a workspace's graph among them, are
:mod:`graph.store.neo4j.reads`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from graph.access import Actor
from graph.changes import Replacement
from graph.errors import StoreError
from graph.model import Node, Relationship, validate_workspace
from graph.store.changelog import Recorder, apply_write, merge_write
from graph.store.datatypes import Progress, StoreCapabilities, WriteResult
from graph.store.neo4j import cypher
from graph.store.neo4j.access import Neo4jAccess
from graph.store.neo4j.analytics import Neo4jAnalytics, supported_gds
from graph.store.neo4j.driver import (
    DEFAULT_TIMEOUT_S,
    Neo4jUnavailable,
    TransactionTooLarge,
    _one_line,
    _too_large_is_final,
    driver_options,
)
from graph.store.neo4j.fields import fill_view_fields
from graph.store.neo4j.readonly import ReadOnlyQueryError, check_read_only, plain_value
from graph.store.neo4j.reads import Neo4jReads
from graph.store.neo4j.sharing import Neo4jSharing
from graph.store.neo4j.surveys import Neo4jSurveys
from graph.store.neo4j.upsert import Neo4jWriteIO
from graph.store.snapshot import Snapshots
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

__all__ = [
    "DEFAULT_TIMEOUT_S",
    "Neo4jStore",
    "Neo4jUnavailable",
    "ReadOnlyQueryError",
    "TransactionTooLarge",
    "check_read_only",
    "driver_options",
]

T = TypeVar("T")


class Neo4jStore(Neo4jReads, Neo4jAccess, Neo4jSurveys, Neo4jSharing, Neo4jAnalytics):
    """The store on a Neo4j 5 database."""

    #: analysts' read-only Cypher; the server runs many reads and writes at once; the
    #: analyses in the database when the server has Graph Data Science 2.13+ (set at open)
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
        timeout: float = DEFAULT_TIMEOUT_S,
    ) -> None:
        self.uri = uri
        self.database = database
        self.batch_size = batch_size
        self.timeout = timeout
        #: until when (monotonic) calls fail at once, and why: set when Neo4j refused a
        #: connection (see :meth:`_session`)
        self._down: tuple[float, str] = (0.0, "")
        #: loaded graphs kept in this folder, per workspace version (graph/store/snapshot.py)
        self.snapshots = Snapshots(snapshots) if snapshots is not None else None
        #: one bookmark manager for every read and write: causal consistency
        self._bookmarks = neo4j.GraphDatabase.bookmark_manager()
        try:
            self._driver = driver or neo4j.GraphDatabase.driver(
                uri, auth=(user, password or ""), **driver_options(timeout)
            )
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
        self.gds_version = self._gds()
        self.capabilities = replace(
            type(self).capabilities, in_database_analytics=supported_gds(self.gds_version)
        )

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
            message = f"Neo4j at {self.uri} cannot be reached ({action}): {_one_line(exc)}"
            if "Couldn't connect" in str(exc):  # the server is not there, not a cut connection
                self._down = (time.monotonic() + self.timeout, _one_line(exc))
            raise Neo4jUnavailable(message) from exc
        except Neo4jError as exc:
            raise error(f"Neo4j refused {action} {_one_line(exc)}") from exc
        except DriverError as exc:
            raise error(f"the Neo4j driver failed in {action}: {_one_line(exc)}") from exc

    def _session(self, *, fetch_size: int = 1000, **options: Any) -> Any:
        """A session on the store's database with the store's one bookmark manager
        (``options``: the driver's other session settings); none for ``timeout`` seconds
        after Neo4j refused a connection: the call fails at once (each call of a request
        would otherwise wait through the driver's retries)."""
        until, reason = self._down
        if time.monotonic() < until:
            raise Neo4jUnavailable(f"Neo4j at {self.uri} cannot be reached: {reason}")
        return self._driver.session(
            database=self.database,
            bookmark_manager=self._bookmarks,
            fetch_size=fetch_size,
            **options,
        )

    def _ensure_schema(self) -> None:
        with self._errors("creating its constraints and indexes"), self._session() as session:
            for statement in cypher.SCHEMA:
                session.run(statement).consume()
        with self._errors("filling in the fields of in-database views"):
            fill_view_fields(
                lambda query, **params: self._write(lambda tx: list(tx.run(query, params))),
                self.batch_size,
            )

    def _gds(self) -> str | None:
        """The Graph Data Science version the server has, or ``None`` (no GDS, or it
        cannot be called)."""
        try:
            with self._session() as session:
                record = session.run(cypher.GDS_VERSION).single()
        except (Neo4jError, DriverError):
            return None
        return str(record["version"]) if record else None

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
            result: T = session.execute_write(_too_large_is_final(work))
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
        self._write(lambda tx: tx.run(cypher.DELETE_POSITIONS, workspace=workspace).consume())
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
