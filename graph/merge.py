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

from graph.changes import Replacement
from graph.model import (
    SYMMETRIC_TYPES,
    Node,
    NodeKind,
    OrgType,
    Relationship,
    relationship_id,
)

__all__ = ["merge_node", "merge_relationship", "merged_node", "plan_merge"]


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


def merged_node(keep: Node, other: Node) -> Node:
    """``other`` folded into ``keep``: ``keep``'s fields win, ``other``'s fill the gaps,
    both names stay (``other``'s name becomes an alias), aliases, properties and
    provenance are united.

    Raises ``ValueError`` when the kinds differ.

    >>> a = Node(workspace="w", id="roc", kind="theme", name="ROC", aliases=["R"])
    >>> b = Node(workspace="w", id="roc2", kind="theme", name="ROC MN", description="x")
    >>> m = merged_node(a, b)
    >>> m.id, m.name, m.aliases, m.description
    ('roc', 'ROC', ['R', 'ROC MN'], 'x')
    """
    if keep.kind is not other.kind:
        raise ValueError(
            f"cannot merge {other.id!r} ({other.kind}) into {keep.id!r} ({keep.kind}): "
            "only nodes of the same kind can be merged"
        )
    base = other.model_copy(update={"id": keep.id, "aliases": []})
    data = _merged(base, keep)
    data["aliases"] = _union(keep.aliases, [other.name, *other.aliases])
    data["aliases"] = [a for a in data["aliases"] if a != keep.name]
    data["provenance"] = _union(keep.provenance, other.provenance)
    data["properties"] = {**other.properties, **keep.properties}
    if keep.kind is NodeKind.ORGANISATION and keep.org_type in (None, OrgType.OTHER):
        data["org_type"] = other.org_type or keep.org_type
    return Node.model_validate(data)


def _ends_key(rel: Relationship) -> tuple[str, str, str]:
    ends = [rel.source, rel.target]
    if rel.type in SYMMETRIC_TYPES:
        ends.sort()
    return (rel.type.value, ends[0], ends[1])


def _moved(rel: Relationship, keep: str, other: str) -> Relationship | None:
    """``rel`` with ``other`` replaced by ``keep`` (``None``: it would join ``keep`` to
    itself). A tie whose id was made from its ends gets the id of its new ends."""
    source = keep if rel.source == other else rel.source
    target = keep if rel.target == other else rel.target
    if source == target:
        return None
    derived = rel.id == relationship_id(rel.type, rel.source, rel.target)
    new_id = relationship_id(rel.type, source, target) if derived else rel.id
    return rel.model_copy(update={"id": new_id, "source": source, "target": target})


def plan_merge(keep: Node, other: Node, ties: list[Relationship]) -> Replacement:
    """The one write that merges ``other`` into ``keep``.

    Every tie of ``other`` (mentions, ``mentioned_in``, included) moves to ``keep``; a
    tie between the two goes; ties that become equal (same type and ends) are merged
    into one by :func:`merge_relationship`.

    Parameters
    ----------
    keep, other
        The node that stays and the one that goes.
    ties
        Every stored relationship touching either node.

    Raises
    ------
    ValueError
        When the nodes are the same or of different kinds.
    """
    if keep.id == other.id:
        raise ValueError(f"cannot merge {keep.id!r} with itself: give two different nodes")
    plan = Replacement(action="merge", nodes=[merged_node(keep, other)])
    by_ends: dict[tuple[str, str, str], Relationship] = {}
    for rel in sorted(ties, key=lambda r: (other.id in (r.source, r.target), r.id)):
        moved = _moved(rel, keep.id, other.id)
        if moved is None:
            continue
        key = _ends_key(moved)
        if key in by_ends:
            kept = by_ends[key]
            by_ends[key] = Relationship.model_validate(
                {**merge_relationship(moved, kept).model_dump(), "id": kept.id}
            )
        else:
            by_ends[key] = moved
    plan.delete_nodes = [other.id]
    plan.relationships = sorted(by_ends.values(), key=lambda r: r.id)
    return plan
