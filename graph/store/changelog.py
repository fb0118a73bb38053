"""The change log inside the store, written once for every backend.

A :class:`Recorder` collects what one write did (per element its before and after,
kept compactly as the stored JSON, plus counts) and :meth:`Recorder.commit` hands it
to the backend as **one** row per write (``io.log``), in the write's own transaction.
A bulk write hands its relationship records over batch by batch instead
(:meth:`Recorder.spill`, to a backend that keeps parts, :class:`PartIO`), so a big
import does not hold them all until the commit; :func:`join_parts` puts such a change
together again when it is read.
:func:`apply_write` does an exact write (:class:`~graph.changes.Replacement`: merge,
undo, forget, deletes) through the same I/O, and :func:`merge_write` plans a merge of
two nodes inside the transaction (:func:`graph.merge.plan_merge`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

import orjson

from graph.access import SYSTEM, Actor
from graph.changes import ChangeEntry, ElementChange, Replacement
from graph.errors import StoreError
from graph.merge import plan_merge
from graph.model import Node, Relationship
from graph.store.codec import Change, decode_node, decode_relationship, encode
from graph.store.upsert import Step, UpsertIO

__all__ = [
    "ApplyIO",
    "LogRow",
    "PartIO",
    "Recorder",
    "apply_write",
    "decode_entry",
    "encode_entry",
    "join_parts",
    "merge_write",
    "node_needles",
]


@dataclass(frozen=True)
class LogRow:
    """One change as a backend stores it."""

    time: str
    actor: str
    role: str
    action: str
    summary: bytes  #: counts, note, undoes, scrubbed (small JSON)
    data: bytes  #: the per-element before and after (JSON, possibly large)


class ApplyIO(UpsertIO, Protocol):
    """What a backend does inside the transaction of an exact write."""

    def relationships_touching(self, node_ids: Sequence[str]) -> Mapping[str, bytes | str]:
        """The stored relationships with an end among ``node_ids``, by id."""
        ...

    def remove_relationships(self, stored: Mapping[str, Relationship]) -> None:
        """Delete these stored relationships."""
        ...

    def remove_nodes(self, ids: Sequence[str]) -> None:
        """Delete these nodes (their relationships are gone already)."""
        ...

    def put_nodes(self, change: Change[Node]) -> None:
        """Write the nodes exactly as given (aliases replaced, not united)."""
        ...

    def log(self, row: LogRow) -> int:
        """Store one change; its id (1, 2, … per workspace)."""
        ...

    def log_entries(self) -> list[tuple[int, LogRow]]:
        """Every change of the workspace with its details, by id."""
        ...

    def rewrite_log(self, rows: list[tuple[int, LogRow]]) -> None:
        """Overwrite these changes."""
        ...


class PartIO(Protocol):
    """A backend that stores a change's relationship records in parts."""

    def next_change_id(self) -> int:
        """The id the next :meth:`ApplyIO.log` of this transaction will give."""
        ...

    def log_part(self, change_id: int, part: int, data: bytes) -> None:
        """Store part ``part`` (0, 1, …) of change ``change_id``'s relationship
        records (comma-separated JSON objects)."""
        ...

    def log(self, row: LogRow) -> int:
        """Store one change; its id."""
        ...


def join_parts(data: bytes, parts: Sequence[bytes]) -> bytes:
    """A change's stored data with its parts' relationship records put back in.

    >>> join_parts(b'{"nodes":[],"relationships":[]}', [b'{"id":"a"}', b'{"id":"b"}'])
    b'{"nodes":[],"relationships":[{"id":"a"},{"id":"b"}]}'
    """
    if not parts:
        return data
    if not data.endswith(b"[]}"):
        raise StoreError("a change stored in parts has records outside them")
    return data[:-2] + b",".join(parts) + b"]}"


def _raw(data: bytes | str) -> bytes:
    return data.encode() if isinstance(data, str) else data


