"""Ego networks and shortest paths on a workspace graph.

>>> g = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "d")])
>>> sorted(ego_network(g, "b", 1).nodes)
['a', 'b', 'c']
>>> shortest_path(g, "a", "d")
['a', 'b', 'c', 'd']
"""

from __future__ import annotations

import networkx as nx

__all__ = ["drawn_route", "ego_network", "shortest_path"]


def ego_network(graph: nx.MultiDiGraph, node: str, depth: int = 1) -> nx.MultiDiGraph:
    """The node, everything within ``depth`` steps (ties in either direction), and the
    ties among them."""
    if node not in graph:
        raise KeyError(node)
    if not 1 <= depth <= 3:
        raise ValueError("depth is 1, 2 or 3")
    reached = nx.single_source_shortest_path_length(
        graph.to_undirected(as_view=True), node, cutoff=depth
    )
    return graph.subgraph(reached).copy()


def shortest_path(graph: nx.MultiDiGraph, source: str, target: str) -> list[str]:
    """The fewest steps from ``source`` to ``target`` (ties in either direction); an
    empty list when they are not connected."""
    for end in (source, target):
        if end not in graph:
            raise KeyError(end)
    try:
        path: list[str] = nx.shortest_path(graph.to_undirected(as_view=True), source, target)
    except nx.NetworkXNoPath:
        return []
    return path


def drawn_route(graph: nx.MultiDiGraph, path: list[str]) -> list[str]:
    """A path of actors as it can be drawn: where two steps are not tied directly but
    share a network or activity, that context is put between them.

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
