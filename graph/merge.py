"""The merge rules of the model: what an upsert of an element over a stored one gives.

Given fields replace stored ones, ``None`` leaves them as they were, properties merge
key by key, aliases and provenance are united; a node keeps its kind and a
relationship its ends. Every backend (:mod:`graph.store`) and the import plan
(:mod:`importers.plan`) apply these rules, so they say the same.

Examples
--------
>>> from graph.model import Node, NodeKind
>>> stored = Node(workspace="w", id="ann", kind=NodeKind.PERSON, name="Ann", aliases=["A."])
>>> incoming = Node(workspace="w", id="ann", kind=NodeKind.PERSON, name="Ann de Vries")
>>> merged = merge_node(stored, incoming)
>>> merged.name, merged.aliases
('Ann de Vries', ['A.'])
"""

from __future__ import annotations

from typing import Any

from graph.model import Node, NodeKind, Relationship

__all__ = ["merge_node", "merge_relationship"]


def _union(first: list[Any], second: list[Any]) -> list[Any]:
    out = list(first)
    for item in second:
        if item not in out:
            out.append(item)
    return out


def _merged(
    stored: Node | Relationship, incoming: Node | Relationship, fixed: tuple[str, ...] = ()
) -> dict[str, Any]:
    """Given fields replace stored ones; properties merge; aliases and provenance unite."""
    data = stored.model_dump()
    for field, value in incoming.model_dump(exclude_none=True).items():
        if field == "properties":
            data["properties"] = {**stored.properties, **incoming.properties}
        elif field in ("aliases", "provenance"):
            data[field] = _union(getattr(stored, field), getattr(incoming, field))
        elif field not in fixed:
            data[field] = value
    return data


def merge_node(stored: Node, incoming: Node) -> Node:
    """The node that results from upserting ``incoming`` over ``stored``.

    Raises ``ValueError`` when the kinds differ.
    """
    if stored.kind is not incoming.kind:
        raise ValueError(
            f"node {incoming.id!r} is stored as a {stored.kind}, cannot become a {incoming.kind}"
        )
    data = _merged(stored, incoming)
    if incoming.kind is NodeKind.ORGANISATION and "org_type" not in incoming.model_fields_set:
        data["org_type"] = stored.org_type
    return Node.model_validate(data)


def merge_relationship(stored: Relationship, incoming: Relationship) -> Relationship:
    """The relationship that results from upserting ``incoming`` over ``stored`` (its
    ends stay as stored)."""
    return Relationship.model_validate(_merged(stored, incoming, fixed=("source", "target")))
