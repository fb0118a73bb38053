"""Results cached per workspace version: any write to a workspace bumps its version,
so a cached result is never served for data that changed.

The cache is bounded in bytes (:func:`graph.analysis.memo.approximate_size`), not in
entries: results and graphs go least recently used first once their total passes
``max_bytes``, except the current graph of each workspace (at most ``max_graphs``),
which every request needs. Once a newer version of a workspace is seen, everything
cached for its older versions goes at once: a server that takes a write a second keeps
one version of each workspace, not the last hundred. Two requests that miss the same
entry at once compute it once (the second waits for the first), so a burst of clients
after a write does not build the same graph or result many times over.

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
>>> sorted({key[2] for key in cache.keys()})  # version 1 is gone
[2]
>>> page = cache.derived(store, "w", "page", lambda: "<p>2 themes</p>")
>>> cache.derived(store, "w", "page", lambda: "made again") is page
True
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any, TypeVar

from graph.analysis.engine import GDS_MIN_NODES
from graph.analysis.memo import approximate_size
from graph.collecting import release_frozen
from graph.errors import StoreError, StoreUnavailable
from graph.provenance import graph_digest, provenance
from graph.store.base import Store

if TYPE_CHECKING:  # the analyses load at the first run (a graph's counts need none)
    import networkx as nx

    from graph.analysis.registry import AnalysisOptions
    from graph.analysis.result import Result

__all__ = ["DEFAULT_BYTES", "GDS_INPUT", "AnalysisCache"]

logger = logging.getLogger(__name__)

#: the provenance's input of a result computed in Neo4j (the workspace is not loaded)
GDS_INPUT = "not loaded: in Neo4j"

#: the default budget (GRENSWERK_CACHE_MB)
DEFAULT_BYTES = 128 * 1024 * 1024

T = TypeVar("T")


class AnalysisCache:
    """Workspace graphs and analysis results, bounded in bytes; see the module.
    ``gds_min_nodes``: the workspace size from which ``engine=auto`` runs in the database."""

    def __init__(
        self,
        max_bytes: int = DEFAULT_BYTES,
        max_graphs: int = 8,
        gds_min_nodes: int = GDS_MIN_NODES,
    ) -> None:
        self.gds_min_nodes = gds_min_nodes
        #: ("graph", workspace, version), ("result", workspace, version, name, options)
        #: or ("derived", workspace, version, what) -> (value, bytes), least recently
        #: used first
        self._entries: OrderedDict[tuple[Any, ...], tuple[Any, int]] = OrderedDict()
        self._newest: dict[str, int] = {}
        self._pending: dict[tuple[Any, ...], threading.Lock] = {}
        self.max_bytes = max_bytes
        self._max_graphs = max_graphs
        self._lock = threading.Lock()
        self.bytes = 0
        self._graph_dropped = False
        self.hits = 0
        self.misses = 0

    def keys(self) -> list[tuple[Any, ...]]:
        """What is cached, least recently used first."""
        with self._lock:
            return list(self._entries)

    def graph(self, store: Store, workspace: str) -> nx.MultiDiGraph:
        """The workspace graph, loaded once per version."""
        version = store.version(workspace)
        graph: nx.MultiDiGraph = self._get(
            ("graph", workspace, version), lambda: store.load_graph(workspace), count=False
        )
        return graph

    def run(
        self, store: Store, workspace: str, name: str, options: AnalysisOptions | None = None
    ) -> Result:
        from graph.analysis.engine import choose_engine
        from graph.analysis.in_database import run_in_database
        from graph.analysis.registry import AnalysisOptions, run_analysis
        from graph.analysis.result import computed

        options = options or AnalysisOptions()
        version = store.version(workspace)

        def compute() -> Result:
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
                    logger.warning(
                        "%s of %s failed in GDS, runs in process: %s", name, workspace, exc
                    )
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
            return result

        key = ("result", workspace, version, name, options.model_dump_json())
        found: Result = self._get(key, compute, count=True)
        return found

    def derived(self, store: Store, workspace: str, what: Hashable, make: Callable[[], T]) -> T:
        """A value made from the workspace's current version (a page drawn from its graph
        and results), kept as results are: made once per version and ``what``, within
        the budget, gone with the version. ``what`` must name everything else the value
        depends on."""
        key = ("derived", workspace, store.version(workspace), what)
        found: T = self._get(key, make, count=False)
        return found

    # -- the bounded store ------------------------------------------------------------

    def _get(self, key: tuple[Any, ...], make: Callable[[], T], *, count: bool) -> T:
        """The entry of ``key``, made once however many ask for it at the same time."""
        while True:
            with self._lock:
                if key in self._entries:
                    self._entries.move_to_end(key)
                    self.hits += count
                    found: T = self._entries[key][0]
                    return found
                pending = self._pending.get(key)
                if pending is None:
                    pending = self._pending[key] = threading.Lock()
                    pending.acquire()
                    break
            with pending:  # another thread makes it: wait, then look again
                pass
        try:
            self.misses += count
            value = make()
            self._keep(key, value)
            return value
        finally:
            with self._lock:
                self._pending.pop(key, None)
            pending.release()

    def _keep(self, key: tuple[Any, ...], value: Any) -> None:
        workspace, version = key[1], key[2]
        weight = approximate_size(value)
        with self._lock:
            self._graph_dropped = False
            newest = self._newest.get(workspace, version)
            if version < newest:
                return  # a newer version was seen meanwhile: not worth keeping
            if version > newest or workspace not in self._newest:
                self._newest[workspace] = version
                self._drop(lambda k: k[1] == workspace and k[2] < version)
            self._entries[key] = (value, weight)
            self.bytes += weight
            graphs = [k for k in self._entries if k[0] == "graph"]
            for old in graphs[: max(0, len(graphs) - self._max_graphs)]:
                self._drop(_same_version(old))
            for old in [k for k in self._entries if k != key]:
                if self.bytes <= self.max_bytes:
                    break
                if not self._current_graph(old):
                    self._drop(old.__eq__)
            dropped = self._graph_dropped
        if dropped:  # a graph frozen after its load (graph.collecting) may go now
            release_frozen()

    def _current_graph(self, key: tuple[Hashable, ...]) -> bool:
        return key[0] == "graph" and self._newest.get(str(key[1])) == key[2]

    def _drop(self, which: Callable[[tuple[Any, ...]], bool]) -> None:
        for key in [k for k in self._entries if which(k)]:
            self.bytes -= self._entries.pop(key)[1]
            self._graph_dropped |= key[0] == "graph"


def _same_version(graph: tuple[Any, ...]) -> Callable[[tuple[Any, ...]], bool]:
    """Whether an entry belongs to the workspace version of ``graph``'s key."""
    return lambda key: key[1:3] == graph[1:3]
