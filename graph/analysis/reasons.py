"""Why a hop has its learning potential and why a new tie is recommended, as structured
reasons (codes and parameters) that a page renders in its own language; the English
sentences of :mod:`graph.analysis.potential` say the same.

Practices and sectors are given by their internal values (``school``,
``knowledge_institute``), names of nodes as they are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping

    from graph.analysis.potential import PotentialGraph, Score

__all__ = ["crossing_reason", "hop_reasons", "recommendation_reasons"]


def crossing_reason(pg: PotentialGraph, a: str, b: str, boundary: float) -> dict[str, Any]:
    """The boundary between two actors, as a code with its parameters.

    Parameters
    ----------
    pg : PotentialGraph
        The learning-potential graph the actors are in.
    a, b : str
        The two actors' ids.
    boundary : float
        The boundary score of the hop between them (0 within one practice and sector).

    Returns
    -------
    dict
        ``{"code": "practice_unknown"}``, ``crosses_practices`` (``from``, ``to``),
        ``crosses_sectors`` (``from``, ``to``, ``practice``) or ``within_practice``
        (``practice``).

    Examples
    --------
    >>> import networkx as nx
    >>> from graph.analysis.potential import PotentialGraph
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("roc", kind="organisation", name="ROC", org_type="school")
    >>> g.add_node("bouw", kind="organisation", name="Bouwbedrijf", org_type="company")
    >>> _ = g.add_edge("roc", "bouw", type="partners_with")
    >>> crossing_reason(PotentialGraph(g), "roc", "bouw", 1.0)
    {'code': 'crosses_practices', 'from': 'school', 'to': 'company'}
    """
    pa, pb = pg.practice.get(a, "unknown"), pg.practice.get(b, "unknown")
    if "unknown" in (pa, pb):
        return {"code": "practice_unknown"}
    if pa != pb:
        return {"code": "crosses_practices", "from": pa, "to": pb}
    if boundary > 0:
        return {
            "code": "crosses_sectors",
            "from": pg.sector.get(a),
            "to": pg.sector.get(b),
            "practice": pa,
        }
    return {"code": "within_practice", "practice": pa}


def hop_reasons(pg: PotentialGraph, a: str, b: str, score: Score) -> dict[str, Any]:
    """What :meth:`PotentialGraph.explain` says of a hop, as data.

    Parameters
    ----------
    pg : PotentialGraph
        The learning-potential graph.
    a, b : str
        The hop's ends.
    score : Score
        The hop's score (:meth:`PotentialGraph.hop_score`).

    Returns
    -------
    dict
        ``from`` and ``to`` (names), ``crossing`` (:func:`crossing_reason`), ``themes``
        and ``objects`` (names of shared themes and boundary objects), ``contexts`` (up
        to three names), ``mechanism`` (its name or ``None``) and ``when``
        (``running_since`` with ``year``, ``running``, or ``ended`` with ``year``).

    Examples
    --------
    >>> import networkx as nx
    >>> from graph.analysis.potential import PotentialGraph
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("roc", kind="organisation", name="ROC", org_type="school")
    >>> g.add_node("bouw", kind="organisation", name="Bouwbedrijf", org_type="company")
    >>> _ = g.add_edge("roc", "bouw", type="partners_with")
    >>> pg = PotentialGraph(g)
    >>> why = hop_reasons(pg, "roc", "bouw", pg.hop_score("roc", "bouw"))
    >>> why["from"], why["to"], why["crossing"]["code"], why["when"]
    ('ROC', 'Bouwbedrijf', 'crosses_practices', {'code': 'running'})
    """
    from graph.analysis.potential import Hop, _mechanism_name

    shared = pg.shared_themes(a, b)
    hop = pg.hops.get(frozenset((a, b)), Hop())
    return {
        "from": pg.name(a),
        "to": pg.name(b),
        "crossing": crossing_reason(pg, a, b, score.boundary),
        "themes": [pg.name(t) for t in sorted(t for t, bo in shared.items() if not bo)],
        "objects": [pg.name(t) for t in sorted(t for t, bo in shared.items() if bo)],
        "contexts": [pg.name(c) for c in sorted(hop.contexts)[:3]],
        "mechanism": _mechanism_name(pg.model, score.mechanism),
        "when": _when(pg, a, b),
    }


def _when(pg: PotentialGraph, a: str, b: str) -> dict[str, Any]:
    spans = pg.spans(a, b)
    running = [since for since, ended in spans if ended is None or ended >= pg.at]
    if running:
        starts = [s for s in running if s is not None]
        return (
            {"code": "running_since", "year": min(starts).year} if starts else {"code": "running"}
        )
    ends = [ended for _, ended in spans if ended is not None]
    return {"code": "ended", "year": max(ends).year} if ends else {"code": "running"}


def recommendation_reasons(
    pg: PotentialGraph,
    node: str,
    other: str,
    hops_away: int,
    boundary: float,
    shared: Mapping[str, bool],
    meeting: list[str],
) -> list[dict[str, Any]]:
    """The reasons of a recommended tie, as the English ``reasons`` say them.

    Parameters
    ----------
    pg : PotentialGraph
        The learning-potential graph.
    node, other : str
        The actor the recommendation is for, and the recommended one.
    hops_away : int
        How many hops apart they are.
    boundary : float
        The boundary score the tie would have.
    shared : mapping of str to bool
        Shared themes (ids), each marked whether it is a boundary object.
    meeting : list of str
        The names of the contexts they share (one hop) or the brokers (two hops).

    Returns
    -------
    list of dict
        ``would_cross`` (a :func:`crossing_reason`), ``shares_themes`` (``names``),
        ``meets_in`` (``names``: shared contexts), ``introduced_by`` (``names``:
        brokers) or ``steps_away`` (``hops``).

    Examples
    --------
    >>> import networkx as nx
    >>> from graph.analysis.potential import PotentialGraph
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("roc", kind="organisation", name="ROC", org_type="school")
    >>> g.add_node("bouw", kind="organisation", name="Bouwbedrijf", org_type="company")
    >>> why = recommendation_reasons(PotentialGraph(g), "roc", "bouw", 3, 1.0, {}, [])
    >>> [reason["code"] for reason in why]
    ['would_cross', 'steps_away']
    """
    reasons: list[dict[str, Any]] = []
    crossing = crossing_reason(pg, node, other, boundary)
    if boundary > 0 and crossing["code"] in ("crosses_practices", "crosses_sectors"):
        reasons.append({"code": "would_cross", "crossing": crossing})
    if shared:
        reasons.append({"code": "shares_themes", "names": [pg.name(t) for t in sorted(shared)]})
    if hops_away == 1:
        reasons.append({"code": "meets_in", "names": meeting})
    elif hops_away == 2:
        reasons.append({"code": "introduced_by", "names": meeting})
    else:
        reasons.append({"code": "steps_away", "hops": hops_away})
    return reasons
