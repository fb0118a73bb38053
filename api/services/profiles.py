"""A node's profile: its partners, themes and roles, its place in the network and the
partners recommended to it (what the node page shows)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.analysis.cache import AnalysisCache
from graph.analysis.registry import AnalysisOptions
from graph.errors import NotFound
from graph.model import Node, Relationship
from graph.store.base import Store

__all__ = ["NodeProfile", "node_profile"]

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


def node_profile(store: Store, cache: AnalysisCache, workspace: str, node_id: str) -> NodeProfile:
    """The profile of ``node_id``; :class:`NotFound` if there is no such node."""
    node = store.get_node(workspace, node_id)
    if node is None:
        raise NotFound(f"no node {node_id!r}")
    profile = NodeProfile(node)
    _sort_ties(profile, store, workspace, node_id)
    if node.kind.value in ("person", "organisation"):
        broker = cache.run(store, workspace, "brokerage", AnalysisOptions())
        mine = next((r for r in broker.rows if r["id"] == node_id), None)
        if mine is not None:
            counts = {role: mine[role] for role in _ROLES}
            best = max(counts, key=lambda role: counts[role])
            if mine["total"]:
                profile.brokerage = {"role": best, "count": counts[best], "total": mine["total"]}
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
    return profile


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


def _entry(other: Node, rel: Relationship) -> dict[str, Any]:
    return {
        "node": other,
        "type": rel.type.value,
        "role": rel.role,
        "mechanism": rel.mechanism.value if rel.mechanism else None,
    }
