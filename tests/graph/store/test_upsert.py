"""The one upsert (:mod:`graph.store.upsert`) over a dictionary instead of a database:
the rules hold whatever the backend's I/O is."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from graph.errors import StoreError
from graph.model import Node, NodeKind, Relationship
from graph.store.codec import Change
from graph.store.upsert import Step, prepare, write

W = "w"


class DictIO:
    """Rows in dictionaries; records what the skeleton asked for."""

    relationship_batch: int | None = 2

    def __init__(self) -> None:
        self.nodes: dict[str, bytes] = {}
        self.kinds: dict[str, NodeKind] = {}
        self.rels: dict[str, bytes] = {}
        self.retyped: list[str] = []
        self.number = 0

    def ensure_workspace(self) -> None:
        pass

    def stored_nodes(self, ids: Sequence[str]) -> dict[str, bytes]:
        return {i: self.nodes[i] for i in ids if i in self.nodes}

    def write_nodes(self, change: Change[Node], step: Step) -> None:
        for node, data in change.write:
            self.nodes[node.id], self.kinds[node.id] = data, node.kind
        step(len(change.write))

    def missing_nodes(self, ids: Sequence[str]) -> list[str]:
        return [i for i in ids if i not in self.nodes]

    def stored_relationships(self, ids: Sequence[str]) -> dict[str, bytes]:
        return {i: self.rels[i] for i in ids if i in self.rels}

    def node_kinds(self, ids: Sequence[str]) -> dict[str, NodeKind]:
        return {i: self.kinds[i] for i in ids if i in self.kinds}

    def retype(self, moved: list[tuple[Relationship, Relationship]]) -> None:
        self.retyped += [stored.id for stored, _ in moved]

    def write_relationships(self, change: Change[Relationship], step: Step) -> None:
        self.rels.update((rel.id, data) for rel, data in change.write)
        step(len(change.write))

    def version(self, bump: bool) -> int:
        self.number += bump
        return self.number


def node(node_id: str, kind: str = "organisation") -> Node:
    return Node.model_validate({"id": node_id, "kind": kind, "name": node_id, "workspace": W})


def rel(source: str, target: str, rel_type: str, rel_id: str | None = None) -> Relationship:
    data = {"type": rel_type, "source": source, "target": target, "workspace": W}
    return Relationship.model_validate({**data, **({"id": rel_id} if rel_id else {})})


def upsert(io: DictIO, nodes: list[Node], rels: list[Relationship], seen: list[int]) -> object:
    node_map, rel_map = prepare(W, nodes, rels)
    return write(io, W, node_map, rel_map, seen.append)


def test_counts_versions_and_progress() -> None:
    io, seen = DictIO(), list[int]()
    nodes = [node("a"), node("b"), node("c"), node("p", "person")]
    rels = [
        rel("a", "b", "partners_with"),
        rel("b", "c", "partners_with"),
        rel("p", "a", "works_at"),
    ]
    result = upsert(io, nodes, rels, seen)
    assert (result.nodes_created, result.relationships_created, result.version) == (4, 3, 1)
    assert sum(seen) == 7
    again = upsert(io, nodes, rels, seen := [])
    assert (again.nodes_unchanged, again.relationships_unchanged, again.version) == (4, 3, 1)
    assert sum(seen) == 7


def test_dangling_ends_and_forbidden_type_changes_are_refused() -> None:
    io = DictIO()
    upsert(
        io, [node("a"), node("b"), node("p", "person")], [rel("a", "b", "partners_with", "x")], []
    )
    with pytest.raises(StoreError, match=r"1 relationship end\(s\) .* workspace 'w': 'nope'"):
        upsert(io, [], [rel("a", "nope", "partners_with")], [])
    with pytest.raises(
        StoreError, match="'x' is stored as partners_with .* cannot become works_at"
    ):
        upsert(io, [], [rel("p", "a", "works_at", "x")], [])
    assert io.retyped == []
