"""Undo one change of a workspace's log (:mod:`graph.changes`): its before state
written back as a new change, through the store contract."""

from __future__ import annotations

from graph.access import Actor
from graph.changes import UndoRefused, plan_undo
from graph.errors import NotFound, StoreError, StoreUnavailable
from graph.model import Relationship
from graph.store.base import Store

__all__ = ["UndoRefused", "undo"]


def undo(store: Store, workspace: str, change_id: int, actor: Actor | None = None) -> int:
    """Undo change ``change_id``: its before state written as a new change; the new
    change's id.

    Raises
    ------
    NotFound
        When the workspace has no such change.
    UndoRefused
        When it cannot be undone safely (see :func:`plan_undo`).
    """
    entry = store.change(workspace, change_id)
    if entry is None:
        raise NotFound(f"no change {change_id} in workspace {workspace!r}")
    later = store.changes(workspace, after=change_id, limit=1_000_000, details=True)
    updated = [c.id for c in entry.nodes if c.op == "updated"]
    nodes = store.get_nodes(workspace, updated)
    rels: dict[str, Relationship] = {}
    for change in entry.relationships:
        if change.op == "updated":
            found = store.get_relationship(workspace, change.id)
            if found is not None:
                rels[found.id] = found
    plan = plan_undo(entry, later, nodes, rels, workspace)
    try:
        new_id = store.apply(workspace, plan, actor=actor)
    except StoreUnavailable:
        raise
    except StoreError as exc:
        raise UndoRefused(f"change {change_id} cannot be undone: {exc}") from None
    if not new_id:
        raise UndoRefused(f"change {change_id} changed nothing that is still there to undo")
    return new_id
