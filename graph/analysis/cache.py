"""Results cached per workspace version: any write to a workspace bumps its version,
so a cached result is never served for data that changed.

Every analysis runs in memory on the workspace graph, whichever store holds it
(see docs/scaling.md: there is no pushdown into Neo4j Graph Data Science).

>>> from graph.store.sqlite import SQLiteStore
>>> from graph.model import Node
>>> store = SQLiteStore(":memory:")
>>> _ = store.upsert("w", [Node(id="a", kind="theme", name="examinering", workspace="w")])
>>> cache = AnalysisCache()
>>> first = cache.run(store, "w", "summary")
>>> cache.run(store, "w", "summary") is first
True
>>> _ = store.upsert("w", [Node(id="b", kind="theme", name="LLO", workspace="w")])
>>> cache.run(store, "w", "summary") is first
False
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import TYPE_CHECKING

from graph.collecting import release_frozen
from graph.provenance import graph_digest, provenance
from graph.store.base import Store

if TYPE_CHECKING:  # the analyses load at the first run (a graph's counts need none)
    import networkx as nx

    from graph.analysis.registry import AnalysisOptions
    from graph.analysis.result import Result

__all__ = ["AnalysisCache"]


class AnalysisCache:
    """A bounded LRU cache of workspace graphs and analysis results."""

    def __init__(self, max_results: int = 256, max_graphs: int = 8) -> None:
        self._results: OrderedDict[tuple[str, int, str, str], Result] = OrderedDict()
        self._graphs: OrderedDict[tuple[str, int], nx.MultiDiGraph] = OrderedDict()
        self._max_results = max_results
        self._max_graphs = max_graphs
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def graph(self, store: Store, workspace: str) -> nx.MultiDiGraph:
        """The workspace graph, loaded once per version."""
        key = (workspace, store.version(workspace))
        with self._lock:
            if key in self._graphs:
                self._graphs.move_to_end(key)
                return self._graphs[key]
        loaded = store.load_graph(workspace)
        with self._lock:
            self._graphs[key] = loaded
            dropped = len(self._graphs) > self._max_graphs
            while len(self._graphs) > self._max_graphs:
                self._graphs.popitem(last=False)
        if dropped:  # a graph frozen after its load (graph.collecting) may go now
            release_frozen()
        return loaded

    def run(
        self, store: Store, workspace: str, name: str, options: AnalysisOptions | None = None
    ) -> Result:
        from graph.analysis.registry import AnalysisOptions, run_analysis

        options = options or AnalysisOptions()
        version = store.version(workspace)
        key = (workspace, version, name, options.model_dump_json())
        with self._lock:
            if key in self._results:
                self._results.move_to_end(key)
                self.hits += 1
                return self._results[key]
            self.misses += 1
        graph = self.graph(store, workspace)
        result = run_analysis(name, graph, options)
        result.meta["workspace_version"] = version
        result.meta["provenance"] = provenance(
            what=f"analysis {name}",
            workspace=workspace,
            workspace_version=version,
            input_hash=graph_digest(graph),
            options=options.model_dump(mode="json"),
        )
        with self._lock:
            self._results[key] = result
            while len(self._results) > self._max_results:
                self._results.popitem(last=False)
        return result
