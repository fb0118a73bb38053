"""Editing one node or tie at a time, for the JSON API and the web forms alike (no HTTP
here): every record goes through the importers' own parsing and resolution
(:func:`importers.single.plan_records`), so a form, a JSON body and a row of an import
file take the same fields, names, Dutch vocabulary and date forms, and are refused with
the same messages. A refusal (:class:`EditRefused`) names each field and writes nothing.

Each write takes the acting key (``actor``), the one who makes the change.

Examples
--------
>>> from graph.store.sqlite import SQLiteStore
>>> store = SQLiteStore(":memory:")
>>> actor = Key(1, "demo", "editor", "adviseur", "2026-11-23T00:00:00+00:00")
>>> create_node(store, "demo", {"naam": "ROC A", "soort": "organisatie"}, actor).id
'roc-a'
>>> create_node(store, "demo", {"naam": "Bedrijf B", "soort": "organisatie"}, actor).id
'bedrijf-b'
>>> tie = create_relationship(
...     store, "demo", {"van": "ROC A", "naar": "Bedrijf B", "soort": "partner_van",
...                     "sinds": "1-9-2024"}, actor)
>>> tie.type, tie.since
(<RelType.PARTNERS_WITH: 'partners_with'>, datetime.date(2024, 9, 1))
>>> create_relationship(store, "demo", {"van": "ROC A", "naar": "roc-a", "soort": "partner_van"},
...                     actor)
Traceback (most recent call last):
...
api.services.editing.EditRefused: naar: a relationship from 'roc-a' to itself ...
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from api.keys import KeyStore
from graph.access import Actor, Key
from graph.changes import Replacement
from graph.errors import GrenswerkError, NotFound
from graph.merge import merge_node, merge_relationship
from graph.model import (
    SYMMETRIC_TYPES,
    Node,
    NodeKind,
    Relationship,
    validate_workspace,
)
from graph.privacy import forget
from graph.store.base import Store
from graph.vocabulary import strict_kind
from importers.plan import ImportPlan, apply_plan
from importers.single import plan_records
from importers.synonyms import node_field, relationship_field

__all__ = [
    "DeletedNode",
    "EditProblem",
    "EditRefused",
    "create_node",
    "create_relationship",
    "create_workspace",
    "delete_node",
    "delete_relationship",
    "ties_of",
    "update_node",
    "update_relationship",
]

#: the kinds of values a field of a record may have (lists for aliases, tags, provenance)
_LIST_FIELDS = frozenset({"aliases", "tags", "provenance"})


@dataclass(frozen=True)
class EditProblem:
    """What is wrong with one field of a record (``field`` ``None``: the record)."""

    field: str | None
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


class EditRefused(GrenswerkError):
    """A record refused, with a problem for each fault; nothing was written."""

    def __init__(self, problems: list[EditProblem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class DeletedNode:
    """What deleting a node removed: the node and its ties."""

    nodes: int
    relationships: int


def _given(record: Mapping[str, Any], field_of: Callable[[str], str | None]) -> dict[str, str]:
    """The record's keys that give a field a value, by the field they name."""
    given: dict[str, str] = {}
    for key, value in record.items():
        blank = value is None or (isinstance(value, str) and not value.strip())
        field = field_of(str(key))
        if field is not None and not blank:
            given.setdefault(field, str(key))
    return given


def _shape(record: Mapping[str, Any], field_of: Callable[[str], str | None]) -> None:
    """Refuse values that are no text, number or date (a list only where a field takes
    several values; ``properties`` a mapping of such values)."""
    problems = []
    for key, value in record.items():
        field = field_of(str(key))
        if key == "properties" and isinstance(value, Mapping):
            bad = [k for k, v in value.items() if isinstance(v, Mapping | list)]
            problems += [EditProblem(f"properties.{k}", "must be text or a number") for k in bad]
        elif isinstance(value, Mapping) or (
            isinstance(value, list | tuple) and field not in _LIST_FIELDS
        ):
            problems.append(EditProblem(str(key), "must be text, a number or a date"))
    if problems:
        raise EditRefused(problems)


def _checked(plan: ImportPlan) -> ImportPlan:
    if plan.problems:
        raise EditRefused([EditProblem(p.column, p.message) for p in plan.problems])
    return plan


def _kinds_kept(store: Store, workspace: str, nodes: list[Node], given: dict[str, str]) -> None:
    """Refuse a node that would turn a stored node of its id into another kind."""
    stored = store.get_nodes(workspace, [n.id for n in nodes])
    for node in nodes:
        old = stored.get(node.id)
        if old is not None and old.kind is not node.kind:
            raise EditRefused(
                [
                    EditProblem(
                        given.get("kind", "kind"),
                        f"the id {node.id!r} is taken by a node of kind {old.kind} "
                        f"({old.name!r}); give this {node.kind} another name or id",
                    )
                ]
            )


