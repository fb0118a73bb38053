"""Change over time, the per-version cache and every analysis by name."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.analysis.cache import AnalysisCache
from graph.analysis.change import changes
from graph.analysis.run import ANALYSES, AnalysisOptions, run_analysis
from graph.errors import GrenswerkError
from graph.model import Node
from graph.store.sqlite import SQLiteStore


def test_demo_change_between_2017_and_2023(demo_store: SQLiteStore) -> None:
    graph = demo_store.load_graph("demo")
    result = changes(graph, dt.date(2017, 1, 1), dt.date(2023, 1, 1))
    gained = {t["id"] for t in result.meta["ties_gained"]}
    assert result.meta["ties_lost_count"] == 0
    assert result.meta["ties_gained_count"] == len(gained) > 0
    assert "netwerk-flexibilisering-mbo" in result.meta["nodes_gained"]  # started Oct 2017
    assert all(r["change"] != 0 for r in result.rows)
    with pytest.raises(ValueError, match="before the first"):
        changes(graph, dt.date(2023, 1, 1), dt.date(2017, 1, 1))


def test_brokerage_change(demo_store: SQLiteStore) -> None:
    graph = demo_store.load_graph("demo")
    result = changes(graph, dt.date(2017, 1, 1), dt.date(2023, 1, 1), measure="brokerage")
    assert result.meta["measure"] == "brokerage"


def test_cache_follows_the_version(demo_store: SQLiteStore) -> None:
    cache = AnalysisCache()
    first = cache.run(demo_store, "demo", "centrality")
    assert cache.run(demo_store, "demo", "centrality") is first
    assert (cache.hits, cache.misses) == (1, 1)
    other = cache.run(demo_store, "demo", "centrality", AnalysisOptions(measures=("degree",)))
    assert other is not first
    demo_store.upsert("demo", [Node(id="new", kind="theme", name="nieuw", workspace="demo")])
    again = cache.run(demo_store, "demo", "centrality")
    assert again is not first and again.meta["workspace_version"] == 2


OPTIONS = {
    "paths": AnalysisOptions(source="roc-midden-nederland", target="cinop"),
    "recommend": AnalysisOptions(node="noorderpoort"),
    "change": AnalysisOptions(before=dt.date(2017, 1, 1), after=dt.date(2023, 1, 1)),
}


@pytest.mark.parametrize("name", list(ANALYSES))
def test_every_analysis_runs_on_the_demo(demo_store: SQLiteStore, name: str) -> None:
    result = run_analysis(name, demo_store.load_graph("demo"), OPTIONS.get(name))
    document = result.to_json()
    assert document["analysis"] and isinstance(document["rows"], list)


@pytest.mark.parametrize(
    ("name", "options", "message"),
    [
        ("nonsense", None, "unknown analysis"),
        ("paths", AnalysisOptions(source="cinop"), "needs a source and a target"),
        ("paths", AnalysisOptions(source="cinop", target="nobody"), "no node 'nobody'"),
        ("recommend", None, "need a node"),
        ("recommend", AnalysisOptions(node="examinering"), "is a theme"),
        ("change", AnalysisOptions(before=dt.date(2020, 1, 1)), "two dates"),
    ],
)
def test_analysis_errors_are_messages(
    demo_store: SQLiteStore, name: str, options: AnalysisOptions | None, message: str
) -> None:
    with pytest.raises(GrenswerkError, match=message):
        run_analysis(name, demo_store.load_graph("demo"), options)


def test_projection_option(demo_store: SQLiteStore) -> None:
    result = run_analysis(
        "centrality",
        demo_store.load_graph("demo"),
        AnalysisOptions(project="organisation", measures=("degree",)),
    )
    assert result.rows and all(r["id"] for r in result.rows)
    kinds = {demo_store.get_node("demo", r["id"]).kind.value for r in result.rows}  # type: ignore[union-attr]
    assert kinds == {"organisation"}
