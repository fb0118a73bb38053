"""Results cached per workspace version: any write to a workspace bumps its version,
so a cached result is never served for data that changed.

Every analysis runs in memory on the workspace graph, whichever store holds it, except
centrality and communities where the engine chosen is ``gds``
(:func:`graph.analysis.engine.choose_engine`): they run inside the database and the
workspace graph is not loaded for them. ``meta`` says which engine ran, and why (when
``auto`` chose GDS and GDS failed, they run in process and the reason says so); their
provenance names the workspace version as input, with no hash of a graph never loaded.

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

import logging
import threading
from collections import OrderedDict

import networkx as nx

from graph.analysis.engine import GDS_MIN_NODES, choose_engine
from graph.analysis.in_database import run_in_database
from graph.analysis.registry import AnalysisOptions, run_analysis
from graph.analysis.result import Result, computed
from graph.errors import StoreError, StoreUnavailable
from graph.provenance import graph_digest, provenance
from graph.store.base import Store

__all__ = ["GDS_INPUT", "AnalysisCache"]

logger = logging.getLogger(__name__)

#: the provenance's input of a result computed in Neo4j (the workspace is not loaded)
GDS_INPUT = "not loaded: in Neo4j"


class AnalysisCache:
    """A bounded LRU cache of workspace graphs and analysis results; ``gds_min_nodes``:
    the workspace size from which ``engine=auto`` runs in the database."""

    def __init__(
        self, max_results: int = 256, max_graphs: int = 8, gds_min_nodes: int = GDS_MIN_NODES
    ) -> None:
        self.gds_min_nodes = gds_min_nodes
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
            while len(self._graphs) > self._max_graphs:
                self._graphs.popitem(last=False)
        return loaded

    def run(
        self, store: Store, workspace: str, name: str, options: AnalysisOptions | None = None
    ) -> Result:
        options = options or AnalysisOptions()
        version = store.version(workspace)
        key = (workspace, version, name, options.model_dump_json())
        with self._lock:
            if key in self._results:
                self._results.move_to_end(key)
                self.hits += 1
                return self._results[key]
            self.misses += 1
        engine, reason = choose_engine(store, workspace, name, options, self.gds_min_nodes)
        result: Result | None = None
        if engine == "gds":
            try:
                result = run_in_database(store, workspace, name, options)
            except StoreUnavailable:
                raise  # the server is gone: so is the workspace graph it would load
            except StoreError as exc:
                if options.engine == "gds":
                    raise
                # auto chose GDS and GDS failed: in process, saying so
                logger.warning("%s of %s failed in GDS, runs in process: %s", name, workspace, exc)
                engine, reason = "local", f"GDS failed, so in process: {exc}"
        if result is None:
            graph = self.graph(store, workspace)
            result = run_analysis(name, graph, options)
            input_hash = graph_digest(graph)
        else:
            result.meta.setdefault(
                "options", options.model_dump(mode="json", exclude_defaults=True)
            )
            result.meta.setdefault("computed", computed(result.meta))
            # the workspace stays in Neo4j: its version names the input, no hash of it
            input_hash = GDS_INPUT
        result.meta["engine"] = engine
        result.meta["engine_reason"] = reason
        result.meta["workspace_version"] = version
        result.meta["provenance"] = provenance(
            what=f"analysis {name}",
            workspace=workspace,
            workspace_version=version,
            input_hash=input_hash,
            options=options.model_dump(mode="json"),
        )
        with self._lock:
            self._results[key] = result
            while len(self._results) > self._max_results:
                self._results.popitem(last=False)
        return result
