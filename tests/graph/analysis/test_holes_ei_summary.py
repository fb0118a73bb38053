"""Structural holes against networkx's definition; E-I index; summary numbers."""

from __future__ import annotations

import math
import random

import networkx as nx
import pytest

from graph.analysis.ei_index import ei_index
from graph.analysis.holes import structural_holes
from graph.analysis.summary import summary


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("weight", [None, "weight"])
def test_holes_equal_networkx_definition(directed: bool, weight: str | None) -> None:
    graph = nx.gnm_random_graph(50, 160, seed=5, directed=directed)
    graph.add_node(99)
    rng = random.Random(2)
    for u, v in graph.edges():
        graph[u][v]["weight"] = rng.choice([1, 2, 3])
    ours = {r["id"]: r for r in structural_holes(graph, weight=weight).rows}
    size = nx.effective_size(graph, nodes=list(graph), weight=weight)
    constraint = nx.constraint(graph, weight=weight)
    for node in graph:
        if directed and graph.out_degree(node) == 0 and graph.in_degree(node) > 0:
            # networkx treats a node without successors as isolated (NaN); Burt's
            # definition, and ours, count every neighbour
            assert not math.isnan(ours[node]["effective_size"])
            continue
        if math.isnan(size[node]):
            assert math.isnan(ours[node]["effective_size"])
            continue
        assert ours[node]["effective_size"] == pytest.approx(size[node], abs=1e-9)
        assert ours[node]["constraint"] == pytest.approx(constraint[node], abs=1e-9)
        assert ours[node]["efficiency"] == pytest.approx(
            size[node] / ours[node]["degree"], abs=1e-9
        )


def test_florentine_constraint() -> None:
    graph = nx.florentine_families_graph()
    rows = {r["id"]: r for r in structural_holes(graph).rows}
    reference = nx.constraint(graph)
    for family, value in reference.items():
        assert rows[family]["constraint"] == pytest.approx(value, abs=1e-12)
    least = min(rows.values(), key=lambda r: r["constraint"])
    assert least["id"] == "Medici"  # the broker is the least constrained
    assert rows["Medici"]["constraint"] == pytest.approx(0.2099, abs=1e-4)
    assert rows["Medici"]["effective_size"] == pytest.approx(5.6667, abs=1e-4)


def test_ei_index_by_hand() -> None:
    # s1-s2 internal; s1-c1, s2-c1 external; c1-c2 internal: E = 2, I = 2 → 0
    graph = nx.Graph([("s1", "s2"), ("s1", "c1"), ("s2", "c1"), ("c1", "c2")])
    groups = {"s1": "S", "s2": "S", "c1": "C", "c2": "C"}
    result = ei_index(graph, groups)
    assert result.meta["network"] == 0
    # group S: external 2 (s1-c1, s2-c1), internal 1 → 1/3; group C: 2 vs 1 → 1/3
    assert result.meta["groups"] == {"C": pytest.approx(1 / 3), "S": pytest.approx(1 / 3)}
    rows = {r["id"]: r for r in result.rows}
    assert rows["c1"]["ei_index"] == pytest.approx((2 - 1) / 3)
    assert rows["c2"]["ei_index"] == -1


def test_ei_extremes() -> None:
    inside = nx.complete_graph(4)
    assert ei_index(inside, dict.fromkeys(inside, "S")).meta["network"] == -1
    bipartite = nx.complete_bipartite_graph(2, 3)
    groups = {n: "S" if n < 2 else "C" for n in bipartite}
    assert ei_index(bipartite, groups).meta["network"] == 1


def test_summary_numbers() -> None:
    graph = nx.Graph([(1, 2), (2, 3), (3, 4), (5, 6)])
    graph.add_node(7)
    meta = summary(graph).meta
    assert meta["components"] == 3 and meta["largest_component"] == 4
    assert meta["isolates"] == 1
    assert meta["diameter"] == 3
    assert meta["average_path_length"] == pytest.approx(
        nx.average_shortest_path_length(graph.subgraph([1, 2, 3, 4]))
    )
    assert meta["density"] == pytest.approx(nx.density(graph))


def test_summary_reciprocity_and_assortativity() -> None:
    graph = nx.DiGraph([(1, 2), (2, 1), (2, 3)])
    assert summary(graph).meta["reciprocity"] == pytest.approx(nx.reciprocity(graph))
    karate = nx.karate_club_graph()
    nx.set_node_attributes(karate, {n: karate.nodes[n]["club"] for n in karate}, "org_type")
    expected = nx.attribute_assortativity_coefficient(karate, "org_type")
    assert summary(karate).meta["assortativity_org_type"] == pytest.approx(expected)


def test_summary_samples_paths_on_large_graphs() -> None:
    graph = nx.barabasi_albert_graph(800, 3, seed=3)
    exact = summary(graph).meta
    sampled = summary(graph, sample_threshold=100, sample_size=200).meta
    assert sampled["path_sample"] == 200 and "path_sample" not in exact
    assert sampled["average_path_length"] == pytest.approx(exact["average_path_length"], rel=0.05)
    assert sampled["diameter"] <= exact["diameter"]


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_summary_equals_networkx_on_random_graphs(directed: bool, seed: int) -> None:
    """The igraph and numpy summary against networkx (components, isolates, paths of
    the largest component, assortativity over the ties whose ends have the attribute)."""
    import random

    rng = random.Random(seed)
    graph = nx.gnm_random_graph(80, 90, seed=seed, directed=directed)
    graph.add_nodes_from(range(80, 85))  # isolates
    for node in graph:
        if rng.random() < 0.8:  # some without an org_type
            graph.nodes[node]["org_type"] = rng.choice(["school", "company", "government"])
        graph.nodes[node]["sector"] = "zorg"  # a single value: no assortativity
    meta = summary(graph).meta
    undirected = graph.to_undirected()
    parts = sorted(nx.connected_components(undirected), key=len, reverse=True)
    assert meta["components"] == len(parts)
    assert meta["largest_component"] == len(parts[0])
    assert meta["isolates"] == sum(1 for n in undirected if undirected.degree(n) == 0)
    largest = undirected.subgraph(parts[0])
    assert meta["diameter"] == nx.diameter(largest)
    assert meta["average_path_length"] == pytest.approx(
        nx.average_shortest_path_length(largest), abs=1e-12
    )
    having = [n for n in graph if "org_type" in graph.nodes[n]]
    expected = nx.attribute_assortativity_coefficient(undirected.subgraph(having), "org_type")
    assert meta["assortativity_org_type"] == pytest.approx(expected, abs=1e-12)
    assert meta["assortativity_sector"] is None
