"""``grenswerk analyse``, ``stats`` and ``cypher``: analyses through the same per-version
cache and the same option building as the API (:mod:`api.services`)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from cli import context
from cli.context import WorkspaceOpt
from cli.output import err, fmt, friendly, out
from graph.analysis.names import ANALYSIS_NAMES
from graph.errors import GrenswerkError

# the analyses (numpy, igraph, networkx…) load when a command runs one, not for --help
if TYPE_CHECKING:
    from graph.analysis.potential_model import PotentialModel
    from graph.analysis.registry import AnalysisOptions
    from graph.analysis.result import Result

__all__ = ["analyse", "cypher", "stats"]

NODE_LEVEL = {
    "centrality",
    "brokerage",
    "holes",
    "ei",
    "ego",
    "communities",
    "recommend",
    "change",
}


def _weights(path: Path | None) -> PotentialModel | None:
    """The learning-potential model in a JSON file (``--weights``)."""
    from api.services.options import weights_option

    if path is None:
        return None
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GrenswerkError(f"--weights: cannot read {path}: {exc}") from None
    try:
        return weights_option(text, str(path))
    except GrenswerkError as exc:
        raise GrenswerkError(f"--weights: {exc}") from None


def _options(raw: dict[str, Any]) -> AnalysisOptions:
    from api.services.options import BadOptions, analysis_options

    try:
        return analysis_options(**raw)
    except BadOptions as exc:
        problems = "; ".join(f"--{'-'.join(where)}: {message}" for where, message in exc.errors)
        raise GrenswerkError(f"bad option: {problems}") from None


Kinds = Annotated[
    str | None, typer.Option(help="Node kinds to keep, comma-separated (English or Dutch names).")
]
Types = Annotated[
    str | None,
    typer.Option(help="Relationship types to keep, comma-separated (English or Dutch)."),
]
Themes = Annotated[str | None, typer.Option(help="Theme ids: keep them and what is tied to them.")]
At = Annotated[str | None, typer.Option(help="The network as it was on this date.")]
Project = Annotated[
    str | None, typer.Option("--project", help="organisation or person: a projection.")
]
PathWeighted = Annotated[
    bool, typer.Option(help="Betweenness/closeness/harmonic: strong ties are short steps.")
]
Measures = Annotated[str | None, typer.Option(help="centrality: measures, comma-separated.")]
Limit = Annotated[int, typer.Option(help="Rows shown in the table (--json prints every row).")]
Threshold = Annotated[
    int,
    typer.Option(
        help="From this many nodes on, betweenness, closeness and harmonic are estimated "
        "(the error bound is printed)."
    ),
]
Exact = Annotated[
    bool,
    typer.Option(
        "--exact", help="centrality: exact betweenness, closeness and harmonic at any size."
    ),
]
Weights = Annotated[
    Path | None,
    typer.Option(
        help="potential/paths/recommend: a JSON file with the learning-potential model's "
        "numbers (docs/learning-potential.md); fields left out keep their defaults."
    ),
]
WithMeta = Annotated[
    bool, typer.Option("--with-meta", help="With --json: an object with meta and rows.")
]


@friendly
def analyse(
    name: Annotated[str, typer.Argument(help=f"One of: {', '.join(ANALYSIS_NAMES)}.")],
    workspace: WorkspaceOpt,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    with_meta: WithMeta = False,
    kinds: Kinds = None,
    types: Types = None,
    themes: Themes = None,
    at: At = None,
    project_onto: Project = None,
    directed: Annotated[bool, typer.Option(help="Respect tie direction.")] = False,
    unweighted: Annotated[bool, typer.Option(help="Ignore tie strengths.")] = False,
    path_weighted: PathWeighted = False,
    measures: Measures = None,
    group: Annotated[
        str, typer.Option(help="brokerage/ei/homophily/ego: org_type or sector.")
    ] = "org_type",
    null_model: Annotated[
        str, typer.Option(help="brokerage: z-scores against gould-fernandez or sna (R's).")
    ] = "gould-fernandez",
    permutations: Annotated[
        int, typer.Option(help="homophily: random permutations of the group labels.")
    ] = 999,
    method: Annotated[str, typer.Option(help="communities: leiden or louvain.")] = "leiden",
    resolution: Annotated[float, typer.Option(help="communities: resolution.")] = 1.0,
    seed: Annotated[int, typer.Option(help="Random seed (communities, sampling).")] = 0,
    source: Annotated[str | None, typer.Option("--from", help="paths: from node id.")] = None,
    target: Annotated[str | None, typer.Option("--to", help="paths: to node id.")] = None,
    k: Annotated[int, typer.Option(help="paths: how many.")] = 3,
    node: Annotated[str | None, typer.Option(help="recommend: node id.")] = None,
    limit: Limit = 20,
    over: Annotated[
        str | None, typer.Option(help="change: a series of dates, e.g. 2019..2026.")
    ] = None,
    every: Annotated[str, typer.Option(help="change --over: year, quarter or month.")] = "year",
    chart: Annotated[
        Path | None, typer.Option(help="change --over: write a chart (.png or .svg).")
    ] = None,
    before: Annotated[str | None, typer.Option(help="change: first date.")] = None,
    after: Annotated[str | None, typer.Option(help="change: second date.")] = None,
    measure: Annotated[
        str, typer.Option(help="change: degree, betweenness, brokerage.")
    ] = "degree",
    sample_threshold: Threshold = 20_000,
    exact: Exact = False,
    sample_size: Annotated[int, typer.Option(help="Sources sampled for betweenness.")] = 500,
    weights: Weights = None,
    engine: Annotated[
        str,
        typer.Option(
            help="centrality/communities: auto, local or gds (inside Neo4j with Graph "
            "Data Science; docs/analyses.md)."
        ),
    ] = "auto",
) -> None:
    """Run a network analysis on a workspace (a table, or JSON with --json)."""
    given = dict(locals())
    if name not in ANALYSIS_NAMES:
        raise GrenswerkError(f"unknown analysis {name!r}; use one of {', '.join(ANALYSIS_NAMES)}")
    from api.services import analyses
    from api.services.access import require_workspace
    from api.services.options import date_option
    from graph.analysis.cache import AnalysisCache
    from graph.analysis.registry import AnalysisOptions

    given = {k: v for k, v in given.items() if k in AnalysisOptions.model_fields}
    given.update(
        at=date_option(at, "--at"),
        project=project_onto,
        weighted=not unweighted,
        before=date_option(before, "--before"),
        after=date_option(after, "--after"),
        weights=_weights(weights),
    )
    options = _options(given)
    with context.store() as store:
        require_workspace(store, workspace)
        cache = AnalysisCache(gds_min_nodes=context.settings().gds_min_nodes)
        with err.status(f"running {name}…"):
            result = analyses.run(cache, store, workspace, name, options)
    if chart is not None:
        if result.analysis != "change_series":
            raise GrenswerkError("--chart draws the series of analyse change --over")
        written = analyses.write_change_chart(result, chart, title=f"{workspace}: change")
        err.print(f"chart written to {written}", markup=False, highlight=False)
    _show(name, result, options, as_json=as_json, with_meta=with_meta)


def _show(
    name: str, result: Result, options: AnalysisOptions, *, as_json: bool, with_meta: bool
) -> None:
    from cli.tables import print_result, sorted_rows
    from graph.analysis.result import Result

    rows = sorted_rows(name, result.rows, options)
    if as_json:
        cleaned: list[dict[str, Any]] = Result("x", rows).to_json()["rows"]
        if name in NODE_LEVEL and not with_meta:
            payload: Any = [dict(r) for r in cleaned]
        else:
            payload = {**result.to_json(), "rows": cleaned}
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    print_result(name, result, rows[: options.limit])


@friendly
def stats(
    workspace: WorkspaceOpt,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON object.")] = False,
) -> None:
    """Counts by kind and type, components and density of a workspace."""
    from api.services import analyses
    from graph.analysis.cache import AnalysisCache

    with context.store() as store:
        result = analyses.workspace_stats(AnalysisCache(), store, workspace)
    if as_json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table(title=f"workspace {workspace!r}", caption=result["counted"])
    table.add_column("measure")
    table.add_column("value", justify="right")
    for key in (
        "nodes",
        "sources",
        "relationships",
        "mentions",
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


@friendly
def cypher(
    query: Annotated[str, typer.Argument(help="A read-only query using $workspace.")],
    workspace: WorkspaceOpt,
    limit: Annotated[int, typer.Option(help="At most this many rows.")] = 100,
    timeout: Annotated[float, typer.Option(help="Seconds before the query is stopped.")] = 10.0,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Run a read-only Cypher query on your workspace (needs the Neo4j backend)."""
    from graph.store.base import cypher_reader

    with context.store() as store:
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
        table.add_row(*(fmt(v) for v in row.values()))
    out.print(table)
