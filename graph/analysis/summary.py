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

from graph.analysis import hops
from graph.analysis.result import Result, to_igraph

__all__ = ["summary"]


def summary(
    graph: nx.Graph,
    *,
    attributes: tuple[str, ...] = ("org_type", "sector"),
    sample_threshold: int = 5_000,
    sample_size: int = 500,
    seed: int = 0,
    converted: tuple[Any, list[Any]] | None = None,
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
    converted : tuple, optional
        ``to_igraph(graph)``, when already made (its edge attributes are not used).

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
    g, _ = converted or to_igraph(graph, attributes=())
    membership = np.asarray(g.connected_components(mode="weak").membership, dtype=np.int64)
    sizes = np.bincount(membership) if n else np.zeros(0, dtype=np.int64)
    components = sorted(sizes.tolist(), reverse=True)
    meta: dict[str, Any] = {
        "nodes": n,
        "ties": graph.number_of_edges(),
        "density": nx.density(graph),
        "components": len(components),
        "largest_component": components[0] if components else 0,
        "isolates": int(np.count_nonzero(np.asarray(g.degree(mode="all")) == 0)) if n else 0,
        "diameter": 0,
        "average_path_length": 0.0,
    }
    ends = np.asarray(g.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    if components and components[0] > 1:
        largest = int(np.argmax(sizes))  # the first of the largest, as max() picks it
        members = np.flatnonzero(membership == largest)
        meta.update(_path_lengths(g, ends, members, sample_threshold, sample_size, seed))
    pairs = np.unique(np.sort(ends, axis=1), axis=0) if g.is_directed() else ends
    if graph.is_directed():  # networkx's: 2 × (ties − their undirected pairs) / ties
        meta["reciprocity"] = 2 * (len(ends) - len(pairs)) / len(ends) if len(ends) else 0.0
    for attribute in attributes:
        meta[f"assortativity_{attribute}"] = _assortativity(graph, pairs, attribute)
    return Result("summary", [], meta)


def _path_lengths(
    g: Any, ends: Any, members: Any, threshold: int, size: int, seed: int
) -> dict[str, Any]:
    """Diameter and average path length of the component of ``members`` (vertex indices
    in order), ignoring direction, from one bit-parallel search of all of them, or of
    ``size`` of them drawn as sources above ``threshold`` nodes (the diameter then a
    lower bound); ``ends`` is the graph's edge list."""
    sampled = len(members) > threshold
    drawn = random.Random(seed).sample(range(len(members)), size) if sampled else None
    sources = members if drawn is None else members[drawn]
    d = hops.distances_to(g, sources.tolist(), directed=False, edges=ends)
    count = int(d.reached.sum())
    found: dict[str, Any] = {
        "diameter": d.longest,
        "average_path_length": int(d.total.sum()) / count if count else 0.0,
    }
    if sampled:
        found["path_sample"] = size
    return found


def _assortativity(graph: nx.Graph, ends: Any, attribute: str) -> float | None:
    """Newman's nominal assortativity over the ties (direction ignored, ``ends``: each
    pair of vertex indices once) whose ends both have ``attribute``, as networkx's
    ``attribute_assortativity_coefficient`` computes it on that subgraph (each tie
    counted both ways); ``None`` without such ties or with a single value."""
    values = [value for _, value in graph.nodes(data=attribute)]
    present = sorted({v for v in values if v is not None}, key=repr)
    if len(present) < 2 or not len(ends):
        return None
    index = {value: i for i, value in enumerate(present)}
    codes = np.array([index[v] if v is not None else -1 for v in values], dtype=np.int64)
    a, b = codes[ends[:, 0]], codes[ends[:, 1]]
    keep = (a >= 0) & (b >= 0)
    if not keep.any():
        return None
    a, b, loop = a[keep], b[keep], ends[keep, 0] == ends[keep, 1]
    mixing = np.zeros((len(present), len(present)))
    np.add.at(mixing, (a, b), 1.0)
    np.add.at(mixing, (b[~loop], a[~loop]), 1.0)  # a self-loop is counted once
    mixing /= mixing.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        s = (mixing @ mixing).sum()
        return float((mixing.trace() - s) / (1 - s))