@dataclass
class Recorder:
    """What one write did, collected while it runs."""

    action: str
    actor: Actor | None = None
    undoes: int | None = None
    details: bool = True
    #: the records (an element may hold several, comma-separated)
    nodes: list[bytes] = field(default_factory=list)
    relationships: list[bytes] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    #: the id reserved for this change by its first :meth:`spill`, the parts stored
    #: and where
    spilled_id: int | None = None
    parts: int = 0
    part_io: PartIO | None = field(default=None, repr=False)

    def add(
        self,
        what: str,
        element_id: str,
        before: bytes | None,
        after: bytes | None,
        element: Node | Relationship | None = None,
    ) -> None:
        """Record one element (``what``: ``nodes`` or ``relationships``); ``element``
        is the element written (``after`` decoded), if the caller has it."""
        op = "created" if before is None else "deleted" if after is None else "updated"
        self.counts[f"{what}_{op}"] = self.counts.get(f"{what}_{op}", 0) + 1
        if not self.details:
            return
        head = b'{"id":' + orjson.dumps(element_id) + b',"op":"' + op.encode() + b'"'
        if op == "created":  # compact: the whole element is in the store
            record = head + b',"after":' + orjson.dumps(_created(after or b"{}", element)) + b"}"
        elif op == "deleted":
            record = head + b',"before":' + _raw(before or b"{}") + b"}"
        else:
            record = head + b"," + _fields(what, _raw(before or b"{}"), _raw(after or b"{}"))[1:]
        (self.nodes if what == "nodes" else self.relationships).append(record)

    def relationships_created(self, rows: Sequence[tuple[str, str, str, str]]) -> None:
        """Record created relationships from their columns (id, type, source, target):
        what :meth:`add` records for each, without decoding their stored forms."""
        if not rows:
            return
        self.counts["relationships_created"] = self.counts.get("relationships_created", 0) + len(
            rows
        )
        if self.details:  # one element holding the records, comma-separated
            records = [
                {"id": i, "op": "created", "after": {"type": t, "source": s, "target": g}}
                for i, t, s, g in rows
            ]
            self.relationships.append(orjson.dumps(records)[1:-1])

    def spill(self, io: PartIO) -> None:
        """Store the relationship records collected so far as the change's next part
        (in the caller's transaction) and forget them here."""
        if not self.relationships:
            return
        if self.spilled_id is None:
            self.spilled_id, self.part_io = io.next_change_id(), io
        io.log_part(self.spilled_id, self.parts, b",".join(self.relationships))
        self.parts += 1
        self.relationships = []

    def change(self, what: str, change: Change[Any]) -> None:
        """Record what an upsert writes (created or updated)."""
        before = change.before
        for element, data in change.write:
            self.add(what, element.id, before.get(element.id), data, element)

    def commit(self, io: ApplyIO) -> int:
        """Store the change, if anything changed; its id (0 if nothing did)."""
        if not self.counts:
            return 0
        if self.part_io is not None:  # every relationship record in the parts
            self.spill(self.part_io)
        actor = self.actor or SYSTEM
        summary = {"counts": self.counts, "note": actor.note, "undoes": self.undoes}
        data = (
            b'{"nodes":['
            + b",".join(self.nodes)
            + b'],"relationships":['
            + b",".join(self.relationships)
            + b"]}"
        )
        time = datetime.now(UTC).isoformat(timespec="seconds")
        change_id = io.log(
            LogRow(time, actor.label, actor.role, self.action, orjson.dumps(summary), data)
        )
        if self.spilled_id not in (None, change_id):
            raise StoreError("the change log's parts were stored under another change")
        return change_id


def _created(after: bytes, element: Node | Relationship | None) -> dict[str, Any]:
    """What the log keeps of a created element: a node's kind and name, a
    relationship's type and ends (the rest is in the store, and a later change of it
    is logged with its before)."""
    if element is None:
        element = _decode(after)
    if isinstance(element, Node):
        return {"kind": element.kind.value, "name": element.name}
    return {"type": element.type.value, "source": element.source, "target": element.target}


def _decode(data: bytes) -> Node | Relationship:
    raw = orjson.loads(data)
    if "source" in raw and "target" in raw and "type" in raw:
        return Relationship.model_validate({**raw, "workspace": "w"}, context={"stored": True})
    return Node.model_validate({**raw, "workspace": "w"}, context={"stored": True})


def _fields(what: str, before: bytes, after: bytes) -> bytes:
    """The changed fields only (``null`` where a field was absent); a relationship
    keeps its ends on both sides, so a change is found by the nodes it joins."""
    old, new = orjson.loads(before), orjson.loads(after)
    names = [n for n in dict.fromkeys([*old, *new]) if old.get(n) != new.get(n)]
    was = {n: old.get(n) for n in names}
    now = {n: new.get(n) for n in names}
    if what == "relationships":
        for end in ("source", "target"):
            was.setdefault(end, old.get(end))
            now.setdefault(end, new.get(end))
    return orjson.dumps({"before": was, "after": now})


def encode_entry(entry: ChangeEntry) -> LogRow:
    """A (rewritten) entry as a row again."""
    summary = {
        "counts": entry.counts,
        "note": entry.note,
        "undoes": entry.undoes,
        "scrubbed": entry.scrubbed,
    }
    data = orjson.dumps(
        {
            "nodes": [e.model_dump() for e in entry.nodes],
            "relationships": [e.model_dump() for e in entry.relationships],
        }
    )
    return LogRow(entry.time, entry.actor, entry.role, entry.action, orjson.dumps(summary), data)


def decode_entry(
    change_id: int,
    time: str,
    actor: str,
    role: str,
    action: str,
    summary: bytes | str,
    data: bytes | str | None,
) -> ChangeEntry:
    """A stored row as a :class:`ChangeEntry` (``data`` ``None``: without details)."""
    info = orjson.loads(summary)
    elements = orjson.loads(data) if data is not None else {}
    return ChangeEntry(
        id=change_id,
        time=time,
        actor=actor,
        role=role,
        action=action,
        note=info.get("note") or "",
        counts=info.get("counts") or {},
        undoes=info.get("undoes"),
        scrubbed=bool(info.get("scrubbed")),
        details=data is not None,
        nodes=[ElementChange.model_validate(e) for e in elements.get("nodes", [])],
        relationships=[ElementChange.model_validate(e) for e in elements.get("relationships", [])],
    )