def create_node(
    store: Store, workspace: str, record: Mapping[str, Any], actor: Key, via: str = "api"
) -> Node:
    """Create a node from a record, or merge it into the stored node of its id or name.

    Parameters
    ----------
    store, workspace
        Where it goes.
    record
        Fields as a node file's columns may name them (``name``/``naam``,
        ``kind``/``soort``, ``org_type``, ``since`` in any date form of the files, …);
        without ``id`` the id is made from the name, as an import does.
    actor
        The key that makes the change.
    via
        Through what it came (``"api"``, ``"form"``), for the change log.

    Raises
    ------
    EditRefused
        With a problem per field at fault; nothing is written.
    """
    _shape(record, node_field)
    plan = _checked(plan_records(store, workspace, nodes=[record]))
    _kinds_kept(store, workspace, plan.nodes, _given(record, node_field))
    apply_plan(store, plan, actor=Actor.of(actor, via))
    return _node(store, workspace, plan.nodes[0].id)


def _node(store: Store, workspace: str, node_id: str) -> Node:
    node = store.get_node(workspace, node_id)
    if node is None:
        raise NotFound(f"no node {node_id!r}")
    return node


def update_node(
    store: Store,
    workspace: str,
    node_id: str,
    record: Mapping[str, Any],
    actor: Key,
    via: str = "api",
    clear: Iterable[str] = (),
) -> Node:
    """Change the fields a record gives of a stored node (the others stay as they are),
    and remove the values of the fields named in ``clear`` (a form's emptied fields;
    the name cannot be removed). One change in the log either way.

    The id and the kind stay: a record naming others is refused.

    Raises
    ------
    NotFound
        When there is no such node.
    EditRefused
        With a problem per field at fault; nothing is written.
    """
    stored = _node(store, workspace, node_id)
    _shape(record, node_field)
    given = _given(record, node_field)
    problems = []
    if "id" in given and str(record[given["id"]]).strip() != node_id:
        problems.append(EditProblem(given["id"], f"the id stays {node_id!r}"))
    if "kind" in given and strict_kind(str(record[given["kind"]])) is not stored.kind:
        problems.append(
            EditProblem(
                given["kind"], f"{node_id!r} is a {stored.kind}; the kind of a node cannot change"
            )
        )
    if problems:
        raise EditRefused(problems)
    base = {"id": node_id, "kind": stored.kind.value, "name": stored.name}
    full = {**{k: v for k, v in base.items() if k not in given}, **record}
    plan = _checked(plan_records(store, workspace, nodes=[full]))
    emptied = _cleared(clear, node_field, keep=("id", "kind", "name"))
    if emptied:
        final = _without(merge_node(stored, plan.nodes[0]), emptied)
        store.apply(
            workspace, Replacement(nodes=[final], action="upsert"), actor=Actor.of(actor, via)
        )
    else:
        apply_plan(store, plan, actor=Actor.of(actor, via))
    return _node(store, workspace, node_id)


E = TypeVar("E", Node, Relationship)


def _cleared(
    clear: Iterable[str], field_of: Callable[[str], str | None], keep: tuple[str, ...]
) -> set[str]:
    """The fields (or properties) that ``clear``'s names name; a field that must keep a
    value is refused."""
    out = set()
    problems = []
    for name in clear:
        field = field_of(str(name)) or str(name)
        if field in keep:
            problems.append(EditProblem(str(name), f"{field} cannot be removed"))
        out.add(field)
    if problems:
        raise EditRefused(problems)
    return out


def _without(element: E, fields: set[str]) -> E:
    """``element`` with no value for ``fields`` (a field's default; a property removed),
    checked by its model again (an organisation gets its default practice back)."""
    data = element.model_dump()
    model = type(element)
    for field in fields:
        if field in model.model_fields and field not in ("properties", "provenance"):
            info = model.model_fields[field]
            data[field] = info.default_factory() if info.default_factory else info.default  # type: ignore[call-arg]
        else:
            data["properties"].pop(field, None)
    return model.model_validate(data)


def ties_of(store: Store, workspace: str, node_id: str) -> int:
    """How many ties a node has (deleting it deletes them too)."""
    return len(store.list_relationships(workspace, node_id=node_id))


def delete_node(
    store: Store, workspace: str, node_id: str, actor: Key, via: str = "api"
) -> DeletedNode:
    """Delete a node with all its ties; a person is also forgotten from every text of the
    workspace, as ``grenswerk forget`` does (docs/privacy.md).

    Raises
    ------
    NotFound
        When there is no such node.
    """
    node = _node(store, workspace, node_id)
    ties = ties_of(store, workspace, node_id)
    if node.kind is NodeKind.PERSON:
        forget(store, workspace, node_id, actor=Actor.of(actor, via))
        return DeletedNode(1, ties)
    return DeletedNode(store.delete_nodes(workspace, [node_id], actor=Actor.of(actor, via)), ties)


