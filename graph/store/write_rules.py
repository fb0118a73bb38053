"""The rules every backend's write keeps (:mod:`graph.store.base`): elements of one
workspace only, a change of type the stored ends allow, one type per relationship in a
write."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from graph.errors import StoreError
from graph.merge import merge_relationship
from graph.model import Node, NodeKind, Relationship, validate_workspace

__all__ = ["check_type_change", "check_workspace", "merge_in_one_write"]


def check_workspace(
    workspace: str, nodes: Sequence[Node], relationships: Sequence[Relationship]
) -> None:
    """Refuse a write whose elements belong to another workspace."""
    validate_workspace(workspace)
    for element in (*nodes, *relationships):
        if element.workspace != workspace:
            raise StoreError(
                f"{element.id!r} belongs to workspace {element.workspace!r}, "
                f"not {workspace!r}; workspaces never mix"
            )


def check_type_change(
    stored: Relationship, incoming: Relationship, kinds: Mapping[str, NodeKind]
) -> None:
    """Refuse a change of type that the stored ends of a relationship do not allow.

    An upsert keeps a relationship's stored ends
    (:func:`graph.merge.merge_relationship`), so a new type is checked against the kinds
    of those ends, whatever ends ``incoming`` names.

    Parameters
    ----------
    stored, incoming
        The relationship as stored and as upserted (same id).
    kinds
        The kinds of the stored ends, by node id.

    Raises
    ------
    StoreError
        When the new type cannot join the stored ends.
    """
    if incoming.type is stored.type:
        return
    source, target = kinds.get(stored.source), kinds.get(stored.target)
    if source is None or target is None:
        problem: str | None = "one of its stored ends is missing"
    else:
        changed = incoming.model_copy(update={"source": stored.source, "target": stored.target})
        problem = changed.endpoints_problem(source, target)
    if problem:
        raise StoreError(
            f"relationship {stored.id!r} is stored as {stored.type} from {stored.source!r} "
            f"to {stored.target!r} and keeps those ends, so it cannot become {incoming.type}: "
            f"{problem}"
        )


def merge_in_one_write(first: Relationship, second: Relationship) -> Relationship:
    """Two versions of one relationship in the same write, merged.

    Raises ``ValueError`` when their types differ: the type of the merged relationship
    would not have been checked against its ends.
    """
    if first.type is not second.type:
        raise ValueError(
            f"relationship {first.id!r} appears twice in one write, as {first.type} and "
            f"as {second.type}; give it one type"
        )
    return merge_relationship(first, second)
