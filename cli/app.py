"""The ``grenswerk`` console command. With no sub-command it serves the API.

Each job has its module (:mod:`cli.imports`, :mod:`cli.analyses`, :mod:`cli.admin`,
:mod:`cli.keys`); this one assembles them, in the order ``--help`` lists them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from cli import admin, analyses, changes, context, imports, query
from cli.keys import keys_app
from cli.output import friendly, out
from graph.collecting import freeze_bursts

__all__ = ["app", "main"]

app = typer.Typer(
    name="grenswerk",
    help="Grenswerk: knowledge graph and network analyses for boundary-crossing networks.",
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data-dir",
            help="Where the embedded store lives "
            "(default: $GRENSWERK_DATA_DIR or ./grenswerk-data).",
        ),
    ] = None,
) -> None:
    """With no command: serve the API and web pages on 127.0.0.1:8000."""
    context.state.data_dir = data_dir
    if ctx.invoked_subcommand is None:
        serve()


@friendly
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
) -> None:
    """Serve the API and web pages."""
    import uvicorn

    from api.app import create_app

    settings = context.settings()
    if context.state.data_dir is not None:
        os.environ["GRENSWERK_DATA_DIR"] = str(context.state.data_dir)
    out.print(
        f"Grenswerk on http://{host}:{port} (store: {settings.store}, data: {settings.data_dir})"
    )
    # X-Forwarded-For is believed only from the proxies named (uvicorn's default would
    # believe any client on 127.0.0.1, e.g. every client of a proxy that does not set it)
    proxies = settings.trusted_proxies
    uvicorn.run(
        create_app(settings),
        host=host,
        port=port,
        log_level="info",
        proxy_headers=bool(proxies),
        forwarded_allow_ips=proxies or None,
    )


app.command("import")(imports.import_)
app.command()(imports.export)
app.command()(analyses.stats)
app.command()(admin.workspaces)
app.command("delete-workspace")(admin.delete_workspace)
app.command()(admin.forget)
app.command()(changes.changes)
app.command()(changes.undo)
app.command()(changes.merge)
app.command()(analyses.analyse)
app.command()(admin.copy)
app.command()(query.query)
app.command()(analyses.cypher)
app.add_typer(keys_app, name="keys")
app.command()(imports.demo)
app.command()(serve)


def main() -> None:
    """Run the console command (one command, then the process ends: what it loads in
    bulk is kept out of the cycle collector's scans, :func:`graph.collecting.freeze_bursts`)."""
    freeze_bursts()
    app()
