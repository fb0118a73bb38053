"""``grenswerk changes``, ``undo`` and ``merge``: the change log on the console."""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from cli import context
from cli.context import MAX_STORED_INT
from cli.output import friendly, out
from graph.errors import GrenswerkError

if TYPE_CHECKING:  # the change log loads when a command reads it, not for --help
    from graph.changes import ChangeEntry

__all__ = ["changes", "merge", "undo"]


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; write YYYY-MM-DD") from None


def _what(entry: ChangeEntry) -> str:
    counts = ", ".join(f"{n} {what.replace('_', ' ')}" for what, n in sorted(entry.counts.items()))
    undone = f" (undoes {entry.undoes})" if entry.undoes else ""
    return counts + undone


@friendly
def changes(
    workspace: context.WorkspaceOpt,
    since: Annotated[str | None, typer.Option(help="From this day, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="To this day (included), YYYY-MM-DD.")] = None,
    node: Annotated[str | None, typer.Option(help="Only changes about this node id.")] = None,
    limit: Annotated[
        int, typer.Option(min=1, max=MAX_STORED_INT, help="At most this many changes.")
    ] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show the change log of a workspace, newest first (who changed what, when)."""
    from api.services import changes as service

    with context.store() as store:
        if not store.has_workspace(workspace):
            raise GrenswerkError(f"no workspace {workspace!r}")
        found = service.list_changes(
            store, workspace, since=_date(since), until=_date(until), node=node, limit=limit
        )
    if as_json:
        rows = [c.model_dump(mode="json", exclude={"nodes", "relationships"}) for c in found]
        sys.stdout.write(json.dumps(rows, indent=2) + "\n")
        return
    table = Table(title=f"changes in {workspace}")
    for column in ("id", "time", "who", "role", "action", "what"):
        table.add_column(column, justify="right" if column == "id" else "left")
    for entry in found:
        who = entry.actor + (f" ({entry.note})" if entry.note else "")
        table.add_row(str(entry.id), entry.time, who, entry.role, entry.action, _what(entry))
    out.print(table)


@friendly
def undo(
    change_id: Annotated[
        int,
        typer.Argument(help="The id of the change (see `changes`).", min=1, max=MAX_STORED_INT),
    ],
    workspace: context.WorkspaceOpt,
) -> None:
    """Undo one change: the state before it is written back as a new change."""
    from api.services import changes as service

    with context.store() as store:
        new_id = service.undo_change(store, workspace, change_id, None, "grenswerk undo")
    out.print(f"undid change {change_id} (recorded as change {new_id})", markup=False)


@friendly
def merge(
    keep: Annotated[str, typer.Argument(help="The node that stays (id, name or alias).")],
    other: Annotated[str, typer.Argument(help="The duplicate that goes (id, name or alias).")],
    workspace: context.WorkspaceOpt,
) -> None:
    """Merge a duplicate into a node: both names kept, every tie and mention moved."""
    from api.services import changes as service

    with context.store() as store:
        done = service.merge_nodes(store, workspace, keep, other, None, "grenswerk merge")
    out.print(
        f"merged {done.other!r} into {done.node.id!r} ({done.node.name}); "
        f"undo with `grenswerk undo {done.change} -w {workspace}`",
        markup=False,
    )
