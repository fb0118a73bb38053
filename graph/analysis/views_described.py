"""The graph each analysis runs on, in words: docs/analyses.md and the API's description
of the analysis route say the same (a test holds them to it).

>>> "brokerage" in GRAPHS
True
"""

from __future__ import annotations

from graph.analysis.subgraphs import MAX_CONTEXT_SIZE

__all__ = ["GRAPHS"]

_VIEW = "the workspace without source documents and mentioned_in ties, filtered by kinds, types, themes and at"  # noqa: E501
_SIMPLE = (
    f"{_VIEW}; every other tie type counts; parallel ties collapsed into one with weight "
    "the sum of their strengths (1 where none is recorded); undirected unless directed "
    "(or the projection, when project is given)"
)
_ACTORS = (
    f"{_VIEW}: people and organisations only, tied by their direct ties and by each "
    f"network or activity of at most {MAX_CONTEXT_SIZE} members they share "
    "(weight: summed strengths plus 1 per shared context); groups are org_type or "
    "sector (group), a person's those of their employer"
)
#: The graph each analysis runs on (docs/analyses.md and the API description say the same).
GRAPHS: dict[str, str] = {
    "summary": f"{_SIMPLE}; components, diameter and path lengths ignore direction and count hops",
    "centrality": f"{_SIMPLE}; eigenvector and PageRank use the weights (unless "
    "weighted=false), betweenness, closeness and harmonic count hops unless "
    "path_weighted (then distance = 1 / weight)",
    "brokerage": f"{_ACTORS}; roles counted on two-paths, both directions of an undirected tie",
    "holes": f"{_SIMPLE}; weighted by weight unless weighted=false",
    "ei": f"{_ACTORS}; each tie counted once, ties to or from an actor of unknown group left out",
    "homophily": f"{_ACTORS}; each tie counted once, actors of unknown group left out; "
    "the group labels permuted over the actors (permutations, seed)",
    "ego": f"{_ACTORS}; each actor's neighbours (either direction) and the ties among them",
    "communities": f"{_SIMPLE}, its undirected version; weighted by weight unless weighted=false",
    "potential": f"{_VIEW}: the hops between people and organisations (direct ties and "
    "shared networks or activities), scored by the learning-potential model "
    "(docs/learning-potential.md)",
    "paths": "the hops of potential, each costing 1 − potential + the hop penalty",
    "recommend": "the hops of potential: actors a few hops away without a direct tie",
    "change": f"{_VIEW} (without at) on each of the two dates (or each date of over); degree "
    "and betweenness on its undirected simple graph, betweenness counting hops; brokerage "
    "on its actors; ties gained and lost by their own dates",
}
