"""docs/analyses.md describes every analysis's graph and every centrality column, in
the code's own words."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx

from graph.analysis.centrality import COLUMNS, MEASURES, centralities
from graph.analysis.registry import ANALYSES, GRAPHS

DOCUMENT = Path(__file__).parents[3] / "docs" / "analyses.md"


def rows(header: str) -> dict[str, str]:
    """The two-column table under ``| header |``: first cell (unquoted) → second."""
    text = DOCUMENT.read_text("utf-8")
    table = re.search(rf"^\| {header} \|[^\n]*\n\| --- \| --- \|\n((?:\|[^\n]*\n)+)", text, re.M)
    assert table, f"no table '{header}' in {DOCUMENT.name}"
    out = {}
    for line in table.group(1).splitlines():
        first, second = (cell.strip() for cell in line.strip().strip("|").split("|", 1))
        out[first.strip("`")] = second
    return out


def test_every_analysis_s_graph_is_described() -> None:
    assert set(GRAPHS) == set(ANALYSES)
    assert rows("analysis") == GRAPHS


def test_every_measure_and_column_is_described() -> None:
    described = rows("column")
    assert described == COLUMNS
    assert set(MEASURES) <= set(described)
    graph = nx.gnm_random_graph(12, 30, seed=1, directed=True)
    nx.set_edge_attributes(graph, 2.0, "weight")
    nx.set_edge_attributes(graph, 0.5, "distance")
    produced = set()
    for directed in (graph, graph.to_undirected()):
        for row in centralities(directed, MEASURES, weighted=True).rows:
            produced |= set(row) - {"id", "name"}
    assert produced == set(COLUMNS)
    for measure in MEASURES:
        assert f"| `{measure}` |" in DOCUMENT.read_text("utf-8")
