"""Analysis results as the console shows them: ranked rows, chosen columns, paths as
steps."""

from __future__ import annotations

from typing import Any

from rich.table import Table

from cli.output import fmt, out
from graph.analysis.centrality import MEASURES
from graph.analysis.registry import AnalysisOptions
from graph.analysis.result import Result

__all__ = ["COLUMNS", "print_result", "sorted_rows"]

#: the column each analysis's rows are ranked by
SORT = {
    "centrality": None,
    "brokerage": "total",
    "holes": "effective_size",
    "ei": "ei_index",
    "ego": "alters",
    "communities": "participation",
    "recommend": "score",
    "change": "change",
    "potential": "potential",
}

#: the columns each analysis's table shows
COLUMNS = {
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
    "homophily": [
        "statistic",
        "observed",
        "expected",
        "sd",
        "p_greater",
        "p_less",
        "p_two_sided",
        "permutations",
    ],
    "ego": ["name", "group", "alters", "ego_density", "blau", "iqv", "same_group"],
    "communities": ["name", "community", "participation", "bridges"],
    "potential": ["potential", "explanation"],
    "recommend": ["name", "score", "reasons"],
    "change_series": [
        "date",
        "nodes",
        "ties",
        "density",
        "ties_gained",
        "ties_lost",
        "ties_with_new_nodes",
        "nodes_gained",
        "nodes_lost",
    ],
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


def _num(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return float("-inf")
    return float("-inf") if value != value else float(value)


def sorted_rows(
    name: str, rows: list[dict[str, Any]], options: AnalysisOptions
) -> list[dict[str, Any]]:
    """The rows ranked by the analysis's column, highest first (ties by id)."""
    key = SORT.get(name)
    if name == "centrality":
        key = next((m for m in options.measures if m != "degree"), "degree")
    if key and rows and key in rows[0]:
        return sorted(rows, key=lambda r: (_num(r.get(key)), str(r.get("id"))), reverse=True)
    return rows


def _print_paths(rows: list[dict[str, Any]]) -> None:
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


def _print_dated_ties(result: Result) -> None:
    """The ties gained and lost, with their own dates (change and its series)."""
    steps = result.meta.get("steps")
    if steps is None and "ties_gained" in result.meta:
        steps = [
            {
                "from": result.meta["before"],
                "to": result.meta["after"],
                "gained": result.meta["ties_gained"],
                "lost": result.meta["ties_lost"],
            }
        ]
    for step in steps or []:
        for word, ties in (("gained", step["gained"]), ("lost", step["lost"])):
            for tie in ties:
                dates = f"since {tie.get('since') or '–'}, until {tie.get('until') or '–'}"
                out.print(
                    f"{word} {step['from']} → {step['to']}: {tie.get('source_name')} "
                    f"{tie.get('type')} {tie.get('target_name')} ({dates})",
                    markup=False,
                )


def print_result(name: str, result: Result, rows: list[dict[str, Any]]) -> None:
    """``rows`` of ``result`` as a table (paths as their steps), then its meta."""
    if name == "paths":
        _print_paths(rows)
        return
    if name == "change" and result.analysis == "change_series":
        name = "change_series"
    if rows:
        wanted = COLUMNS.get(name)
        columns = [c for c in (wanted or list(rows[0])) if c in rows[0] and c != "steps"]
        total = len(result.rows)
        table = Table(
            title=name + (f" (first {len(rows)} of {total})" if total > len(rows) else "")
        )
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*(fmt(row.get(c)) for c in columns))
        out.print(table)
    out.print(f"computed: {result.meta.get('computed', 'exact')}", markup=False)
    if name == "brokerage":
        out.print(f"z-scores: null model {result.meta.get('null_model')}", markup=False)
    skip = {"options", "computed", "provenance"}
    meta = {
        k: v
        for k, v in result.meta.items()
        if k not in skip and not isinstance(v, list | dict) or k in ("groups", "totals")
    }
    for key, value in meta.items():
        out.print(f"{key}: {fmt(value)}", markup=False)
    _print_dated_ties(result)
    made = result.meta.get("provenance")
    if made:
        versions = ", ".join(f"{k} {v}" for k, v in made["versions"].items())
        out.print(
            f"provenance: workspace {made['workspace']} version {made['workspace_version']}, "
            f"input {made['input_sha256'][:19]}…, {versions}, at {made['time']}",
            markup=False,
        )
