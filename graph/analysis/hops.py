"""Hop distances from many sources at once: a breadth-first search of 64 sources per
machine word (bit-parallel BFS), in numpy.

Each node holds one bit per source, set once the source has reached it. A step ORs
the bits of a node's predecessors (the nodes with a tie to it) into it; the bits that
are new at step ``L`` are the sources at ``L`` hops. Counting them gives, for every
node, how many sources lie at each distance: closeness, harmonic centrality, reach,
diameter and average path length (counted in hops) all follow from these counts, for
hundreds of sources in one pass over the ties instead of one search per source.

Examples
--------
>>> import igraph as ig
>>> counts = hop_counts(ig.Graph([(0, 1), (1, 2)]), [0, 2], directed=False)
>>> counts.tolist()  # one hop: node 1 from both; two hops: 2 from 0 and 0 from 2
[[0, 2, 0], [1, 0, 1]]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = ["Distances", "distances_to", "hop_counts"]

#: sources searched together (a multiple of 64): 8 words a node
CHUNK = 512


def _predecessors(g: Any, directed: bool, edges: Any | None = None) -> tuple[Any, Any]:
    """Compressed rows: ``indices[indptr[v]:indptr[v + 1]]`` are the nodes with a tie
    to ``v`` (its neighbours, when direction is ignored)."""
    n = g.vcount()
    ends = np.asarray(g.get_edgelist() if edges is None else edges, dtype=np.int64)
    ends = ends.reshape(-1, 2)
    tails, heads = ends[:, 0], ends[:, 1]
    if not (directed and g.is_directed()):
        tails, heads = np.concatenate([tails, heads]), np.concatenate([heads, tails])
    order = np.argsort(heads, kind="stable")
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(heads, minlength=n), out=indptr[1:])
    return indptr, tails[order]


def _chunk_counts(indptr: Any, indices: Any, n: int, sources: Sequence[int]) -> list[Any]:
    """For up to :data:`CHUNK` distinct sources: a row per distance ``L`` (1, 2, …) with,
    for each node, how many of the sources are ``L`` hops from it."""
    k = len(sources)
    seen = np.zeros((n, (k + 63) // 64), dtype=np.uint64)
    position = np.arange(k)
    bits = np.left_shift(np.uint64(1), (position % 64).astype(np.uint64))
    np.bitwise_or.at(seen, (np.asarray(sources, dtype=np.int64), position // 64), bits)
    rows = np.flatnonzero(np.diff(indptr) > 0)  # nodes with a predecessor
    starts = indptr[rows]
    frontier, levels = seen.copy(), []
    while len(rows):
        new = np.zeros_like(seen)
        new[rows] = np.bitwise_or.reduceat(frontier[indices], starts, axis=0)
        new &= ~seen
        found = np.bitwise_count(new).sum(axis=1, dtype=np.int64)
        if not found.any():
            break
        seen |= new
        levels.append(found)
        frontier = new
    return levels


def hop_counts(g: Any, sources: Sequence[int], *, directed: bool, edges: Any | None = None) -> Any:
    """How many of ``sources`` are at each distance of each node.

    Parameters
    ----------
    g : igraph.Graph
        The graph (edge attributes are not used: every tie is one hop).
    sources : sequence of int
        Distinct vertex indices.
    directed : bool
        Follow the ties' direction (paths run from a source to the node); ``False``
        ignores it.
    edges : numpy.ndarray, optional
        ``g``'s edge list as an (m, 2) array, when already made.

    Returns
    -------
    numpy.ndarray
        ``counts[L - 1, v]``: the sources ``s ≠ v`` with ``d(s, v) = L``; as many rows
        as the longest distance found (none when no source reaches another node).

    Examples
    --------
    >>> import igraph as ig
    >>> hop_counts(ig.Graph([(0, 1), (1, 2)], directed=True), [0], directed=True).tolist()
    [[0, 1, 0], [0, 0, 1]]
    """
    n = g.vcount()
    indptr, indices = _predecessors(g, directed, edges)
    total: list[Any] = []
    for start in range(0, len(sources), CHUNK):
        levels = _chunk_counts(indptr, indices, n, sources[start : start + CHUNK])
        for i, found in enumerate(levels):
            if i < len(total):
                total[i] += found
            else:
                total.append(found)
    return np.array(total, dtype=np.int64).reshape(len(total), n)


class Distances:
    """Sums over the distances from a set of sources to each node (hops).

    Attributes
    ----------
    total : numpy.ndarray
        Σ d(s, v) over the sources that reach ``v``.
    inverse : numpy.ndarray
        Σ 1 / d(s, v) over them.
    reached : numpy.ndarray
        How many sources (other than ``v``) reach ``v``.
    longest : int
        The longest distance found (0 when none).
    """

    def __init__(self, counts: Any) -> None:
        hops = np.arange(1, counts.shape[0] + 1, dtype=np.int64)[:, None]
        self.total = (counts * hops).sum(axis=0)
        self.inverse = (counts / hops).sum(axis=0)
        self.reached = counts.sum(axis=0)
        self.longest = int(counts.shape[0])


def distances_to(
    g: Any, sources: Sequence[int] | None = None, *, directed: bool, edges: Any | None = None
) -> Distances:
    """The distance sums of every node, from ``sources`` (every node when ``None``).

    Parameters
    ----------
    g : igraph.Graph
        The graph.
    sources : sequence of int, optional
        Distinct vertex indices.
    directed, edges
        As for :func:`hop_counts`.

    Returns
    -------
    Distances
        ``total``, ``inverse``, ``reached`` and ``longest``.

    Examples
    --------
    >>> import igraph as ig
    >>> d = distances_to(ig.Graph([(0, 1), (1, 2)]), directed=False)
    >>> d.total.tolist(), d.inverse.tolist(), d.reached.tolist(), d.longest
    ([3, 2, 3], [1.5, 2.0, 1.5], [2, 2, 2], 2)
    """
    everyone = range(g.vcount()) if sources is None else sources
    return Distances(hop_counts(g, list(everyone), directed=directed, edges=edges))
