"""Path-based centralities spread over the machine's cores.

Betweenness is a sum over source nodes (Brandes 2001): igraph computes it for a subset
of sources, and the sums over a partition of the sources add up to the whole. Closeness
and harmonic centrality are computed node by node, so a partition of the nodes gives
each its own value. Each part runs in a worker process (a ``forkserver`` pool: no
locks of a threaded server inherited, started once per process and kept) on the same
igraph graph; below :data:`MIN_NODES` nodes, or with one core, everything runs here.

Examples
--------
>>> import igraph as ig
>>> g = ig.Graph.Famous("Zachary")
>>> split = betweenness(g, directed=False, weights=None, workers=2, min_nodes=0)
>>> max(abs(a - b) for a, b in zip(split, g.betweenness(directed=False))) < 1e-9
True
"""

from __future__ import annotations

import functools
import logging
import multiprocessing
import os
import select
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing import forkserver
from typing import Any

import numpy as np

from graph.analysis.igraph_import import ig
from graph.analysis.memo import PerObject

__all__ = ["MIN_NODES", "betweenness", "closeness", "harmonic", "warm", "workers"]

#: below this many nodes a worker's start costs more than it saves
MIN_NODES = 3_000
_LOG = logging.getLogger(__name__)


def workers() -> int:
    """The cores this process may use (``GRENSWERK_ANALYSIS_WORKERS`` caps them).

    Parameters
    ----------
    None

    Returns
    -------
    int
        At least 1.

    Examples
    --------
    >>> workers() >= 1
    True
    """
    try:
        available = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        available = os.cpu_count() or 1
    cap = os.environ.get("GRENSWERK_ANALYSIS_WORKERS", "")
    return max(1, min(available, int(cap))) if cap.isdigit() and int(cap) > 0 else available


@dataclass(frozen=True)
class _Shipped:
    """A graph as it travels to the workers: its ties as arrays (a copy of numbers, not
    an object to rebuild tie by tie) and a token under which a worker keeps the graph
    it rebuilt for the next parts and calls."""

    token: str
    n: int
    directed: bool
    edges: Any
    weights: str | None
    lengths: Any


#: per igraph graph (while it lives) and weight: what is shipped
_SHIPPED: PerObject[_Shipped] = PerObject()
#: in a worker: the graphs rebuilt, by token (the last few)
_RECEIVED: OrderedDict[str, Any] = OrderedDict()
_KEPT = 2


def _shipped(g: Any, weights: str | None) -> _Shipped:
    """The graph and the weights the workers need, made once per graph."""
    kept = _SHIPPED.get(g, weights)
    if kept is not None:
        return kept
    shipped = _Shipped(
        token=uuid.uuid4().hex,
        n=g.vcount(),
        directed=g.is_directed(),
        edges=np.asarray(g.get_edgelist(), dtype=np.int32).reshape(-1, 2),  # 4 B a number
        weights=weights,
        lengths=None if weights is None else np.asarray(g.es[weights], dtype=float),
    )
    _SHIPPED.put(g, weights, shipped)
    return shipped


def _received(g: Any) -> Any:
    """The igraph graph of a part: as given, or rebuilt from what was shipped (once per
    token in this worker)."""
    if not isinstance(g, _Shipped):
        return g
    if g.token not in _RECEIVED:
        rebuilt = ig.Graph(n=g.n, edges=g.edges, directed=g.directed)
        if g.weights is not None:
            rebuilt.es[g.weights] = g.lengths.tolist()
        _RECEIVED[g.token] = rebuilt
        while len(_RECEIVED) > _KEPT:
            _RECEIVED.popitem(last=False)
    _RECEIVED.move_to_end(g.token)
    return _RECEIVED[g.token]


def _betweenness_part(g: Any, directed: bool, weights: str | None, sources: list[int]) -> Any:
    found = _received(g).betweenness(directed=directed, weights=weights, sources=sources)
    return np.array(found)


def _closeness_part(g: Any, mode: str, weights: str | None, vertices: list[int]) -> list[float]:
    found = _received(g).closeness(vertices=vertices, mode=mode, weights=weights, normalized=False)
    return list(found)


def _harmonic_part(g: Any, mode: str, weights: str | None, vertices: list[int]) -> list[float]:
    found = _received(g).harmonic_centrality(
        vertices=vertices, mode=mode, weights=weights, normalized=False
    )
    return list(found)


