"""``grenswerk workspaces``, ``delete-workspace``, ``forget`` and ``copy``."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from cli import context
from cli.output import friendly, out, progress_bar
from graph.errors import GrenswerkError

if TYPE_CHECKING:  # the store and the services load when a command runs, not for --help
    from graph.store.base import Progress
    from graph.store.copying import CopyReport

__all__ = ["copy", "delete_workspace", "forget", "workspaces"]


@friendly
def workspaces(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List workspaces."""
    with context.store() as store:
        infos = store.workspaces()
    if as_json:
        sys.stdout.write(json.dumps([i.model_dump(mode="json") for i in infos], indent=2) + "\n")
        return
    table = Table(title="workspaces")
    columns = ("name", "nodes", "sources", "relationships", "mentions", "version")
    for column in columns:
        table.add_column(column, justify="left" if column == "name" else "right")
    for info in infos:
        table.add_row(*(str(getattr(info, column)) for column in columns))
    out.print(table)


@friendly
def delete_workspace(
    workspace: Annotated[str, typer.Argument(callback=context.check_workspace)],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask.")] = False,
) -> None:
    """Delete a workspace and everything in it, and revoke its keys."""
    if not yes and not typer.confirm(f"Delete workspace {workspace!r} and all it holds?"):
        raise typer.Exit(1)
    from api.services.access import delete_workspace as delete_with_keys
    from api.services.access import open_keys

    with context.store() as store:
        keys = open_keys(context.settings(), store)
        try:
            deleted = delete_with_keys(store, keys, workspace)
        finally:
            keys.close()
    if not deleted.existed and not deleted.keys_revoked:
        raise GrenswerkError(f"no workspace {workspace!r}")
    count = deleted.keys_revoked
    out.print(
        f"deleted workspace {workspace!r} and revoked its {count} key{'s' if count != 1 else ''}"
    )


@friendly
def forget(
    node_id: Annotated[str, typer.Argument(help="The id of the node (e.g. a person).")],
    workspace: context.WorkspaceOpt,
) -> None:
    """Remove a node completely: the node, its ties and mentions, and its names from
    every text of the workspace (GDPR/AVG; docs/privacy.md)."""
    from graph.access import SYSTEM, Actor
    from graph.privacy import forget as forget_node

    with context.store() as store:
        done = forget_node(
            store, workspace, node_id, actor=Actor(SYSTEM.label, SYSTEM.role, "grenswerk forget")
        )
    out.print(
        f"removed {done.node.kind} {done.node.name!r} with {done.relationships} "
        f"relationship(s) and mention(s); its names are gone from the text of "
        f"{done.rewritten} other element(s)",
        markup=False,
    )


@friendly
def copy(
    source: Annotated[str, typer.Option("--from", help="sqlite:PATH or a Neo4j URI.")],
    target: Annotated[str, typer.Option("--to", help="sqlite:PATH or a Neo4j URI.")],
    workspace: Annotated[
        list[str] | None, typer.Option("--workspace", "-w", help="Only these (default: all).")
    ] = None,
) -> None:
    """Copy workspaces between stores, losslessly (SQLite to Neo4j and back)."""
    for report in _copy(source, target, workspace):
        out.print(
            f"{report.workspace}: {report.nodes} nodes, {report.relationships} relationships "
            f"({report.created} new on the target, version {report.version})"
        )


def _copy(source: str, target: str, workspace: list[str] | None) -> list[CopyReport]:
    from graph.store import open_location
    from graph.store.copying import copy_workspaces

    settings = context.settings()
    from_store = open_location(source, settings)
    try:
        to_store = open_location(target, settings)
        try:
            with progress_bar() as bar:

                def track(name: str, total: int) -> Progress:
                    task = bar.add_task(f"copying {name}", total=total)
                    return lambda n: bar.advance(task, n)

                return list(copy_workspaces(from_store, to_store, workspace, progress=track))
        finally:
            to_store.close()
    finally:
        from_store.close()
