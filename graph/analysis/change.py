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
import numpy as np

from graph.analysis.brokerage import brokerage
from graph.analysis.centrality import centralities
from graph.analysis.result import Result
from graph.analysis.subgraphs import _date, actor_graph, filter_view, practice_of, simple_graph

__all__ = ["CHANGE_MEASURES", "Dated", "changes", "gained_and_lost", "tie_rows"]

CHANGE_MEASURES = ("degree", "betweenness", "brokerage")
_LISTED = 200


def _measure(graph: nx.MultiDiGraph, measure: str, group: str) -> dict[str, float]:
    if measure == "brokerage":  # on the same actor graph as the brokerage analysis
        result = brokerage(actor_graph(graph), practice_of(graph, group))
        return {row["id"]: float(row["total"]) for row in result.rows}
    # as the centrality analysis by default: betweenness counts hops
    result = centralities(simple_graph(graph), measures=(measure,), path_weighted=False)
    return {row["id"]: float(row[measure]) for row in result.rows}


_EARLIEST, _LATEST = dt.date.min.toordinal(), dt.date.max.toordinal()
#: what :func:`graph.analysis.subgraphs.filter_view` leaves out without sources
_SOURCE_KIND, _BOOKKEEPING = "source", frozenset({"mentioned_in"})


