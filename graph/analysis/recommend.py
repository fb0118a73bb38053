"""Recommendations: the absent ties of an actor, ranked by the potential they would have."""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx

from graph.analysis.potential import PotentialGraph, hop_graph, listing, require_actor
from graph.analysis.reasons import recommendation_reasons
from graph.analysis.result import Result

__all__ = ["recommendations"]


def recommendations(pg: PotentialGraph, node: str) -> Result:
    """Every absent tie for ``node``, ranked, with reasons.

    The candidates are the actors at most ``recommendation_cutoff`` hops away with no
    direct tie to ``node`` (one hop: they only share a network or activity).

    Parameters
    ----------
    pg : PotentialGraph
        The actors of a view and the hops between them.
    node : str
        The id of an actor (a person or organisation).

    Returns
    -------
    Result
        ``recommendations``: a row per candidate with the ``potential`` the tie would
        have (no mechanism yet, activity ``recommendation_activity``), the ``score`` it
        is ranked by, its parts (``boundary``, ``themes``, ``proximity``), ``hops`` and
        ``reasons``; best first.

    Raises
    ------
    KeyError
        For a node that is not there.
    ValueError
        For a node that is no actor.

    Examples
    --------
    >>> import datetime as dt
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("ann", kind="person", name="Ann")
    >>> g.add_node("roc", kind="organisation", name="ROC", org_type="school")
    >>> g.add_node("bouw", kind="organisation", name="Bouwbedrijf", org_type="company")
    >>> _ = g.add_edge("ann", "roc", type="works_at")
    >>> _ = g.add_edge("ann", "bouw", type="collaborates_with")
    >>> row = recommendations(PotentialGraph(g, at=dt.date(2024, 1, 1)), "roc").rows[0]
    >>> row["id"], row["reasons"]
    ('bouw', ['would cross school→company', 'can be introduced by Ann'])
    """
    require_actor(pg, node, "recommendations are for people and organisations")
    hops = hop_graph(pg)
    model = pg.model
    distance = nx.single_source_shortest_path_length(hops, node, cutoff=model.recommendation_cutoff)
    rows = []
    for other, hops_away in distance.items():
        hop = pg.hops.get(frozenset((node, other)))
        if other == node or (hop is not None and hop.ties):
            continue
        boundary = pg.boundary(node, other)
        shared = pg.shared_themes(node, other)
        themes = model.themes(shared)
        proximity = model.proximities[hops_away]
        would_be = model.score(
            boundary=boundary,
            mechanism=0.0,
            themes=themes,
            activity=model.recommendation_activity,
        )
        rows.append(
            {
                "id": other,
                "name": pg.name(other),
                "score": model.recommendation(
                    boundary=boundary, themes=themes, proximity=proximity
                ),
                "potential": would_be.total,
                "boundary": boundary,
                "themes": themes,
                "proximity": proximity,
                "hops": hops_away,
                "reasons": _reasons(pg, node, other, hops_away, boundary, shared),
                "why": recommendation_reasons(
                    pg,
                    node,
                    other,
                    hops_away,
                    boundary,
                    shared,
                    _meeting(pg, node, other, hops_away),
                ),
            }
        )
    rows.sort(key=lambda r: (-r["score"], r["id"]))
    meta = {"node": node, "name": pg.name(node), "candidates": len(rows)}
    return Result("recommendations", rows, meta)


def _reasons(
    pg: PotentialGraph,
    node: str,
    other: str,
    hops_away: int,
    boundary: float,
    shared: Mapping[str, bool],
) -> list[str]:
    """The boundary the tie would cross, the themes shared, and how they meet."""
    reasons = []
    if boundary > 0 and not pg.crossing(node, other, boundary).startswith("practice"):
        reasons.append("would " + pg.crossing(node, other, boundary).replace("crosses", "cross"))
    if shared:
        reasons.append("shares " + listing("theme", [pg.name(t) for t in sorted(shared)]))
    if hops_away == 1:
        reasons.append("already meets in " + ", ".join(_meeting(pg, node, other, hops_away)))
    elif hops_away == 2:
        reasons.append("can be introduced by " + ", ".join(_meeting(pg, node, other, hops_away)))
    else:
        reasons.append(f"{hops_away} steps away")
    return reasons


def _meeting(pg: PotentialGraph, node: str, other: str, hops_away: int) -> list[str]:
    """The names of up to three contexts the two share (one hop) or of up to three
    actors who can introduce them (two hops); none farther away."""
    if hops_away == 1:
        return [pg.name(c) for c in sorted(pg.hops[frozenset((node, other))].contexts)[:3]]
    if hops_away == 2:
        hops = hop_graph(pg)
        return [pg.name(b) for b in sorted(set(hops[node]) & set(hops[other]))[:3]]
    return []
