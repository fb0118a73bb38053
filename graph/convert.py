"""Turning stored elements into the in-memory graph the analyses run on.

Both store backends build their graph with :func:`to_networkx`, so every analysis
sees the same graph whichever store holds the data.

Examples
--------
>>> from graph.model import Node, Relationship
>>> nodes = [Node(id="a", kind="person", name="Ilse", workspace="w"),
...          Node(id="b", kind="organisation", name="ROC", org_type="school", workspace="w")]
>>> rels = [Relationship(type="works_at", source="a", target="b", workspace="w")]
>>> g = to_networkx("w", nodes, rels)
>>> g.nodes["b"]["org_type"], g.number_of_edges()
('school', 1)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from graph.model import Node, Relationship

__all__ = [
    "add_node",
    "add_relationship",
    "node_attributes",
    "relationship_attributes",
    "to_networkx",
]


def node_attributes(node: Node) -> dict[str, Any]:
    """The node's fields as plain values (enums as strings, dates as ISO text)."""
    attrs = node.model_dump(mode="json", exclude={"id", "workspace"}, exclude_none=True)
    return attrs


def relationship_attributes(rel: Relationship) -> dict[str, Any]:
    """The relationship's fields as plain values."""
    return rel.model_dump(mode="json", exclude={"workspace", "source", "target"}, exclude_none=True)


def add_node(graph: nx.MultiDiGraph, node: Node) -> None:
    graph.add_node(node.id, **node_attributes(node))


def add_relationship(graph: nx.MultiDiGraph, rel: Relationship) -> None:
    graph.add_edge(rel.source, rel.target, key=rel.id, **relationship_attributes(rel))


def to_networkx(
    workspace: str, nodes: Iterable[Node], relationships: Iterable[Relationship]
) -> nx.MultiDiGraph:
    """A directed multigraph: node ids as nodes, relationship ids as edge keys."""
    graph = nx.MultiDiGraph(workspace=workspace)
    for node in nodes:
        add_node(graph, node)
    for rel in relationships:
        add_relationship(graph, rel)
    return graph
