"""Counts and basic structure of a workspace graph.

Examples
--------
>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_nodes_from([("a", {"kind": "person"}), ("b", {"kind": "organisation"})])
>>> g.add_node("c", kind="theme")
>>> _ = g.add_edge("a", "b", type="works_at"); _ = g.add_edge("a", "b", type="member_of")
>>> s = graph_stats(g)
>>> s["nodes"], s["relationships"], s["components"], s["density"]
(3, 2, 2, 0.3333)
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx

__all__ = ["graph_stats", "network_counts"]

#: the kind of a source document and the type of a mention in one
SOURCE_KIND = "source"
MENTION_TYPE = "mentioned_in"


def graph_stats(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """Counts by kind and type, weakly connected components and density.

    Density is that of the simple undirected graph underneath (each pair of
    nodes counted once, however many ties join them): ``2m / (n (n - 1))``.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A workspace graph or a view of it.

    Returns
    -------
    dict
        ``nodes``, ``sources``, ``relationships``, ``mentions`` (as
        :func:`network_counts`), ``by_kind``, ``by_type``, ``components``,
        ``largest_component``, ``isolates`` and ``density``.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("ann", kind="person")
    >>> g.add_node("roc", kind="organisation")
    >>> _ = g.add_edge("ann", "roc", type="works_at")
    >>> _ = g.add_edge("ann", "roc", type="member_of")
    >>> stats = graph_stats(g)
    >>> stats["relationships"], stats["by_kind"], stats["density"]
    (2, {'organisation': 1, 'person': 1}, 1.0)
    """
    n = graph.number_of_nodes()
    index = {node: i for i, node in enumerate(graph)}
    parent = list(range(n))  # union-find over the nodes: the components

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    types: Counter[str] = Counter()
    pairs: set[tuple[int, int]] = set()  # each pair of ends once, loops left out
    multi, both_ways = graph.is_multigraph(), not graph.is_directed()
    for u, neighbours in graph.adjacency():
        iu = index[u]
        for v, ties in neighbours.items():
            iv = index[v]
            if both_ways and iv < iu:  # an undirected tie is listed at both ends
                continue
            for data in ties.values() if multi else (ties,):
                types[data.get("type", "?")] += 1
            if iu == iv:
                continue
            pairs.add((iu, iv) if iu < iv else (iv, iu))
            ru, rv = root(iu), root(iv)
            if ru != rv:
                parent[ru] = rv
    density = 2 * len(pairs) / (n * (n - 1)) if n > 1 else 0.0
    components = Counter(root(i) for i in range(n)).values()
    kinds = Counter(d.get("kind", "?") for _, d in graph.nodes(data=True))
    return {  # the four counts as network_counts gives them, from the same pass
        "nodes": n,
        "sources": kinds[SOURCE_KIND],
        "relationships": graph.number_of_edges(),
        "mentions": types[MENTION_TYPE],
        "by_kind": dict(sorted(kinds.items())),
        "by_type": dict(sorted(types.items())),
        "components": len(components),
        "largest_component": max(components, default=0),
        "isolates": sum(1 for c in components if c == 1),
        "density": round(density, 4),
    }


def network_counts(graph: nx.MultiDiGraph) -> dict[str, int]:
    """What a workspace holds, as every page, report, command and API answer counts it.

    ``nodes`` counts every node, source documents included, and ``sources`` how many of
    them are source documents; ``relationships`` counts every tie, mentions in a source
    document included, and ``mentions`` how many of them are mentions.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A workspace graph.

    Returns
    -------
    dict
        ``nodes``, ``sources``, ``relationships`` and ``mentions``.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("ann", kind="person"); g.add_node("notes", kind="source")
    >>> _ = g.add_edge("ann", "notes", type="mentioned_in")
    >>> network_counts(g)
    {'nodes': 2, 'sources': 1, 'relationships': 1, 'mentions': 1}
    """
    return {
        "nodes": graph.number_of_nodes(),
        "sources": sum(1 for _, kind in graph.nodes(data="kind") if kind == SOURCE_KIND),
        "relationships": graph.number_of_edges(),
        "mentions": sum(1 for *_, t in graph.edges(data="type") if t == MENTION_TYPE),
    }
