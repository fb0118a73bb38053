"""The analysis cache and the views analyses share are bounded in bytes, keep one
version of a workspace, and make each entry once however many ask at the same time
(issue 21, point 10). The soak benchmark (bench/soak.py) shows it on a running server;
these tests check the bounds themselves."""

from __future__ import annotations

import datetime as dt
import gc
import threading
import time
import weakref
from typing import Any

import pytest

from graph.analysis import registry as registry_module
from graph.analysis.cache import AnalysisCache
from graph.analysis.registry import AnalysisOptions, run_analysis
from graph.model import Node
from graph.store.sqlite import SQLiteStore
from importers import ImportOptions, import_paths
from tests.conftest import DEMO_DIR

MB = 1024 * 1024


@pytest.fixture(scope="module")
def roc() -> SQLiteStore:
    store = SQLiteStore(":memory:")
    import_paths(store, [DEMO_DIR / "voorbeeld"], ImportOptions("v"))
    return store


def _write(store: SQLiteStore, text: str) -> None:
    store.upsert(
        "v",
        [
            Node(
                id="roc-voorbeeldstad",
                kind="organisation",
                name="ROC Voorbeeldstad",
                workspace="v",
                description=text,
            )
        ],
    )


def test_a_write_lets_go_of_what_was_cached_for_the_version_before(roc: SQLiteStore) -> None:
    cache = AnalysisCache()
    first = cache.run(roc, "v", "centrality")
    graph = cache.graph(roc, "v")
    old = weakref.ref(first), weakref.ref(graph)
    del first, graph
    _write(roc, "een nieuwe versie")
    cache.run(roc, "v", "centrality")
    gc.collect()
    assert [ref() for ref in old] == [None, None]


def test_results_keep_to_the_byte_budget(roc: SQLiteStore) -> None:
    cache = AnalysisCache(max_bytes=2 * MB)
    kept = []
    for day in range(60):
        at = dt.date(2019, 1, 1) + dt.timedelta(days=30 * day)
        kept.append(weakref.ref(cache.run(roc, "v", "centrality", AnalysisOptions(at=at))))
    gc.collect()
    alive = sum(ref() is not None for ref in kept)
    assert cache.bytes <= 2 * MB and 0 < alive < 30, (cache.bytes, alive)
    assert kept[-1]() is not None  # the newest is kept


def test_the_views_keep_to_their_budget(roc: SQLiteStore) -> None:
    from graph.analysis.memo import VIEWS, limit_views

    graph = roc.load_graph("v")
    before = VIEWS.max_bytes
    limit_views(3 * MB)
    try:
        for day in range(80):
            at = dt.date(2019, 1, 1) + dt.timedelta(days=20 * day)
            run_analysis("centrality", graph, AnalysisOptions(at=at))
        assert VIEWS.bytes <= 3 * MB, VIEWS.bytes
    finally:
        limit_views(before or 128 * MB)


def test_many_askers_at_once_make_an_entry_once(
    roc: SQLiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real = registry_module.run_analysis  # the cache imports it when it runs

    def slow(name: str, graph: Any, options: Any = None) -> Any:
        calls.append(name)
        time.sleep(0.2)
        return real(name, graph, options)

    monkeypatch.setattr(registry_module, "run_analysis", slow)
    cache = AnalysisCache()
    found: list[Any] = []
    askers = [
        threading.Thread(target=lambda: found.append(cache.run(roc, "v", "summary")))
        for _ in range(8)
    ]
    for asker in askers:
        asker.start()
    for asker in askers:
        asker.join()
    assert calls == ["summary"] and len({id(r) for r in found}) == 1


def test_one_graph_per_workspace_version_however_many_load_it(roc: SQLiteStore) -> None:
    loads = []
    real = roc.load_graph

    def counted(workspace: str) -> Any:
        loads.append(workspace)
        time.sleep(0.1)
        return real(workspace)

    roc.load_graph = counted  # type: ignore[method-assign]
    try:
        cache = AnalysisCache()
        threads = [threading.Thread(target=cache.graph, args=(roc, "v")) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        del roc.load_graph  # type: ignore[method-assign]
    assert loads == ["v"]
