"""The Neo4j side of the one upsert (:mod:`graph.store.upsert`): reading and writing
rows in the upsert's write transaction, every statement a constant of
:mod:`graph.store.neo4j.cypher`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

from graph.model import Node, NodeKind, Relationship, RelType, normalise
from graph.store.changelog import LogRow
from graph.store.codec import Change
from graph.store.neo4j import cypher
from graph.store.upsert import Step, chunks

__all__ = [
    "Neo4jUpsertIO",
    "Neo4jWriteIO",
    "node_fields",
    "relationship_fields",
    "stored_relationships",
]


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def node_fields(node: Node) -> dict[str, str | None]:
    """The fields of a node that an in-database view filters on (``--at``), stored
    beside its JSON as properties: ``since``, ``until`` and an activity's ``date``
    (ISO dates, which compare as text in date order), or ``None``.

    >>> from datetime import date
    >>> node_fields(Node(id="a", kind="activity", name="A", workspace="w", date=date(2022, 9, 29)))
    {'since': None, 'until': None, 'date': '2022-09-29'}
    """
    return {"since": _day(node.since), "until": _day(node.until), "date": _day(node.date)}


def relationship_fields(rel: Relationship) -> dict[str, Any]:
    """The fields of a relationship an in-database view reads: ``since``, ``until``
    (ISO dates) and ``strength`` (the weight of a tie), or ``None``.

    >>> tie = Relationship(type="works_at", source="a", target="b", workspace="w", strength=2)
    >>> relationship_fields(tie)
    {'since': None, 'until': None, 'strength': 2.0}
    """
    return {"since": _day(rel.since), "until": _day(rel.until), "strength": rel.strength}


def stored_relationships(
    tx: Any, workspace: str, ids: Sequence[str], batch_size: int
) -> dict[str, str]:
    """The stored forms of the relationships among ``ids``, of any type: per type, the
    ties looked up by id through the type's index, or, when ``ids`` fill a batch and the
    workspace holds fewer ties of that type than ``ids`` names, all of them read and
    kept if named (a 200 000-tie import into a workspace holding the demo looked up
    200 000 ids in each of the 14 types' indexes). A few ids are looked up without
    counting the type: a count reads every entry of the workspace in its index."""
    existing: dict[str, str] = {}
    wanted = set(ids)  # an id names one tie: found under one type, not looked up again
    for rel_type in RelType:
        if not wanted:
            break
        stored = len(wanted)  # a few ids (under a batch): looked up, the type not counted
        if len(wanted) >= batch_size:
            count = tx.run(cypher.COUNT_RELATIONSHIPS_OF_TYPE[rel_type], workspace=workspace)
            record = count.single()
            stored = int(record["count"]) if record else 0
        found: dict[str, str] = {}
        if 0 < stored < len(wanted):
            records = tx.run(cypher.RELATIONSHIPS_OF_TYPE[rel_type], workspace=workspace)
            found = {r["id"]: r["data"] for r in records if r["id"] in wanted}
        elif stored:
            for chunk in chunks(sorted(wanted), batch_size):
                records = tx.run(
                    cypher.EXISTING_RELATIONSHIPS[rel_type], workspace=workspace, ids=chunk
                )
                found.update((r["id"], r["data"]) for r in records)
        existing.update(found)
        wanted.difference_update(found)
    return existing


class Neo4jUpsertIO:
    """The Neo4j side of :func:`graph.store.upsert.write`, in one write transaction;
    rows travel as ``UNWIND $rows`` in batches of ``batch_size``. A relationship is
    written in place when the write's read found it stored (``change.before``), else
    created: the read and the write hold the workspace's lock (``ENSURE_WORKSPACE``)."""

    #: every relationship of the write compared at once
    relationship_batch: int | None = None

    def __init__(self, tx: Any, workspace: str, batch_size: int) -> None:
        self.tx, self.workspace, self.batch_size = tx, workspace, batch_size
        #: the relationships deleted under their old type, to be created under the new
        self.retyped: set[str] = set()

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
                    **node_fields(node),
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
        self.retyped.update(stored.id for stored, _ in moved)

    def write_relationships(self, change: Change[Relationship], step: Step) -> None:
        """Overwrite the stored relationships of ``change`` in place, then create the new
        ones (and those :meth:`retype` deleted under their old type)."""
        update: dict[RelType, list[dict[str, Any]]] = defaultdict(list)
        create: dict[RelType, list[dict[str, Any]]] = defaultdict(list)
        for rel, data in change.write:
            stored = rel.id in change.before and rel.id not in self.retyped
            (update if stored else create)[rel.type].append(
                {
                    "id": rel.id,
                    "source": rel.source,
                    "target": rel.target,
                    "data": data.decode(),
                    **relationship_fields(rel),
                }
            )
        for rel_type, rows in update.items():
            self._rows(cypher.UPDATE_RELATIONSHIPS[rel_type], rows, step)
        for rel_type, rows in create.items():
            self._rows(cypher.CREATE_RELATIONSHIPS[rel_type], rows, step)

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
