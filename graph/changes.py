"""The change log: what each write did, and how to undo one change.

Every write of a store (:meth:`~graph.store.base.Store.upsert`, ``delete_nodes``,
``delete_relationships``, ``merge``, ``apply``) records **one** :class:`ChangeEntry`
in the same transaction: when, who (the :class:`~graph.access.Actor`: a key's label
and role, ``console``/``system`` when none is given), what (the action and its
counts) and, per element, the before and after:

* a created element: ``after`` is the whole element, ``before`` is ``None``;
* a deleted element: ``before`` is the whole element, ``after`` is ``None``;
* an updated element: ``before`` and ``after`` hold only the fields that changed
  (``None`` where a field was absent).

A write that changes nothing records nothing. :func:`plan_undo` turns one entry back
into a :class:`Replacement` (written as a new change by :func:`graph.undo.undo`) when
no later change touched the same elements.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, Field

from graph.errors import GrenswerkError
from graph.model import Node, Relationship

__all__ = [
    "ChangeEntry",
    "ElementChange",
    "Replacement",
    "UndoRefused",
    "conflicting_change",
    "plan_undo",
]

#: Actions whose changes cannot be undone (a forgotten person never comes back).
NOT_UNDOABLE = frozenset({"forget"})


class UndoRefused(GrenswerkError):
    """A change that cannot be undone safely."""


class ElementChange(BaseModel):
    """One element's before and after in a change."""

    id: str
    op: str = Field(description="created, updated or deleted")
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None

    def touches(self, node_id: str) -> bool:
        """Whether this change is about ``node_id`` (the element or one of its ends)."""
        if self.id == node_id:
            return True
        return any(
            side is not None and node_id in (side.get("source"), side.get("target"))
            for side in (self.before, self.after)
        )


class ChangeEntry(BaseModel):
    """One write as the log keeps it."""

    id: int
    time: str
    actor: str
    role: str
    action: str
    note: str = ""
    counts: dict[str, int] = Field(default_factory=dict)
    undoes: int | None = None
    scrubbed: bool = False
    #: ``False`` when read without details (``nodes`` and ``relationships`` empty)
    details: bool = True
    nodes: list[ElementChange] = Field(default_factory=list)
    relationships: list[ElementChange] = Field(default_factory=list)

    def element_ids(self) -> set[str]:
        """The ids of every node and relationship this change touched."""
        return {e.id for e in (*self.nodes, *self.relationships)}


@dataclass
class Replacement:
    """An exact write: elements put as given (not merged with what is stored),
    ids deleted; one transaction, one change entry.

    Deletes run first (relationships, then nodes with their ties), then the nodes
    and relationships are put.
    """

    nodes: list[Node] = field(default_factory=list)
    relationships: list[Relationship] = field(default_factory=list)
    delete_nodes: list[str] = field(default_factory=list)
    delete_relationships: list[str] = field(default_factory=list)
    action: str = "apply"
    undoes: int | None = None
    #: keep the per-element before and after in the log (``False``: counts only)
    details: bool = True
    #: rewrites every earlier entry of the log in the same transaction (``forget``)
    scrub: Callable[[ChangeEntry], ChangeEntry] | None = None


def _ends(change: ElementChange) -> set[str]:
    return {
        side[end]
        for side in (change.before, change.after)
        if side is not None
        for end in ("source", "target")
        if isinstance(side.get(end), str)
    }


def conflicting_change(entry: ChangeEntry, later: Iterable[ChangeEntry]) -> ChangeEntry | None:
    """The first later change that touched an element of ``entry`` (or a tie of one of
    its nodes), or ``None``."""
    mine = entry.element_ids()
    my_nodes = {e.id for e in entry.nodes}
    for other in sorted(later, key=lambda e: e.id):
        if other.id <= entry.id:
            continue
        if not other.details or mine & other.element_ids():
            return other
        if any(_ends(rel) & my_nodes for rel in other.relationships):
            return other
    return None


def _restore(current: dict[str, Any], before: dict[str, Any]) -> dict[str, Any]:
    data = dict(current)
    for name, value in before.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def plan_undo(
    entry: ChangeEntry,
    later: Sequence[ChangeEntry],
    current_nodes: dict[str, Node],
    current_relationships: dict[str, Relationship],
    workspace: str,
) -> Replacement:
    """The write that puts back the state before ``entry``.

    Parameters
    ----------
    entry
        The change to undo, with its details.
    later
        The changes recorded after it (with details, or without: then any counts).
    current_nodes, current_relationships
        The stored elements that ``entry`` updated, by id.
    workspace
        The workspace of the elements.

    Raises
    ------
    UndoRefused
        A forget, a change whose log was scrubbed, or one that later changes touched.
    """
    if entry.action in NOT_UNDOABLE or entry.scrubbed:
        raise UndoRefused(
            f"change {entry.id} ({entry.action}) cannot be undone: a forgotten person's "
            "data is gone for good"
        )
    conflict = conflicting_change(entry, later)
    if conflict is not None:
        raise UndoRefused(
            f"change {entry.id} cannot be undone: change {conflict.id} ({conflict.action} "
            f"by {conflict.actor}, {conflict.time}) later changed the same elements; "
            f"undo change {conflict.id} first"
        )
    plan = Replacement(action="undo", undoes=entry.id)
    for change in entry.nodes:
        if change.op == "created":
            plan.delete_nodes.append(change.id)
        elif change.op == "deleted" and change.before is not None:
            plan.nodes.append(Node.model_validate({**change.before, "workspace": workspace}))
        elif change.id in current_nodes and change.before is not None:
            now = current_nodes[change.id].model_dump(exclude_none=True)
            plan.nodes.append(Node.model_validate(_restore(now, change.before)))
    for change in entry.relationships:
        if change.op == "created":
            plan.delete_relationships.append(change.id)
        elif change.op == "deleted" and change.before is not None:
            data = {**change.before, "workspace": workspace}
            plan.relationships.append(Relationship.model_validate(data, context={"stored": True}))
        elif change.id in current_relationships and change.before is not None:
            now = current_relationships[change.id].model_dump(exclude_none=True)
            plan.relationships.append(
                Relationship.model_validate(_restore(now, change.before), context={"stored": True})
            )
    return plan
