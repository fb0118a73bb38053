"""Betweenness counting steps (every tie one step), compiled, on every core as threads.

Brandes' algorithm [1]_: a breadth-first search from each source counts the shortest
paths to every node (``sigma``), and a pass back over the nodes in the reverse order of
their distance adds each node's dependency on the source. Here the search also lists,
node by node, the ties of the shortest-path DAG it found (to a node one step further),
and the pass back pulls along those alone (``coef[w] = (1 + delta[w]) / sigma[w]``
summed over a node's successors): it reads at most half the ties the search read and
writes one value per node. The loop is compiled once by numba (kept in numba's cache
on disk, so a later process loads it) and releases the interpreter's lock, so the
sources are shared among threads of this process: no worker process to start, no graph
to ship. igraph's own betweenness (over
worker processes, :mod:`graph.analysis.parallel`) stays the path for weighted ties, and
for a platform where numba is missing. The values equal igraph's
(``tests/graph/analysis/test_brandes.py``).

References
----------
.. [1] Brandes, U. (2001). A faster algorithm for betweenness centrality. *Journal of
   Mathematical Sociology* 25, 163–177.

Examples
--------
>>> from graph.analysis.igraph_import import ig
>>> g = ig.Graph.Famous("Zachary")
>>> ours = betweenness(g, directed=False)
>>> max(abs(a - b) for a, b in zip(ours, g.betweenness(directed=False))) < 1e-9
True
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np

from graph.analysis.memo import PerObject

__all__ = ["available", "betweenness"]

_KERNEL: Any = None
_KERNEL_LOCK = threading.Lock()


def _compiled() -> Any:
    """The compiled loop (numba imported and the loop compiled, or read from numba's
    cache, at the first call); ``None`` without numba."""
    global _KERNEL
    with _KERNEL_LOCK:
        if _KERNEL is None:
            try:
                import numba
            except ImportError:  # pragma: no cover - numba is a dependency
                _KERNEL = False
                return None
            signature = "void(int64[::1], int32[::1], int32[::1], float64[::1])"
            try:
                _KERNEL = numba.njit(signature, nogil=True, cache=True)(_accumulate)
            except RuntimeError:  # no writable place for numba's cache: compile each time
                _KERNEL = numba.njit(signature, nogil=True)(_accumulate)
        return _KERNEL or None


def available() -> bool:
    """Whether the compiled betweenness can run here (numba is installed).

    Parameters
    ----------
    None

    Returns
    -------
    bool
        ``True`` when :func:`betweenness` can be used.

    Examples
    --------
    >>> available()
    True
    """
    return _compiled() is not None


def _accumulate(indptr: Any, indices: Any, sources: Any, total: Any) -> None:  # pragma: no cover
    """Brandes' dependencies of every node on each of ``sources``, added to ``total``
    (compiled by numba; plain Python would be far too slow)."""
    n = indptr.shape[0] - 1
    dist = np.full(n, -1, np.int32)
    sigma = np.zeros(n, np.float64)
    coef = np.zeros(n, np.float64)
    order = np.empty(n, np.int32)
    start = np.empty(n + 1, np.int64)  # where each visited node's successors begin
    successors = np.empty(indices.shape[0], np.int32)  # the shortest-path DAG's ties
    for s in sources:
        dist[s] = 0
        sigma[s] = 1.0
        order[0] = s
        head, tail, kept = 0, 1, 0
        while head < tail:  # the search: distances, path counts and the DAG's ties
            v = order[head]
            start[head] = kept
            head += 1
            step, paths = dist[v] + 1, sigma[v]
            for k in range(indptr[v], indptr[v + 1]):
                w = indices[k]
                d = dist[w]
                if d < 0:
                    dist[w] = step
                    sigma[w] = paths
                    order[tail] = w
                    tail += 1
                    successors[kept] = w
                    kept += 1
                elif d == step:
                    sigma[w] += paths
                    successors[kept] = w
                    kept += 1
        start[tail] = kept
        for i in range(tail - 1, 0, -1):  # back, farthest first: pull from the successors
            v = order[i]
            pulled = 0.0
            for j in range(start[i], start[i + 1]):
                pulled += coef[successors[j]]
            delta = sigma[v] * pulled
            total[v] += delta
            coef[v] = (1.0 + delta) / sigma[v]
        for i in range(tail):
            v = order[i]
            dist[v] = -1
            sigma[v] = 0.0
            coef[v] = 0.0


#: per igraph graph (while it lives) and direction: its successors as compressed rows
_ROWS: PerObject[tuple[Any, Any, Any]] = PerObject()


def _rows(g: Any, directed: bool) -> tuple[Any, Any, Any]:
    """The successors of every vertex as compressed rows (``indptr``, ``indices``): the
    out-neighbours on a directed graph, both ends of every tie on an undirected one; the
    vertices renumbered in breadth-first order from the best-connected one (``new[v]``
    is vertex ``v``'s number there), so that neighbours lie close in memory (about a
    seventh faster on 10 000 nodes)."""
    kept = _ROWS.get(g, directed)
    if kept is not None:
        return kept
    n = g.vcount()
    new = np.arange(n, dtype=np.int64)
    if n:
        reached = np.asarray(g.bfs(int(np.argmax(g.degree())), mode="all")[0], dtype=np.int64)
        missed = np.ones(n, dtype=bool)
        missed[reached] = False
        order = np.concatenate([reached, np.flatnonzero(missed)])
        new[order] = np.arange(n)
    ends = new[np.asarray(g.get_edgelist(), dtype=np.int64).reshape(-1, 2)]
    heads, tails = ends[:, 0], ends[:, 1]
    if not directed or not g.is_directed():
        heads, tails = np.concatenate([heads, tails]), np.concatenate([tails, heads])
    ranked = np.argsort(heads, kind="stable")
    indices = np.ascontiguousarray(tails[ranked], dtype=np.int32)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(heads, minlength=n), out=indptr[1:])
    _ROWS.put(g, directed, (indptr, indices, new))
    return indptr, indices, new


def betweenness(
    g: Any,
    *,
    directed: bool,
    sources: Sequence[int] | None = None,
    threads: int | None = None,
) -> list[float]:
    """Raw betweenness counting steps, as igraph's ``g.betweenness(directed=…,
    sources=…)`` gives it (on an undirected graph each pair of ends counted once).

    Parameters
    ----------
    g : igraph.Graph
        The graph (its edge weights are not read: every tie is one step).
    directed : bool
        Follow the ties' direction (on a directed graph).
    sources : sequence of int, optional
        The sources whose shortest paths count (all when ``None``).
    threads : int, optional
        Threads to share the sources (default: the cores this process may use,
        :func:`graph.analysis.parallel.workers`).

    Returns
    -------
    list of float
        The raw betweenness of each vertex.

    Examples
    --------
    >>> from graph.analysis.igraph_import import ig
    >>> betweenness(ig.Graph([(0, 1), (1, 2)]), directed=False)
    [0.0, 1.0, 0.0]
    >>> betweenness(ig.Graph([(0, 1), (1, 2)], directed=True), directed=True, sources=[0])
    [0.0, 1.0, 0.0]
    """
    from graph.analysis import parallel

    kernel = _compiled()
    if kernel is None:  # pragma: no cover - numba is a dependency
        raise RuntimeError("the compiled betweenness needs numba")
    n = g.vcount()
    indptr, indices, new = _rows(g, directed)
    chosen = np.arange(n, dtype=np.int64) if sources is None else np.asarray(sources, np.int64)
    if len(chosen) and (chosen.min() < 0 or chosen.max() >= n):  # unchecked when compiled
        raise ValueError(f"a source is not a vertex of this graph of {n}")
    chosen = new[chosen].astype(np.int32)
    count = max(1, min(threads or parallel.workers(), len(chosen)))
    totals = np.zeros((count, n))
    if count == 1:
        kernel(indptr, indices, chosen, totals[0])
    else:
        # interleaved parts, so that hubs and leaves are spread evenly over the threads
        parts = [np.ascontiguousarray(chosen[i::count]) for i in range(count)]
        with ThreadPoolExecutor(count, thread_name_prefix="betweenness") as pool:
            list(pool.map(kernel, [indptr] * count, [indices] * count, parts, totals))
    found = totals.sum(axis=0)[new]
    if not (directed and g.is_directed()):
        found /= 2.0  # each pair of ends was counted from both sides
    return [float(x) for x in found]