def create_relationship(
    store: Store, workspace: str, record: Mapping[str, Any], actor: Key, via: str = "api"
) -> Relationship:
    """Create a tie from a record, or merge it into the stored tie of its id.

    Parameters
    ----------
    store, workspace
        Where it goes.
    record
        Fields as a relationship file's columns may name them: the ends by ``from`` and
        ``to`` (``van``/``naar``, ``source``/``target``), each an id, a name or an alias;
        ``type`` in English or Dutch (``werkt_samen_met``); dates in any form of the files.
    actor
        The key that makes the change.
    via
        Through what it came (``"api"``, ``"form"``), for the change log.

    Raises
    ------
    EditRefused
        With a problem per field at fault (an unknown name with "did you mean …?", a tie
        from a node to itself); nothing is written.
    """
    _shape(record, relationship_field)
    plan = _checked(plan_records(store, workspace, relationships=[record]))
    apply_plan(store, plan, actor=Actor.of(actor, via))
    return _relationship(store, workspace, plan.relationships[0].id)


def _relationship(store: Store, workspace: str, rel_id: str) -> Relationship:
    rel = store.get_relationship(workspace, rel_id)
    if rel is None:
        raise NotFound(f"no relationship {rel_id!r}")
    return rel


def _same_tie(stored: Relationship, new: Relationship, given: dict[str, str]) -> None:
    """Refuse a record that names other ends or another type than the stored tie's."""
    problems = []
    if new.type is not stored.type:
        problems.append(EditProblem(given.get("type", "type"), "the type of a tie cannot change"))
    same = (new.source, new.target) == (stored.source, stored.target) or (
        stored.type in SYMMETRIC_TYPES
        and (new.target, new.source) == (stored.source, stored.target)
    )
    if not same:
        for field, old, end in (
            ("source", stored.source, new.source),
            ("target", stored.target, new.target),
        ):
            if old != end:
                problems.append(
                    EditProblem(
                        given.get(field, field),
                        f"the ends of a tie cannot change (it joins {stored.source!r} and "
                        f"{stored.target!r}); delete it and add a new one",
                    )
                )
    if problems:
        raise EditRefused(problems)


def update_relationship(
    store: Store,
    workspace: str,
    rel_id: str,
    record: Mapping[str, Any],
    actor: Key,
    via: str = "api",
    clear: Iterable[str] = (),
) -> Relationship:
    """Change the fields a record gives of a stored tie, and remove the values of the
    fields named in ``clear``; its ends and type stay.

    Raises
    ------
    NotFound
        When there is no such tie.
    EditRefused
        With a problem per field at fault; nothing is written.
    """
    stored = _relationship(store, workspace, rel_id)
    _shape(record, relationship_field)
    given = _given(record, relationship_field)
    if "id" in given and str(record[given["id"]]).strip() != rel_id:
        raise EditRefused([EditProblem(given["id"], f"the id stays {rel_id!r}")])
    base = {"id": rel_id, "type": stored.type.value, "from": stored.source, "to": stored.target}
    keys = {"id": "id", "type": "type", "from": "source", "to": "target"}
    full = {**{k: v for k, v in base.items() if keys[k] not in given}, **record}
    plan = _checked(plan_records(store, workspace, relationships=[full]))
    _same_tie(stored, plan.relationships[0], given)
    keep = ("id", "type", "source", "target")
    emptied = _cleared(clear, relationship_field, keep=keep)
    if emptied:
        final = _without(merge_relationship(stored, plan.relationships[0]), emptied)
        plan_write = Replacement(relationships=[final], action="upsert")
        store.apply(workspace, plan_write, actor=Actor.of(actor, via))
    else:
        apply_plan(store, plan, actor=Actor.of(actor, via))
    return _relationship(store, workspace, rel_id)


def delete_relationship(
    store: Store, workspace: str, rel_id: str, actor: Key, via: str = "api"
) -> int:
    """Delete a tie; how many went (1).

    Raises
    ------
    NotFound
        When there is no such tie.
    """
    deleted = store.delete_relationships(workspace, [rel_id], actor=Actor.of(actor, via))
    if not deleted:
        raise NotFound(f"no relationship {rel_id!r}")
    return deleted


def create_workspace(store: Store, keys: KeyStore, name: str, actor: Key) -> str:
    """Create a workspace and an admin key for it; the key's token (shown once).

    Raises
    ------
    EditRefused
        When the name is not allowed (see :data:`graph.model.WORKSPACE_PATTERN`) or taken.
    """
    name = name.strip()
    try:
        validate_workspace(name)
    except ValueError as exc:
        raise EditRefused([EditProblem("name", str(exc))]) from None
    if store.has_workspace(name):
        raise EditRefused([EditProblem("name", f"workspace {name!r} exists already")])
    store.create_workspace(name)
    return keys.create(name, "admin", f"created by {actor.label or actor.role}")
