"""``grenswerk keys``: API keys, one workspace and a role each, stored hashed."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.table import Table

from cli import context
from cli.context import MAX_STORED_INT
from cli.output import err, friendly, out
from graph.access import ALL, ROLES
from graph.errors import GrenswerkError

__all__ = ["keys_app"]

keys_app = typer.Typer(help="API keys: one workspace and a role each, stored hashed.")


@keys_app.command("create")
@friendly
def keys_create(
    role: Annotated[str, typer.Option(help=f"One of {', '.join(ROLES)}.")],
    workspace: Annotated[
        str | None, typer.Option("--workspace", "-w", help="The workspace the key opens.")
    ] = None,
    every: Annotated[bool, typer.Option("--all", help="A server key for every workspace.")] = False,
    label: Annotated[str, typer.Option(help="Who or what the key is for.")] = "",
) -> None:
    """Make a key; it is printed once and only its hash is kept."""
    if every == (workspace is not None):
        raise GrenswerkError("give --workspace W or --all (not both)")
    target = ALL if every else context.check_workspace(workspace or "")
    from api.services.access import create_key

    with context.keys() as keys:
        token = create_key(keys.store, keys, target, role, label)
    sys.stdout.write(token + "\n")
    err.print(
        f"role {role}, for {'every workspace' if every else repr(target)}; keep the key "
        "safe, it is not shown again"
    )


@keys_app.command("list")
@friendly
def keys_list(
    workspace: Annotated[str | None, typer.Option("--workspace", "-w")] = None,
) -> None:
    """List keys (never the keys themselves)."""
    from api.services.access import list_keys

    with context.keys() as keys:
        found = list_keys(keys, workspace)
    table = Table(title="keys")
    for column in ("id", "workspace", "role", "label", "created"):
        table.add_column(column)
    for key in found:
        table.add_row(str(key.id), key.workspace, key.role, key.label, key.created[:19])
    out.print(table)


@keys_app.command("revoke")
@friendly
def keys_revoke(
    key_id: Annotated[
        int, typer.Argument(help="The key's id (keys list).", min=1, max=MAX_STORED_INT)
    ],
) -> None:
    """Revoke a key."""
    from api.services.access import revoke_key

    with context.keys() as keys:
        revoke_key(keys, key_id)
    out.print(f"revoked key {key_id}")
