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
from graph.analysis.result import Result

__all__ = ["learning_paths"]


def learning_paths(pg: PotentialGraph, source: str, target: str, *, k: int = 3) -> Result:
    """The k best learning-potential paths from ``source`` to ``target`` (actors)."""
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