def _parts(items: Sequence[int], count: int) -> list[list[int]]:
    """``count`` interleaved parts (hubs and leaves spread evenly)."""
    return [list(items[i::count]) for i in range(count) if items[i::count]]


_POOLS: dict[int, ProcessPoolExecutor] = {}
_POOLS_LOCK = threading.Lock()
#: what the fork server imports once, so that a worker forked from it starts ready
#: (``__main__`` as multiprocessing does by default, and this module with igraph/numpy)
_PRELOAD = ["__main__", __name__]


def _pool(size: int) -> ProcessPoolExecutor:
    """A pool of ``size`` workers, started once and kept (a worker's start is slow); each
    worker ends when this process ends (:func:`_end_with`)."""
    with _POOLS_LOCK:
        if size not in _POOLS:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(_PRELOAD)  # no effect once the server runs
            _POOLS[size] = ProcessPoolExecutor(
                max_workers=size,
                mp_context=context,
                initializer=_end_with,
                initargs=(os.getpid(),),
            )
        return _POOLS[size]


def _end_with(owner: int) -> None:
    """In a worker: end this process as soon as ``owner`` (the process whose pool it
    serves) has ended, however it ended (SIGKILL too), instead of waiting forever for
    work: the worker is the fork server's child, and every worker holds the ends of the
    pipes that would tell the others, so nothing else would end them.

    A thread waits on a pidfd of the owner (Linux), or polls it each second elsewhere;
    the fork server and the resource tracker end once the last worker is gone.
    """
    try:
        handle: int | None = os.pidfd_open(owner)
    except (AttributeError, OSError):  # not Linux 5.3+, or the owner is gone already
        handle = None
        if not _alive(owner):
            os._exit(0)
    threading.Thread(target=_wait_for, args=(owner, handle), daemon=True).start()


def _wait_for(owner: int, handle: int | None) -> None:
    if handle is not None:
        select.select([handle], [], [])  # readable once the process has ended
    else:
        while _alive(owner):
            time.sleep(1)
    os._exit(0)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's (the id was reused)
        return True
    return True


def _drop(size: int) -> None:
    """Forget a pool whose workers failed (the next call starts a new one)."""
    with _POOLS_LOCK:
        broken = _POOLS.pop(size, None)
    if broken is not None:
        broken.shutdown(wait=False, cancel_futures=True)


def warm(n: int, workers: int | None = None, min_nodes: int | None = None) -> bool:
    """Start the fork server the workers of a graph of ``n`` nodes will come from: it
    imports the program (the slow part of a worker's start, about a second) in its own
    process while the work here goes on, so that the first path-based centrality only
    waits for the forks. Nothing is left to wait for at exit (the server ends with this
    process).

    Parameters
    ----------
    n : int
        Nodes of the graph about to be analysed.
    workers, min_nodes : int, optional
        As for :func:`betweenness`.

    Returns
    -------
    bool
        Whether the server was started (not when one core is worth it, when the
        workers run already or when it cannot start: the workers then start, or fall
        back, when needed).

    Examples
    --------
    >>> warm(10)  # too small to be worth a worker
    False
    """
    if workers_for(n, workers, min_nodes) == 1:
        return False
    with _POOLS_LOCK:
        if _POOLS:
            return False
        try:
            forkserver.set_forkserver_preload(_PRELOAD)  # no effect once it runs
            forkserver.ensure_running()
        except (OSError, RuntimeError, ValueError) as exc:
            _LOG.warning("the analysis workers' server did not start (%s)", exc)
            return False
    return True


def _run(
    function: Any, g: Any, arguments: tuple[Any, ...], parts: list[list[int]], count: int
) -> list[Any]:
    """Each part by one of ``count`` workers (the graph shipped as arrays, rebuilt once
    per worker); here, one after the other, when workers cannot start (a script without
    an ``if __name__ == "__main__"`` guard) or one died."""
    task = functools.partial(function, _shipped(g, arguments[1]), *arguments)
    try:
        return list(_pool(count).map(task, parts))
    except (BrokenProcessPool, RuntimeError, OSError) as exc:
        _drop(count)
        _LOG.warning("analysis workers failed (%s): computing in this process", exc)
        here = functools.partial(function, g, *arguments)
        return [here(part) for part in parts]


