"""Change over time (issue 23, part 4): a series of dates, ties gained by their own
dates (not because an end node began), listed with their dates, a chart, and a node's
change as a small chart on its page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from graph.analysis.change import Dated, changes
from graph.analysis.change_series import dates, parse_over, series
from graph.analysis.registry import AnalysisOptions, run_analysis
from graph.store.sqlite import SQLiteStore


def network() -> nx.MultiDiGraph:
    """``a–b`` from 2020 (its own date); ``b–c`` undated, but ``c`` begins in 2021; ``a–c``
    from 2018 to 2021-06-30."""
    g = nx.MultiDiGraph()
    g.add_node("a", kind="organisation", name="A")
    g.add_node("b", kind="organisation", name="B")
    g.add_node("c", kind="organisation", name="C", since="2021-03-01")
    g.add_edge("a", "b", key="ab", type="partners_with", since="2020-05-01")
    g.add_edge("b", "c", key="bc", type="partners_with")
    g.add_edge("a", "c", key="ac", type="partners_with", since="2018-01-01", until="2021-06-30")
    return g


def test_a_tie_is_not_gained_because_its_end_node_began() -> None:
    """Before issue 23 ``bc`` (undated) and ``ac`` counted as gained between 2019 and
    2022 because ``c`` began in 2021."""
    result = changes(network(), dt.date(2019, 1, 1), dt.date(2022, 1, 1))
    assert [t["id"] for t in result.meta["ties_gained"]] == ["ab"]
    assert result.meta["ties_gained"][0]["since"] == "2020-05-01"
    assert [t["id"] for t in result.meta["ties_with_new_nodes"]] == ["bc"]
    assert result.meta["ties_lost"] == []  # ac ended, but c was not there in 2019


def test_the_series_counts_each_year() -> None:
    rows = series(network(), dates(*parse_over("2019..2022"), "year")).rows
    assert [(r["date"][:4], r["ties"], r["ties_gained"], r["ties_lost"]) for r in rows] == [
        ("2019", 0, 0, 0),
        ("2020", 0, 0, 0),
        ("2021", 1, 1, 0),
        ("2022", 2, 0, 0),
    ]
    assert rows[-1]["ties_with_new_nodes"] == 1 and rows[-1]["nodes_gained"] == 1
    quarters = series(network(), dates(dt.date(2021, 1, 1), dt.date(2021, 12, 31), "quarter"))
    # ac is there from 2021-03-01 (c began) to 2021-06-30: lost by its own until
    assert [r["ties_lost"] for r in quarters.rows] == [0, 0, 1, 0]


def test_the_series_degrees_equal_the_view_at_each_date(demo_store: SQLiteStore) -> None:
    graph = demo_store.load_graph("demo")
    result = run_analysis("change", graph, AnalysisOptions(over="2016..2024"))
    dated = Dated(graph)
    for i, day in enumerate(result.meta["dates"]):
        view = dated.view(dt.date.fromisoformat(day))
        simple = nx.Graph(view.to_undirected())
        simple.remove_edges_from(nx.selfloop_edges(simple))
        for node, values in list(result.meta["degrees"].items())[:20]:
            expected = simple.degree(node) if node in simple else 0
            assert values[i] == expected
    assert result.rows[0]["date"] == "2016-01-01" and len(result.rows) == 9


@pytest.mark.parametrize("over", ["2026..2019", "2019", "x..2020"])
def test_bad_series_are_refused(demo_store: SQLiteStore, over: str) -> None:
    from graph.errors import GrenswerkError

    with pytest.raises(GrenswerkError, match="over"):
        run_analysis("change", demo_store.load_graph("demo"), AnalysisOptions(over=over))


def test_the_command_writes_a_table_dated_ties_and_a_chart(tmp_path: Path) -> None:
    from cli.app import app

    env = {"GRENSWERK_DATA_DIR": str(tmp_path), "COLUMNS": "200"}
    runner = CliRunner()
    assert runner.invoke(app, ["demo"], env=env).exit_code == 0
    chart = tmp_path / "change.svg"
    done = runner.invoke(
        app,
        ["analyse", "change", "-w", "demo", "--over", "2016..2024", "--chart", str(chart)],
        env=env,
    )
    assert done.exit_code == 0, done.output
    assert "2024-01-01" in done.output and "ties_gained" in done.output
    assert (
        "gained 2017-01-01 → 2018-01-01: Ilse Hartgers collaborates_with Zwaan Zwart" in done.output
    )
    assert "(since 2017-10-01" in done.output
    assert chart.read_bytes().startswith(b"<?xml") and b"<svg" in chart.read_bytes()
