"""Paths between nodes: the learning-potential paths, the shortest path and ego
networks, as results and subgraphs."""

from __future__ import annotations

from typing import Any

import networkx as nx

from graph.analysis.cache import AnalysisCache
from graph.analysis.ego import drawn_route, ego_network, shortest_path
from graph.analysis.registry import AnalysisOptions
from graph.analysis.result import Result
from graph.errors import NotFound
from graph.store.base import Store

__all__ = ["best_route", "ego_subgraph", "learning_paths", "shortest_subgraph", "subgraph"]

#: ego networks and shortest paths do not run through source documents
_SKIP = frozenset({"source"})


def learning_paths(
    store: Store, cache: AnalysisCache, workspace: str, source: str, target: str, k: int = 3
) -> Result:
    """The ``k`` best learning-potential paths from ``source`` to ``target``."""
    options = AnalysisOptions(source=source, target=target, k=k)
    return cache.run(store, workspace, "paths", options)


def best_route(store: Store, cache: AnalysisCache, workspace: str, result: Result) -> list[str]:
    """The node ids of the best path of ``result`` as a map draws it ([] if none)."""
    if not result.rows:
        return []
    return list(drawn_route(cache.graph(store, workspace), result.rows[0]["nodes"]))


def subgraph(graph: Any) -> dict[str, list[dict[str, Any]]]:
    """A (sub)graph as JSON: its nodes and relationships with their attributes."""
    return {
        "nodes": [{"id": n, **d} for n, d in graph.nodes(data=True)],
        "relationships": [{"source": u, "target": v, **d} for u, v, d in graph.edges(data=True)],
    }


def shortest_subgraph(
    store: Store, cache: AnalysisCache, workspace: str, source: str, target: str
) -> dict[str, list[dict[str, Any]]]:
    """The shortest path as a subgraph (empty when there is none)."""
    graph = cache.graph(store, workspace)
    try:
        path = shortest_path(graph, source, target, skip=_SKIP)
    except KeyError as exc:
        raise NotFound(f"no node {exc.args[0]!r}") from None
    return subgraph(graph.subgraph(path)) if path else subgraph(nx.MultiDiGraph())


def ego_subgraph(
    store: Store, cache: AnalysisCache, workspace: str, node_id: str, depth: int = 1
) -> dict[str, list[dict[str, Any]]]:
    """The ego network of ``node_id`` to ``depth`` steps."""
    graph = cache.graph(store, workspace)
    try:
        return subgraph(ego_network(graph, node_id, depth, skip=_SKIP))
    except KeyError:
        raise NotFound(f"no node {node_id!r}") from None
