"""Views and projections; Davis's Southern Women as two-mode data."""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pytest
from networkx.algorithms import bipartite

from graph.analysis.subgraphs import active_at, filter_view, practice_of, project, simple_graph


def davis_as_workspace() -> nx.MultiDiGraph:
    davis = nx.davis_southern_women_graph()
    graph = nx.MultiDiGraph()
    for node, data in davis.nodes(data=True):
        kind = "person" if data["bipartite"] == 0 else "activity"
        graph.add_node(node, kind=kind, name=node)
    for woman, event in davis.edges():
        if davis.nodes[woman]["bipartite"] == 1:
            woman, event = event, woman
        graph.add_edge(woman, event, type="participates_in")
    return graph


def test_davis_projection_equals_networkx() -> None:
    davis = nx.davis_southern_women_graph()
    women = [n for n, d in davis.nodes(data=True) if d["bipartite"] == 0]
    expected = bipartite.weighted_projected_graph(davis, women)
    ours = project(davis_as_workspace(), "person", via=("activity",))
    assert set(ours.nodes) == set(expected.nodes)
    assert {frozenset(e) for e in ours.edges} == {frozenset(e) for e in expected.edges}
    for u, v, data in expected.edges(data=True):
        assert ours[u][v]["weight"] == data["weight"]
    assert ours["Evelyn Jefferson"]["Theresa Anderson"]["weight"] == 7


def test_davis_two_mode_degree() -> None:
    davis = nx.davis_southern_women_graph()
    women = {n for n, d in davis.nodes(data=True) if d["bipartite"] == 0}
    expected = bipartite.degree_centrality(davis, women)
    graph = simple_graph(davis_as_workspace())
    events = len(davis) - len(women)
    for node in women:  # a woman's two-mode degree: share of the events she attended
        assert graph.degree(node) / events == pytest.approx(expected[node])


def test_simple_graph_sums_strengths() -> None:
    graph = nx.MultiDiGraph()
    graph.add_edge("a", "b", strength=2.0)
    graph.add_edge("b", "a")
    simple = simple_graph(graph)
    assert simple["a"]["b"] == {"weight": 3.0, "count": 2, "distance": pytest.approx(1 / 3)}
    directed = simple_graph(graph, directed=True)
    assert directed["a"]["b"]["weight"] == 2.0 and directed["b"]["a"]["weight"] == 1.0


def test_filter_view_by_kind_type_theme_and_date() -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("s", kind="source")
    graph.add_node("o", kind="organisation", org_type="school")
    graph.add_node("p", kind="person")
    graph.add_node("t", kind="theme")
    graph.add_node("u", kind="theme")
    graph.add_edge("p", "o", key="w", type="works_at", since="2020-01-01")
    graph.add_edge("o", "t", key="x", type="works_on")
    graph.add_edge("o", "s", key="m", type="mentioned_in")
    assert "s" not in filter_view(graph)
    assert set(filter_view(graph, kinds=["organisation", "theme"])) == {"o", "t", "u"}
    assert [k for *_, k in filter_view(graph, types=["works_on"]).edges(keys=True)] == ["x"]
    assert set(filter_view(graph, themes=["t"])) == {"o", "t"}
    assert filter_view(graph, at=dt.date(2019, 1, 1)).number_of_edges() == 1


def test_active_at() -> None:
    assert active_at({"since": "2020-01-01", "until": "2020-12-31"}, dt.date(2020, 6, 1))
    assert not active_at({"until": "2020-12-31"}, dt.date(2021, 1, 1))
    assert not active_at({"date": "2022-09-29"}, dt.date(2022, 1, 1))


def test_practice_of_people_follows_their_employer() -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("roc", kind="organisation", org_type="school", sector="mbo")
    graph.add_node("firm", kind="organisation", org_type="company", sector="bouw")
    graph.add_node("p", kind="person")
    graph.add_node("q", kind="person")
    graph.add_edge("p", "roc", type="works_at", since="2010-01-01")
    graph.add_edge("p", "firm", type="works_at", since="2020-01-01")
    assert practice_of(graph) == {
        "roc": "school",
        "firm": "company",
        "p": "company",
        "q": "unknown",
    }
    assert practice_of(graph, "sector")["p"] == "bouw"


def test_ego_and_paths_do_not_run_through_skipped_kinds() -> None:
    from graph.analysis.ego import ego_network, shortest_path

    graph = nx.MultiDiGraph()
    graph.add_nodes_from(
        [
            ("a", {"kind": "person"}),
            ("b", {"kind": "person"}),
            ("c", {"kind": "organisation"}),
            ("s", {"kind": "source"}),
        ]
    )
    graph.add_edge("a", "s")
    graph.add_edge("b", "s")
    graph.add_edge("c", "b")
    skip = frozenset({"source"})
    assert set(ego_network(graph, "a", 2)) == {"a", "s", "b"}
    assert set(ego_network(graph, "a", 2, skip=skip)) == {"a"}
    assert shortest_path(graph, "a", "c") == ["a", "s", "b", "c"]
    assert shortest_path(graph, "a", "c", skip=skip) == []
    assert shortest_path(graph, "c", "a") == ["c", "b", "s", "a"]