def node_needles(node_id: str) -> list[bytes]:
    """What a change's stored JSON contains where it names ``node_id``."""
    value = orjson.dumps(node_id)
    return [b'"id":' + value, b'"source":' + value, b'"target":' + value]


def _rels(stored: Mapping[str, bytes | str], workspace: str) -> dict[str, Relationship]:
    return {i: decode_relationship(d, workspace) for i, d in stored.items()}


def apply_write(
    io: ApplyIO, workspace: str, plan: Replacement, actor: Actor | None, step: Step
) -> tuple[int, dict[str, int]]:
    """Write ``plan`` exactly, in the caller's transaction; the change's id (0 when
    nothing changed) and its counts (``nodes_deleted``…).

    Raises
    ------
    StoreError
        A relationship whose ends do not exist after the write.
    """
    io.ensure_workspace()
    rec = Recorder(plan.action, actor, plan.undoes, plan.details)
    put_nodes = {n.id: n for n in plan.nodes}
    put_rels = {r.id: r for r in plan.relationships}
    node_ids = list(dict.fromkeys([*plan.delete_nodes, *put_nodes]))
    old_nodes = {i: _raw(d) for i, d in io.stored_nodes(node_ids).items()}
    gone = [i for i in dict.fromkeys(plan.delete_nodes) if i in old_nodes and i not in put_nodes]
    old_rels = {i: _raw(d) for i, d in io.relationships_touching(gone).items()}
    wanted = list(dict.fromkeys([*plan.delete_relationships, *put_rels]))
    old_rels.update({i: _raw(d) for i, d in io.stored_relationships(wanted).items()})
    new_nodes = {i: encode(n) for i, n in put_nodes.items()}
    new_rels = {i: encode(r) for i, r in put_rels.items()}
    nodes = Change[Node](write=[(n, new_nodes[i]) for i, n in put_nodes.items()])
    rels = Change[Relationship](write=[(r, new_rels[i]) for i, r in put_rels.items()])
    nodes.write = [(n, d) for n, d in nodes.write if old_nodes.get(n.id) != d]
    rels.write = [(r, d) for r, d in rels.write if old_rels.get(r.id) != d]
    for i in gone:
        rec.add("nodes", i, old_nodes[i], None)
    for node, data in nodes.write:
        rec.add("nodes", node.id, old_nodes.get(node.id), data, node)
    removed = {i: d for i, d in old_rels.items() if i not in put_rels or old_rels[i] != new_rels[i]}
    for i, data in removed.items():
        if i not in put_rels:
            rec.add("relationships", i, data, None)
    for rel, data in rels.write:
        rec.add("relationships", rel.id, old_rels.get(rel.id), data, rel)
    io.remove_relationships(_rels(removed, workspace))
    io.remove_nodes(gone)
    io.put_nodes(nodes)
    ends = sorted({r.source for r, _ in rels.write} | {r.target for r, _ in rels.write})
    missing = io.missing_nodes(ends)
    if missing:
        raise StoreError(
            f"{len(missing)} relationship end(s) point at nodes that do not exist in "
            f"workspace {workspace!r}: {', '.join(repr(m) for m in missing[:10])}"
        )
    io.write_relationships(rels, step)
    if plan.scrub is not None:
        _scrub(io, plan.scrub)
    change_id = rec.commit(io)
    io.version(bump=bool(change_id))
    return change_id, rec.counts


def _scrub(io: ApplyIO, scrub: Any) -> None:
    """Rewrite every earlier entry of the log with ``scrub`` (forget)."""
    rows = []
    for change_id, row in io.log_entries():
        entry = decode_entry(
            change_id, row.time, row.actor, row.role, row.action, row.summary, row.data
        )
        scrubbed = scrub(entry)
        if scrubbed != entry:
            rows.append((change_id, encode_entry(scrubbed.model_copy(update={"scrubbed": True}))))
    io.rewrite_log(rows)


def merge_write(
    io: ApplyIO, workspace: str, keep_id: str, other_id: str, actor: Actor | None, step: Step
) -> int:
    """Merge node ``other_id`` into ``keep_id`` in the caller's transaction; the
    change's id.

    Raises
    ------
    StoreError
        A node that does not exist, or two nodes that cannot be merged.
    """
    stored = io.stored_nodes([keep_id, other_id])
    for node_id in (keep_id, other_id):
        if node_id not in stored:
            raise StoreError(f"no node {node_id!r} in workspace {workspace!r}")
    keep = decode_node(stored[keep_id], workspace)
    other = decode_node(stored[other_id], workspace)
    ties = _rels(io.relationships_touching([keep_id, other_id]), workspace)
    try:
        plan = plan_merge(keep, other, list(ties.values()))
    except ValueError as exc:
        raise StoreError(str(exc)) from None
    return apply_write(io, workspace, plan, actor, step)[0]
