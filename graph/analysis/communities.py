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

from collections import Counter
from typing import Any

import networkx as nx
import numpy as np

from graph.analysis.igraph_import import ig
from graph.analysis.result import Result, igraph_seeded, node_rows, to_igraph

__all__ = [
    "LEIDEN_MAX_ITERATIONS",
    "METHODS",
    "communities",
    "spread_over_communities",
    "spread_over_neighbours",
]

METHODS = ("louvain", "leiden")
#: Leiden stops after this many rounds when it has not settled sooner. The small
#: workspaces settle within it (their communities are those of running until stable);
#: on 100 000 nodes / 500 000 ties it would run about 46 rounds, the last 36 of which
#: add 0.0004–0.0005 to the modularity (of about 0.357) for 15 of its 21 seconds.
LEIDEN_MAX_ITERATIONS = 10


def communities(
    graph: nx.Graph,
    *,
    method: str = "leiden",
    resolution: float = 1.0,
    weighted: bool = True,
    seed: int = 0,
    max_iterations: int = LEIDEN_MAX_ITERATIONS,
    converted: tuple[ig.Graph, list[Any]] | None = None,
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
    max_iterations : int, default :data:`LEIDEN_MAX_ITERATIONS`
        Leiden: run rounds until the communities no longer change, at most this many.
    converted : tuple of (igraph.Graph, list), optional
        The graph already in igraph (:func:`graph.analysis.result.to_igraph` of an
        undirected ``graph``), to skip converting it again.

    Returns
    -------
    Result
        ``communities``: a row per node with ``community``, ``participation``,
        ``bridges`` and ``communities_reached``; ``meta`` holds ``modularity``,
        ``count`` and ``sizes`` (largest first); for Leiden also ``iterations`` (the
        rounds run) and ``converged`` (whether the last round changed nothing).

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
    if max_iterations < 1:
        raise ValueError(f"max_iterations must be at least 1, not {max_iterations}")
    undirected = graph.to_undirected() if graph.is_directed() else graph
    if converted is None or graph.is_directed():
        converted = to_igraph(undirected)
    g, ids = converted
    weights = "weight" if weighted and g.ecount() else None
    rounds: dict[str, Any] = {}
    with igraph_seeded(seed):  # igraph draws from Python's random module
        if method == "louvain":
            found = g.community_multilevel(weights=weights, resolution=resolution)
        else:
            found, rounds = _leiden(g, weights, resolution, max_iterations)
    # number communities by size, largest first, so that results read the same each run
    sizes = Counter(found.membership)
    order = {c: i for i, (c, _) in enumerate(sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0])))}
    membership = {node: order[c] for node, c in zip(ids, found.membership, strict=True)}
    values = spread_over_communities(undirected, membership)
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
        **rounds,
    }
    return Result("communities", node_rows(graph, values), meta)


def _leiden(
    g: ig.Graph, weights: str | None, resolution: float, max_iterations: int
) -> tuple[ig.VertexClustering, dict[str, Any]]:
    """Leiden (modularity) round by round from the previous round's communities, until a
    round changes nothing or after ``max_iterations`` rounds; one round at a time is
    what igraph's ``n_iterations=-1`` does (same random draws, same result)."""
    found = g.community_leiden(
        objective_function="modularity", weights=weights, resolution=resolution, n_iterations=1
    )
    iterations, converged = 1, False
    while iterations < max_iterations:
        again = g.community_leiden(
            objective_function="modularity",
            weights=weights,
            resolution=resolution,
            n_iterations=1,
            initial_membership=found.membership,
        )
        iterations += 1
        converged = again.membership == found.membership
        found = again
        if converged:
            break
    return found, {"iterations": iterations, "converged": converged}


