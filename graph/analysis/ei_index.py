"""Krackhardt & Stern's E-I index: (external − internal) / (external + internal) ties.

From −1 (every tie inside the group) to +1 (every tie crosses a group boundary). With
the group set to practice, it says how much of a network's, a practice's or an
actor's tie-work crosses boundaries. Ties to nodes without a group are left out.

Examples
--------
>>> g = nx.Graph([("s1", "s2"), ("s1", "c1"), ("s2", "c1"), ("c1", "c2")])
>>> groups = {"s1": "school", "s2": "school", "c1": "company", "c2": "company"}
>>> r = ei_index(g, groups)
>>> r.meta["network"], r.meta["groups"]["school"]
(0.0, 0.3333333333333333)
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx

from graph.analysis.result import Result, node_rows

__all__ = ["ei_index"]


def _ei(external: int, internal: int) -> float:
    total = external + internal
    return (external - internal) / total if total else float("nan")


def ei_index(graph: nx.Graph, group: str | dict[Any, str]) -> Result:
    """The E-I index of the whole network, of each group and of each node.

    Parameters
    ----------
    graph : networkx.Graph
        A simple graph.
    group : str or dict
        A node attribute name or a mapping node → group.

    Returns
    -------
    Result
        ``ei``: a row per node with ``group``, ``external`` and ``internal`` ties and
        ``ei_index``; ``meta["network"]`` is the index of the whole network and
        ``meta["groups"]`` that of each group (its ties to outside against its ties
        inside).

    References
    ----------
    .. [1] Krackhardt, D. and Stern, R. N. (1988). Informal networks and organizational
       crises: an experimental simulation. *Social Psychology Quarterly* 51, 123–140.

    Examples
    --------
    >>> g = nx.path_graph(["a", "b", "c", "d"])
    >>> nx.set_node_attributes(g, {"a": "school", "b": "school", "c": "company", "d": "company"},
    ...                        "org_type")
    >>> result = ei_index(g, "org_type")
    >>> round(result.meta["network"], 3), [row["ei_index"] for row in result.rows]
    (-0.333, [-1.0, 0.0, 0.0, -1.0])
    """
    groups = (
        {n: group.get(n) for n in graph}
        if isinstance(group, dict)
        else {n: graph.nodes[n].get(group) for n in graph}
    )
    undirected = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    external = internal = 0
    group_external: Counter[str] = Counter()
    group_internal: Counter[str] = Counter()
    values: dict[Any, dict[str, Any]] = {}
    for u, v in undirected.edges():
        gu, gv = groups.get(u), groups.get(v)
        if gu in (None, "unknown") or gv in (None, "unknown") or u == v:
            continue
        if gu == gv:
            internal += 1
            group_internal[gu] += 1
        else:
            external += 1
            group_external[gu] += 1
            group_external[gv] += 1
    for node in undirected:
        own = groups.get(node)
        if own in (None, "unknown"):
            continue
        ext = sum(1 for m in undirected[node] if groups.get(m) not in (None, "unknown", own))
        inside = sum(1 for m in undirected[node] if m != node and groups.get(m) == own)
        values[node] = {
            "group": own,
            "external": ext,
            "internal": inside,
            "ei_index": _ei(ext, inside),
        }
    names = sorted(set(group_external) | set(group_internal))
    meta = {
        "network": _ei(external, internal),
        "external": external,
        "internal": internal,
        "groups": {g: _ei(group_external[g], group_internal[g]) for g in names},
    }
    rows = [row for row in node_rows(graph, values) if "ei_index" in row]
    return Result("ei_index", rows, meta)
