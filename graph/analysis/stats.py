"""Counts and basic structure of a workspace graph, from the loaded graph or from the
store's outline of it (each node's kind, each tie's ends and type): one count, two
sources (``tests/graph/analysis/test_stats_direct.py`` holds them equal).

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
from collections.abc import Hashable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # counting an outline needs no networkx (``grenswerk stats``)
    import networkx as nx

    from graph.store.datatypes import GraphOutline

__all__ = ["graph_stats", "network_counts", "outline_stats"]

#: the kind of a source document and the type of a mention in one
SOURCE_KIND = "source"
MENTION_TYPE = "mentioned_in"


def graph_stats(graph: nx.Graph) -> dict[str, Any]:
    """Counts by kind and type, weakly connected components and density.

    Density is that of the simple undirected graph underneath (each pair of
    nodes counted once, however many ties join them): ``2m / (n (n - 1))``.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A workspace graph or a view of it (any networkx graph).

    Returns
    -------
    dict
        ``nodes``, ``sources``, ``relationships``, ``mentions`` (as
        :func:`network_counts`), ``by_kind``, ``by_type``, ``components``,
        ``largest_component``, ``isolates`` and ``density``.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("ann", kind="person")
    >>> g.add_node("roc", kind="organisation")
    >>> _ = g.add_edge("ann", "roc", type="works_at")
    >>> _ = g.add_edge("ann", "roc", type="member_of")
    >>> stats = graph_stats(g)
    >>> stats["relationships"], stats["by_kind"], stats["density"]
    (2, {'organisation': 1, 'person': 1}, 1.0)
    """
    return _counted(graph.nodes(data="kind", default="?"), graph.edges(data="type", default="?"))


def outline_stats(outline: GraphOutline) -> dict[str, Any]:
    """:func:`graph_stats` of the graph the outline is the shape of, without the graph.

    Parameters
    ----------
    outline : graph.store.datatypes.GraphOutline
        Each node's kind and each tie's ends and type, as the store reads them.

    Returns
    -------
    dict
        As :func:`graph_stats` gives them for the loaded graph.

    Examples
    --------
    >>> from graph.store.datatypes import GraphOutline
    >>> outline = GraphOutline(
    ...     1, {"ann": "person", "roc": "organisation"},
    ...     [("ann", "roc", "works_at"), ("ann", "roc", "member_of")])
    >>> stats = outline_stats(outline)
    >>> stats["relationships"], stats["by_kind"], stats["density"]
    (2, {'organisation': 1, 'person': 1}, 1.0)
    """
    return _counted(outline.kinds.items(), outline.ties)


def _counted(
    kinds: Iterable[tuple[Hashable, Any]], ties: Iterable[tuple[Hashable, Hashable, Any]]
) -> dict[str, Any]:
    """The counts of nodes (id, kind) and ties (source, target, type), each listed
    once; a union-find over the nodes gives the components. A tie's end not among the
    nodes counts as a node of kind ``?``, as the graph holds it (an edge's end)."""
    index: dict[Hashable, int] = {}
    counted_kinds: Counter[Any] = Counter()
    for node, kind in kinds:
        index[node] = len(index)
        counted_kinds[kind] += 1
    parent = list(range(len(index)))

    def at(node: Hashable) -> int:
        found = index.get(node)
        if found is None:  # never for a graph's ties
            found = index[node] = len(parent)
            parent.append(found)
            counted_kinds["?"] += 1
        return found

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    types: Counter[Any] = Counter()
    pairs: set[tuple[int, int]] = set()  # each pair of ends once, loops left out
    for u, v, rel_type in ties:
        types[rel_type] += 1
        iu, iv = at(u), at(v)
        if iu == iv:
            continue
        pairs.add((iu, iv) if iu < iv else (iv, iu))
        ru, rv = root(iu), root(iv)
        if ru != rv:
            parent[ru] = rv
    n = len(parent)
    density = 2 * len(pairs) / (n * (n - 1)) if n > 1 else 0.0
    components = Counter(root(i) for i in range(n)).values()
    return {  # the four counts as network_counts gives them, from the same pass
        "nodes": n,
        "sources": counted_kinds[SOURCE_KIND],
        "relationships": sum(types.values()),
        "mentions": types[MENTION_TYPE],
        "by_kind": dict(sorted(counted_kinds.items())),
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
    >>> import networkx as nx
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
