"""The column-wise conversion to igraph gives the graph of the edge-by-edge one it
replaced (kept below): the same vertices, edges in the same order, the same
attributes (Leiden's seeded result depends on that order)."""

from __future__ import annotations

import random

import igraph as ig
import networkx as nx
import pytest

from graph.analysis.result import column_rows, node_rows, to_igraph


def reference_to_igraph(
    graph: nx.Graph, attributes: tuple[str, ...] = ("weight", "distance")
) -> tuple[ig.Graph, list[object]]:
    ids = list(graph.nodes)
    index = {node: i for i, node in enumerate(ids)}
    edges = [(index[u], index[v]) for u, v in graph.edges()]
    converted = ig.Graph(n=len(ids), edges=edges, directed=graph.is_directed())
    for attribute in attributes:
        converted.es[attribute] = [d.get(attribute, 1.0) for _, _, d in graph.edges(data=True)]
    return converted, ids


def sample_graph(directed: bool, seed: int) -> nx.Graph:
    rng = random.Random(seed)
    base = nx.gnm_random_graph(40, 90, seed=seed, directed=directed)
    graph: nx.Graph = nx.DiGraph() if directed else nx.Graph()
    names = [f"n{i}" if i % 3 else i for i in rng.sample(range(100), 45)]  # mixed ids
    graph.add_nodes_from(names)  # five isolates among them
    for u, v in base.edges():
        data = {"weight": rng.choice([1.0, 2.5])} if rng.random() < 0.8 else {}
        if rng.random() < 0.5:
            data["distance"] = rng.random()
        graph.add_edge(names[u], names[v], **data)
    graph.add_edge(names[3], names[3], weight=4.0)  # a self-loop
    return graph


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("attributes", [("weight", "distance"), ()])
def test_same_graph_as_the_edge_by_edge_conversion(
    directed: bool, seed: int, attributes: tuple[str, ...]
) -> None:
    graph = sample_graph(directed, seed)
    found, ids = to_igraph(graph, attributes=attributes)
    expected, expected_ids = reference_to_igraph(graph, attributes)
    assert ids == expected_ids
    assert found.is_directed() == directed
    assert found.vcount() == expected.vcount()
    assert found.get_edgelist() == expected.get_edgelist()
    assert found.es.attributes() == expected.es.attributes()
    for attribute in attributes:
        assert found.es[attribute] == expected.es[attribute]


def test_empty_graphs_and_multigraphs() -> None:
    for graph in (nx.Graph(), nx.DiGraph([(1, 2)]), nx.MultiGraph([(1, 2), (1, 2)])):
        found, ids = to_igraph(graph)
        expected, expected_ids = reference_to_igraph(graph)
        assert (ids, found.get_edgelist()) == (expected_ids, expected.get_edgelist())
        assert found.es["weight"] == expected.es["weight"]


def test_column_rows_equal_node_rows() -> None:
    graph = sample_graph(False, 1)
    for i, node in enumerate(graph):
        if i % 2:
            graph.nodes[node]["name"] = f"naam {i}"
    ids = list(graph)
    columns = {"degree": [graph.degree(n) for n in ids], "x": [i / 7 for i in range(len(ids))]}
    values = {n: {k: float(c[i]) for k, c in columns.items()} for i, n in enumerate(ids)}
    expected = node_rows(graph, values)
    found = column_rows(graph, columns)
    assert found == expected
    assert [list(row) for row in found] == [list(row) for row in expected]  # key order
    assert all(type(row["degree"]) is float for row in found)
    with pytest.raises(ValueError, match="a column per node"):
        column_rows(graph, {"degree": [1.0]})
