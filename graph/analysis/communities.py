"""Communities: Louvain and Leiden (igraph), their modularity, and the nodes that
bridge communities.

A node's *participation coefficient* (Guimerà & Amaral 2005) is
``1 − Σ_s (k_is / k_i)²`` over communities s, with ``k_is`` its ties into s: 0 when
all its ties stay in one community, approaching 1 when they are spread over many.
Nodes with ties into more than one community are the bridges.

Examples
--------
>>> r = communities(nx.karate_club_graph(), method="leiden", resolution=0.5)
>>> r.meta["count"]
2
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from typing import Any

import networkx as nx

from graph.analysis.result import Result, node_rows, to_igraph

__all__ = ["METHODS", "communities"]

METHODS = ("louvain", "leiden")


def communities(
    graph: nx.Graph,
    *,
    method: str = "leiden",
    resolution: float = 1.0,
    weighted: bool = True,
    seed: int = 0,
) -> Result:
    """Community of every node, its participation coefficient and whether it bridges.

    Runs on the undirected version of the graph; results are reproducible for a given
    ``seed``.

    Parameters
    ----------
    graph : networkx.Graph
        A simple graph.
    method : str, default "leiden"
        The community detection method.
    resolution : float, default 1.0
        Higher gives more, smaller communities.
    weighted : bool, default True
        Use the ``weight`` of ties.
    seed : int, default 0
        Seed of the random steps.

    Returns
    -------
    Result
        ``communities``: a row per node with ``community``, ``participation``,
        ``bridges`` and ``communities_reached``; ``meta`` holds ``modularity``,
        ``count`` and ``sizes`` (largest first).

    References
    ----------
    .. [1] Traag, V. A., Waltman, L. and van Eck, N. J. (2019). From Louvain to Leiden:
       guaranteeing well-connected communities. *Scientific Reports* 9, 5233.
    .. [2] Guimerà, R. and Amaral, L. A. N. (2005). Functional cartography of complex
       metabolic networks. *Nature* 433, 895–900.

    Examples
    --------
    >>> g = nx.path_graph(["a", "b", "c", "d"])
    >>> result = communities(g)
    >>> result.meta["count"], [row["bridges"] for row in result.rows]
    (2, [False, True, True, False])
    """
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; use {' or '.join(METHODS)}")
    undirected = graph.to_undirected() if graph.is_directed() else graph
    g, ids = to_igraph(undirected)
    weights = "weight" if weighted and g.ecount() else None
    state = random.getstate()
    random.seed(seed)  # igraph draws from Python's random module
    try:
        if method == "louvain":
            found = g.community_multilevel(weights=weights, resolution=resolution)
        else:
            found = g.community_leiden(
                objective_function="modularity",
                weights=weights,
                resolution=resolution,
                n_iterations=-1,
            )
    finally:
        random.setstate(state)
    # number communities by size, largest first, so that results read the same each run
    sizes = Counter(found.membership)
    order = {c: i for i, (c, _) in enumerate(sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0])))}
    membership = {node: order[c] for node, c in zip(ids, found.membership, strict=True)}
    values: dict[Any, dict[str, Any]] = {}
    for node in undirected:
        spread: defaultdict[int, float] = defaultdict(float)
        for neighbour in undirected[node]:
            if neighbour != node:
                spread[membership[neighbour]] += 1
        k = sum(spread.values())
        participation = 1 - sum((s / k) ** 2 for s in spread.values()) if k else 0.0
        values[node] = {
            "community": membership[node],
            "participation": participation,
            "bridges": any(c != membership[node] for c in spread),
            "communities_reached": len(spread),
        }
    modularity = (
        g.modularity(found.membership, weights=weights, resolution=resolution)
        if g.ecount()
        else 0.0
    )
    meta = {
        "method": method,
        "resolution": resolution,
        "modularity": modularity,
        "count": len(sizes),
        "sizes": sorted(sizes.values(), reverse=True),
        "seed": seed,
    }
    return Result("communities", node_rows(graph, values), meta)
