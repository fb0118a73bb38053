"""Analysts' read-only Cypher on every backend: the embedded engine over a copy of one
workspace (:mod:`graph.store.query`), for the API, the page *Vragen* and ``grenswerk
query``.

The copy is built from the workspace's own graph (the analyses' per-version cache),
so a query sees that workspace and nothing else on either backend. Limits come from
the settings; a caller may ask for less, never for more.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Any

from api.services.access import require_workspace
from graph.analysis.cache import AnalysisCache
from graph.settings import StoreSettings
from graph.store.base import Store
from graph.store.query import EXAMPLES, Answer, QueryEngines, QueryError, Question

__all__ = [
    "EXAMPLES",
    "QueryAnswer",
    "QueryError",
    "Question",
    "answer_csv",
    "run_query",
]


@dataclass
class QueryAnswer:
    """An answer with its limits and the ids of the workspace's nodes it names."""

    columns: list[str]
    rows: list[list[Any]]
    truncated: bool
    limit: int
    timeout_s: float
    seconds: float
    #: ids of nodes in the answer: returned nodes and paths, and cells holding a node's
    #: id or exact name (for "show on the map")
    node_ids: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "columns": self.columns,
            "rows": self.rows,
            "truncated": self.truncated,
            "row_limit": self.limit,
            "timeout_s": self.timeout_s,
            "seconds": round(self.seconds, 3),
            "node_ids": self.node_ids,
        }


def _node_ids(answer: Answer, by_name: dict[str, str], ids: set[str]) -> list[str]:
    found: dict[str, None] = {}

    def visit(value: Any) -> None:
        if isinstance(value, dict):
            if "_label" in value:  # a node: its id, not the ids its properties name
                if isinstance(value.get("id"), str):
                    found[value["id"]] = None
                return
            if "_type" in value:  # a relationship
                return
            for inner in value.values():
                visit(inner)
        elif isinstance(value, list):
            for inner in value:
                visit(inner)
        elif isinstance(value, str):
            if value in ids:
                found[value] = None
            elif value in by_name:
                found[by_name[value]] = None

    for row in answer.rows:
        visit(row)
    return list(found)


def run_query(
    engines: QueryEngines,
    cache: AnalysisCache,
    store: Store,
    settings: StoreSettings,
    workspace: str,
    query: str,
    *,
    limit: int | None = None,
    timeout_s: float | None = None,
) -> QueryAnswer:
    """Run an analyst's query on the workspace's copy.

    Raises
    ------
    QueryError
        Refused (a write, procedure, file or second statement), not understood, too
        slow or too big; ``kind`` says which, the message is the engine's.
    """
    require_workspace(store, workspace)
    limit = min(limit or settings.query_row_limit, settings.query_row_limit)
    timeout_s = min(timeout_s or settings.query_timeout_s, settings.query_timeout_s)
    key = (workspace, store.version(workspace))
    answer = engines.answer(
        key, lambda: cache.graph(store, workspace), query, limit=limit, timeout_s=timeout_s
    )
    graph = cache.graph(store, workspace)
    by_name: dict[str, str] = {}
    for node_id, name in graph.nodes(data="name"):
        if isinstance(name, str):
            by_name.setdefault(name, node_id)
    return QueryAnswer(
        answer.columns,
        answer.rows,
        answer.truncated,
        limit,
        timeout_s,
        answer.seconds,
        _node_ids(answer, by_name, set(graph)),
    )


def cell(value: Any) -> str:
    """A value as one CSV or table cell: text as it is, lists and maps as JSON.

    >>> cell(None), cell(3), cell("a"), cell(["a", "b"]), cell(True)
    ('', '3', 'a', '["a", "b"]', 'true')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return repr(value) if isinstance(value, float) else str(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def answer_csv(answer: QueryAnswer) -> str:
    """The answer as CSV (a header row, then one row per row; cells as :func:`cell`).
    A cell that a spreadsheet would read as a formula starts with a quote."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(answer.columns)
    for row in answer.rows:
        cells = [cell(v) for v in row]
        writer.writerow(
            ["'" + c if c[:1] in ("=", "+", "-", "@") and not _number(c) else c for c in cells]
        )
    return out.getvalue()


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
