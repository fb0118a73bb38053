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
    """``[{"id": …, "name": …, measure: value, …}]`` in the graph's node order."""
    rows = []
    for node in graph.nodes:
        row: dict[str, Any] = {"id": node, "name": graph.nodes[node].get("name", node)}
        row.update(values.get(node, {}))
        rows.append(row)
    return rows


def to_igraph(
    graph: nx.Graph, *, attributes: tuple[str, ...] = ("weight", "distance")
) -> tuple[ig.Graph, list[str]]:
    """The same graph in igraph, and the node ids in igraph's vertex order."""
    ids = list(graph.nodes)
    index = {node: i for i, node in enumerate(ids)}
    edges = [(index[u], index[v]) for u, v in graph.edges()]
    converted = ig.Graph(n=len(ids), edges=edges, directed=graph.is_directed())
    for attribute in attributes:
        converted.es[attribute] = [d.get(attribute, 1.0) for _, _, d in graph.edges(data=True)]
    return converted, ids
