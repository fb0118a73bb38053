"""Change over time: the network at two dates, the ties gained and lost, and the nodes
whose centrality or brokerage rose or fell most.

Examples
--------
>>> import datetime as dt
>>> g = nx.MultiDiGraph()
>>> g.add_nodes_from([("a", {"kind": "organisation"}), ("b", {"kind": "organisation"}),
...                   ("c", {"kind": "organisation"})])
>>> _ = g.add_edge("a", "b", key="ab", type="partners_with", until="2019-12-31")
>>> _ = g.add_edge("b", "c", key="bc", type="partners_with", since="2020-01-01")
>>> r = changes(g, dt.date(2019, 6, 1), dt.date(2021, 6, 1))
>>> [t["id"] for t in r.meta["ties_gained"]], [t["id"] for t in r.meta["ties_lost"]]
(['bc'], ['ab'])
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import networkx as nx

from graph.analysis.brokerage import brokerage
from graph.analysis.centrality import centralities
from graph.analysis.result import Result
from graph.analysis.subgraphs import actor_graph, filter_view, practice_of, simple_graph

__all__ = ["CHANGE_MEASURES", "changes"]

CHANGE_MEASURES = ("degree", "betweenness", "brokerage")
_LISTED = 200


def _measure(graph: nx.MultiDiGraph, measure: str, group: str) -> dict[str, float]:
    if measure == "brokerage":  # on the same actor graph as the brokerage analysis
        result = brokerage(actor_graph(graph), practice_of(graph, group))
        return {row["id"]: float(row["total"]) for row in result.rows}
    # as the centrality analysis by default: betweenness counts hops
    result = centralities(simple_graph(graph), measures=(measure,), path_weighted=False)
    return {row["id"]: float(row[measure]) for row in result.rows}


def _ties(graph: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    return {
        key: {"id": key, "source": u, "target": v, "type": data.get("type")}
        for u, v, key, data in graph.edges(keys=True, data=True)
    }


def changes(
    graph: nx.MultiDiGraph,
    before: dt.date,
    after: dt.date,
    *,
    measure: str = "degree",
    group: str = "org_type",
) -> Result:
    """What changed between ``before`` and ``after``, each a view of the graph at that date.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A workspace graph or a view of it, with ``since``/``until`` on its elements.
    before, after : datetime.date
        The two dates; ``after`` may not be before ``before``.
    measure : str, default "degree"
        One of :data:`CHANGE_MEASURES`.
    group : str, default "org_type"
        The node attribute that groups nodes for the brokerage measures.

    Returns
    -------
    Result
        ``change``: a row per node whose ``measure`` changed, with ``<measure>_before``,
        ``<measure>_after`` and ``change``, largest change first (the caller shows as
        many as it wants); ``meta`` holds the sizes at both dates and the ties and nodes
        gained and lost.

    Raises
    ------
    ValueError
        For an unknown measure or dates in the wrong order.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from([("a", {"kind": "organisation"}), ("b", {"kind": "organisation"}),
    ...                   ("c", {"kind": "organisation"})])
    >>> _ = g.add_edge("a", "b", key="ab", type="partners_with", until="2019-12-31")
    >>> _ = g.add_edge("b", "c", key="bc", type="partners_with", since="2020-01-01")
    >>> r = changes(g, dt.date(2019, 6, 1), dt.date(2021, 6, 1))
    >>> [(row["id"], row["change"]) for row in r.rows]
    [('a', -1.0), ('c', 1.0)]
    """
    if measure not in CHANGE_MEASURES:
        raise ValueError(f"unknown measure {measure!r}; use {', '.join(CHANGE_MEASURES)}")
    if after < before:
        raise ValueError(f"the second date ({after}) is before the first ({before})")
    first, second = filter_view(graph, at=before), filter_view(graph, at=after)
    ties_first, ties_second = _ties(first), _ties(second)
    gained = [t for k, t in sorted(ties_second.items()) if k not in ties_first]
    lost = [t for k, t in sorted(ties_first.items()) if k not in ties_second]
    values_first = _measure(first, measure, group)
    values_second = _measure(second, measure, group)
    rows = []
    for node in sorted(set(values_first) | set(values_second)):
        a, b = values_first.get(node, 0.0), values_second.get(node, 0.0)
        if a != b:
            name = graph.nodes[node].get("name", node)
            rows.append(
                {
                    "id": node,
                    "name": name,
                    f"{measure}_before": a,
                    f"{measure}_after": b,
                    "change": b - a,
                }
            )
    rows.sort(key=lambda r: (-abs(r["change"]), r["id"]))
    meta = {
        "before": before.isoformat(),
        "after": after.isoformat(),
        "measure": measure,
        "nodes_before": first.number_of_nodes(),
        "nodes_after": second.number_of_nodes(),
        "ties_before": first.number_of_edges(),
        "ties_after": second.number_of_edges(),
        "ties_gained": gained[:_LISTED],
        "ties_lost": lost[:_LISTED],
        "ties_gained_count": len(gained),
        "ties_lost_count": len(lost),
        "nodes_gained": sorted(set(second) - set(first))[:_LISTED],
        "nodes_lost": sorted(set(first) - set(second))[:_LISTED],
    }
    return Result("change", rows, meta)
