"""Moving workspaces between stores (SQLite → Neo4j and back, or SQLite → SQLite).

Every workspace is copied in one write on the target, so a copy is all-or-nothing per
workspace, and copying again changes nothing (upserts are idempotent).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from graph.errors import NotFound
from graph.store.base import Progress, Store

__all__ = ["CopyReport", "copy_workspaces"]


@dataclass
class CopyReport:
    workspace: str
    nodes: int
    relationships: int
    created: int
    version: int


def copy_workspaces(
    source: Store,
    target: Store,
    workspaces: Sequence[str] | None = None,
    *,
    progress: Callable[[str, int], Progress] | None = None,
) -> list[CopyReport]:
    """Copy the named workspaces (default: all) from ``source`` to ``target``.

    ``progress(workspace, total)`` may return a callback that is told how many
    elements were written.
    """
    available = {w.name for w in source.workspaces()}
    names = list(workspaces) if workspaces else sorted(available)
    for name in names:
        if name not in available:
            raise NotFound(f"no workspace {name!r} in the source store")
    reports = []
    for name in names:
        nodes = source.list_nodes(name)
        rels = source.list_relationships(name)
        callback = progress(name, len(nodes) + len(rels)) if progress else None
        target.create_workspace(name)
        result = target.upsert(name, nodes, rels, progress=callback)
        reports.append(
            CopyReport(
                name,
                len(nodes),
                len(rels),
                result.nodes_created + result.relationships_created,
                result.version,
            )
        )
    return reports
