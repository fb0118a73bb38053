"""Freezing what a load made (graph.collecting): the collector skips the loaded graph, and
a graph the analysis cache drops is collected all the same (a server does not keep the
graphs of old versions)."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from graph.analysis.cache import AnalysisCache
from graph.collecting import freeze_bursts
from graph.model import Node
from graph.store.sqlite import SQLiteStore


@pytest.fixture
def freezing() -> Iterator[None]:
    freeze_bursts()
    try:
        yield
    finally:
        freeze_bursts(False)
        gc.unfreeze()


def test_a_loaded_graph_is_frozen_and_a_dropped_one_collected(freezing: None) -> None:
    store = SQLiteStore(":memory:")
    for name in ("a", "b"):
        store.upsert(
            name, [Node(id=f"{name}{i}", kind="theme", name="t", workspace=name) for i in range(50)]
        )
    cache = AnalysisCache(max_graphs=1)
    first = cache.graph(store, "a")
    assert gc.get_freeze_count() > 0  # out of the collector's scans
    assert first.edges is not None  # a view that refers back to its graph: now a cycle
    gone = weakref.ref(first)
    del first
    gc.collect()
    assert gone() is not None  # frozen and cached: kept
    cache.graph(store, "b")  # the cache drops "a"
    gc.collect()
    assert gone() is None
