"""The upsert, written once for every backend: merge repeated ids, compare with what is
stored, refuse dangling ends and forbidden type changes, count, and bump the version.

A backend supplies only its I/O inside one write transaction, as an :class:`UpsertIO`
(read stored rows, write rows, find missing nodes and the kinds of nodes); the rules
live here and in :mod:`graph.store.codec` and :mod:`graph.store.base`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar, overload

from graph.errors import StoreError
from graph.merge import merge_node
from graph.model import Node, NodeKind, Relationship
from graph.store.codec import (
    Change,
    count_nodes,
    count_relationships,
    decode_relationship,
    diff,
    type_changes,
    unique,
)
from graph.store.datatypes import WriteResult
from graph.store.write_rules import check_type_change, check_workspace, merge_in_one_write

__all__ = [
    "EncodedRelationships",
    "Record",
    "Step",
    "UpsertIO",
    "check_ends",
    "chunks",
    "prepare",
    "write",
    "write_batch",
]

#: Reports a number of elements handled (the backend decides when it is reported).
Step = Callable[[int], None]

#: Told what is about to be written ("nodes" or "relationships"), for the change log
#: (:class:`graph.store.changelog.Recorder`).
Record = Callable[[str, Change[Any]], None]

T = TypeVar("T")


def chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """``items`` in slices of at most ``size``.

    >>> [list(c) for c in chunks("abcde", 2)]
    [['a', 'b'], ['c', 'd'], ['e']]
    """
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass
class EncodedRelationships(Sequence[Relationship]):
    """Relationships already validated and in their stored form (one column per field),
    as the bulk import path (:mod:`importers.bulk`) makes them.

    It is a sequence of :class:`~graph.model.Relationship` (an element is decoded when
    it is asked for), so every backend can upsert it; the SQLite store writes the
    stored forms as they are, without a model object per row. The ids are unique.

    Examples
    --------
    >>> from graph.store.codec import encode
    >>> tie = Relationship(workspace="w", type="works_at", source="p", target="o")
    >>> rows = EncodedRelationships("w")
    >>> rows.append(tie.id, "works_at", "p", "o", encode(tie))
    >>> len(rows), rows[0] == tie
    (1, True)
    """

    workspace: str
    ids: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    data: list[bytes] = field(default_factory=list)

    def append(self, rel_id: str, rel_type: str, source: str, target: str, data: bytes) -> None:
        """Add one relationship by its columns and stored form."""
        self.ids.append(rel_id)
        self.types.append(rel_type)
        self.sources.append(source)
        self.targets.append(target)
        self.data.append(data)

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, index: int) -> Relationship: ...

    @overload
    def __getitem__(self, index: slice) -> list[Relationship]: ...

    def __getitem__(self, index: int | slice) -> Relationship | list[Relationship]:
        if isinstance(index, slice):
            return [decode_relationship(d, self.workspace) for d in self.data[index]]
        return decode_relationship(self.data[index], self.workspace)

    def __iter__(self) -> Iterator[Relationship]:
        for data in self.data:
            yield decode_relationship(data, self.workspace)


class UpsertIO(Protocol):
    """What a backend does inside the write transaction of an upsert."""

    #: relationships compared and written in batches of this many ids (``None``: all at once)
    relationship_batch: int | None

    def ensure_workspace(self) -> None:
        """Create the workspace if it is missing."""
        ...

    def stored_nodes(self, ids: Sequence[str]) -> Mapping[str, bytes | str]:
        """The stored forms of the nodes among ``ids``, by id."""
        ...

    def write_nodes(self, change: Change[Node], step: Step) -> None:
        """Write the nodes of ``change.write``, reporting what was written to ``step``."""
        ...

    def missing_nodes(self, ids: Sequence[str]) -> list[str]:
        """The ids among ``ids`` (sorted) that name no stored node, in that order."""
        ...

    def stored_relationships(self, ids: Sequence[str]) -> Mapping[str, bytes | str]:
        """The stored forms of the relationships among ``ids``, by id."""
        ...

    def node_kinds(self, ids: Sequence[str]) -> dict[str, NodeKind]:
        """The kinds of the stored nodes among ``ids``."""
        ...

    def retype(self, moved: list[tuple[Relationship, Relationship]]) -> None:
        """Prepare the allowed type changes (stored, incoming) before they are written."""
        ...

    def write_relationships(self, change: Change[Relationship], step: Step) -> None:
        """Write the relationships of ``change.write``, reporting to ``step``."""
        ...

    def version(self, bump: bool) -> int:
        """The workspace's version, first raised by one if ``bump``."""
        ...


