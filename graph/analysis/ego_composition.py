"""Ego-network composition: for each actor, how many alters, how tied they are among
themselves, and how varied they are by practice.

* ``alters``: the actor's neighbours (ties in either direction, each once);
* ``ego_density``: ties among the alters over ``alters (alters − 1) / 2`` (the ego left
  out; undirected);
* ``blau``: Blau's heterogeneity index of the alters' groups, ``1 − Σ p_g²`` (alters of
  unknown group left out);
* ``iqv``: the index of qualitative variation, Blau divided by its maximum
  ``1 − 1/k`` for the ``k`` groups of the network (0: all alike, 1: spread evenly);
* ``same_group``: the share of alters in the ego's own group.

Examples
--------
>>> g = nx.Graph([("e", "a"), ("e", "b"), ("e", "c"), ("a", "b")])
>>> groups = {"e": "school", "a": "school", "b": "company", "c": "company"}
>>> row = next(r for r in ego_composition(g, groups).rows if r["id"] == "e")
>>> row["alters"], round(row["ego_density"], 3), row["blau"], row["iqv"]
(3, 0.333, 0.4444444444444444, 0.8888888888888888)
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx

from graph.analysis.result import Result, node_rows

__all__ = ["ego_composition"]


def ego_composition(graph: nx.Graph, group: str | dict[Any, Any]) -> Result:
    """Ego density and heterogeneity by group of every node's ego network.

    Parameters
    ----------
    graph : networkx.Graph
        A simple graph (direction ignored).
    group : str or dict
        A node attribute or a mapping node → group.

    Returns
    -------
    Result
        ``ego``: a row per node with ``group``, ``alters``, ``ties_among_alters``,
        ``ego_density``, ``blau``, ``iqv``, ``same_group`` and ``composition`` (alters
        per group); ``meta["groups"]`` is the number of groups ``k``.

    References
    ----------
    .. [1] Blau, P. M. (1977). *Inequality and heterogeneity*. Free Press.
    .. [2] Agresti, A. and Agresti, B. F. (1978). Statistical analysis of qualitative
       variation. *Sociological Methodology* 9, 204–237.

    Examples
    --------
    >>> g = nx.star_graph(3)
    >>> ego_composition(g, {0: "x", 1: "x", 2: "x", 3: "x"}).rows[0]["blau"]
    0.0
    """
    groups = (
        {n: group.get(n) for n in graph}
        if isinstance(group, dict)
        else {n: graph.nodes[n].get(group) for n in graph}
    )
    undirected = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    known = {str(g) for g in groups.values() if g not in (None, "", "unknown")}
    k = len(known)
    values: dict[Any, dict[str, Any]] = {}
    for node in undirected:
        alters = [m for m in undirected[node] if m != node]
        among = undirected.subgraph(alters).number_of_edges() if len(alters) > 1 else 0
        possible = len(alters) * (len(alters) - 1) / 2
        labels = Counter(
            str(groups[m]) for m in alters if groups.get(m) not in (None, "", "unknown")
        )
        counted = sum(labels.values())
        blau = 1 - sum((c / counted) ** 2 for c in labels.values()) if counted else float("nan")
        own = groups.get(node)
        values[node] = {
            "group": own if own is not None else "unknown",
            "alters": len(alters),
            "ties_among_alters": among,
            "ego_density": among / possible if possible else float("nan"),
            "blau": blau,
            "iqv": blau / (1 - 1 / k) if k > 1 and counted else float("nan"),
            "same_group": labels.get(str(own), 0) / counted if counted else float("nan"),
            "composition": dict(sorted(labels.items())),
        }
    meta = {"groups": k, "computed": "exact"}
    return Result("ego", node_rows(graph, values), meta)
