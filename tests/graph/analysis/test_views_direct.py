"""The filtered view and the simple graph, built straight into networkx's dicts, are the
graphs the per-tie ``add_edge`` versions built (kept here as the reference), and the
view keeps the workspace graph's node order (it used to follow a set's order, which
changes from one process to the next)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.analysis.subgraphs import (
    _BOOKKEEPING,
    _BOTH_WAYS,
    active_at,
    check_themes,
    filter_view,
    node_kinds,
    relationship_types,
    simple_graph,
)
from graph.store.sqlite import SQLiteStore
from importers import ImportOptions, import_paths
from tests.graph.analysis.test_potential_batch import random_workspace
from tests.graph.store.test_stored_graph import picture

VOORBEELD = Path(__file__).parents[3] / "graph" / "data" / "voorbeeld"


def reference_filter_view(graph: nx.MultiDiGraph, **options: Any) -> nx.MultiDiGraph:
    """filter_view() as it was, its nodes in the graph's order."""
    kinds, types = options.get("kinds"), options.get("types")
    themes, at = options.get("themes"), options.get("at")
    include_sources = options.get("include_sources", False)
    kind_set = set(node_kinds(kinds)) if kinds else None
    type_set = set(relationship_types(types)) if types else None
    if themes is not None:
        check_themes(graph, themes)
    keep: set[str] = set()
    for node, data in graph.nodes(data=True):
        kind = data.get("kind")
        if kind == "source" and not include_sources:
            continue
        if kind_set is not None and kind not in kind_set:
            continue
        if at is not None and not active_at(data, at):
            continue
        keep.add(node)
    if themes is not None:
        near = set(themes)
        for theme in themes:
            near.update(graph.predecessors(theme))
            near.update(graph.successors(theme))
        keep &= near
    view = nx.MultiDiGraph(**graph.graph)
    view.add_nodes_from((n, graph.nodes[n]) for n in graph if n in keep)
    for u, v, key, data in graph.edges(keys=True, data=True):
        if u not in keep or v not in keep:
            continue
        rel_type = data.get("type")
        if rel_type in _BOOKKEEPING and not include_sources:
            continue
        if type_set is not None and rel_type not in type_set:
            continue
        if at is not None and not active_at(data, at):
            continue
        view.add_edge(u, v, key=key, **data)
    return view


def reference_simple_graph(graph: nx.MultiDiGraph, *, directed: bool = False) -> nx.Graph:
    """simple_graph() as it was."""
    simple: nx.Graph = nx.DiGraph() if directed else nx.Graph()
    simple.add_nodes_from(graph.nodes(data=True))
    for u, v, data in graph.edges(data=True):
        if u == v:
            continue
        strength = data.get("strength")
        weight = float(strength) if strength not in (None, 0) else 1.0
        both = directed and data.get("type") in _BOTH_WAYS
        for x, y in ((u, v), (v, u)) if both else ((u, v),):
            if simple.has_edge(x, y):
                edge = simple[x][y]
                edge["weight"] += weight
                edge["count"] += 1
            else:
                simple.add_edge(x, y, weight=weight, count=1)
    for _, _, data in simple.edges(data=True):
        data["distance"] = 1.0 / data["weight"]
    return simple


def simple_picture(g: nx.Graph) -> tuple[Any, ...]:
    """Nodes, ties and each node's neighbours in order, with their attributes (in
    order), and one attribute dict per tie seen from both ends."""
    back = g._pred if g.is_directed() else g._adj
    return (
        g.is_directed(),
        list(g.nodes(data=True)),
        [(u, v, list(d.items())) for u, v, d in g.edges(data=True)],
        [(n, [(m, list(d.items())) for m, d in g.adj[n].items()]) for n in g],
        all(g._adj[u][v] is back[v][u] for u, v in g.edges()),
    )


def assert_same(graph: nx.MultiDiGraph, **options: Any) -> None:
    view = filter_view(graph, **options)
    assert picture(view) == picture(reference_filter_view(graph, **options))
    for u, v, k, data in view.edges(keys=True, data=True):
        assert data is not graph.edges[u, v, k]  # a copy: the workspace graph stays
    for directed in (False, True):
        assert simple_picture(simple_graph(view, directed=directed)) == simple_picture(
            reference_simple_graph(view, directed=directed)
        )


FILTERS: list[dict[str, Any]] = [
    {},
    {"include_sources": True},
    {"kinds": ["organisatie", "person"]},
    {"types": ["partners_with", "werkt_samen_met", "works_at"]},
    {"at": dt.date(2019, 6, 1)},
]


@pytest.mark.parametrize("options", FILTERS, ids=["none", "sources", "kinds", "types", "at"])
def test_demo_and_voorbeeld_as_before(
    demo_store: SQLiteStore, tmp_path: Path, options: dict[str, Any]
) -> None:
    store = SQLiteStore(tmp_path / "v.sqlite3")
    import_paths(store, [VOORBEELD], ImportOptions("voorbeeld"))
    for graph in (demo_store.load_graph("demo"), store.load_graph("voorbeeld")):
        assert graph.number_of_edges() > 100
        assert_same(graph, **options)


def test_theme_filter_as_before(demo_store: SQLiteStore) -> None:
    graph = demo_store.load_graph("demo")
    themes = [n for n, d in graph.nodes(data=True) if d.get("kind") == "theme"][:2]
    assert themes
    assert_same(graph, themes=themes)


@given(seed=st.integers(0, 10_000), at=st.sampled_from([None, dt.date(2018, 1, 1)]))
@settings(max_examples=40, deadline=None)
def test_random_workspaces_as_before(seed: int, at: dt.date | None) -> None:
    graph = random_workspace(seed, 40, 120)
    # parallel ties and a self-loop, which the simple graph leaves out
    first = next(iter(graph.edges(data=True)), None)
    if first is not None:
        graph.add_edge(first[0], first[1], key="again", **{**first[2], "strength": 3})
        graph.add_edge(first[0], first[0], key="loop", type="related_to")
    assert_same(graph, at=at)


def test_the_view_keeps_the_graphs_node_order_in_every_process(demo_store: SQLiteStore) -> None:
    """Rows, igraph's vertex order and with it communities follow the view's order: it
    is the workspace graph's, whatever the process's string hashing."""
    graph = demo_store.load_graph("demo")
    view = filter_view(graph, kinds=["organisation", "person"])
    assert list(view) == [n for n in graph if n in view]
    code = (
        "import networkx as nx\n"
        "from graph.analysis.subgraphs import filter_view\n"
        "g = nx.MultiDiGraph()\n"
        "g.add_nodes_from((f'n{i}', {'kind': 'theme', 'name': str(i)}) for i in range(200))\n"
        "print(','.join(filter_view(g)))\n"
    )
    seen = set()
    for seed in ("1", "2", "3"):
        done = subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).parents[3],
        )
        seen.add(done.stdout.strip())
    assert seen == {",".join(f"n{i}" for i in range(200))}
