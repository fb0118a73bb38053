"""Ego networks and shortest paths on a workspace graph.

>>> g = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "d")])
>>> sorted(ego_network(g, "b", 1).nodes)
['a', 'b', 'c']
>>> shortest_path(g, "a", "d")
['a', 'b', 'c', 'd']
"""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx

__all__ = ["drawn_route", "ego_network", "shortest_path"]


def _neighbours(graph: nx.MultiDiGraph, node: str) -> Iterator[str]:
    yield from graph.succ[node]
    yield from graph.pred[node]


def _bfs(
    graph: nx.MultiDiGraph,
    start: str,
    skip: frozenset[str],
    depth: int | None = None,
    goal: str | None = None,
) -> dict[str, str | None]:
    """Breadth-first over ties in either direction, never through nodes of the kinds in
    ``skip``; the parent of each node reached (stops early at ``goal``)."""
    parents: dict[str, str | None] = {start: None}
    frontier = [start]
    level = 0
    while frontier and (depth is None or level < depth):
        level += 1
        following = []
        for node in frontier:
            for other in _neighbours(graph, node):
                if other in parents or graph.nodes[other].get("kind") in skip:
                    continue
                parents[other] = node
                if other == goal:
                    return parents
                following.append(other)
        frontier = following
    return parents


def ego_network(
    graph: nx.MultiDiGraph, node: str, depth: int = 1, *, skip: frozenset[str] = frozenset()
) -> nx.MultiDiGraph:
    """The node, everything within ``depth`` steps, and the ties among them.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A workspace graph or a view of it.
    node : str
        The id of the node at the centre.
    depth : int, default 1
        How many steps out (ties in either direction).
    skip : frozenset of str
        Kinds of node the steps do not go through (they may still be reached).

    Returns
    -------
    networkx.MultiDiGraph
        The subgraph induced by those nodes.

    Examples
    --------
    >>> g = nx.MultiDiGraph([("ann", "roc"), ("bob", "roc"), ("bob", "bouw")])
    >>> sorted(ego_network(g, "ann"))
    ['ann', 'roc']
    >>> sorted(ego_network(g, "ann", depth=2))
    ['ann', 'bob', 'roc']
    """
    if node not in graph:
        raise KeyError(node)
    if not 1 <= depth <= 3:
        raise ValueError("depth is 1, 2 or 3")
    return graph.subgraph(_bfs(graph, node, skip, depth)).copy()


def shortest_path(
    graph: nx.MultiDiGraph, source: str, target: str, *, skip: frozenset[str] = frozenset()
) -> list[str]:
    """The fewest steps from ``source`` to ``target``.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A workspace graph or a view of it.
    source, target : str
        Node ids.
    skip : frozenset of str
        Kinds of node the path does not go through.

    Returns
    -------
    list of str
        The node ids from ``source`` to ``target`` (ties in either direction); an empty
        list when they are not connected.

    Examples
    --------
    >>> g = nx.MultiDiGraph([("ann", "roc"), ("bob", "roc")])
    >>> g.add_node("bouw")
    >>> shortest_path(g, "ann", "bob"), shortest_path(g, "ann", "bouw")
    (['ann', 'roc', 'bob'], [])
    """
    for end in (source, target):
        if end not in graph:
            raise KeyError(end)
    parents = _bfs(graph, source, skip, goal=target)
    if target not in parents:
        return []
    path = [target]
    while (parent := parents[path[-1]]) is not None:
        path.append(parent)
    return path[::-1]


def drawn_route(graph: nx.MultiDiGraph, path: list[str]) -> list[str]:
    """A path of actors as it can be drawn: where two steps are not tied directly but
    share a network or activity, that context is put between them.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The workspace graph the path was found in.
    path : list of str
        Actor ids, each step a direct tie or a shared context.

    Returns
    -------
    list of str
        The path with the shared contexts put in.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from([("a", {"kind": "organisation"}), ("b", {"kind": "person"}),
    ...                   ("n", {"kind": "network"})])
    >>> _ = g.add_edge("a", "n"); _ = g.add_edge("b", "n")
    >>> drawn_route(g, ["a", "b"])
    ['a', 'n', 'b']
    """
    if not path:
        return []
    undirected = graph.to_undirected(as_view=True)
    route = [path[0]]
    for a, b in zip(path, path[1:], strict=False):
        if not undirected.has_edge(a, b):
            shared = sorted(
                c
                for c in set(undirected[a]) & set(undirected[b])
                if graph.nodes[c].get("kind") in ("network", "activity")
            )
            if shared:
                route.append(shared[0])
        route.append(b)
    return route
