"""The store's outline of a workspace graph (``Store.outline``: each node's kind, each
tie's ends and type, and the version, read in one transaction) is the shape of the graph
``Store.load_graph`` builds, on every backend; ``grenswerk stats`` counts it instead of
loading the graph (tests/api/test_stats_outline.py)."""

from __future__ import annotations

from collections import Counter

import networkx as nx

from graph.analysis.stats import graph_stats, outline_stats
from graph.model import Node, Relationship
from graph.store.base import Store
from graph.store.datatypes import GraphOutline

W = "outlined"


def node(node_id: str, kind: str, **extra: object) -> Node:
    return Node.model_validate(
        {"id": node_id, "kind": kind, "name": node_id.title(), "workspace": W, **extra}
    )


def tie(source: str, target: str, rel_type: str, **extra: object) -> Relationship:
    return Relationship.model_validate(
        {"type": rel_type, "source": source, "target": target, "workspace": W, **extra}
    )


def shape(graph: nx.MultiDiGraph) -> tuple[dict[str, str], Counter[tuple[str, str, str]]]:
    return dict(graph.nodes(data="kind")), Counter(graph.edges(data="type"))


def test_the_outline_is_the_loaded_graphs_shape(store: Store) -> None:
    assert store.outline(W) == GraphOutline(0, {}, [])  # no such workspace: empty
    store.upsert(
        W,
        [
            node("roc", "organisation", org_type="school"),
            node("ilse", "person"),
            node("llo", "theme"),
            node("alone", "theme"),
            node("notes", "source"),
        ],
        [
            tie("ilse", "roc", "works_at"),
            tie("ilse", "roc", "member_of"),  # a second tie between the same two
            tie("roc", "llo", "works_on"),
            tie("ilse", "notes", "mentioned_in"),
            tie("roc", "notes", "mentioned_in"),
        ],
    )
    store.upsert(W, [], [tie("roc", "ilse", "partners_with", since="2024-01-01")])
    outline = store.outline(W)
    graph = store.load_graph(W)
    assert outline.version == store.version(W) == 2
    assert (outline.kinds, Counter(outline.ties)) == shape(graph)
    assert outline_stats(outline) == graph_stats(graph)
    assert outline_stats(outline)["by_type"] == {
        "member_of": 1,
        "mentioned_in": 2,
        "partners_with": 1,
        "works_at": 1,
        "works_on": 1,
    }


def test_the_outline_follows_deletes(store: Store) -> None:
    store.upsert(
        W,
        [node("roc", "organisation"), node("ilse", "person")],
        [tie("ilse", "roc", "works_at")],
    )
    store.delete_nodes(W, ["ilse"])
    outline = store.outline(W)
    assert outline.kinds == {"roc": "organisation"} and outline.ties == []
    assert (outline.kinds, Counter(outline.ties)) == shape(store.load_graph(W))
