"""Views: the graph an analysis runs on, built from a workspace's multigraph.

A view filters (node kinds, relationship types, themes, a date), and may project a
two-mode structure onto one kind (organisations linked through shared people,
activities, networks or themes, with the count as weight). Measures that need a
simple graph collapse parallel ties into one, with ``weight`` the sum of their
strengths (1 where none is recorded) and ``distance`` its inverse.

Examples
--------
>>> g = nx.MultiDiGraph()
>>> g.add_node("a", kind="organisation", org_type="school")
>>> g.add_node("b", kind="organisation", org_type="company")
>>> g.add_node("t", kind="theme")
>>> _ = g.add_edge("a", "b", type="partners_with", strength=2.0)
>>> _ = g.add_edge("a", "b", type="collaborates_with")
>>> _ = g.add_edge("a", "t", type="works_on")
>>> s = simple_graph(filter_view(g, kinds=["organisation"]))
>>> s["a"]["b"]["weight"], s["a"]["b"]["distance"]
(3.0, 0.3333333333333333)
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import combinations
from typing import Any

import networkx as nx

from graph.model import SYMMETRIC_TYPES
from graph.vocabulary import node_kinds, relationship_types  # re-exported

__all__ = [
    "ACTOR_KINDS",
    "MAX_CONTEXT_SIZE",
    "CONTEXT_KINDS",
    "active_at",
    "actor_graph",
    "actor_ties",
    "check_themes",
    "filter_view",
    "node_kinds",
    "practice_of",
    "project",
    "relationship_types",
    "simple_graph",
    "unknown_themes",
]

ACTOR_KINDS = frozenset({"person", "organisation"})
#: a network or activity with more members says little about who meets whom: it is
#: not expanded into member-to-member links (see docs/learning-potential.md)
MAX_CONTEXT_SIZE = 50
CONTEXT_KINDS = frozenset({"network", "activity"})
#: ties that say something about the documents, not about the network
_BOOKKEEPING = frozenset({"mentioned_in"})
#: types whose direction carries no meaning: a directed view has them both ways
_BOTH_WAYS = frozenset(str(t) for t in SYMMETRIC_TYPES)


def _date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def check_themes(graph: nx.MultiDiGraph, themes: Iterable[str]) -> None:
    """Refuse theme ids that are not themes of ``graph``.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A workspace graph.
    themes : iterable of str
        Theme ids, as a filter gives them.

    Returns
    -------
    None
        When every value is the id of a theme of ``graph``.

    Raises
    ------
    ValueError
        Naming every value that is not, and the theme ids there are (at most 30 listed).

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("stage", kind="theme", name="Stages")
    >>> check_themes(g, ["stage"])
    >>> check_themes(g, ["stages"])
    Traceback (most recent call last):
    ...
    ValueError: no theme 'stages' in this workspace; themes are given by id: stage
    """
    unknown = [t for t in themes if graph.nodes.get(t, {}).get("kind") != "theme"]
    if not unknown:
        return
    ids = sorted(n for n, d in graph.nodes(data=True) if d.get("kind") == "theme")
    raise ValueError(unknown_themes(unknown, ids))


def unknown_themes(unknown: Sequence[str], ids: Sequence[str]) -> str:
    """The message refusing ``unknown`` theme ids, listing (at most 30 of) the ``ids``
    a workspace's themes have.

    Parameters
    ----------
    unknown : sequence of str
        The ids given that are no theme.
    ids : sequence of str
        The theme ids of the workspace, sorted.

    Returns
    -------
    str
        One sentence naming the unknown ids and the known ones.

    Examples
    --------
    >>> unknown_themes(["stages"], ["llo", "stage"])
    "no theme 'stages' in this workspace; themes are given by id: llo, stage"
    """
    listed = ", ".join(ids[:30]) + (f" and {len(ids) - 30} more" if len(ids) > 30 else "")
    return (
        f"no theme {', '.join(map(repr, unknown))} in this workspace; themes are given by id: "
        + (listed or "there are none")
    )


def active_at(attrs: dict[str, Any], when: dt.date) -> bool:
    """Whether an element (node or tie attributes) is valid on ``when``.

    An activity with a ``date`` and no ``since`` starts on its date.

    Parameters
    ----------
    attrs : dict
        The element's attributes (``since``, ``until``, and for an activity ``kind`` and
        ``date``), dates as ISO strings or dates.
    when : datetime.date
        The day asked about.

    Returns
    -------
    bool
        True when the element has started by ``when`` and not ended before it.

    Examples
    --------
    >>> active_at({"since": "2024-01-01"}, dt.date(2023, 6, 1))
    False
    >>> active_at({"since": "2020-01-01", "until": "2025-01-01"}, dt.date(2023, 6, 1))
    True
    """
    since = _date(attrs.get("since")) or _date(attrs.get("date"))
    until = _date(attrs.get("until"))
    if since is not None and when < since:
        return False
    return not (until is not None and when > until)


def filter_view(
    graph: nx.MultiDiGraph,
    *,
    kinds: Iterable[str] | None = None,
    types: Iterable[str] | None = None,
    themes: Iterable[str] | None = None,
    at: dt.date | None = None,
    include_sources: bool = False,
) -> nx.MultiDiGraph:
    """A filtered copy of the workspace graph.

    By default source documents and ``mentioned_in`` ties are left out (they record
    where facts come from, not who is connected). ``themes`` keeps the themes named
    (by id) and every node with a tie to one of them, with the ties among those.
    ``at`` keeps what is valid on that date. Kinds and types may be given by their
    English or Dutch names; an unknown kind, type or theme is a ``ValueError`` that
    names it and the accepted ones (a misspelt filter never passes silently).

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The workspace graph (:meth:`graph.store.base.Store.load_graph`).
    kinds, types : iterable of str, optional
        Node kinds and relationship types to keep (all when ``None``).
    themes : iterable of str, optional
        Theme ids: keep those themes and what has a tie to them.
    at : datetime.date, optional
        Keep only what is valid on that date (:func:`active_at`).
    include_sources : bool, default False
        Keep source documents and ``mentioned_in`` ties.

    Returns
    -------
    networkx.MultiDiGraph
        A copy; ``graph`` is not changed.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("ann", kind="person", name="Ann")
    >>> g.add_node("roc", kind="organisation", name="ROC", org_type="school")
    >>> _ = g.add_edge("ann", "roc", type="works_at")
    >>> sorted(filter_view(g, kinds=["organisatie"]).nodes)
    ['roc']
    >>> filter_view(g, kinds=["organisaties"])
    Traceback (most recent call last):
    ...
    ValueError: ...
    """
    kind_set = set(node_kinds(kinds)) if kinds else None
    type_set = set(relationship_types(types)) if types else None
    if themes is not None:
        check_themes(graph, themes)
    keep: set[str] = set()
    for node, data in graph.nodes(data=True):
        kind = data.get("kind")
        if kind == "source" and not include_sources:
            continue
        if kind_set is not None and kind not in kind_set:
            continue
        if at is not None and not active_at(data, at):
            continue
        keep.add(node)
    if themes is not None:
        theme_set = set(themes)
        near = set(theme_set)
        for theme in theme_set:
            near.update(graph.predecessors(theme))
            near.update(graph.successors(theme))
        keep &= near
    view = nx.MultiDiGraph(**graph.graph)
    # in the workspace graph's order (a set's order would change between processes)
    view.add_nodes_from((n, data) for n, data in graph.nodes(data=True) if n in keep)
    skip = set() if include_sources else _BOOKKEEPING
    succ, pred = view._succ, view._pred
    for u, targets in graph._succ.items():
        if u not in keep:
            continue
        mine = succ[u]
        for v, ties in targets.items():
            if v not in keep:
                continue
            for key, data in ties.items():
                rel_type = data.get("type")
                if rel_type in skip or (type_set is not None and rel_type not in type_set):
                    continue
                if at is not None and not active_at(data, at):
                    continue
                # what add_edge(u, v, key=key, **data) makes, without its checks per tie:
                # one key dict seen from both ends, a copy of the tie's attributes
                keys = mine.get(v)
                if keys is None:
                    keys = mine[v] = pred[v][u] = {}
                keys[key] = dict(data)
    return view


def simple_graph(graph: nx.MultiDiGraph, *, directed: bool = False) -> nx.Graph:
    """Parallel ties collapsed: ``weight`` = summed strength (1 each where none),
    ``distance`` = 1 / weight, ``count`` = number of ties.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A workspace graph or a view of it.
    directed : bool, default False
        Ties keep their direction, and a tie of a symmetric type (``partners_with``,
        ``collaborates_with``) counts both ways, whichever order it was written in.

    Returns
    -------
    networkx.Graph or networkx.DiGraph
        With the nodes' attributes and ``weight``, ``distance`` and ``count`` on each edge.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from(["roc", "bouw"])
    >>> _ = g.add_edge("roc", "bouw", type="partners_with", strength=2)
    >>> _ = g.add_edge("bouw", "roc", type="collaborates_with")
    >>> s = simple_graph(g)
    >>> s["roc"]["bouw"]["weight"], s["roc"]["bouw"]["count"]
    (3.0, 2)
    """
    simple: nx.Graph = nx.DiGraph() if directed else nx.Graph()
    simple.add_nodes_from(graph.nodes(data=True))
    out = simple._succ if directed else simple._adj
    back = simple._pred if directed else simple._adj
    for u, targets in graph._succ.items():
        for v, ties in targets.items():
            if u == v:
                continue
            for data in ties.values():
                strength = data.get("strength")
                weight = float(strength) if strength not in (None, 0) else 1.0
                both = directed and data.get("type") in _BOTH_WAYS
                for x, y in ((u, v), (v, u)) if both else ((u, v),):
                    # as add_edge / has_edge would: one attribute dict for both ends
                    edge = out[x].get(y)
                    if edge is None:
                        out[x][y] = back[y][x] = {"weight": weight, "count": 1}
                    else:
                        edge["weight"] += weight
                        edge["count"] += 1
    for _, _, data in simple.edges(data=True):
        data["distance"] = 1.0 / data["weight"]
    return simple


def project(
    graph: nx.MultiDiGraph,
    onto: str,
    via: Sequence[str] = ("person", "organisation", "activity", "network", "theme"),
) -> nx.Graph:
    """A one-mode graph of the nodes of kind ``onto``: two are linked when they share a
    neighbour of a kind in ``via`` (a person working at both, a network both belong
    to, a theme both work on), with ``weight`` the number of shared neighbours and
    ``via`` their ids. Direct ties between them are not added: this is the projection
    alone.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A workspace graph or a view of it.
    onto : str
        The kind of the nodes kept (``organisation``, ``person``…).
    via : sequence of str
        The kinds of the neighbours that link them.

    Returns
    -------
    networkx.Graph
        The nodes of kind ``onto`` and the links between them.

    References
    ----------
    .. [1] Borgatti, S. P., Everett, M. G. and Johnson, J. C. (2018). *Analyzing Social
       Networks*, 2nd ed., ch. 13 (two-mode data). SAGE.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from([("roc", {"kind": "organisation"}), ("bouw", {"kind": "organisation"}),
    ...                   ("net", {"kind": "network"})])
    >>> _ = g.add_edge("roc", "net", type="member_of")
    >>> _ = g.add_edge("bouw", "net", type="member_of")
    >>> p = project(g, "organisation")
    >>> p["roc"]["bouw"]["weight"], p["roc"]["bouw"]["via"]
    (1.0, ['net'])
    """
    projected = nx.Graph()
    projected.add_nodes_from((n, d) for n, d in graph.nodes(data=True) if d.get("kind") == onto)
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for middle, data in graph.nodes(data=True):
        if data.get("kind") not in via or data.get("kind") == onto:
            continue
        ends = sorted(
            {n for n in nx.all_neighbors(graph, middle) if graph.nodes[n].get("kind") == onto}
        )
        for a, b in combinations(ends, 2):
            shared[(a, b)].append(middle)
    for (a, b), middles in shared.items():
        projected.add_edge(
            a, b, weight=float(len(middles)), via=middles, distance=1.0 / len(middles)
        )
    return projected


def practice_of(graph: nx.MultiDiGraph, attribute: str = "org_type") -> dict[str, str]:
    """Each actor's practice: an organisation's ``attribute`` (``org_type`` or
    ``sector``); a person's is that of the organisation they work at (the most recent
    tie if several); ``unknown`` where there is none.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A workspace graph or a view of it.
    attribute : str, default "org_type"
        The organisation attribute that names the practice.

    Returns
    -------
    dict of str to str
        The practice of every person and organisation, by node id.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("ann", kind="person")
    >>> g.add_node("roc", kind="organisation", org_type="school")
    >>> _ = g.add_edge("ann", "roc", type="works_at")
    >>> practice_of(g)
    {'roc': 'school', 'ann': 'school'}
    """
    out: dict[str, str] = {}
    for node, data in graph.nodes(data=True):
        if data.get("kind") == "organisation":
            out[node] = str(data.get(attribute) or "unknown")
    for node, data in graph.nodes(data=True):
        if data.get("kind") != "person":
            continue
        employers = [
            (str(d.get("since") or ""), v)
            for _, v, d in graph.out_edges(node, data=True)
            if d.get("type") == "works_at" and v in out
        ]
        out[node] = out[max(employers)[1]] if employers else "unknown"
    return out


def actor_graph(
    graph: nx.MultiDiGraph, *, directed: bool = False, max_context_size: int = MAX_CONTEXT_SIZE
) -> nx.Graph:
    """People and organisations, linked by their direct ties *and* by the networks and
    activities they share (a shared context with more than ``max_context_size``
    members is left out, as it says little about who actually meets whom).

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A workspace graph or a view of it.
    directed : bool, default False
        Direct ties keep their direction (as :func:`simple_graph`).
    max_context_size : int, default 50
        A network or activity with more members links none of them.

    Returns
    -------
    networkx.Graph or networkx.DiGraph
        ``weight`` counts direct ties (their strength) plus shared contexts; ``via``
        lists the shared contexts.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from([("ann", {"kind": "person"}), ("bouw", {"kind": "organisation"}),
    ...                   ("net", {"kind": "network"})])
    >>> _ = g.add_edge("ann", "net", type="member_of")
    >>> _ = g.add_edge("bouw", "net", type="member_of")
    >>> a = actor_graph(g)
    >>> sorted(a.nodes), a["ann"]["bouw"]["via"]
    (['ann', 'bouw'], ['net'])
    """
    simple = _actor_simple_graph(graph, directed)
    members: dict[str, set[str]] = defaultdict(set)
    kind = {node: data.get("kind") for node, data in graph.nodes(data=True)}
    for u, neighbours in graph._adj.items():  # graph.edges() order, without its views
        for v in neighbours:
            ku, kv = kind[u], kind[v]
            if ku in ACTOR_KINDS and kv in CONTEXT_KINDS:
                members[v].add(u)
            elif kv in ACTOR_KINDS and ku in CONTEXT_KINDS:
                members[u].add(v)
    for context, people in members.items():
        if len(people) > max_context_size:
            continue
        for a, b in combinations(sorted(people), 2):
            for x, y in ((a, b), (b, a)) if directed else ((a, b),):
                if simple.has_edge(x, y):
                    simple[x][y]["weight"] += 1.0
                    simple[x][y]["via"] = [*simple[x][y].get("via", []), context]
                else:
                    simple.add_edge(x, y, weight=1.0, count=0, via=[context])
    for _, _, data in simple.edges(data=True):
        data["distance"] = 1.0 / data["weight"]
    return simple


def _actors_in_view_order(graph: nx.MultiDiGraph) -> list[Any]:
    """The people and organisations in the order ``filter_view(graph, kinds=ACTOR_KINDS)``
    gives them: the graph's own."""
    return [node for node, data in graph.nodes(data=True) if data.get("kind") in ACTOR_KINDS]