def betweenness(
    g: Any,
    *,
    directed: bool,
    weights: str | None,
    sources: Sequence[int] | None = None,
    workers: int | None = None,
    min_nodes: int | None = None,
) -> list[float]:
    """igraph's betweenness (over ``sources``: all nodes when ``None``), summed over
    parts of the sources computed in parallel.

    Parameters
    ----------
    g : igraph.Graph
        The graph.
    directed : bool
        Follow the ties' direction.
    weights : str, optional
        The edge attribute that is the length of a tie (``None``: every tie is one step).
    sources : sequence of int, optional
        The sources whose shortest paths count (all when ``None``).
    workers : int, optional
        Processes to use (default: :func:`workers`).
    min_nodes : int, optional
        Below this many nodes no worker is started (default :data:`MIN_NODES`).

    Returns
    -------
    list of float
        The raw betweenness of each vertex, as ``g.betweenness`` gives it.

    Examples
    --------
    >>> import igraph as ig
    >>> betweenness(ig.Graph([(0, 1), (1, 2)]), directed=False, weights=None)
    [0.0, 1.0, 0.0]
    """
    n = g.vcount()
    count = workers_for(n, workers, min_nodes)
    if count == 1:
        if sources is None:
            return list(g.betweenness(directed=directed, weights=weights))
        return list(g.betweenness(directed=directed, weights=weights, sources=list(sources)))
    everyone = list(range(n)) if sources is None else list(sources)
    parts = _run(_betweenness_part, g, (directed, weights), _parts(everyone, count), count)
    return [float(x) for x in np.sum(parts, axis=0)]


def workers_for(n: int, wanted: int | None, min_nodes: int | None) -> int:
    """How many processes a graph of ``n`` nodes is worth."""
    if n < max(MIN_NODES if min_nodes is None else min_nodes, 2):
        return 1
    return max(1, wanted if wanted is not None else workers())


def _by_vertex(
    function: Any,
    g: Any,
    mode: str,
    weights: str | None,
    workers: int | None,
    min_nodes: int | None,
) -> list[float]:
    n = g.vcount()
    count = workers_for(n, workers, min_nodes)
    if count == 1:
        return list(function(g, mode, weights, list(range(n))))
    parts = _parts(range(n), count)
    found_parts = _run(function, g, (mode, weights), parts, count)
    values = np.zeros(n)
    for part, found in zip(parts, found_parts, strict=True):
        values[part] = found
    return [float(x) for x in values]


def closeness(
    g: Any,
    *,
    mode: str,
    weights: str | None,
    workers: int | None = None,
    min_nodes: int | None = None,
) -> list[float]:
    """igraph's unnormalised closeness of every vertex, the vertices shared among the
    workers.

    Parameters
    ----------
    g : igraph.Graph
        The graph.
    mode : str
        ``in``, ``out`` or ``all`` (direction ignored).
    weights : str, optional
        The edge attribute that is the length of a tie (``None``: one step each).
    workers, min_nodes : int, optional
        As for :func:`betweenness`.

    Returns
    -------
    list of float
        1 / Σ d over the vertices reached (NaN where it reaches no one).

    Examples
    --------
    >>> import igraph as ig
    >>> closeness(ig.Graph([(0, 1), (1, 2)]), mode="all", weights=None)
    [0.3333333333333333, 0.5, 0.3333333333333333]
    """
    return _by_vertex(_closeness_part, g, mode, weights, workers, min_nodes)


def harmonic(
    g: Any,
    *,
    mode: str,
    weights: str | None,
    workers: int | None = None,
    min_nodes: int | None = None,
) -> list[float]:
    """igraph's unnormalised harmonic centrality of every vertex, the vertices shared
    among the workers.

    Parameters
    ----------
    g : igraph.Graph
        The graph.
    mode : str
        ``in``, ``out`` or ``all`` (direction ignored).
    weights : str, optional
        The edge attribute that is the length of a tie (``None``: one step each).
    workers, min_nodes : int, optional
        As for :func:`betweenness`.

    Returns
    -------
    list of float
        Σ 1/d over the other vertices.

    Examples
    --------
    >>> import igraph as ig
    >>> harmonic(ig.Graph([(0, 1), (1, 2)]), mode="all", weights=None)
    [1.5, 2.0, 1.5]
    """
    return _by_vertex(_harmonic_part, g, mode, weights, workers, min_nodes)
