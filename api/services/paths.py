"""Paths between nodes: the learning-potential paths, the shortest path and ego
networks, as results and subgraphs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from api.services.profiles import reached_themes
from graph.analysis.cache import AnalysisCache
from graph.analysis.ego import drawn_route, ego_network, shortest_path
from graph.analysis.potential import PotentialGraph, hop_graph
from graph.analysis.registry import AnalysisOptions
from graph.analysis.result import Result
from graph.errors import NotFound
from graph.store.base import Store

__all__ = [
    "NoRoute",
    "best_route",
    "ego_subgraph",
    "learning_paths",
    "no_route",
    "shortest_subgraph",
    "subgraph",
]

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


@dataclass
class NoRoute:
    """Why no learning path joins two actors, what they share, and the shortest
    connection of any kind between them."""

    #: the names of the two ends
    ends: tuple[str, str] = ("", "")
    #: names of the ends with no tie and no shared network or activity at all
    cut_off: list[str] = field(default_factory=list)
    #: how many other people and organisations each end is connected with
    reach: tuple[int, int] = (0, 0)
    #: names of the themes both reach (their own, or through networks, activities,
    #: their organisation or its units)
    shared_themes: list[str] = field(default_factory=list)
    #: node ids of the shortest connection of any kind ([] if none)
    route: list[str] = field(default_factory=list)
    #: its steps: ``from``, ``to`` (names), ``to_kind``, ``type`` (relationship type) and
    #: ``arrow`` (→ when the tie runs from ``from`` to ``to``, else ←)
    steps: list[dict[str, str]] = field(default_factory=list)


def no_route(
    store: Store, cache: AnalysisCache, workspace: str, source: str, target: str
) -> NoRoute:
    """What the path finder says when no learning path joins ``source`` and ``target``.

    Two actors are *connected* when a chain of direct ties or shared networks or
    activities joins them (the hops of the learning-potential model, which paths and
    recommendations follow); a theme both work on is shared, not a connection.

    Parameters
    ----------
    store, cache, workspace
        Where the graph is.
    source, target : str
        Ids of two actors that no learning path joins.

    Returns
    -------
    NoRoute
        The reason, the shared themes and the shortest connection of any kind.
    """
    graph = cache.graph(store, workspace)
    hops = hop_graph(PotentialGraph(graph))
    answer = NoRoute(ends=(_name(graph, source), _name(graph, target)))
    sizes = []
    for end in (source, target):
        size = len(nx.node_connected_component(hops, end)) - 1 if end in hops else 0
        sizes.append(size)
        if size == 0:
            answer.cut_off.append(_name(graph, end))
    answer.reach = (sizes[0], sizes[1])
    theirs = reached_themes(graph, target)
    answer.shared_themes = sorted(
        _name(graph, t) for t in reached_themes(graph, source) if t in theirs
    )
    answer.route = shortest_path(graph, source, target, skip=_SKIP)
    answer.steps = [
        _step(graph, a, b) for a, b in zip(answer.route, answer.route[1:], strict=False)
    ]
    return answer


def _name(graph: Any, node: str) -> str:
    return str(graph.nodes[node].get("name", node))


def _step(graph: Any, a: str, b: str) -> dict[str, str]:
    """One step of a route: the names of its ends, the type of the tie between and its
    direction."""
    forward: dict[Any, dict[str, Any]] = graph.get_edge_data(a, b) or {}
    data = forward or graph.get_edge_data(b, a) or {}
    kind = next((d.get("type", "") for d in data.values()), "")
    return {
        "from": _name(graph, a),
        "to": _name(graph, b),
        "to_kind": str(graph.nodes[b].get("kind", "")),
        "type": str(kind),
        "arrow": "→" if forward or not data else "←",
    }
