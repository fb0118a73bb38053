"""``grenswerk query``: an analyst's read-only Cypher on a workspace, on either store
(the embedded engine over a copy of the workspace, as the API and the page use)."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.table import Table

from cli import context
from cli.context import WorkspaceOpt
from cli.output import err, friendly, out
from graph.errors import GrenswerkError

__all__ = ["query"]


@friendly
def query(
    text: Annotated[str, typer.Argument(help="One read-only Cypher query (docs/query.md).")],
    workspace: WorkspaceOpt,
    limit: Annotated[
        int | None, typer.Option(help="At most this many rows (GRENSWERK_QUERY_ROW_LIMIT).")
    ] = None,
    timeout: Annotated[
        float | None, typer.Option(help="Seconds before it is stopped (GRENSWERK_QUERY_TIMEOUT_S).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print CSV.")] = False,
) -> None:
    """Ask a workspace a question in read-only Cypher (a table, --json or --csv)."""
    # the services, the store and the query engine load here, not for `grenswerk --help`
    from api.services.query import QueryError, answer_csv, cell, run_query
    from graph.analysis.cache import AnalysisCache
    from graph.store.query import QueryEngines

    settings = context.settings()
    engines = QueryEngines(1, settings.query_memory_mb)
    try:
        with context.store() as store:
            answer = run_query(
                engines,
                AnalysisCache(),
                store,
                settings,
                workspace,
                text,
                limit=limit,
                timeout_s=timeout,
            )
    except QueryError as exc:
        raise GrenswerkError(str(exc)) from None
    finally:
        engines.close()
    if as_json:
        sys.stdout.write(json.dumps(answer.to_json(), ensure_ascii=False, indent=2) + "\n")
        return
    if as_csv:
        sys.stdout.write(answer_csv(answer))
        return
    table = Table()
    for column in answer.columns:
        table.add_column(column, overflow="fold")
    for row in answer.rows:
        table.add_row(*(cell(v) for v in row))
    out.print(table)
    rows = len(answer.rows)
    more = f" (cut short at the row limit of {answer.limit})" if answer.truncated else ""
    err.print(f"{rows} row{'s' if rows != 1 else ''}{more}", highlight=False)
