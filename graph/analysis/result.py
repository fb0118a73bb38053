"""What every analysis returns: rows (one per node, tie, path…) and facts about the run."""

from __future__ import annotations

import contextlib
import itertools
import math
import random
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np

from graph.analysis.igraph_import import ig
from graph.provenance import canonical_float

__all__ = [
    "Result",
    "column_rows",
    "computed",
    "igraph_seeded",
    "node_rows",
    "rows_of",
    "to_igraph",
]


@dataclass
class Result:
    """An analysis's answer.

    ``rows`` are JSON-ready dicts; node-level measures have ``id``, ``name`` and one key
    per value computed. ``meta`` holds facts about the run (sample size, modularity,
    the options used).
    """

    analysis: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    _json: dict[str, Any] | None = field(default=None, repr=False, compare=False)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready (NaN as None); computed once, as cached results are served often."""
        if self._json is None:
            self._json = {
                "analysis": self.analysis,
                "meta": _clean(self.meta),
                "rows": _clean(self.rows),
            }
        return {**self._json, "meta": dict(self._json["meta"])}


def _clean(value: Any) -> Any:
    """NaN and infinities are not JSON: they become ``None``; every other float is
    written canonically (:func:`graph.provenance.canonical_float`: 12 significant
    digits, noise below 1e-12 and ``-0.0`` as ``0.0``), so that runs give equal bytes."""
    if isinstance(value, float):
        return canonical_float(value) if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def node_rows(graph: nx.Graph, values: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of node-level measures, in the graph's node order.

    Parameters
    ----------
    graph : networkx.Graph
        The graph the values were computed on; a node's ``name`` is taken from it
        (its id where it has none).
    values : dict
        The measures of each node, by node id.

    Returns
    -------
    list of dict
        ``[{"id": …, "name": …, measure: value, …}]``.

    Examples
    --------
    >>> g = nx.path_graph(["a", "b"])
    >>> g.nodes["a"]["name"] = "Ann"
    >>> node_rows(g, {"a": {"degree": 1}, "b": {"degree": 1}})
    [{'id': 'a', 'name': 'Ann', 'degree': 1}, {'id': 'b', 'name': 'b', 'degree': 1}]
    """
    rows = []
    for node, data in graph.nodes(data=True):
        row: dict[str, Any] = {"id": node, "name": data.get("name", node)}
        row.update(values.get(node, {}))
        rows.append(row)
    return rows


