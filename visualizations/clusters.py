"""The level of detail of a big map: above :data:`CLUSTER_ABOVE` nodes each community
opens collapsed into one cluster (docs/maps.md, "Big maps").

The clusters are made here, on the server: map.js gives vis-network only what is drawn
(the clusters, the nodes outside them and one tie per pair of them), so a map of
10 000 nodes draws at once; a click on a cluster puts its members in.

Examples
--------
>>> _inside(["organisation", "person", "organisation"], {"count.organisation": "{count} org"})
'2 org, 1'
"""

from __future__ import annotations

import math
from typing import Any

import networkx as nx

from visualizations.layout import _igraph, seeded

__all__ = ["CLUSTERED_KINDS", "CLUSTER_ABOVE", "CLUSTER_MIN", "communities_of", "make_clusters"]

#: maps with more nodes open with their communities collapsed into clusters
CLUSTER_ABOVE = 1000
#: a community with fewer organisations and people stays open
CLUSTER_MIN = 10
#: kinds that go into a cluster (networks and themes stay: landmarks, and a layer)
CLUSTERED_KINDS = frozenset({"organisation", "person", "activity", "source"})


def communities_of(graph: nx.MultiDiGraph, seed: int = 1) -> dict[str, int]:
    """Communities of the view (igraph's Leiden, seeded, nodes in sorted order)."""
    ids = sorted(graph.nodes, key=str)
    g = _igraph(graph, ids)
    with seeded(seed):
        # Leiden (modularity, two rounds): on 10 000 nodes a tenth of Louvain's time
        membership = g.community_leiden(objective_function="modularity", n_iterations=2).membership
    return dict(zip(ids, membership, strict=True))


def _inside(kinds: list[str], words: dict[str, str]) -> str:
    """What a cluster holds, in words: "250 organisaties, 62 personen"."""
    counts = {kind: kinds.count(kind) for kind in sorted(set(kinds), key=kinds.index)}
    parts = []
    for kind, count in sorted(counts.items(), key=lambda item: -item[1]):
        template = words.get(f"count.{kind}.1" if count == 1 else f"count.{kind}", "{count}")
        parts.append(template.format(count=count))
    return ", ".join(parts)


def make_clusters(
    graph: nx.MultiDiGraph,
    nodes: list[dict[str, Any]],
    communities: dict[str, int] | None,
    words: dict[str, str],
) -> list[dict[str, Any]]:
    """The clusters a big map opens with: per community (the given ones, or Leiden's),
    its organisations, people, activities and sources (not those on a highlighted path),
    when at least :data:`CLUSTER_MIN`; named after the best-connected member, saying what
    is inside (in ``words``' language), coloured as most of them, on a ring
    (:func:`_spread`).
    """
    if graph.number_of_nodes() <= CLUSTER_ABOVE:
        return []
    groups = communities if communities else communities_of(graph)
    members: dict[str, list[dict[str, Any]]] = {}
    for node in nodes:  # in sorted order: clusters and their members read the same each run
        if node["kind"] in CLUSTERED_KINDS and node["id"] in groups and "borderWidth" not in node:
            members.setdefault(str(groups[node["id"]]), []).append(node)
    clusters = []
    for number, inside in sorted(members.items(), key=lambda item: (-len(item[1]), item[0])):
        if len(inside) < CLUSTER_MIN:
            continue
        colours = [str(n["color"]) for n in inside]
        best = min(inside, key=lambda n: (-graph.degree(n["id"]), str(n["label"])))
        label = words["cluster"].format(name=best["label"], count=len(inside))
        clusters.append(
            {
                "id": f"cluster:{number}",
                "label": label,
                "title": label.replace("\n", ": ", 1)
                + "\n"
                + words["cluster_title"].format(parts=_inside([n["kind"] for n in inside], words)),
                "members": [n["id"] for n in inside],
                "x": sum(n["x"] for n in inside) / len(inside),
                "y": sum(n["y"] for n in inside) / len(inside),
                "size": round(12 + 6 * math.sqrt(len(inside)), 2),
                "color": max(sorted(set(colours)), key=colours.count),
            }
        )
    return _spread(clusters, nodes)


def _spread(clusters: list[dict[str, Any]], nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Clusters on a ring at 60 % of the map's radius, in the order of the directions of
    their members' mean positions from the centre, evenly spaced: those means lie close
    to the centre, where the clusters would hide each other (and the networks and
    themes, which stay out of clusters)."""
    if not clusters:
        return clusters
    cx = sum(n["x"] for n in nodes) / len(nodes)
    cy = sum(n["y"] for n in nodes) / len(nodes)
    ring = 0.6 * max(math.hypot(n["x"] - cx, n["y"] - cy) for n in nodes)
    ordered = sorted(clusters, key=lambda c: (math.atan2(c["y"] - cy, c["x"] - cx), c["id"]))
    start = math.atan2(ordered[0]["y"] - cy, ordered[0]["x"] - cx)
    for i, c in enumerate(ordered):
        angle = start + 2 * math.pi * i / len(ordered)
        c["x"] = round(cx + ring * math.cos(angle), 2)
        c["y"] = round(cy + ring * math.sin(angle), 2)
    return clusters