def spread_over_communities(
    graph: nx.Graph, membership: dict[Any, int]
) -> dict[Any, dict[str, Any]]:
    """Each node's community, participation coefficient, whether it bridges and how many
    communities its neighbours are in, for all nodes at once.

    The participation ``1 − Σ_s (k_is / k_i)²`` is summed over the communities in the
    order the node's neighbours first reach them, with ``pow`` as Python's ``**``, so
    the floats are those of summing node by node.

    Parameters
    ----------
    graph : networkx.Graph
        An undirected simple graph (loops are left out).
    membership : dict
        The community of every node.

    Returns
    -------
    dict
        Per node, in the graph's order: ``community``, ``participation``, ``bridges``
        and ``communities_reached``.

    Examples
    --------
    >>> g = nx.path_graph(["a", "b", "c"])
    >>> spread_over_communities(g, {"a": 0, "b": 0, "c": 1})["b"]
    {'community': 0, 'participation': 0.5, 'bridges': True, 'communities_reached': 2}
    """
    nodes = list(graph)
    n = len(nodes)
    adjacency = graph._adj
    index = {node: i for i, node in enumerate(nodes)}
    degree = np.fromiter(
        (len(adjacency[node]) - (node in adjacency[node]) for node in nodes),
        dtype=np.int64,
        count=n,
    )
    reached_node = np.fromiter(
        (index[v] for u in nodes for v in adjacency[u] if v != u), dtype=np.int64
    )
    return spread_over_neighbours(nodes, degree, reached_node, membership)


def spread_over_neighbours(
    nodes: list[Any], degree: Any, reached_node: Any, membership: dict[Any, int]
) -> dict[Any, dict[str, Any]]:
    """:func:`spread_over_communities` from the neighbours of each node: ``degree[i]``
    neighbours of ``nodes[i]``, listed node after node in ``reached_node`` (indices into
    ``nodes``, no loops).

    Parameters
    ----------
    nodes : list
        The node ids.
    degree : numpy.ndarray
        How many neighbours each node has (int64).
    reached_node : numpy.ndarray
        The neighbours' indices, those of ``nodes[0]`` first (int64).
    membership : dict
        The community of every node.

    Returns
    -------
    dict
        As :func:`spread_over_communities`.

    Examples
    --------
    >>> spread = spread_over_neighbours(
    ...     ["a", "b", "c"], np.array([1, 2, 1]), np.array([1, 0, 2, 1]), {"a": 0, "b": 0, "c": 1}
    ... )
    >>> spread["b"]["participation"], spread["b"]["communities_reached"]
    (0.5, 2)
    """
    n = len(nodes)
    own = np.fromiter((membership[node] for node in nodes), dtype=np.int64, count=n)
    source = np.repeat(np.arange(n, dtype=np.int64), degree)
    community = own[reached_node] if len(reached_node) else reached_node
    width = int(own.max()) + 1 if n else 1
    keys, first, counts = np.unique(
        source * width + community, return_index=True, return_counts=True
    )
    order = np.argsort(first, kind="stable")  # per node, communities as first reached
    node_of, community_of = keys[order] // width, keys[order] % width
    counted = counts[order].astype(np.float64)
    k = np.bincount(node_of, weights=counted, minlength=n)
    terms = np.float_power(counted / k[node_of], 2.0) if len(counted) else counted
    starts = np.searchsorted(node_of, np.arange(n))
    rank = np.arange(len(node_of)) - starts[node_of]
    total = np.zeros(n)
    for position in range(int(rank.max()) + 1 if len(rank) else 0):
        at = rank == position  # one term per node: added left to right, as sum() does
        total[node_of[at]] += terms[at]
    participation = np.where(k > 0, 1 - total, 0.0)
    reached = np.bincount(node_of, minlength=n)
    bridges = np.bincount(node_of[community_of != own[node_of]], minlength=n) > 0
    return {
        node: {
            "community": membership[node],
            "participation": p,
            "bridges": b,
            "communities_reached": r,
        }
        for node, p, b, r in zip(
            nodes, participation.tolist(), bridges.tolist(), reached.tolist(), strict=True
        )
    }