def column_rows(graph: nx.Graph, columns: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows of :func:`node_rows` from columns of numbers in the graph's node order
    (each value a float), built a column at a time.

    Parameters
    ----------
    graph : networkx.Graph
        The graph; ``name`` as for :func:`node_rows`.
    columns : dict
        A sequence of numbers per measure, one per node in the order of ``graph.nodes``.

    Returns
    -------
    list of dict
        ``[{"id": …, "name": …, measure: float, …}]``.

    Examples
    --------
    >>> g = nx.path_graph(["a", "b"])
    >>> g.nodes["a"]["name"] = "Ann"
    >>> column_rows(g, {"degree": [1, 1]})
    [{'id': 'a', 'name': 'Ann', 'degree': 1.0}, {'id': 'b', 'name': 'b', 'degree': 1.0}]
    """
    ids, names = [], []
    for node, data in graph.nodes(data=True):
        ids.append(node)
        names.append(data.get("name", node))
    return rows_of(ids, names, columns)


def rows_of(ids: list[Any], names: list[Any], columns: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows of :func:`column_rows` from the nodes' ids and names and a column of
    numbers per measure, each in that order (each value a float).

    Parameters
    ----------
    ids, names : list
        The nodes' ids and names, in the rows' order.
    columns : dict
        A sequence of numbers per measure, one per node in that order.

    Returns
    -------
    list of dict
        ``[{"id": …, "name": …, measure: float, …}]``.

    Examples
    --------
    >>> rows_of(["a"], ["Ann"], {"degree": [1]})
    [{'id': 'a', 'name': 'Ann', 'degree': 1.0}]
    """
    keys = ["id", "name", *columns]
    values = [np.asarray(column, dtype=float).tolist() for column in columns.values()]
    if any(len(column) != len(ids) for column in values):
        raise ValueError("a column per node is needed")
    return [dict(zip(keys, row, strict=True)) for row in zip(ids, names, *values, strict=True)]


def to_igraph(
    graph: nx.Graph, *, attributes: tuple[str, ...] = ("weight", "distance")
) -> tuple[ig.Graph, list[str]]:
    """The same graph in igraph, and the node ids in igraph's vertex order.

    Parameters
    ----------
    graph : networkx.Graph
        A simple graph, directed or not.
    attributes : tuple of str
        Edge attributes copied (where the graph has them).

    Returns
    -------
    tuple of (igraph.Graph, list of str)
        The igraph graph and, for each vertex index, the networkx node id.

    Examples
    --------
    >>> g = nx.path_graph(["a", "b", "c"])
    >>> converted, ids = to_igraph(g)
    >>> converted.vcount(), converted.ecount(), ids
    (3, 2, ['a', 'b', 'c'])
    """
    ids = list(graph.nodes)
    if graph.is_multigraph():
        index = {node: i for i, node in enumerate(ids)}
        edges: list[Any] = [(index[u], index[v]) for u, v in graph.edges()]
        data = [d for _, _, d in graph.edges(data=True)]
    else:
        edges, data = _edge_columns(graph, ids)
    converted = ig.Graph(n=len(ids), edges=edges, directed=graph.is_directed())
    for attribute in attributes:
        converted.es[attribute] = [d.get(attribute, 1.0) for d in data]
    return converted, ids


def _edge_columns(graph: nx.Graph, ids: list[Any]) -> tuple[list[list[int]], list[Any]]:
    """The ties of a simple graph as vertex-index pairs and their attribute dicts, in
    the order of ``graph.edges()`` (an undirected tie once, from the end listed first),
    read from the adjacency column-wise."""
    index = {node: i for i, node in enumerate(ids)}
    # the adjacency dicts themselves: networkx's read-only views cost twice the time
    adjacency: dict[Any, dict[Any, Any]] = graph._adj
    lengths = np.fromiter(map(len, adjacency.values()), dtype=np.int64, count=len(ids))
    heads = np.fromiter(
        map(index.__getitem__, itertools.chain.from_iterable(adjacency.values())),
        dtype=np.int64,
        count=int(lengths.sum()),
    )
    tails = np.repeat(np.arange(len(ids), dtype=np.int64), lengths)
    data: list[Any] = list(
        itertools.chain.from_iterable(neighbours.values() for neighbours in adjacency.values())
    )
    if not graph.is_directed():  # as networkx lists it: from the node that comes first
        keep = heads >= tails
        tails, heads = tails[keep], heads[keep]
        data = list(itertools.compress(data, keep.tolist()))
    return np.column_stack((tails, heads)).tolist(), data


_SEEDED = threading.RLock()


@contextlib.contextmanager
def igraph_seeded(seed: int = 0) -> Iterator[None]:
    """igraph's random draws (ARPACK's start vector for eigenvector centrality and
    PageRank, Leiden's and Louvain's steps) from Python's ``random`` seeded with
    ``seed``, so that every process gets the same numbers (igraph draws from Python's
    ``random`` module, which each process seeds differently); the state is put back.

    Parameters
    ----------
    seed : int, default 0
        The seed.

    Returns
    -------
    contextmanager
        Inside it igraph's draws are seeded.

    Examples
    --------
    >>> g = ig.Graph.Famous("Zachary")
    >>> with igraph_seeded(0):
    ...     first = g.eigenvector_centrality()
    >>> with igraph_seeded(0):
    ...     first == g.eigenvector_centrality()
    True
    """
    with _SEEDED:
        state = random.getstate()
        random.seed(seed)
        try:
            yield
        finally:
            random.setstate(state)


def computed(meta: dict[str, Any]) -> str:
    """How a result was computed, in a sentence: exact, or sampled with its size and
    error bound (ε, δ).

    Parameters
    ----------
    meta : dict
        A result's ``meta`` (``betweenness_sample``, ``betweenness_error``,
        ``distance_sample``, ``path_sample`` when sampled).

    Returns
    -------
    str
        ``exact`` or ``sampled: …``.

    Examples
    --------
    >>> computed({})
    'exact'
    >>> computed({"betweenness_sample": 500, "betweenness_error": {"epsilon": 0.12,
    ...           "delta": 0.1}})[:60]
    'sampled: betweenness from 500 random sources (every node wit'
    >>> computed({"betweenness_sample": 500})
    'sampled: betweenness from 500 sources drawn by Graph Data Science (no error bound)'
    """
    parts = []
    if "betweenness_sample" in meta and "betweenness_error" not in meta:
        # GDS draws its own sources, weighted by degree: no uniform sample, no bound
        parts.append(
            f"betweenness from {meta['betweenness_sample']} sources drawn by Graph Data "
            "Science (no error bound)"
        )
    elif "betweenness_sample" in meta:
        bound = meta["betweenness_error"]
        parts.append(
            f"betweenness from {meta['betweenness_sample']} random sources (every node "
            f"within ε = {bound.get('epsilon', float('nan')):.2g} of the exact value with "
            f"probability ≥ 1 − δ = {1 - bound.get('delta', float('nan')):.2g})"
        )
    if "distance_sample" in meta:
        parts.append(f"closeness and harmonic from {meta['distance_sample']} random pivots")
    if "path_sample" in meta:
        parts.append(f"path lengths from {meta['path_sample']} random sources")
    return "sampled: " + "; ".join(parts) if parts else "exact"
