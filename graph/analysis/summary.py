"""A network's shape in a few numbers: size, density, components, diameter and average
path length (largest component), reciprocity, assortativity by practice, isolates.

Examples
--------
>>> s = summary(nx.path_graph(4)).meta
>>> s["diameter"], s["average_path_length"], s["density"]
(3, 1.6666666666666667, 0.5)
"""

from __future__ import annotations

import random
from typing import Any

import networkx as nx
import numpy as np

from graph.analysis.result import Result, to_igraph

__all__ = ["summary"]


def summary(
    graph: nx.Graph,
    *,
    attributes: tuple[str, ...] = ("org_type", "sector"),
    sample_threshold: int = 5_000,
    sample_size: int = 500,
    seed: int = 0,
) -> Result:
    """Whole-network measures of a simple graph (directed or not).

    Diameter and average path length are those of the largest (weakly) connected
    component, counting hops; above ``sample_threshold`` nodes they come from BFS out of
    ``sample_size`` random sources (the diameter is then a lower bound; ``meta`` says
    ``path_sample``). Reciprocity is the share of directed ties returned (only
    for a directed graph). Assortativity by an attribute is Newman's nominal
    coefficient over the ties whose ends both have the attribute.

    Parameters
    ----------
    graph : networkx.Graph or networkx.DiGraph
        A simple graph.
    attributes : tuple of str
        Node attributes to compute assortativity by.
    sample_threshold, sample_size, seed : int
        When and how path lengths are sampled.

    Returns
    -------
    Result
        ``summary``: no rows; ``meta`` holds ``nodes``, ``ties``, ``density``,
        ``components``, ``largest_component``, ``isolates``, ``diameter``,
        ``average_path_length`` and ``assortativity_<attribute>``.

    References
    ----------
    .. [1] Newman, M. E. J. (2003). Mixing patterns in networks. *Physical Review E* 67,
       026126.

    Examples
    --------
    >>> g = nx.path_graph(["a", "b", "c", "d"])
    >>> meta = summary(g).meta
    >>> meta["density"], meta["diameter"], round(meta["average_path_length"], 3)
    (0.5, 3, 1.667)
    """
    n = graph.number_of_nodes()
    undirected = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    components = sorted((len(c) for c in nx.connected_components(undirected)), reverse=True)
    meta: dict[str, Any] = {
        "nodes": n,
        "ties": graph.number_of_edges(),
        "density": nx.density(graph),
        "components": len(components),
        "largest_component": components[0] if components else 0,
        "isolates": sum(1 for node in graph if undirected.degree(node) == 0),
        "diameter": 0,
        "average_path_length": 0.0,
    }
    if components and components[0] > 1:
        largest = max(nx.connected_components(undirected), key=len)
        g, _ = to_igraph(undirected.subgraph(largest))
        if g.vcount() <= sample_threshold:
            meta["diameter"] = int(g.diameter(directed=False))
            meta["average_path_length"] = float(g.average_path_length(directed=False))
        else:  # from sampled sources: the diameter found is a lower bound
            sources = random.Random(seed).sample(range(g.vcount()), sample_size)
            total = count = longest = 0.0
            for start in range(0, len(sources), 50):
                d = np.array(g.distances(source=sources[start : start + 50]), dtype=float)
                finite = d[np.isfinite(d) & (d > 0)]
                total += float(finite.sum())
                count += finite.size
                longest = max(longest, float(finite.max(initial=0)))
            meta["diameter"] = int(longest)
            meta["average_path_length"] = total / count if count else 0.0
            meta["path_sample"] = sample_size
    if graph.is_directed():
        meta["reciprocity"] = nx.reciprocity(graph) if graph.number_of_edges() else 0.0
    for attribute in attributes:
        having = [node for node in graph if graph.nodes[node].get(attribute) is not None]
        sub = undirected.subgraph(having)
        if sub.number_of_edges() and len({graph.nodes[v][attribute] for v in having}) > 1:
            meta[f"assortativity_{attribute}"] = nx.attribute_assortativity_coefficient(
                sub, attribute
            )
        else:
            meta[f"assortativity_{attribute}"] = None
    return Result("summary", [], meta)
