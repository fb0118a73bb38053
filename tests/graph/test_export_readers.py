"""Our exports as other tools' own readers take them (issue 23, part 2): every format ×
graph × reader of the round-trip table (tests/graph/readers.py, docs/exports.md) finds
the nodes, edges, direction, weights and attributes that were exported."""

from __future__ import annotations

import io
import shutil

import networkx as nx
import pytest

from graph.export import export_bytes, export_gexf, export_graphml
from graph.model import Node, Relationship
from graph.store.sqlite import SQLiteStore
from tests.graph.readers import ASPECTS, FORMATS, markdown, table


@pytest.mark.slow
def test_every_reader_finds_what_was_exported(demo_store: SQLiteStore) -> None:
    assert shutil.which("Rscript"), "make test installs r-base-core and r-cran-igraph"
    demo = (demo_store.list_nodes("demo"), demo_store.list_relationships("demo"))
    rows = table({"demo": demo})
    bad = [row for row in rows if any(row[a] == "no" for a in ASPECTS)]
    assert not bad, markdown(bad)
    readers = {(row["format"], row["graph"], row["reader"]) for row in rows}
    for graph in ("karate", "davis", "florentine", "les_miserables", "directed_multigraph", "demo"):
        for fmt in FORMATS:
            assert (fmt, graph, "networkx") in readers
        for fmt in ("graphml", "pajek", "edgelist", "adjacency"):
            assert (fmt, graph, "R igraph") in readers
        for fmt in ("graphml", "pajek", "adjacency"):
            assert (fmt, graph, "igraph") in readers


NODES = [
    Node(id="roc", kind="organisation", name="ROC", workspace="w", since="2019-01-01"),
    Node(id="firm", kind="organisation", name="Firm", workspace="w"),
    Node(id="ann", kind="person", name="Ann", workspace="w", until="2024-06-30"),
]
RELS = [
    Relationship(type="partners_with", source="roc", target="firm", workspace="w"),
    Relationship(type="works_at", source="ann", target="roc", workspace="w", since="2018-03-01"),
]


def test_graphml_keys_are_distinct_per_domain_and_graph_attributes_kept() -> None:
    data = export_graphml(NODES, RELS, {"workspace": "w", "workspace_version": 3})
    text = data.decode()
    assert 'id="n_kind"' in text and 'id="e_kind"' not in text  # no tie has a kind here
    assert 'id="n_since"' in text and 'id="e_since"' in text
    graph = nx.read_graphml(io.BytesIO(data))
    assert graph.graph["workspace"] == "w" and graph.graph["workspace_version"] == 3
    assert graph.is_directed()
    symmetric = {d["relationship_type"]: d["symmetric"] for *_, d in graph.edges(data=True)}
    assert symmetric == {"partners_with": True, "works_at": False}


def test_dynamic_gexf_gives_every_element_its_interval() -> None:
    data = export_gexf(NODES, RELS, {"workspace": "w"}, dynamic=True)
    graph = nx.read_gexf(io.BytesIO(data))
    assert graph.graph["mode"] == "dynamic"
    assert b'timeformat="date"' in data
    assert graph.nodes["roc"]["start"] == "2019-01-01" and "end" not in graph.nodes["roc"]
    assert graph.nodes["ann"]["end"] == "2024-06-30"
    # a tie lives while it and both its ends do: works_at from 2018, ROC only from 2019
    works = next(d for _, _, d in graph.edges(data=True) if d["relationship_type"] == "works_at")
    assert (works["start"], works["end"]) == ("2019-01-01", "2024-06-30")
    partners = next(d for _, _, d in graph.edges(data=True) if d["symmetric"])
    assert partners["start"] == "2019-01-01" and "end" not in partners


def test_without_sources_leaves_out_documents_and_mentions(demo_store: SQLiteStore) -> None:
    from graph.export import ExportOptions

    nodes, rels = demo_store.list_nodes("demo"), demo_store.list_relationships("demo")
    data = export_bytes("graphml", "demo", nodes, rels, ExportOptions(sources=False))
    graph = nx.read_graphml(io.BytesIO(data))
    assert not [n for n, d in graph.nodes(data=True) if d["kind"] == "source"]
    assert not [1 for *_, d in graph.edges(data=True) if d["relationship_type"] == "mentioned_in"]
    assert any(n.kind == "source" for n in nodes)  # there were some to leave out


def test_the_projection_equals_networkx_bipartite_projection(demo_store: SQLiteStore) -> None:
    import csv

    from graph.export import ExportOptions

    nodes, rels = demo_store.list_nodes("demo"), demo_store.list_relationships("demo")
    options = ExportOptions(rows="person", columns="activity")
    incidence = list(
        csv.reader(io.StringIO(export_bytes("incidence", "demo", nodes, rels, options).decode()))
    )
    themes = incidence[0][1:]
    two_mode = nx.Graph()
    orgs = [row[0] for row in incidence[1:]]
    two_mode.add_nodes_from(orgs)
    for row in incidence[1:]:
        two_mode.add_edges_from(
            (row[0], t) for t, cell in zip(themes, row[1:], strict=True) if cell != "0"
        )
    expected = nx.bipartite.weighted_projected_graph(two_mode, orgs)
    text = export_bytes("projection", "demo", nodes, rels, options).decode()
    found = {
        (r["source"], r["target"]): int(r["weight"]) for r in csv.DictReader(io.StringIO(text))
    }
    assert found and found == {
        tuple(sorted((u, v), key=orgs.index)): d["weight"] for u, v, d in expected.edges(data=True)
    }
