"""``grenswerk import``, ``export`` and ``demo``."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from cli import context
from cli.context import WorkspaceOpt
from cli.output import err, friendly, out, progress_bar
from graph.errors import GrenswerkError, ValidationFailed
from graph.kinds import NodeKind, RelType

# the readers, the store and the exports load when a command runs, not for --help
if TYPE_CHECKING:
    from graph.store.base import Store
    from importers import ImportPlan

__all__ = [
    "DEMO_WORKSPACE",
    "EXAMPLE_WORKSPACE",
    "demo",
    "demo_files",
    "example_files",
    "export",
    "import_",
]

#: the formats ``--format`` takes: :data:`importers.FORMATS`, named here without loading
#: the readers (``tests/cli/test_start.py`` checks they are the same)
FORMATS: tuple[str, ...] = ("auto", "csv", "kumu", "json", "graphml", "gexf", "pajek", "text")
#: above this many elements a write shows a progress bar
PROGRESS_THRESHOLD = 5_000
DEMO_WORKSPACE = "demo"
#: The fictional ROC (invented names only; see graph/examples/voorbeeld_roc.py).
EXAMPLE_WORKSPACE = "voorbeeld-roc"


def _two_modes(two_mode: str) -> tuple[NodeKind, NodeKind]:
    try:
        first, second = (NodeKind(k.strip()) for k in two_mode.split(","))
    except ValueError:
        raise GrenswerkError(
            f"--two-mode takes two kinds separated by a comma, e.g. person,activity; "
            f"kinds are {', '.join(k.value for k in NodeKind)}"
        ) from None
    return first, second


@friendly
def import_(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to import, together.")],
    workspace: WorkspaceOpt = "default",
    fmt: Annotated[
        str, typer.Option("--format", "-f", help=f"One of {', '.join(FORMATS)}.")
    ] = "auto",
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Report what would change; write nothing.")
    ] = False,
    default_kind: Annotated[
        NodeKind, typer.Option(help="Kind for nodes whose type is unknown (other tools' files).")
    ] = NodeKind.ORGANISATION,
    default_type: Annotated[
        RelType, typer.Option(help="Type for ties whose type is unknown (other tools' files).")
    ] = RelType.COLLABORATES_WITH,
    two_mode: Annotated[
        str, typer.Option(help="Kinds of the two modes of a two-mode Pajek file, 'first,second'.")
    ] = "person,activity",
) -> None:
    """Import files into a workspace: all of them or nothing."""
    from importers import ImportOptions, plan_paths
    from importers.limits import ImportLimits

    if fmt not in FORMATS:
        raise GrenswerkError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    options = ImportOptions(
        workspace,
        default_kind,
        default_type,
        _two_modes(two_mode),
        ImportLimits.of(context.settings()),
    )
    with context.store() as store:
        with err.status("reading and checking…"):
            plan = plan_paths(store, paths, options, fmt)
        for note in plan.notes:
            err.print(f"note: {note}", markup=False, highlight=False)
        if plan.problems:
            raise ValidationFailed(plan.problems)
        table = _plan_table(plan, workspace, dry_run)
        if dry_run:
            out.print(table)
            out.print("nothing was written (--dry-run)")
        else:
            _write(store, plan, table)
        if plan.suggestions:
            total = len(plan.suggestions) + plan.suggestions_more
            out.print(f"{total:,} possible duplicate(s), not merged; the likeliest first:")
            for suggestion in plan.suggestions:
                out.print(f"  - {suggestion}", markup=False, highlight=False)
            if plan.suggestions_more:
                out.print(f"  … and {plan.suggestions_more:,} more")


def _plan_table(plan: ImportPlan, workspace: str, dry_run: bool) -> Table:
    table = Table(title=f"{'dry run: ' if dry_run else ''}import into {workspace!r}")
    table.add_column("")
    table.add_column("new", justify="right")
    table.add_column("already there", justify="right")
    table.add_row("nodes", str(plan.nodes_new), str(plan.nodes_existing))
    table.add_row("relationships", str(plan.relationships_new), str(plan.relationships_existing))
    return table


def _write(store: Store, plan: ImportPlan, table: Table) -> None:
    from graph.access import SYSTEM, Actor
    from importers import apply_plan

    total = len(plan.nodes) + len(plan.relationships)
    actor = Actor(SYSTEM.label, SYSTEM.role, "grenswerk import")
    if total >= PROGRESS_THRESHOLD:
        with progress_bar() as progress:
            task = progress.add_task("writing", total=total)
            step = lambda n: progress.advance(task, n)  # noqa: E731
            result = apply_plan(store, plan, progress=step, actor=actor)
    else:
        result = apply_plan(store, plan, actor=actor)
    out.print(table)
    out.print(
        f"written: {result.nodes_created} nodes created, {result.nodes_updated} updated, "
        f"{result.nodes_unchanged} unchanged; {result.relationships_created} "
        f"relationships created, {result.relationships_updated} updated, "
        f"{result.relationships_unchanged} unchanged; workspace version {result.version}"
    )


@friendly
def export(
    workspace: WorkspaceOpt,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="json, graphml, gexf, csv, pajek, edgelist, adjacency, incidence or "
            "projection (docs/exports.md).",
        ),
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="File (a folder for csv).")],
    pseudonymise_people: Annotated[
        bool, typer.Option("--pseudonymise", help="Replace people's names (for wide audiences).")
    ] = False,
    without_sources: Annotated[
        bool,
        typer.Option("--without-sources", help="Leave out source documents and mentioned_in ties."),
    ] = False,
    dynamic: Annotated[
        bool, typer.Option("--dynamic", help="gexf: time intervals for Gephi's timeline.")
    ] = False,
    rows: Annotated[
        str, typer.Option(help="incidence/projection: the kind of the rows.")
    ] = "organisation",
    columns: Annotated[
        str, typer.Option(help="incidence/projection: the kind of the columns.")
    ] = "theme",
) -> None:
    """Export a workspace (csv writes nodes.csv and relationships.csv into a folder)."""
    from api.services.exports import ExportOptions, export_to

    options = ExportOptions(
        sources=not without_sources, dynamic=dynamic, rows=rows, columns=columns
    )
    with context.store() as store:
        nodes, rels, written = export_to(
            store, workspace, fmt, output, pseudonymised=pseudonymise_people, options=options
        )
    out.print(
        f"exported {nodes} nodes and {rels} relationships to " + ", ".join(str(p) for p in written)
    )


def demo_files() -> list[Path]:
    """The demo network shipped with the package."""
    base = resources.files("graph") / "data"
    return [Path(str(base / "demo-nodes.csv")), Path(str(base / "demo-relationships.csv"))]


def example_files() -> list[Path]:
    """The fictional ROC workspace shipped with the package (graph/examples)."""
    base = resources.files("graph") / "data" / "voorbeeld"
    return [
        Path(str(base / "voorbeeld-roc-nodes.csv")),
        Path(str(base / "voorbeeld-roc-relationships.csv")),
    ]


@friendly
def demo(
    workspace: WorkspaceOpt = DEMO_WORKSPACE,
    example: Annotated[
        bool,
        typer.Option(
            "--example/--no-example",
            help=f"Also load the fictional ROC into workspace {EXAMPLE_WORKSPACE!r}.",
        ),
    ] = True,
) -> None:
    """Load the demo network (the five seed texts) into a workspace, and the fictional
    ROC with 150 companies into 'voorbeeld-roc'; idempotent."""
    from importers import ImportOptions, apply_plan, plan_paths

    loads = [("demo network", workspace, demo_files())]
    if example:
        loads.append(("fictional example ROC", EXAMPLE_WORKSPACE, example_files()))
    with context.store() as store:
        for label, target, files in loads:
            plan = plan_paths(store, files, ImportOptions(target))
            result = apply_plan(store, plan)
            out.print(
                f"{label} in workspace {target!r}: {len(plan.nodes)} nodes, "
                f"{len(plan.relationships)} relationships ({result.nodes_created} nodes and "
                f"{result.relationships_created} relationships new)"
            )
