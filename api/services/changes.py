"""The change log, undo and merging duplicates, for the API, the pages and the console
(no HTTP here): every function takes the acting key (``None``: the console)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from graph.access import SYSTEM, Actor, Key
from graph.changes import ChangeEntry, UndoRefused
from graph.errors import GrenswerkError, NotFound, StoreError, StoreUnavailable
from graph.model import Node, normalise
from graph.store.base import Store
from graph.undo import undo
from importers.suggestions import MergeSuggestion, suggest_merges

__all__ = [
    "MergeRefused",
    "Merged",
    "UndoRefused",
    "actor_of",
    "duplicates",
    "ever_changed",
    "list_changes",
    "merge_nodes",
    "resolve_node",
    "undo_change",
]


class MergeRefused(GrenswerkError):
    """Two nodes that cannot be merged (the message says why)."""


def actor_of(key: Key | None, via: str) -> Actor:
    """The actor the change log records for ``key`` (``None``: the console)."""
    if key is None:
        return Actor(SYSTEM.label, SYSTEM.role, via)
    return Actor.of(key, via)


#: the clock whose days the change log's date filters mean (the school's, as the pages show)
LOCAL_TIME = ZoneInfo("Europe/Amsterdam")


def _midnight(day: dt.date) -> str:
    """The moment a day begins on the school's clock, as the log writes times (UTC).

    >>> _midnight(dt.date(2026, 12, 7))
    '2026-12-06T23:00:00+00:00'
    >>> _midnight(dt.date(2026, 7, 1))
    '2026-06-30T22:00:00+00:00'
    """
    start = dt.datetime.combine(day, dt.time(), tzinfo=LOCAL_TIME)
    return start.astimezone(dt.UTC).isoformat()


def _start(day: dt.date | None) -> str | None:
    return _midnight(day) if day else None


def _end(day: dt.date | None) -> str | None:
    return _midnight(day + dt.timedelta(days=1)) if day else None


def list_changes(
    store: Store,
    workspace: str,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    node: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[ChangeEntry]:
    """The changes from ``since`` to ``until`` (whole days on the Dutch clock,
    Europe/Amsterdam, both included), about
    ``node``, newest first, without per-element details.

    Raises
    ------
    GrenswerkError
        When ``until`` lies before ``since``.
    """
    if since and until and until < since:
        raise GrenswerkError(f"the end date {until} lies before the start date {since}")
    return store.changes(
        workspace,
        since=_start(since),
        until=_end(until),
        node_id=node or None,
        limit=limit,
        offset=offset,
    )


def undo_change(store: Store, workspace: str, change_id: int, key: Key | None, via: str) -> int:
    """Undo one change as ``key``; the id of the new change.

    Raises
    ------
    NotFound
        No such change.
    UndoRefused
        It cannot be undone safely.
    """
    return undo(store, workspace, change_id, actor_of(key, via))


@dataclass(frozen=True)
class Merged:
    """What a merge did."""

    node: Node  #: the node that stayed, as it is now
    other: str  #: the id of the node that went
    change: int  #: the change's id (undo it with this id)
    other_name: str = ""  #: the name of the node that went


def _resolve(store: Store, workspace: str, given: str, besides: str = "") -> str:
    """A node id from an id, or a name or alias that names exactly one node other than
    ``besides`` (a name written exactly so wins over one that matches when folded)."""
    if store.get_node(workspace, given) is not None:
        return given
    wanted = normalise(given)
    hits = [
        n
        for n in store.search(workspace, given, limit=20)
        if n.id != besides and wanted in (normalise(n.name), *(normalise(a) for a in n.aliases))
    ]
    exact = [n for n in hits if given in (n.name, *n.aliases)]
    hits = exact or hits
    if len(hits) == 1:
        return hits[0].id
    if hits:
        ids = ", ".join(n.id for n in hits)
        raise MergeRefused(f"{given!r} names several nodes ({ids}); give the id")
    raise NotFound(f"no node {given!r} in workspace {workspace!r}")


def resolve_node(store: Store, workspace: str, given: str) -> str:
    """The id of the node ``given`` names: its id, or a name or alias of exactly one
    node. Raises :class:`NotFound`, or :class:`MergeRefused` for a name of several."""
    return _resolve(store, workspace, given)


def ever_changed(store: Store, workspace: str, node_id: str) -> bool:
    """Whether the change log has an entry about ``node_id`` (a deleted node too)."""
    return bool(store.changes(workspace, node_id=node_id, limit=1))


def merge_nodes(
    store: Store, workspace: str, keep: str, other: str, key: Key | None, via: str
) -> Merged:
    """Merge ``other`` (id, name or alias) into node ``keep`` as ``key``.

    Raises
    ------
    NotFound
        A node that does not exist.
    MergeRefused
        Nodes of different kinds, the same node twice, an ambiguous name.
    """
    keep_id = _resolve(store, workspace, keep)
    other_id = _resolve(store, workspace, other, besides=keep_id)
    going = store.get_node(workspace, other_id)
    try:
        change = store.merge(workspace, keep_id, other_id, actor=actor_of(key, via))
    except StoreUnavailable:
        raise
    except StoreError as exc:
        raise MergeRefused(str(exc)) from None
    node = store.get_node(workspace, keep_id)
    if node is None:  # pragma: no cover - deleted between the merge and the read
        raise NotFound(f"no node {keep_id!r} in workspace {workspace!r}")
    return Merged(node, other_id, change, going.name if going else other_id)


def duplicates(store: Store, workspace: str, limit: int = 200) -> list[MergeSuggestion]:
    """The near-duplicate names of a workspace now (as the importers suggest them)."""
    return suggest_merges(store.list_nodes(workspace), [])[:limit]