class Dated:
    """A view's nodes and ties with the days they are valid, to take the view at any date
    without building it: :meth:`at` keeps what ``filter_view(graph, at=...)`` keeps
    (:func:`graph.analysis.subgraphs.active_at`), in the graph's order.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from(["a", "b", "c"])
    >>> _ = g.add_edge("a", "b", key="ab", until="2019-12-31")
    >>> _ = g.add_edge("b", "c", key="bc", since="2020-01-01")
    >>> Dated(g).degrees(dt.date(2021, 1, 1))
    {'a': 0.0, 'b': 1.0, 'c': 1.0}
    """

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.graph = graph
        self.nodes: list[Any] = list(graph.nodes)
        index = {node: i for i, node in enumerate(self.nodes)}
        self.edges = list(graph.edges(keys=True, data=True))
        days: dict[Any, int | None] = {}
        #: elements whose dates do not parse: raised when the view at a date needs them
        self._bad_nodes: dict[int, ValueError] = {}
        self._bad_edges: dict[int, ValueError] = {}
        node_spans = []
        for i, (_, attrs) in enumerate(graph.nodes(data=True)):
            if attrs.get("kind") == _SOURCE_KIND:
                node_spans.append((1, 0))  # never kept
            else:
                node_spans.append(_span(attrs, days, self._bad_nodes, i))
        ends, edge_spans = [], []
        for i, (u, v, _, attrs) in enumerate(self.edges):
            ends.append((index[u], index[v]))
            if attrs.get("type") in _BOOKKEEPING:
                edge_spans.append((1, 0))
            else:
                edge_spans.append(_span(attrs, days, self._bad_edges, i))
        self._node_spans = np.array(node_spans, dtype=np.int64).reshape(-1, 2)
        self._ends = np.array(ends, dtype=np.int64).reshape(-1, 2)
        #: each tie's ends as indices in :attr:`nodes`
        self.ends = self._ends
        self._edge_spans = np.array(edge_spans, dtype=np.int64).reshape(-1, 2)

    def at(self, when: dt.date) -> tuple[np.ndarray, np.ndarray]:
        """Which nodes and ties (booleans in :attr:`nodes` and :attr:`edges` order) the
        view at ``when`` keeps: valid that day, and for a tie both its ends kept."""
        day = when.toordinal()
        for error in self._bad_nodes.values():  # filter_view reads every node's dates
            raise error
        nodes = (self._node_spans[:, 0] <= day) & (day <= self._node_spans[:, 1])
        both = nodes[self._ends[:, 0]] & nodes[self._ends[:, 1]]
        for i, error in self._bad_edges.items():  # and those of ties between kept nodes
            if both[i]:
                raise error
        edges = (self._edge_spans[:, 0] <= day) & (day <= self._edge_spans[:, 1]) & both
        return nodes, edges

    def own_valid(self, when: dt.date) -> np.ndarray:
        """Which ties are valid on ``when`` by their own dates alone (their ends not
        asked; ``mentioned_in`` never)."""
        day = when.toordinal()
        return (self._edge_spans[:, 0] <= day) & (day <= self._edge_spans[:, 1])

    def degrees(self, when: dt.date) -> dict[Any, float]:
        """Each node's degree in the simple undirected graph of the view at ``when``
        (neighbours counted once, loops left out), as ``centralities``' ``degree``."""
        nodes, edges = self.at(when)
        u, v = self._ends[edges, 0], self._ends[edges, 1]
        loops = u == v
        low, high = np.minimum(u, v)[~loops], np.maximum(u, v)[~loops]
        n = len(self.nodes)
        pairs = np.unique(low * n + high)
        counts = np.bincount(pairs // n, minlength=n) + np.bincount(pairs % n, minlength=n)
        kept = nodes.nonzero()[0]
        return dict(
            zip([self.nodes[i] for i in kept], counts[kept].astype(float).tolist(), strict=True)
        )

    def ties(self, when: dt.date) -> dict[str, dict[str, Any]]:
        """The ties of the view at ``when`` by key (a later tie with the same key
        replaces an earlier one, as a dict of the view's ties would)."""
        _, edges = self.at(when)
        return {
            key: {"id": key, "source": u, "target": v, "type": data.get("type")}
            for (u, v, key, data), kept in zip(self.edges, edges.tolist(), strict=True)
            if kept
        }

    def view(self, when: dt.date) -> nx.MultiDiGraph:
        """The view at ``when`` as a graph (``filter_view(graph, at=when)``)."""
        return filter_view(self.graph, at=when)


def _span(
    attrs: dict[str, Any], days: dict[Any, int | None], bad: dict[int, ValueError], i: int
) -> tuple[int, int]:
    """First and last valid day (ordinals) as :func:`active_at` reads them: ``since`` (or
    ``date`` without one) and ``until``; each distinct value parsed once. A value that
    does not parse is kept in ``bad`` under ``i``."""

    def day(value: Any) -> int | None:
        if value not in days:
            parsed = _date(value)
            days[value] = None if parsed is None else parsed.toordinal()
        return days[value]

    try:
        since = day(attrs.get("since"))
        if since is None:
            since = day(attrs.get("date"))
        until = day(attrs.get("until"))
    except ValueError as exc:
        bad[i] = exc
        return _EARLIEST, _LATEST
    return (_EARLIEST if since is None else since), (_LATEST if until is None else until)


def gained_and_lost(dated: Dated, first: dt.date, second: dt.date) -> dict[str, np.ndarray]:
    """Which ties were gained and lost between two dates, by their own dates.

    Parameters
    ----------
    dated : Dated
        The view's elements with their days.
    first, second : datetime.date
        The two dates.

    Returns
    -------
    dict of numpy.ndarray
        Booleans over ``dated.edges``: ``gained``, ``lost`` (by the tie's own dates),
        ``with_new_nodes`` and ``with_gone_nodes`` (in or out only because an end began
        or ended).

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from(["a", "b"])
    >>> _ = g.add_edge("a", "b", key="ab", since="2020-01-01")
    >>> gained_and_lost(Dated(g), dt.date(2019, 1, 1), dt.date(2021, 1, 1))["gained"].tolist()
    [True]
    """
    nodes_1, in_1 = dated.at(first)
    nodes_2, in_2 = dated.at(second)
    own = dated.own_valid(first), dated.own_valid(second)
    ends_2 = nodes_2[dated.ends[:, 0]] & nodes_2[dated.ends[:, 1]]
    ends_1 = nodes_1[dated.ends[:, 0]] & nodes_1[dated.ends[:, 1]]
    return {
        "gained": ~own[0] & own[1] & ends_2,
        "lost": own[0] & ~own[1] & ends_1,
        "with_new_nodes": in_2 & ~in_1 & own[0] & own[1],
        "with_gone_nodes": in_1 & ~in_2 & own[0] & own[1],
    }


def tie_rows(dated: Dated, chosen: np.ndarray, limit: int = 200) -> list[dict[str, Any]]:
    """The ties chosen, with their ends' names and their own dates.

    Parameters
    ----------
    dated : Dated
        The view's elements with their days.
    chosen : numpy.ndarray
        Booleans over ``dated.edges``.
    limit : int, default 200
        At most this many.

    Returns
    -------
    list of dict
        ``id``, ``source``, ``source_name``, ``type``, ``target``, ``target_name``,
        ``since`` and ``until`` of each tie.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from([("a", {"name": "A"}), ("b", {"name": "B"})])
    >>> _ = g.add_edge("a", "b", key="ab", type="hosts", since="2020-01-01")
    >>> tie_rows(Dated(g), np.array([True]))[0]["since"]
    '2020-01-01'
    """
    names = dated.graph.nodes
    out = []
    for i in np.flatnonzero(chosen)[:limit].tolist():
        u, v, key, data = dated.edges[i]
        out.append(
            {
                "id": key,
                "source": u,
                "source_name": names[u].get("name", u),
                "type": data.get("type"),
                "target": v,
                "target_name": names[v].get("name", v),
                "since": data.get("since"),
                "until": data.get("until"),
            }
        )
    return out


def changes(
    graph: nx.MultiDiGraph,
    before: dt.date,
    after: dt.date,
    *,
    measure: str = "degree",
    group: str = "org_type",
    dated: Dated | None = None,
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
    dated : Dated, optional
        ``Dated(graph)``, when already built (it is kept per view by the registry).

    A tie is gained when its own validity begins between the dates (not when only an
    end node does: those are ``ties_with_new_nodes``); see
    :mod:`graph.analysis.change_series`.

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
    dated = dated if dated is not None else Dated(graph)
    found = gained_and_lost(dated, before, after)
    by_id = lambda rows: sorted(rows, key=lambda t: str(t["id"]))  # noqa: E731
    gained = by_id(tie_rows(dated, found["gained"], limit=len(dated.edges)))
    lost = by_id(tie_rows(dated, found["lost"], limit=len(dated.edges)))
    with_new = by_id(tie_rows(dated, found["with_new_nodes"], limit=len(dated.edges)))
    if measure == "degree":  # counted from the ties valid on each date, no view built
        values_first, values_second = dated.degrees(before), dated.degrees(after)
    else:
        values_first = _measure(dated.view(before), measure, group)
        values_second = _measure(dated.view(after), measure, group)
    nodes_first = {dated.nodes[i] for i in dated.at(before)[0].nonzero()[0]}
    nodes_second = {dated.nodes[i] for i in dated.at(after)[0].nonzero()[0]}
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
        "nodes_before": len(nodes_first),
        "nodes_after": len(nodes_second),
        "ties_before": int(dated.at(before)[1].sum()),
        "ties_after": int(dated.at(after)[1].sum()),
        "ties_gained": gained[:_LISTED],
        "ties_lost": lost[:_LISTED],
        "ties_gained_count": len(gained),
        "ties_lost_count": len(lost),
        "ties_with_new_nodes": with_new[:_LISTED],
        "ties_with_new_nodes_count": len(with_new),
        "definition": "a tie is gained when its own validity (since/until) begins between "
        "the two dates and both its ends exist on the second; a tie that appears only "
        "because an end node began is listed under ties_with_new_nodes",
        "nodes_gained": sorted(nodes_second - nodes_first)[:_LISTED],
        "nodes_lost": sorted(nodes_first - nodes_second)[:_LISTED],
    }
    return Result("change", rows, meta)
