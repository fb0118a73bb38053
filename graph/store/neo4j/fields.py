"""The fields an in-database view filters on, for elements stored before they were
kept: a node's ``since``, ``until`` and ``date``, a relationship's ``since``, ``until``
and ``strength``, as properties beside the element's JSON (``data``).

Every write sets them (:func:`graph.store.neo4j.upsert.node_fields`); a workspace
created since carries ``view_fields`` on its ``:Workspace`` node. When the store opens,
each workspace without the mark gets them from its stored JSON, in batches, and then
the mark: a migration that runs once. A batch sets a field only where the stored form
is still the one it read, so a write running at the same time is never undone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import orjson

from graph.model import RelType
from graph.store.neo4j import cypher

__all__ = ["fill_view_fields", "stored_fields"]

_NODE = ("since", "until", "date")
_RELATIONSHIP = ("since", "until", "strength")


def stored_fields(data: str, relationship: bool) -> dict[str, Any]:
    """The view's fields of one stored element (its JSON), with the JSON itself.

    >>> fields = stored_fields('{"id":"r","strength":2.0,"since":"2020-01-01"}', True)
    >>> fields["since"], fields["until"], fields["strength"]
    ('2020-01-01', None, 2.0)
    """
    parsed = orjson.loads(data)
    names = _RELATIONSHIP if relationship else _NODE
    return {"id": parsed.get("id"), "data": data, **{name: parsed.get(name) for name in names}}


def fill_view_fields(run: Callable[..., list[Any]], batch: int) -> list[str]:
    """Give the elements of every unmarked workspace their view's fields, then mark it.

    Parameters
    ----------
    run : callable
        ``run(statement, **parameters)``: the records of one statement, in a write
        transaction of its own.
    batch : int
        Elements per statement.

    Returns
    -------
    list of str
        The workspaces filled in.
    """
    done = []
    for record in run(cypher.WORKSPACES_WITHOUT_FIELDS):
        workspace = record["workspace"]
        _fill(run, cypher.NODES_FOR_FIELDS, cypher.SET_NODE_FIELDS, workspace, batch, False)
        for rel_type in RelType:
            _fill(
                run,
                cypher.RELATIONSHIPS_FOR_FIELDS[rel_type],
                cypher.SET_RELATIONSHIP_FIELDS[rel_type],
                workspace,
                batch,
                True,
            )
        run(cypher.MARK_FIELDS, workspace=workspace)
        done.append(workspace)
    return done


def _fill(
    run: Callable[..., list[Any]],
    read: str,
    write: str,
    workspace: str,
    batch: int,
    relationship: bool,
) -> None:
    after = ""
    while True:
        records = run(read, workspace=workspace, after=after, batch=batch)
        if not records:
            return
        rows = [{**stored_fields(r["data"], relationship), "id": r["id"]} for r in records]
        run(write, workspace=workspace, rows=rows)
        after = records[-1]["id"]
