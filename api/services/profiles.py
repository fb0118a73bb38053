"""A node's profile: its partners, themes and roles, its place in the network and the
partners recommended to it (what the node page shows)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from api.i18n import vocabulary_label
from graph.analysis.cache import AnalysisCache
from graph.analysis.memo import PerObject
from graph.analysis.registry import AnalysisOptions
from graph.errors import NotFound
from graph.model import Node, Relationship
from graph.store.base import Store
from visualizations.charts import sparkline

__all__ = [
    "NodeProfile",
    "change_svg",
    "group_partners",
    "neighbour_kinds",
    "node_profile",
    "ordinal",
    "reached_themes",
]

_ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")


@dataclass
class NodeProfile:
    """What is known of one node, ready to show."""

    node: Node
    partners: list[dict[str, Any]] = field(default_factory=list)
    themes: list[dict[str, Any]] = field(default_factory=list)
    roles: list[dict[str, Any]] = field(default_factory=list)
    #: the node's strongest brokerage role: ``role``, ``count`` and ``total`` (or empty)
    brokerage: dict[str, Any] = field(default_factory=dict)
    #: ``degree`` and ``betweenness`` (or empty)
    centrality: dict[str, float] = field(default_factory=dict)
    recommendations: list[dict[str, Any]] = field(default_factory=list)
    #: the kinds of its direct neighbours (what its degree counts), e.g. ``{"theme": 1}``
    neighbours: dict[str, int] = field(default_factory=dict)
    #: per measure (``degree``, ``betweenness``, ``brokerage``): ``value``, ``rank``,
    #: ``of`` (the peers: nodes of the same kind) and ``shared`` (a tie for that rank);
    #: a sampled betweenness (large workspaces) also ``estimate``: ``sources`` sampled,
    #: ``epsilon`` and ``chance`` (1 − δ) of its error bound
    ranks: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: the node's direct relations (degree) on 1 January of each year of the workspace's
    #: dates: ``(date, degree)``, empty when the workspace has no dates
    change: list[tuple[str, float]] = field(default_factory=list)


def _years(graph: Any) -> tuple[int, int] | None:
    """The first and last year of any date in the graph (``since``, ``until``, ``date``),
    found once per workspace graph (a version's graph is never changed)."""
    known = _YEARS.get(graph, "years")
    if known is None:
        known = _YEARS_NONE if (span := _scan_years(graph)) is None else span
        _YEARS.put(graph, "years", known)
    return None if known == _YEARS_NONE else known


#: the years of each live workspace graph (dropped with the graph)
_YEARS: PerObject[tuple[int, int]] = PerObject()
_YEARS_NONE = (0, -1)


def _scan_years(graph: Any) -> tuple[int, int] | None:
    found: list[str] = []
    for data in graph.nodes.values():
        found.extend(str(data[k]) for k in ("since", "until", "date") if data.get(k))
    for *_, data in graph.edges(data=True):
        found.extend(str(data[k]) for k in ("since", "until") if data.get(k))
    years = [int(d[:4]) for d in found if d[:4].isdigit()]
    return (min(years), max(years)) if years else None


def _change(store: Store, cache: AnalysisCache, workspace: str, node_id: str) -> list[Any]:
    """The node's degree on 1 January of each year from the first date of the workspace
    to the year after its last (at most 30 years)."""
    years = _years(cache.graph(store, workspace))
    if years is None:
        return []
    first, last = max(years[0], years[1] - 29), years[1] + 1
    options = AnalysisOptions(over=f"{first}..{last}", every="year")
    result = cache.run(store, workspace, "change", options)
    values = result.meta["degrees"].get(node_id)
    return list(zip(result.meta["dates"], values, strict=True)) if values else []


def change_svg(points: list[tuple[str, float]], label: str) -> str:
    """The small chart of a node's change (inline SVG, every text escaped)."""
    return sparkline(points, label=label)


def node_profile(store: Store, cache: AnalysisCache, workspace: str, node_id: str) -> NodeProfile:
    """The profile of ``node_id``; :class:`NotFound` if there is no such node."""
    node = store.get_node(workspace, node_id)
    if node is None:
        raise NotFound(f"no node {node_id!r}")
    profile = NodeProfile(node)
    profile.change = _change(store, cache, workspace, node_id)
    _sort_ties(profile, store, workspace, node_id)
    graph = cache.graph(store, workspace)
    _add_reached_themes(profile, store, graph, workspace)
    profile.neighbours = neighbour_kinds(graph, node_id)
    if node.kind.value in ("person", "organisation"):
        broker = cache.run(store, workspace, "brokerage", AnalysisOptions())
        mine = next((r for r in broker.rows if r["id"] == node_id), None)
        if mine is not None:
            counts = {role: mine[role] for role in _ROLES}
            best = max(counts, key=lambda role: counts[role])
            if mine["total"]:
                profile.brokerage = {"role": best, "count": counts[best], "total": mine["total"]}
                peers = _peers(graph, node, [r["id"] for r in broker.rows])
                scores = {r["id"]: float(r[best]) for r in broker.rows if r["id"] in peers}
                profile.ranks["brokerage"] = _rank(scores, node_id)
        recs = cache.run(store, workspace, "recommend", AnalysisOptions(node=node_id))
        profile.recommendations = recs.rows[:5]
    central = cache.run(
        store, workspace, "centrality", AnalysisOptions(measures=("degree", "betweenness"))
    )
    row = next((r for r in central.rows if r["id"] == node_id), None)
    if row is not None:
        profile.centrality = {
            "degree": float(row["degree"]),
            "betweenness": float(row["betweenness"]),
        }
        peers = _peers(graph, node, [r["id"] for r in central.rows])
        for measure in ("degree", "betweenness"):
            scores = {r["id"]: float(r[measure]) for r in central.rows if r["id"] in peers}
            profile.ranks[measure] = _rank(scores, node_id)
        bound = central.meta.get("betweenness_error")
        if bound:  # sampled: the page says how far the value may be off
            profile.ranks["betweenness"]["estimate"] = {
                "sources": central.meta["betweenness_sample"],
                "epsilon": bound["epsilon"],
                "chance": 1 - bound["delta"],
            }
    return profile


def group_partners(
    partners: list[dict[str, Any]], lang: str
) -> list[tuple[str, list[dict[str, Any]]]]:
    """The partners grouped by sector (else by their kind of organisation, else by their
    kind), largest group first, each group by name."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for partner in partners:
        other: Node = partner["node"]
        if other.sector:
            group = other.sector
        elif other.org_type is not None:
            group = vocabulary_label(other.org_type.value, lang, "org type")
        else:
            group = vocabulary_label(other.kind.value, lang, "node kind")
        groups.setdefault(group, []).append(partner)
    for members in groups.values():
        members.sort(key=lambda p: p["node"].name.casefold())
    return sorted(groups.items(), key=lambda item: (-len(item[1]), item[0].casefold()))


def neighbour_kinds(graph: Any, node_id: str) -> dict[str, int]:
    """The kinds of the nodes ``node_id`` has a direct tie to, each counted once
    (mentions in a source document left out): what its degree counts.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from([("a", {"kind": "organisation"}), ("t", {"kind": "theme"})])
    >>> _ = g.add_edge("a", "t", type="addresses"); _ = g.add_edge("a", "t", type="works_on")
    >>> neighbour_kinds(g, "a")
    {'theme': 1}
    """
    if node_id not in graph:
        return {}
    others = {v for _, v, t in graph.out_edges(node_id, data="type") if t != "mentioned_in"}
    others |= {u for u, _, t in graph.in_edges(node_id, data="type") if t != "mentioned_in"}
    others.discard(node_id)
    counted: dict[str, int] = {}
    for other in sorted(others):
        kind = str(graph.nodes[other].get("kind"))
        counted[kind] = counted.get(kind, 0) + 1
    return counted


def _peers(graph: Any, node: Node, ids: list[str]) -> set[str]:
    """The ids among ``ids`` of nodes of the same kind as ``node`` (read from the
    workspace graph: decoding every node from the store again cost a node page about
    half its time)."""
    kind = node.kind.value
    return {i for i in ids if i in graph and graph.nodes[i].get("kind") == kind}


def _rank(scores: dict[str, float], node_id: str) -> dict[str, Any]:
    """The place of ``node_id`` among ``scores``, highest first (ties share a place)."""
    mine = scores[node_id]
    return {
        "value": mine,
        "rank": 1 + sum(1 for v in scores.values() if v > mine),
        "of": len(scores),
        "shared": sum(1 for v in scores.values() if v == mine) > 1,
    }


def ordinal(n: int, lang: str) -> str:
    """``n`` as an ordinal in ``lang``: Dutch ``3e``, English ``3rd``.

    Examples
    --------
    >>> ordinal(3, "nl"), ordinal(3, "en"), ordinal(12, "en"), ordinal(22, "en")
    ('3e', '3rd', '12th', '22nd')
    """
    if lang == "nl":
        return f"{n}e"
    if n % 100 in (11, 12, 13):
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def _sort_ties(profile: NodeProfile, store: Store, workspace: str, node_id: str) -> None:
    """The node's ties as partners, themes and roles (mentions left out)."""
    ties = store.list_relationships(workspace, node_id=node_id)
    others = store.get_nodes(workspace, {r.source for r in ties} | {r.target for r in ties})
    for rel in ties:
        other = others.get(rel.target if rel.source == node_id else rel.source)
        if other is None or rel.type.value == "mentioned_in":
            continue
        entry = _entry(other, rel)
        if other.kind.value == "theme":
            profile.themes.append(entry)
        elif rel.type.value == "works_at":
            profile.roles.append(entry)
        else:
            profile.partners.append(entry)


def _add_reached_themes(profile: NodeProfile, store: Store, graph: Any, workspace: str) -> None:
    """The themes the node reaches through others, each with ``via`` (the node it is
    reached through), after its own."""
    if profile.node.id not in graph:
        return
    own = {entry["node"].id for entry in profile.themes}
    reached: dict[str, str] = {
        t: via for t, via in reached_themes(graph, profile.node.id).items() if via is not None
    }
    nodes = store.get_nodes(workspace, set(reached) | set(reached.values()))
    for theme, via in reached.items():
        if theme in own or theme not in nodes or via not in nodes:
            continue
        profile.themes.append(
            {"node": nodes[theme], "type": "", "role": None, "mechanism": None, "via": nodes[via]}
        )


def _entry(other: Node, rel: Relationship) -> dict[str, Any]:
    return {
        "node": other,
        "type": rel.type.value,
        "role": rel.role,
        "mechanism": rel.mechanism.value if rel.mechanism else None,
    }


_CONTEXTS = ("network", "activity")


def reached_themes(graph: Any, node_id: str) -> dict[str, str | None]:
    """The themes a node works on itself and those it reaches: through its networks and
    activities (and what they are part of), for a person through their organisation, for
    an organisation through its units (organisations part of it).

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The workspace graph.
    node_id : str
        The node.

    Returns
    -------
    dict of str to str or None
        Theme id to the id of the node it is reached through (``None``: its own theme).
    """
    reached: dict[str, str | None] = {}
    for theme in _own_themes(graph, node_id):
        reached.setdefault(theme, None)
    for carrier, via in _carriers(graph, node_id):
        for theme in _own_themes(graph, carrier):
            reached.setdefault(theme, via)
    return reached


def _linked(graph: Any, node_id: str) -> list[tuple[str, str]]:
    """``(other, relationship type)`` for every tie of the node, either direction."""
    out = [(v, d.get("type", "")) for _, v, d in graph.out_edges(node_id, data=True)]
    return out + [(u, d.get("type", "")) for u, _, d in graph.in_edges(node_id, data=True)]


def _own_themes(graph: Any, node_id: str) -> list[str]:
    return sorted(
        {
            other
            for other, kind in _linked(graph, node_id)
            if kind != "mentioned_in" and graph.nodes[other].get("kind") == "theme"
        }
    )


def _contexts(graph: Any, node_id: str) -> list[str]:
    """The networks and activities of a node and every context they are part of."""
    found: list[str] = []
    todo = [o for o, k in _linked(graph, node_id) if k != "mentioned_in"]
    todo = [o for o in todo if graph.nodes[o].get("kind") in _CONTEXTS]
    while todo:
        context = todo.pop(0)
        if context in found or context == node_id:
            continue
        found.append(context)
        todo.extend(
            v
            for _, v, d in graph.out_edges(context, data=True)
            if d.get("type") == "part_of" and graph.nodes[v].get("kind") in _CONTEXTS
        )
    return found


def _carriers(graph: Any, node_id: str) -> list[tuple[str, str]]:
    """``(carrier, via)``: the nodes whose themes ``node_id`` reaches, nearest first,
    each with the node it is reached through (its own network or activity, or the
    organisation that leads there)."""
    kind = graph.nodes[node_id].get("kind")
    if kind == "theme":
        return []
    carriers = [(context, context) for context in _contexts(graph, node_id)]
    if kind == "person":
        related = [
            v for _, v, d in graph.out_edges(node_id, data=True) if d.get("type") == "works_at"
        ]
    elif kind == "organisation":
        related = [
            u for u, _, d in graph.in_edges(node_id, data=True) if d.get("type") == "part_of"
        ]
    else:
        related = []
    for other in sorted(related):
        if graph.nodes[other].get("kind") == "organisation":
            carriers += [(c, other) for c in [other, *_contexts(graph, other)]]
    return list(dict.fromkeys(carriers))
