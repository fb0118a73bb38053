"""Analyses, always through the one per-version :class:`AnalysisCache`, paged once."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from api.services.access import require_workspace
from api.services.counts import NetworkCounts, counts_sentence
from graph.analysis.cache import AnalysisCache
from graph.analysis.stats import outline_stats
from graph.errors import GrenswerkError
from graph.store.base import Store

if TYPE_CHECKING:  # the analyses load when one runs (the counts of stats need none)
    from graph.analysis.registry import AnalysisOptions
    from graph.analysis.result import Result

__all__ = ["page", "run", "workspace_stats", "write_change_chart"]


def run(
    cache: AnalysisCache, store: Store, workspace: str, name: str, options: AnalysisOptions
) -> Result:
    """The result of analysis ``name`` (cached per workspace version)."""
    return cache.run(store, workspace, name, options)


def page(result: Result, *, limit: int, offset: int = 0) -> dict[str, Any]:
    """The result as JSON, its rows from ``offset`` to ``offset + limit``.

    This is the one place results are paged: the analyses return every row, ranked, so
    ``rows_total`` is the true total and the same cached result serves every page.
    """
    document = result.to_json()
    document["meta"]["rows_total"] = len(document["rows"])
    document["meta"]["offset"] = offset
    document["meta"]["limit"] = limit
    document["rows"] = document["rows"][offset : offset + limit]
    return document


def workspace_stats(cache: AnalysisCache, store: Store, workspace: str) -> dict[str, Any]:
    """Counts by kind and type, components and density, with the workspace's version
    and the counts in a sentence (``counted``, as every page says them).

    Counted from the store's outline of the graph (each node's kind, each tie's ends
    and type), kept per version: the graph itself is not loaded for them
    (``tests/api/test_stats_outline.py`` holds the answer equal to the graph's)."""
    require_workspace(store, workspace)

    def count() -> dict[str, Any]:
        outline = store.outline(workspace)
        return {"version": outline.version, **outline_stats(outline)}

    stats = cache.derived(store, workspace, "stats", count)
    counts = NetworkCounts(*(stats[k] for k in ("nodes", "sources", "relationships", "mentions")))
    counted = counts_sentence(counts, "en")
    return {"workspace": workspace, **stats, "counted": counted}


def write_change_chart(result: Result, path: Path, *, title: str) -> Path:
    """The chart of a change series (``analyse change --over``) written to ``path``:
    PNG, or SVG when the name ends in ``.svg``."""
    from visualizations.charts import change_chart  # matplotlib: only for a chart

    fmt: Literal["png", "svg"] = "svg" if path.suffix.lower() == ".svg" else "png"
    try:
        path.write_bytes(change_chart(result.rows, title=title, fmt=fmt))
    except OSError as exc:
        raise GrenswerkError(f"cannot write {path}: {exc.strerror or exc}") from exc
    return path
