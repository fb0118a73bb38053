"""The query engines of a process: one worker per workspace version, the last few
kept (building a copy costs a fraction of a second on the demo and seconds on 10 000
nodes, ``bench/query_engines.py``).

A worker is built from the workspace's own graph only (the store's
:meth:`~graph.store.base.Store.load_graph` for that workspace): no query can see
another workspace, whatever its text says, because the copy holds nothing else.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

import networkx as nx

from graph.store.query.answer import Answer
from graph.store.query.errors import QueryError
from graph.store.query.guard import check
from graph.store.query.model import model_rows
from graph.store.query.worker import QueryWorker

__all__ = ["QueryEngines"]


class QueryEngines:
    """Workers by key (a workspace and its version), least recently used dropped first.

    Parameters
    ----------
    keep
        How many workspace copies stay alive.
    memory_mb
        Each worker's memory limit.
    """

    def __init__(self, keep: int = 4, memory_mb: int = 2048) -> None:
        self.keep = max(1, keep)
        self.memory_mb = memory_mb
        self._workers: OrderedDict[Hashable, QueryWorker] = OrderedDict()
        self._building: dict[Hashable, threading.Lock] = {}
        self._lock = threading.Lock()

    def _worker(
        self, key: Hashable, graph: Callable[[], nx.MultiDiGraph]
    ) -> tuple[QueryWorker, bool]:
        with self._lock:
            found = self._workers.get(key)
            if found is not None and found.alive:
                self._workers.move_to_end(key)
                return found, False
            building = self._building.setdefault(key, threading.Lock())
        with building:  # one build per key at a time
            with self._lock:
                found = self._workers.get(key)
                if found is not None and found.alive:
                    return found, False
            worker = QueryWorker(model_rows(graph()), memory_mb=self.memory_mb)
            with self._lock:
                self._workers[key] = worker
                self._building.pop(key, None)
                while len(self._workers) > self.keep:
                    _, old = self._workers.popitem(last=False)
                    old.close()
            return worker, True

    def answer(
        self,
        key: Hashable,
        graph: Callable[[], nx.MultiDiGraph],
        query: str,
        *,
        limit: int,
        timeout_s: float,
    ) -> Answer:
        """Check ``query`` (:func:`~graph.store.query.guard.check`), then run it on the
        copy of the workspace that ``graph`` loads, kept under ``key``.

        Raises
        ------
        QueryError
            Refused, not understood, too slow, too big, or no engine free in time.
        """
        check(query)
        worker, built = self._worker(key, graph)
        if not worker.lock.acquire(timeout=timeout_s):
            raise QueryError(
                f"the query engine of this workspace stayed busy for {timeout_s:g} s", "busy"
            )
        try:
            answer = worker.run(query, limit=limit, timeout_s=timeout_s)
        finally:
            worker.lock.release()
            if not worker.alive:  # killed at a limit: the next query builds a new one
                with self._lock:
                    if self._workers.get(key) is worker:
                        del self._workers[key]
        answer.built = built
        return answer

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            workers, self._workers = list(self._workers.values()), OrderedDict()
        for worker in workers:
            worker.close()