def actor_ties(graph: nx.MultiDiGraph) -> Iterable[tuple[Any, Any, dict[str, Any]]]:
    """The ties between people and organisations, ``(u, v, data)`` in the order of
    ``filter_view(graph, kinds=ACTOR_KINDS).edges(data=True)``, without building that
    copy (``mentioned_in`` ties left out).

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A workspace graph or a view of it.

    Returns
    -------
    iterable of tuple
        ``(u, v, data)`` per tie, ``data`` the graph's own attribute dict (not a copy).

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from([("ann", {"kind": "person"}), ("roc", {"kind": "organisation"}),
    ...                   ("net", {"kind": "network"})])
    >>> _ = g.add_edge("ann", "roc", type="works_at")
    >>> _ = g.add_edge("ann", "net", type="member_of")
    >>> [(u, v, d["type"]) for u, v, d in actor_ties(g)]
    [('ann', 'roc', 'works_at')]
    """
    order = _actors_in_view_order(graph)
    keep = set(order)
    adjacency = graph._adj
    for u in order:
        for v, keyed in adjacency[u].items():
            if v not in keep:
                continue
            for data in keyed.values():
                if data.get("type") not in _BOOKKEEPING:
                    yield u, v, data


def _actor_simple_graph(graph: nx.MultiDiGraph, directed: bool) -> nx.Graph:
    """``simple_graph(filter_view(graph, kinds=ACTOR_KINDS), directed=directed)``: the same
    nodes, ties, order and attributes, summed in a dict before the graph is built."""
    simple: nx.Graph = nx.DiGraph() if directed else nx.Graph()
    simple.add_nodes_from((node, graph.nodes[node]) for node in _actors_in_view_order(graph))
    summed: dict[tuple[Any, Any], list[float]] = {}
    for u, v, data in actor_ties(graph):
        if u == v:
            continue
        strength = data.get("strength")
        weight = float(strength) if strength not in (None, 0) else 1.0
        both = directed and data.get("type") in _BOTH_WAYS
        for x, y in ((u, v), (v, u)) if both else ((u, v),):
            found = summed.get((x, y))
            if found is None and not directed:
                found = summed.get((y, x))
            if found is None:
                summed[(x, y)] = [weight, 1]
            else:
                found[0] += weight
                found[1] += 1
    simple.add_edges_from(
        (x, y, {"weight": w, "count": int(c), "distance": 1.0 / w})
        for (x, y), (w, c) in summed.items()
    )
    return simple