def prepare(
    workspace: str, nodes: Sequence[Node], relationships: Sequence[Relationship]
) -> tuple[dict[str, Node], dict[str, Relationship]]:
    """Check the workspace and merge repeated ids, before any transaction.

    Raises
    ------
    StoreError
        An element of another workspace, a node given two kinds, or a relationship
        given two types in one write.
    """
    check_workspace(workspace, nodes, relationships)
    return unique(nodes, merge_node), unique(relationships, merge_in_one_write)


def write(
    io: UpsertIO,
    workspace: str,
    nodes: dict[str, Node],
    relationships: dict[str, Relationship],
    step: Step,
    record: Record | None = None,
) -> WriteResult:
    """Write prepared nodes and relationships through ``io``; what was done.

    ``record`` is told each batch of changed elements before it is written.

    Raises
    ------
    StoreError
        A relationship end that exists neither in the store nor in ``nodes``, or a
        type change its stored ends do not allow (nothing is written: the caller's
        transaction is rolled back).
    """
    result = WriteResult()
    io.ensure_workspace()
    change = diff(nodes, io.stored_nodes(list(nodes)), workspace)
    count_nodes(result, change)
    if record is not None:
        record("nodes", change)
    io.write_nodes(change, step)
    if change.unchanged:
        step(change.unchanged)
    _check_endpoints(io, workspace, nodes, relationships)
    _write_relationships(io, workspace, relationships, result, step, record)
    result.version = io.version(bump=result.changed)
    return result


def _check_endpoints(
    io: UpsertIO, workspace: str, nodes: dict[str, Node], rels: dict[str, Relationship]
) -> None:
    check_ends(io, workspace, nodes, [e for r in rels.values() for e in (r.source, r.target)])


def check_ends(
    io: UpsertIO, workspace: str, nodes: Mapping[str, Node], ends: Iterable[str]
) -> None:
    """Refuse relationship ends that name neither a node of this write nor a stored one.

    Raises
    ------
    StoreError
        Naming the first ten missing ends.
    """
    wanted = sorted(set(ends).difference(nodes))
    missing = io.missing_nodes(wanted)
    if missing:
        shown = ", ".join(repr(m) for m in missing[:10])
        raise StoreError(
            f"{len(missing)} relationship end(s) point at nodes that do not exist in "
            f"workspace {workspace!r}: {shown}"
        )


def _write_relationships(
    io: UpsertIO,
    workspace: str,
    by_id: dict[str, Relationship],
    result: WriteResult,
    step: Step,
    record: Record | None = None,
) -> None:
    ids = sorted(by_id)  # in key order: B-tree writes stay sequential
    for batch in chunks(ids, io.relationship_batch or max(len(ids), 1)):
        incoming = {i: by_id[i] for i in batch}
        write_batch(io, workspace, incoming, io.stored_relationships(batch), result, step, record)


def write_batch(
    io: UpsertIO,
    workspace: str,
    incoming: dict[str, Relationship],
    existing: Mapping[str, bytes | str],
    result: WriteResult,
    step: Step,
    record: Record | None = None,
) -> None:
    """Merge one batch of relationships with their stored forms (``existing``, by id),
    check the type changes against the stored ends, tell ``record``, write and count.

    Raises
    ------
    StoreError
        A type change the stored ends do not allow.
    """
    moved = type_changes(incoming, existing, workspace)
    if moved:  # a relationship that changes type is checked against its stored ends
        ends = sorted({s.source for s, _ in moved} | {s.target for s, _ in moved})
        kinds = io.node_kinds(ends)
        for stored, new in moved:
            check_type_change(stored, new, kinds)
        io.retype(moved)
    change = diff(incoming, existing, workspace)
    count_relationships(result, change)
    if record is not None:
        record("relationships", change)
    io.write_relationships(change, step)
    if change.unchanged:
        step(change.unchanged)
