"""What both backends share: how an element is stored (JSON without its workspace) and
how an upsert decides, element by element, between created, updated and unchanged.

Keeping this in one place makes the two backends merge in exactly the same way.

>>> from graph.model import Node
>>> node = Node(id="a", kind="theme", name="LLO", workspace="w")
>>> decode_node(encode(node), "w") == node
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Generic, TypeVar

import orjson

from graph.errors import StoreError
from graph.merge import merge_node, merge_relationship
from graph.model import Node, Relationship
from graph.store.datatypes import WriteResult

__all__ = [
    "Change",
    "count_nodes",
    "count_relationships",
    "decode_node",
    "decode_relationship",
    "diff",
    "encode",
    "type_changes",
    "unique",
]

E = TypeVar("E", Node, Relationship)


def encode(element: Node | Relationship) -> bytes:
    """The stored form: JSON without ``workspace`` (the store keeps that apart)."""
    return element.model_dump_json(exclude_none=True, exclude={"workspace"}).encode()


def _with_workspace(data: bytes | str, workspace: str) -> bytes:
    raw = data.encode() if isinstance(data, str) else data
    return b'{"workspace":' + orjson.dumps(workspace) + b"," + raw[1:]


def decode_node(data: bytes | str, workspace: str) -> Node:
    # an id stored before ids had to fit ID_PATTERN still loads
    return Node.model_validate_json(_with_workspace(data, workspace), context={"stored": True})


def decode_relationship(data: bytes | str, workspace: str) -> Relationship:
    # a self-loop stored before the model refused them still loads
    return Relationship.model_validate_json(
        _with_workspace(data, workspace), context={"stored": True}
    )


def unique(elements: Iterable[E], merge: Callable[[E, E], E]) -> dict[str, E]:
    """Elements by id, repeated ids merged in order (a merge's ``ValueError`` becomes a
    :class:`StoreError`)."""
    by_id: dict[str, E] = {}
    for element in elements:
        try:
            merged = merge(by_id[element.id], element) if element.id in by_id else element
        except ValueError as exc:
            raise StoreError(str(exc)) from exc
        by_id[element.id] = merged
    return by_id


@dataclass
class Change(Generic[E]):
    """The elements an upsert must write, with their stored form."""

    write: list[tuple[E, bytes]] = field(default_factory=list)
    #: the stored form of each updated element, by id (for the change log)
    before: dict[str, bytes] = field(default_factory=dict)
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def diff(
    incoming: Mapping[str, E],
    existing: Mapping[str, bytes | str],
    workspace: str,
) -> Change[E]:
    """Compare incoming elements with their stored forms; merge where both exist."""
    change: Change[E] = Change()
    for element_id, element in incoming.items():
        data = encode(element)
        stored_raw = existing.get(element_id)
        if stored_raw is None:
            change.write.append((element, data))
            change.created += 1
            continue
        stored_bytes = stored_raw.encode() if isinstance(stored_raw, str) else stored_raw
        if data == stored_bytes:  # the same as stored: merging changes nothing
            change.unchanged += 1
            continue
        final: E
        try:
            if isinstance(element, Node):
                final = merge_node(decode_node(stored_bytes, workspace), element)
            else:
                final = merge_relationship(decode_relationship(stored_bytes, workspace), element)
        except ValueError as exc:
            raise StoreError(str(exc)) from exc
        data = encode(final)
        if data == stored_bytes:
            change.unchanged += 1
        else:
            change.write.append((final, data))
            change.before[element_id] = stored_bytes
            change.updated += 1
    return change


def count_nodes(result: WriteResult, change: Change[Node]) -> None:
    result.nodes_created += change.created
    result.nodes_updated += change.updated
    result.nodes_unchanged += change.unchanged


def count_relationships(result: WriteResult, change: Change[Relationship]) -> None:
    result.relationships_created += change.created
    result.relationships_updated += change.updated
    result.relationships_unchanged += change.unchanged


def type_changes(
    incoming: Mapping[str, Relationship], existing: Mapping[str, bytes | str], workspace: str
) -> list[tuple[Relationship, Relationship]]:
    """(stored, incoming) for each stored relationship that ``incoming`` gives another
    type (to be checked with :func:`graph.store.write_rules.check_type_change`)."""
    out = []
    for rel_id, raw in existing.items():
        if orjson.loads(raw)["type"] != incoming[rel_id].type.value:
            out.append((decode_relationship(raw, workspace), incoming[rel_id]))
    return out
