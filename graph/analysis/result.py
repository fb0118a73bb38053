"""What every analysis returns: rows (one per node, tie, path…) and facts about the run."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import igraph as ig
import networkx as nx

__all__ = ["Result", "node_rows", "to_igraph"]


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
    """NaN and infinities are not JSON: they become ``None``."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
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
    for node in graph.nodes:
        row: dict[str, Any] = {"id": node, "name": graph.nodes[node].get("name", node)}
        row.update(values.get(node, {}))
        rows.append(row)
    return rows


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
    index = {node: i for i, node in enumerate(ids)}
    edges = [(index[u], index[v]) for u, v in graph.edges()]
    converted = ig.Graph(n=len(ids), edges=edges, directed=graph.is_directed())
    for attribute in attributes:
        converted.es[attribute] = [d.get(attribute, 1.0) for _, _, d in graph.edges(data=True)]
    return converted, ids
