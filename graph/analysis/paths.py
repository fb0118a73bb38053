"""Learning paths: the best chains of hops between two actors by learning potential.

Examples
--------
>>> import networkx as nx
>>> from graph.analysis.potential import PotentialGraph
>>> g = nx.MultiDiGraph()
>>> g.add_node("roc", kind="organisation", name="ROC", org_type="school")
>>> g.add_node("bouwbedrijf", kind="organisation", name="Bouwbedrijf", org_type="company")
>>> _ = g.add_edge("roc", "bouwbedrijf", type="partners_with")
>>> learning_paths(PotentialGraph(g), "roc", "bouwbedrijf").rows[0]["names"]
['ROC', 'Bouwbedrijf']
"""

from __future__ import annotations

import itertools
from typing import Any

import networkx as nx

from graph.analysis.potential import PotentialGraph, hop_graph, require_actor
from graph.analysis.reasons import hop_reasons
from graph.analysis.result import Result

__all__ = ["learning_paths"]


def learning_paths(pg: PotentialGraph, source: str, target: str, *, k: int = 3) -> Result:
    """The ``k`` best learning-potential paths from ``source`` to ``target``.

    A hop costs ``1 - potential + hop_penalty``; paths are the ``k`` cheapest simple
    paths (Yen's algorithm, as networkx's ``shortest_simple_paths``).

    Parameters
    ----------
    pg : PotentialGraph
        The actors of a view and the hops between them.
    source, target : str
        Ids of two actors (people or organisations).
    k : int, default 3
        How many paths at most.

    Returns
    -------
    Result
        ``paths``: a row per path with ``rank``, ``nodes``, ``names``, ``hops``, the mean
        ``potential`` and its ``steps`` (each with its potential and explanation).

    Raises
    ------
    KeyError
        For a node that is not there.
    ValueError
        For a node that is no actor.

    References
    ----------
    .. [1] Yen, J. Y. (1971). Finding the k shortest loopless paths in a network.
       *Management Science* 17(11), 712–716.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("ann", kind="person", name="Ann")
    >>> g.add_node("roc", kind="organisation", name="ROC", org_type="school")
    >>> g.add_node("bouw", kind="organisation", name="Bouwbedrijf", org_type="company")
    >>> _ = g.add_edge("ann", "roc", type="works_at")
    >>> _ = g.add_edge("ann", "bouw", type="collaborates_with")
    >>> result = learning_paths(PotentialGraph(g), "roc", "bouw")
    >>> result.rows[0]["names"], result.meta["found"]
    (['ROC', 'Ann', 'Bouwbedrijf'], 1)
    """
    for end in (source, target):
        require_actor(pg, end, "paths run between people and organisations")
    hops = hop_graph(pg)
    rows: list[dict[str, Any]] = []
    if source != target and nx.has_path(hops, source, target):
        for path in itertools.islice(nx.shortest_simple_paths(hops, source, target, "cost"), k):
            steps = []
            for a, b in itertools.pairwise(path):
                score = pg.hop_score(a, b)
                steps.append(
                    {
                        "from": a,
                        "to": b,
                        "potential": score.total,
                        "explanation": pg.explain(a, b, score),
                        "why": hop_reasons(pg, a, b, score),
                    }
                )
            rows.append(
                {
                    "rank": len(rows) + 1,
                    "nodes": path,
                    "names": [pg.name(n) for n in path],
                    "hops": len(steps),
                    "potential": sum(s["potential"] for s in steps) / len(steps),
                    "steps": steps,
                }
            )
    meta = {"source": source, "target": target, "k": k, "found": len(rows)}
    return Result("paths", rows, meta)
