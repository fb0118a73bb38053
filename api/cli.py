"""The ``grenswerk`` console command. With no sub-command it serves the API."""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from api.keys import ALL, ROLES, KeyStore
from api.services import delete_workspace as delete_with_keys
from graph.analysis.centrality import MEASURES
from graph.analysis.potential import PotentialModel, model_from_json
from graph.analysis.registry import ANALYSES, AnalysisOptions, run_analysis
from graph.analysis.result import Result
from graph.analysis.stats import graph_stats
from graph.errors import GrenswerkError, ValidationFailed
from graph.export import EXPORT_FORMATS, pseudonymise, write_export
from graph.model import NodeKind, RelType, validate_workspace
from graph.privacy import forget as forget_node
from graph.settings import Settings
from graph.store import open_location, open_store
from graph.store.base import Progress as Progress_
from graph.store.base import Store, cypher_reader
from graph.store.copying import copy_workspaces
from graph.store.legacy_keys import copy_legacy_keys
from importers import FORMATS, ImportOptions, apply_plan, plan_paths
from importers.records import parse_date

__all__ = ["app", "main"]

app = typer.Typer(
    name="grenswerk",
    help="Grenswerk: knowledge graph and network analyses for boundary-crossing networks.",
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

P = ParamSpec("P")
R = TypeVar("R")

#: above this many elements a write shows a progress bar
PROGRESS_THRESHOLD = 5_000
DEMO_WORKSPACE = "demo"


def friendly(func: Callable[P, R]) -> Callable[P, R]:
    """Turn user-facing errors into a red message and exit code 1, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except ValidationFailed as exc:
            err.print(f"[bold red]error:[/] {len(exc.problems)} problem(s); nothing was written.")
            for problem in exc.problems[:200]:
                err.print(f"  - {problem}", markup=False, highlight=False)
            if len(exc.problems) > 200:
                err.print(f"  … and {len(exc.problems) - 200} more")
            raise typer.Exit(1) from None
        except GrenswerkError as exc:
            err.print("[bold red]error:[/] ", end="")
            err.print(str(exc), markup=False, highlight=False)
            raise typer.Exit(1) from None
        except ValidationError as exc:  # settings from the environment
            err.print("[bold red]error in the settings:[/]")
            for error in exc.errors():
                err.print(f"  - {error['msg']}", markup=False, highlight=False)
            raise typer.Exit(1) from None

    return wrapper


class _State:
    data_dir: Path | None = None


_state = _State()


def _settings() -> Settings:
    overrides: dict[str, Any] = {}
    if _state.data_dir is not None:
        overrides["data_dir"] = _state.data_dir
    return Settings(**overrides)


@contextmanager
def _store() -> Iterator[Store]:
    store = open_store(_settings())
    try:
        yield store
    finally:
        store.close()


def _workspace(value: str) -> str:
    try:
        return validate_workspace(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


WorkspaceOpt = Annotated[
    str, typer.Option("--workspace", "-w", help="Workspace name.", callback=_workspace)
]


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
    _state.data_dir = data_dir
    if ctx.invoked_subcommand is None:
        serve()


@app.command("import")
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
    if fmt not in FORMATS:
        raise GrenswerkError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    try:
        first, second = (NodeKind(k.strip()) for k in two_mode.split(","))
    except ValueError:
        raise GrenswerkError(
            f"--two-mode takes two kinds separated by a comma, e.g. person,activity; "
            f"kinds are {', '.join(k.value for k in NodeKind)}"
        ) from None
    options = ImportOptions(workspace, default_kind, default_type, (first, second))
    with _store() as store:
        with err.status("reading and checking…"):
            plan = plan_paths(store, paths, options, fmt)
        for note in plan.notes:
            err.print(f"note: {note}", markup=False, highlight=False)
        if plan.problems:
            raise ValidationFailed(plan.problems)
        table = Table(title=f"{'dry run: ' if dry_run else ''}import into {workspace!r}")
        table.add_column("")
        table.add_column("new", justify="right")
        table.add_column("already there", justify="right")
        table.add_row("nodes", str(plan.nodes_new), str(plan.nodes_existing))
        table.add_row(
            "relationships", str(plan.relationships_new), str(plan.relationships_existing)
        )
        if dry_run:
            out.print(table)
            out.print("nothing was written (--dry-run)")
        else:
            total = len(plan.nodes) + len(plan.relationships)
            if total >= PROGRESS_THRESHOLD:
                with _progress() as progress:
                    task = progress.add_task("writing", total=total)
                    result = apply_plan(store, plan, progress=lambda n: progress.advance(task, n))
            else:
                result = apply_plan(store, plan)
            out.print(table)
            out.print(
                f"written: {result.nodes_created} nodes created, {result.nodes_updated} updated, "
                f"{result.nodes_unchanged} unchanged; {result.relationships_created} "
                f"relationships created, {result.relationships_updated} updated, "
                f"{result.relationships_unchanged} unchanged; workspace version {result.version}"
            )
        if plan.suggestions:
            out.print(f"{len(plan.suggestions)} possible duplicate(s), not merged:")
            for suggestion in plan.suggestions[:20]:
                out.print(f"  - {suggestion}", markup=False, highlight=False)


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=False,
    )


@app.command()
@friendly
def export(
    workspace: WorkspaceOpt,
    fmt: Annotated[str, typer.Option("--format", "-f", help="json, graphml, gexf or csv.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="File (a folder for csv).")],
    pseudonymise_people: Annotated[
        bool, typer.Option("--pseudonymise", help="Replace people's names (for wide audiences).")
    ] = False,
) -> None:
    """Export a workspace (csv writes nodes.csv and relationships.csv into a folder)."""
    if fmt not in EXPORT_FORMATS:
        raise GrenswerkError(f"unknown format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    with _store() as store:
        _require(store, workspace)
        nodes = store.list_nodes(workspace)
        rels = store.list_relationships(workspace)
    if pseudonymise_people:
        nodes, rels = pseudonymise(nodes, rels)
    try:
        written = write_export(fmt, workspace, nodes, rels, output)
    except OSError as exc:
        raise GrenswerkError(f"cannot write {output}: {exc.strerror or exc}") from exc
    out.print(
        f"exported {len(nodes)} nodes and {len(rels)} relationships to "
        + ", ".join(str(p) for p in written)
    )


def _require(store: Store, workspace: str) -> None:
    if workspace not in {w.name for w in store.workspaces()}:
        names = ", ".join(w.name for w in store.workspaces()) or "none yet"
        raise GrenswerkError(f"no workspace {workspace!r} (workspaces: {names})")


@app.command()
@friendly
def stats(
    workspace: WorkspaceOpt,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON object.")] = False,
) -> None:
    """Counts by kind and type, components and density of a workspace."""
    with _store() as store:
        _require(store, workspace)
        result = graph_stats(store.load_graph(workspace))
        result = {"workspace": workspace, "version": store.version(workspace), **result}
    if as_json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table(title=f"workspace {workspace!r}")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for key in (
        "nodes",
        "relationships",
        "components",
        "largest_component",
        "isolates",
        "density",
        "version",
    ):
        table.add_row(key, str(result[key]))
    for kind, count in result["by_kind"].items():
        table.add_row(f"  kind {kind}", str(count))
    for rel_type, count in result["by_type"].items():
        table.add_row(f"  type {rel_type}", str(count))
    out.print(table)


@app.command()
@friendly
def workspaces(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List workspaces."""
    with _store() as store:
        infos = store.workspaces()
    if as_json:
        sys.stdout.write(json.dumps([i.model_dump(mode="json") for i in infos], indent=2) + "\n")
        return
    table = Table(title="workspaces")
    for column in ("name", "nodes", "relationships", "version"):
        table.add_column(column, justify="left" if column == "name" else "right")
    for info in infos:
        table.add_row(info.name, str(info.nodes), str(info.relationships), str(info.version))
    out.print(table)


@app.command("delete-workspace")
@friendly
def delete_workspace(
    workspace: Annotated[str, typer.Argument(callback=_workspace)],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask.")] = False,
) -> None:
    """Delete a workspace and everything in it, and revoke its keys."""
    if not yes and not typer.confirm(f"Delete workspace {workspace!r} and all it holds?"):
        raise typer.Exit(1)
    keys = _key_store()
    try:
        with _store() as store:
            deleted = delete_with_keys(store, keys, workspace)
    finally:
        keys.close()
    if not deleted.existed and not deleted.keys_revoked:
        raise GrenswerkError(f"no workspace {workspace!r}")
    count = deleted.keys_revoked
    out.print(
        f"deleted workspace {workspace!r} and revoked its {count} key{'s' if count != 1 else ''}"
    )


@app.command()
@friendly
def forget(
    node_id: Annotated[str, typer.Argument(help="The id of the node (e.g. a person).")],
    workspace: WorkspaceOpt,
) -> None:
    """Remove a node completely: the node, its ties and mentions, and its names from
    every text of the workspace (GDPR/AVG; docs/privacy.md)."""
    with _store() as store:
        done = forget_node(store, workspace, node_id)
    out.print(
        f"removed {done.node.kind} {done.node.name!r} with {done.relationships} "
        f"relationship(s) and mention(s); its names are gone from the text of "
        f"{done.rewritten} other element(s)",
        markup=False,
    )


NODE_LEVEL = {"centrality", "brokerage", "holes", "ei", "communities", "recommend", "change"}
_SORT = {
    "centrality": None,
    "brokerage": "total",
    "holes": "effective_size",
    "ei": "ei_index",
    "communities": "participation",
    "recommend": "score",
    "change": "change",
    "potential": "potential",
}


_COLUMNS = {
    "centrality": ["name", *MEASURES],
    "brokerage": [
        "name",
        "group",
        "coordinator",
        "itinerant",
        "representative",
        "gatekeeper",
        "liaison",
        "total",
    ],
    "holes": ["name", "effective_size", "efficiency", "constraint"],
    "ei": ["name", "group", "external", "internal", "ei_index"],
    "communities": ["name", "community", "participation", "bridges"],
    "potential": ["potential", "explanation"],
    "recommend": ["name", "score", "reasons"],
    "change": [
        "name",
        "degree_before",
        "degree_after",
        "betweenness_before",
        "betweenness_after",
        "brokerage_before",
        "brokerage_after",
        "change",
    ],
}


def _split(value: str | None) -> tuple[str, ...] | None:
    if not value:
        return None
    return tuple(part.strip() for part in value.split(",") if part.strip())


def _weights_option(path: Path | None) -> PotentialModel | None:
    """The learning-potential model in a JSON file (``--weights``)."""
    if path is None:
        return None
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GrenswerkError(f"--weights: cannot read {path}: {exc}") from None
    try:
        return model_from_json(text, str(path))
    except ValueError as exc:
        raise GrenswerkError(f"--weights: {exc}") from None


def _date_option(value: str | None, name: str) -> dt.date | None:
    if not value:
        return None
    try:
        parsed = parse_date(value)
    except ValueError as exc:
        raise GrenswerkError(f"{name}: {exc}") from None
    return parsed


@app.command()
@friendly
def analyse(
    name: Annotated[str, typer.Argument(help=f"One of: {', '.join(ANALYSES)}.")],
    workspace: WorkspaceOpt,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    with_meta: Annotated[
        bool, typer.Option("--with-meta", help="With --json: an object with meta and rows.")
    ] = False,
    kinds: Annotated[
        str | None,
        typer.Option(help="Node kinds to keep, comma-separated (English or Dutch names)."),
    ] = None,
    types: Annotated[
        str | None,
        typer.Option(help="Relationship types to keep, comma-separated (English or Dutch)."),
    ] = None,
    themes: Annotated[
        str | None, typer.Option(help="Theme ids: keep them and what is tied to them.")
    ] = None,
    at: Annotated[str | None, typer.Option(help="The network as it was on this date.")] = None,
    project_onto: Annotated[
        str | None, typer.Option("--project", help="organisation or person: a projection.")
    ] = None,
    directed: Annotated[bool, typer.Option(help="Respect tie direction.")] = False,
    unweighted: Annotated[bool, typer.Option(help="Ignore tie strengths.")] = False,
    path_weighted: Annotated[
        bool, typer.Option(help="Betweenness/closeness/harmonic: strong ties are short steps.")
    ] = False,
    measures: Annotated[
        str | None, typer.Option(help="centrality: measures, comma-separated.")
    ] = None,
    group: Annotated[str, typer.Option(help="brokerage/ei: org_type or sector.")] = "org_type",
    method: Annotated[str, typer.Option(help="communities: leiden or louvain.")] = "leiden",
    resolution: Annotated[float, typer.Option(help="communities: resolution.")] = 1.0,
    seed: Annotated[int, typer.Option(help="Random seed (communities, sampling).")] = 0,
    source: Annotated[str | None, typer.Option("--from", help="paths: from node id.")] = None,
    target: Annotated[str | None, typer.Option("--to", help="paths: to node id.")] = None,
    k: Annotated[int, typer.Option(help="paths: how many.")] = 3,
    node: Annotated[str | None, typer.Option(help="recommend: node id.")] = None,
    limit: Annotated[
        int, typer.Option(help="Rows shown in the table (--json prints every row).")
    ] = 20,
    before: Annotated[str | None, typer.Option(help="change: first date.")] = None,
    after: Annotated[str | None, typer.Option(help="change: second date.")] = None,
    measure: Annotated[str, typer.Option(help="change: degree, betweenness, brokerage.")] = (
        "degree"
    ),
    sample_threshold: Annotated[
        int, typer.Option(help="Betweenness is sampled above this many nodes.")
    ] = 20_000,
    sample_size: Annotated[int, typer.Option(help="Sources sampled for betweenness.")] = 500,
    weights: Annotated[
        Path | None,
        typer.Option(
            help="potential/paths/recommend: a JSON file with the learning-potential model's "
            "numbers (docs/learning-potential.md); fields left out keep their defaults."
        ),
    ] = None,
) -> None:
    """Run a network analysis on a workspace (a table, or JSON with --json)."""
    if name not in ANALYSES:
        raise GrenswerkError(f"unknown analysis {name!r}; use one of {', '.join(ANALYSES)}")
    raw: dict[str, Any] = {
        "kinds": _split(kinds),
        "types": _split(types),
        "themes": _split(themes),
        "at": _date_option(at, "--at"),
        "project": project_onto,
        "directed": directed,
        "weighted": not unweighted,
        "path_weighted": path_weighted,
        "group": group,
        "method": method,
        "resolution": resolution,
        "seed": seed,
        "source": source,
        "target": target,
        "k": k,
        "node": node,
        "limit": limit,
        "before": _date_option(before, "--before"),
        "after": _date_option(after, "--after"),
        "measure": measure,
        "sample_threshold": sample_threshold,
        "sample_size": sample_size,
        "weights": _weights_option(weights),
    }
    if measures:
        raw["measures"] = _split(measures)
    try:
        options = AnalysisOptions(**{k: v for k, v in raw.items() if v is not None})
    except ValidationError as exc:
        problems = "; ".join(
            f"--{'-'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
        )
        raise GrenswerkError(f"bad option: {problems}") from None
    with _store() as store:
        _require(store, workspace)
        graph = store.load_graph(workspace)
    with err.status(f"running {name}…"):
        result = run_analysis(name, graph, options)
    rows = result.rows
    key = _SORT.get(name)
    if name == "centrality":
        key = next((m for m in options.measures if m != "degree"), "degree")
    if key and rows and key in rows[0]:
        rows = sorted(rows, key=lambda r: (_num(r.get(key)), str(r.get("id"))), reverse=True)
    document = result.to_json()
    if as_json:
        if name in NODE_LEVEL and not with_meta:
            payload: Any = [dict(r) for r in _clean_rows(rows)]
        else:
            payload = {**document, "rows": _clean_rows(rows)}
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    _print_result(name, result, rows[: options.limit])


def _num(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return float("-inf")
    return float("-inf") if value != value else float(value)


def _clean_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    cleaned: list[dict[str, Any]] = Result("x", rows).to_json()["rows"]
    return cleaned


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return "–" if value != value else f"{value:.4g}"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def _print_result(name: str, result: Result, rows: list[dict[str, Any]]) -> None:
    meta = {k: v for k, v in result.meta.items() if k != "options" and not isinstance(v, list)}
    if name == "paths":
        if not rows:
            out.print("no path between these nodes")
        for path in rows:
            out.print(
                f"[bold]{path['rank']}.[/] "
                + " → ".join(path["names"])
                + f"  (potential {path['potential']:.3f}, {path['hops']} hop(s))"
            )
            for step in path["steps"]:
                out.print(f"    {step['potential']:.3f}  {step['explanation']}", markup=False)
        return
    if rows:
        wanted = _COLUMNS.get(name)
        columns = [c for c in (wanted or list(rows[0])) if c in rows[0] and c != "steps"]
        total = len(result.rows)
        table = Table(
            title=name + (f" (first {len(rows)} of {total})" if total > len(rows) else "")
        )
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*(_fmt(row.get(c)) for c in columns))
        out.print(table)
    for key, value in meta.items():
        out.print(f"{key}: {_fmt(value)}", markup=False)


@app.command()
@friendly
def copy(
    source: Annotated[str, typer.Option("--from", help="sqlite:PATH or a Neo4j URI.")],
    target: Annotated[str, typer.Option("--to", help="sqlite:PATH or a Neo4j URI.")],
    workspace: Annotated[
        list[str] | None, typer.Option("--workspace", "-w", help="Only these (default: all).")
    ] = None,
) -> None:
    """Copy workspaces between stores (e.g. SQLite to Neo4j), losslessly."""
    settings = _settings()
    from_store = open_location(source, settings)
    try:
        to_store = open_location(target, settings)
        try:
            with _progress() as bar:

                def track(name: str, total: int) -> Progress_:
                    task = bar.add_task(f"copying {name}", total=total)
                    return lambda n: bar.advance(task, n)

                reports = copy_workspaces(from_store, to_store, workspace, progress=track)
        finally:
            to_store.close()
    finally:
        from_store.close()
    for report in reports:
        out.print(
            f"{report.workspace}: {report.nodes} nodes, {report.relationships} relationships "
            f"({report.created} new on the target, version {report.version})"
        )


@app.command()
@friendly
def cypher(
    query: Annotated[str, typer.Argument(help="A read-only query using $workspace.")],
    workspace: WorkspaceOpt,
    limit: Annotated[int, typer.Option(help="At most this many rows.")] = 100,
    timeout: Annotated[float, typer.Option(help="Seconds before the query is stopped.")] = 10.0,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Run a read-only Cypher query on your workspace (needs the Neo4j backend)."""
    with _store() as store:
        rows = cypher_reader(store).read_only(query, workspace, timeout=timeout, limit=limit)
    if as_json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    if not rows:
        out.print("no rows")
        return
    table = Table()
    for column in rows[0]:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(_fmt(v) for v in row.values()))
    out.print(table)


keys_app = typer.Typer(help="API keys: one workspace and a role each, stored hashed.")
app.add_typer(keys_app, name="keys")


def _key_store() -> KeyStore:
    settings = _settings()
    store = open_store(settings)
    copy_legacy_keys(store, settings.data_dir / "keys.sqlite3")
    return KeyStore(store, close_store=True)


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
    target = ALL if every else _workspace(workspace or "")
    if not every:
        with _store() as store:
            _require(store, target)
    keys = _key_store()
    try:
        token = keys.create(target, role, label)
    finally:
        keys.close()
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
    keys = _key_store()
    try:
        found = keys.list(workspace)
    finally:
        keys.close()
    table = Table(title="keys")
    for column in ("id", "workspace", "role", "label", "created"):
        table.add_column(column)
    for key in found:
        table.add_row(str(key.id), key.workspace, key.role, key.label, key.created[:19])
    out.print(table)


@keys_app.command("revoke")
@friendly
def keys_revoke(key_id: Annotated[int, typer.Argument(help="The key's id (keys list).")]) -> None:
    """Revoke a key."""
    keys = _key_store()
    try:
        if not keys.revoke(key_id):
            raise GrenswerkError(f"no key {key_id}")
    finally:
        keys.close()
    out.print(f"revoked key {key_id}")


def demo_files() -> list[Path]:
    """The demo network shipped with the package."""
    base = resources.files("graph") / "data"
    return [Path(str(base / "demo-nodes.csv")), Path(str(base / "demo-relationships.csv"))]


@app.command()
@friendly
def demo(workspace: WorkspaceOpt = DEMO_WORKSPACE) -> None:
    """Load the demo network (the five seed texts) into a workspace; idempotent."""
    with _store() as store:
        plan = plan_paths(store, demo_files(), ImportOptions(workspace))
        result = apply_plan(store, plan)
    out.print(
        f"demo network in workspace {workspace!r}: {len(plan.nodes)} nodes, "
        f"{len(plan.relationships)} relationships ({result.nodes_created} nodes and "
        f"{result.relationships_created} relationships new)"
    )


@app.command()
@friendly
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
) -> None:
    """Serve the API and web pages."""
    import uvicorn

    from api.app import create_app

    settings = _settings()
    if _state.data_dir is not None:
        os.environ["GRENSWERK_DATA_DIR"] = str(_state.data_dir)
    out.print(
        f"Grenswerk on http://{host}:{port} (store: {settings.store}, data: {settings.data_dir})"
    )
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")


def main() -> None:
    app()
