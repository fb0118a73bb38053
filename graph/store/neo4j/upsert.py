"""The Neo4j side of the one upsert (:mod:`graph.store.upsert`): reading and writing
rows in the upsert's write transaction, every statement a constant of
:mod:`graph.store.neo4j.cypher`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from graph.model import Node, NodeKind, Relationship, RelType, normalise
from graph.store.changelog import LogRow
from graph.store.codec import Change
from graph.store.neo4j import cypher
from graph.store.upsert import Step, chunks

__all__ = ["Neo4jUpsertIO", "Neo4jWriteIO", "stored_relationships"]


def stored_relationships(
    tx: Any, workspace: str, ids: Sequence[str], batch_size: int
) -> dict[str, str]:
    """The stored forms of the relationships among ``ids``, of any type (each type
    through its own index)."""
    existing: dict[str, str] = {}
    for rel_type in RelType:
        for chunk in chunks(ids, batch_size):
            for record in tx.run(
                cypher.EXISTING_RELATIONSHIPS[rel_type], workspace=workspace, ids=list(chunk)
            ):
                existing[record["id"]] = record["data"]
    return existing


class Neo4jUpsertIO:
    """The Neo4j side of :func:`graph.store.upsert.write`, in one write transaction;
    rows travel as ``UNWIND $rows`` in batches of ``batch_size``."""

    #: every relationship of the write compared at once
    relationship_batch: int | None = None

    def __init__(self, tx: Any, workspace: str, batch_size: int) -> None:
        self.tx, self.workspace, self.batch_size = tx, workspace, batch_size

    def _records(self, query: str, ids: Sequence[str]) -> list[Any]:
        out: list[Any] = []
        for chunk in chunks(ids, self.batch_size):
            out.extend(self.tx.run(query, workspace=self.workspace, ids=list(chunk)))
        return out

    def _rows(self, statement: str, rows: list[dict[str, Any]], step: Step) -> None:
        for chunk in chunks(rows, self.batch_size):
            self.tx.run(statement, workspace=self.workspace, rows=list(chunk)).consume()
            step(len(chunk))

    def ensure_workspace(self) -> None:
        created = datetime.now(UTC).isoformat()
        self.tx.run(cypher.ENSURE_WORKSPACE, workspace=self.workspace, created=created).consume()

    def stored_nodes(self, ids: Sequence[str]) -> dict[str, str]:
        return {r["id"]: r["data"] for r in self._records(cypher.EXISTING_NODES, ids)}

    def write_nodes(self, change: Change[Node], step: Step) -> None:
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
            self._rows(cypher.UPSERT_NODES[kind], rows, step)

    def missing_nodes(self, ids: Sequence[str]) -> list[str]:
        return [r["id"] for r in self._records(cypher.MISSING_NODES, ids)]

    def stored_relationships(self, ids: Sequence[str]) -> dict[str, str]:
        return stored_relationships(self.tx, self.workspace, ids, self.batch_size)

    def node_kinds(self, ids: Sequence[str]) -> dict[str, NodeKind]:
        return {r["id"]: NodeKind(r["kind"]) for r in self._records(cypher.NODE_KINDS, ids)}

    def retype(self, moved: list[tuple[Relationship, Relationship]]) -> None:
        """Delete the relationships that change type under their old type (written anew)."""
        by_type: dict[RelType, list[str]] = defaultdict(list)
        for stored, _ in moved:
            by_type[stored.type].append(stored.id)
        for old_type, ids in by_type.items():
            self.tx.run(
                cypher.DELETE_RELATIONSHIPS[old_type], workspace=self.workspace, ids=ids
            ).consume()

    def write_relationships(self, change: Change[Relationship], step: Step) -> None:
        by_type: dict[RelType, list[dict[str, Any]]] = defaultdict(list)
        for rel, data in change.write:
            by_type[rel.type].append(
                {"id": rel.id, "source": rel.source, "target": rel.target, "data": data.decode()}
            )
        for rel_type, rows in by_type.items():
            self._rows(cypher.UPSERT_RELATIONSHIPS[rel_type], rows, step)

    def version(self, bump: bool) -> int:
        statement = cypher.BUMP_VERSION if bump else cypher.VERSION
        record = self.tx.run(statement, workspace=self.workspace).single()
        return int(record["version"]) if record else 0


class Neo4jWriteIO(Neo4jUpsertIO):
    """:class:`Neo4jUpsertIO` with what exact writes and the change log need."""

    def relationships_touching(self, node_ids: Sequence[str]) -> dict[str, str]:
        records = self._records(cypher.RELATIONSHIPS_OF_NODES, node_ids)
        return {r["id"]: r["data"] for r in records}

    def remove_relationships(self, stored: Mapping[str, Relationship]) -> None:
        by_type: dict[RelType, list[str]] = defaultdict(list)
        for rel in stored.values():
            by_type[rel.type].append(rel.id)
        for rel_type, ids in by_type.items():
            for chunk in chunks(ids, self.batch_size):
                self.tx.run(
                    cypher.DELETE_RELATIONSHIPS[rel_type], workspace=self.workspace, ids=list(chunk)
                ).consume()

    def remove_nodes(self, ids: Sequence[str]) -> None:
        for chunk in chunks(ids, self.batch_size):
            self.tx.run(cypher.DELETE_NODES, workspace=self.workspace, ids=list(chunk)).consume()

    def put_nodes(self, change: Change[Node]) -> None:
        self.write_nodes(change, lambda _: None)  # SET replaces the aliases

    def log(self, row: LogRow) -> int:
        record = self.tx.run(
            cypher.CREATE_CHANGE,
            workspace=self.workspace,
            time=row.time,
            actor=row.actor,
            role=row.role,
            action=row.action,
            summary=row.summary.decode(),
            data=row.data.decode(),
        ).single()
        return int(record["id"]) if record else 0

    def log_entries(self) -> list[tuple[int, LogRow]]:
        return [
            (int(r["id"]), _row(r, r["data"]))
            for r in self.tx.run(cypher.LOG_ENTRIES, workspace=self.workspace)
        ]

    def rewrite_log(self, rows: list[tuple[int, LogRow]]) -> None:
        batch = [
            {
                "id": i,
                "time": r.time,
                "actor": r.actor,
                "role": r.role,
                "action": r.action,
                "summary": r.summary.decode(),
                "data": r.data.decode(),
            }
            for i, r in rows
        ]
        for chunk in chunks(batch, self.batch_size):
            self.tx.run(
                cypher.REWRITE_CHANGES, workspace=self.workspace, rows=list(chunk)
            ).consume()


def _row(record: Any, data: str | None) -> LogRow:
    return LogRow(
        record["time"],
        record["actor"],
        record["role"],
        record["action"],
        record["summary"].encode(),
        (data or "").encode(),
    )
