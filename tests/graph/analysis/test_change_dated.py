"""Change in degree without building the views at both dates: the ties and nodes of the
view are taken at each date from their validity, and degrees counted from them; the
result is exactly the previous implementation's (kept here as the reference)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.analysis.brokerage import brokerage
from graph.analysis.centrality import centralities
from graph.analysis.change import Dated, changes
from graph.analysis.result import Result
from graph.analysis.subgraphs import actor_graph, filter_view, practice_of, simple_graph
from graph.store.sqlite import SQLiteStore
from importers import ImportOptions, import_paths
from tests.graph.analysis.test_potential_batch import random_workspace

VOORBEELD = Path(__file__).parents[3] / "graph" / "data" / "voorbeeld"


def _reference_measure(graph: nx.MultiDiGraph, measure: str, group: str) -> dict[str, float]:
    if measure == "brokerage":
        result = brokerage(actor_graph(graph), practice_of(graph, group))
        return {row["id"]: float(row["total"]) for row in result.rows}
    result = centralities(simple_graph(graph), measures=(measure,), path_weighted=False)
    return {row["id"]: float(row[measure]) for row in result.rows}


def _reference_ties(graph: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    return {
        key: {"id": key, "source": u, "target": v, "type": data.get("type")}
        for u, v, key, data in graph.edges(keys=True, data=True)
    }


def reference_changes(
    graph: nx.MultiDiGraph, before: dt.date, after: dt.date, measure: str = "degree"
) -> Result:
    """changes() before the dated counting: both views built, the measure on each."""
    first, second = filter_view(graph, at=before), filter_view(graph, at=after)
    ties_first, ties_second = _reference_ties(first), _reference_ties(second)
    gained = [t for k, t in sorted(ties_second.items()) if k not in ties_first]
    lost = [t for k, t in sorted(ties_first.items()) if k not in ties_second]
    values_first = _reference_measure(first, measure, "org_type")
    values_second = _reference_measure(second, measure, "org_type")
    rows = []
    for node in sorted(set(values_first) | set(values_second)):
        a, b = values_first.get(node, 0.0), values_second.get(node, 0.0)
        if a != b:
            name = graph.nodes[node].get("name", node)
            rows.append(
                {
                    "id": node,
                    "name": name,
                    f"{measure}_before": a,
                    f"{measure}_after": b,
                    "change": b - a,
                }
            )
    rows.sort(key=lambda r: (-abs(r["change"]), r["id"]))
    meta = {
        "before": before.isoformat(),
        "after": after.isoformat(),
        "measure": measure,
        "nodes_before": first.number_of_nodes(),
        "nodes_after": second.number_of_nodes(),
        "ties_before": first.number_of_edges(),
        "ties_after": second.number_of_edges(),
        "ties_gained": gained[:200],
        "ties_lost": lost[:200],
        "ties_gained_count": len(gained),
        "ties_lost_count": len(lost),
        "nodes_gained": sorted(set(second) - set(first))[:200],
        "nodes_lost": sorted(set(first) - set(second))[:200],
    }
    return Result("change", rows, meta)


def assert_same(graph: nx.MultiDiGraph, before: dt.date, after: dt.date) -> None:
    for measure in ("degree", "betweenness", "brokerage"):
        new = changes(graph, before, after, measure=measure)
        old = reference_changes(graph, before, after, measure)
        assert new.rows == old.rows, measure
        # the ties gained and lost follow the ties' own dates since issue 23 (not the
        # view's difference, which counted ties whose end node began):
        # tests/graph/analysis/test_change_series.py checks them
        redefined = {
            k for k in new.meta if k.startswith("ties_") and k not in ("ties_before", "ties_after")
        }
        redefined.add("definition")
        assert {k: v for k, v in new.meta.items() if k not in redefined} == {
            k: v for k, v in old.meta.items() if k not in redefined
        }, measure


DATES = [(dt.date(2015, 1, 1), dt.date(2024, 6, 1)), (dt.date(2019, 6, 1), dt.date(2019, 6, 1))]


def test_demo_as_before(demo_store: SQLiteStore) -> None:
    graph = filter_view(demo_store.load_graph("demo"))
    assert changes(graph, *DATES[0]).rows
    for before, after in DATES:
        assert_same(graph, before, after)


def test_voorbeeld_roc_as_before(sqlite_store: SQLiteStore) -> None:
    import_paths(sqlite_store, [VOORBEELD], ImportOptions("voorbeeld-roc"))
    graph = filter_view(sqlite_store.load_graph("voorbeeld-roc"))
    assert changes(graph, dt.date(2018, 1, 1), dt.date(2024, 1, 1)).rows
    for before, after in [*DATES, (dt.date(2018, 1, 1), dt.date(2024, 1, 1))]:
        assert_same(graph, before, after)


@settings(max_examples=40, deadline=None)
@given(
    st.integers(0, 10_000),
    st.integers(1, 40),
    st.integers(0, 120),
    st.integers(2009, 2027),
    st.integers(0, 8),
)
def test_random_workspaces_as_before(seed: int, n: int, m: int, year: int, span: int) -> None:
    graph = filter_view(random_workspace(seed, n, m))
    before = dt.date(year, 3, 1)
    assert_same(graph, before, dt.date(year + span, 7, 1))


def test_the_view_at_a_date_as_filter_view() -> None:
    graph = random_workspace(3, 40, 150)
    dated = Dated(graph)
    for year in range(2010, 2027):
        at = dt.date(year, 1, 1)
        view = filter_view(graph, at=at)
        nodes, edges = dated.at(at)
        assert [dated.nodes[i] for i in nodes.nonzero()[0]] == [n for n in graph if n in view]
        assert sum(edges) == view.number_of_edges()
        degrees = dict(simple_graph(view).degree())
        assert dated.degrees(at) == {n: float(d) for n, d in degrees.items()}


def test_a_bad_date_is_refused_as_before() -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("a", kind="organisation", since="gisteren")
    with pytest.raises(ValueError, match="gisteren"):
        filter_view(graph, at=dt.date(2020, 1, 1))
    with pytest.raises(ValueError, match="gisteren"):
        changes(graph, dt.date(2019, 1, 1), dt.date(2020, 1, 1))


def test_a_bad_date_of_a_tie_counts_only_where_filter_view_reads_it() -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("a", kind="organisation")
    graph.add_node("b", kind="organisation", since="2030-01-01")
    graph.add_edge("a", "b", key="ab", since="morgen")
    early, late = dt.date(2019, 1, 1), dt.date(2020, 1, 1)
    assert_same(graph, early, late)  # b not there yet: the tie's date is never read
    with pytest.raises(ValueError, match="morgen"):
        filter_view(graph, at=dt.date(2031, 1, 1))
    with pytest.raises(ValueError, match="morgen"):
        changes(graph, early, dt.date(2031, 1, 1))


def test_run_analysis_as_before(demo_store: SQLiteStore) -> None:
    from graph.analysis.registry import AnalysisOptions, run_analysis

    graph = demo_store.load_graph("demo")
    before, after = DATES[0]
    for measure in ("degree", "betweenness", "brokerage"):
        options = AnalysisOptions(before=before, after=after, measure=measure)  # type: ignore[arg-type]
        for _ in range(2):  # the second run reuses the dated view
            new = run_analysis("change", graph, options)
            old = reference_changes(filter_view(graph), before, after, measure)
            assert new.rows == old.rows
            kept = {k for k in old.meta if not k.startswith("ties_")}
            kept |= {"ties_before", "ties_after"}
            assert {k: new.meta[k] for k in kept} == {k: old.meta[k] for k in kept}
