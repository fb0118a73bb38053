"""The workspace graph built straight from the stored form of its elements.

Both backends store an element as the JSON its model wrote (:func:`graph.store.codec.encode`:
every field but ``workspace``, ``None`` left out). The graph the analyses run on holds
the same fields as plain values (:func:`graph.convert.node_attributes` and
:func:`graph.convert.relationship_attributes`), so for a row the model wrote, the parsed
JSON *is* those attributes: no model object needs to be built, validated and dumped
again. That is what makes loading a 100 000-node workspace from its rows take seconds
instead of tens of seconds (``bench/api.py``).

A row the current model would complete on reading — one written before a field with a
default existed (``aliases``, ``properties``, ``provenance``), an organisation stored
without its ``org_type``, a relationship without its ``id`` — goes through the model as before,
so the graph is the one :func:`graph.convert.to_networkx` builds from the decoded
elements (``tests/graph/store/test_stored_graph.py`` holds the two equal).

Examples
--------
>>> from graph.model import Node, Relationship
>>> from graph.store.codec import encode
>>> a = Node(id="a", kind="person", name="Ilse", workspace="w")
>>> b = Node(id="b", kind="organisation", name="ROC", workspace="w")
>>> tie = Relationship(type="works_at", source="a", target="b", workspace="w")
>>> g = stored_graph("w", [encode(a), encode(b)], [encode(tie)])
>>> g.nodes["b"]["org_type"], list(g.edges(keys=True))
('other', [('a', 'b', 'works_at-a99d52f4a9f600f7')])
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx
import orjson

from graph.convert import node_attributes, relationship_attributes
from graph.store.codec import decode_node, decode_relationship

__all__ = ["GraphBuilder", "stored_graph"]

#: fields the model always writes (their defaults are not ``None``)
_ALWAYS = frozenset(("aliases", "properties", "provenance"))

#: fields whose values repeat from element to element (kinds, types, dates, roles): the
#: graph keeps one string per value instead of one per element, which makes it smaller
#: in memory and its snapshot smaller and quicker to write and read (a pickle writes a
#: string it has seen as a reference to it)
_NODE_WORDS = ("kind", "org_type", "sector", "activity_type", "date", "role", "since", "until")
_REL_WORDS = ("type", "kind", "role", "mechanism", "since", "until")


class GraphBuilder:
    """A workspace graph filled row by row from stored JSON.

    Parameters
    ----------
    workspace : str
        The workspace the rows belong to (the graph's ``workspace`` attribute).

    Examples
    --------
    >>> builder = GraphBuilder("w")
    >>> builder.add_node(b'{"id":"t","aliases":[],"properties":{},"provenance":[],'
    ...                  b'"kind":"theme","name":"LLO"}')
    >>> builder.graph.nodes["t"]["name"]
    'LLO'
    """

    def __init__(self, workspace: str) -> None:
        self.workspace = workspace
        self.graph = nx.MultiDiGraph(workspace=workspace)
        self._words: dict[str, str] = {}

    def add_node(self, data: bytes | str) -> None:
        """Add one stored node (its attributes as :func:`node_attributes` gives them)."""
        self.add_nodes((data,))

    def add_relationship(self, data: bytes | str) -> None:
        """Add one stored relationship, keyed by its id."""
        self.add_relationships((data,))

    def add_nodes(self, rows: Iterable[bytes | str]) -> None:
        """Add stored nodes, one per row (one loop for them all: no call per row)."""
        loads, words, nodes = orjson.loads, self._words, self.graph._node
        succ, pred = self.graph._succ, self.graph._pred
        for data in rows:
            attrs: dict[str, Any] = loads(data)
            if not attrs.keys() >= _ALWAYS or (
                attrs.get("kind") == "organisation" and "org_type" not in attrs
            ):
                node = decode_node(data, self.workspace)  # the model fills in the default
                node_id, attrs = node.id, node_attributes(node)
            else:
                node_id = attrs.pop("id")
            for field in _NODE_WORDS:  # one string per repeated value
                value = attrs.get(field)
                if value.__class__ is str:
                    attrs[field] = words.setdefault(value, value)
            if node_id in nodes:  # never for stored rows (ids are unique); as add_node
                nodes[node_id].update(attrs)
                continue
            # what MultiDiGraph.add_node does for a new node, without its per-call checks
            succ[node_id] = {}
            pred[node_id] = {}
            nodes[node_id] = attrs

    def add_relationships(self, rows: Iterable[bytes | str]) -> None:
        """Add stored relationships, keyed by their ids (one loop for them all)."""
        loads, words = orjson.loads, self._words
        succ, pred = self.graph._succ, self.graph._pred
        for data in rows:
            attrs: dict[str, Any] = loads(data)
            if not attrs.get("id") or not attrs.keys() >= _ALWAYS:
                rel = decode_relationship(data, self.workspace)  # the model makes the id
                attrs = relationship_attributes(rel)
                attrs["source"], attrs["target"] = rel.source, rel.target
            source, target = attrs.pop("source"), attrs.pop("target")
            for field in _REL_WORDS:  # one string per repeated value
                value = attrs.get(field)
                if value.__class__ is str:
                    attrs[field] = words.setdefault(value, value)
            key = attrs["id"]
            if source not in succ or target not in succ:  # an end with no stored node
                self.graph.add_edge(source, target, key=key, **attrs)
                continue
            # what MultiDiGraph.add_edge does for a new key, without its per-call checks:
            # one key dict shared by the successor and the predecessor side
            keys = succ[source].get(target)
            if keys is None:
                keys = succ[source][target] = pred[target][source] = {}
            if key in keys:  # never for stored rows (ids are unique); as add_edge
                keys[key].update(attrs)
            else:
                keys[key] = attrs


def stored_graph(
    workspace: str, nodes: Iterable[bytes | str], relationships: Iterable[bytes | str]
) -> nx.MultiDiGraph:
    """The workspace graph from the stored JSON of its nodes and relationships.

    Parameters
    ----------
    workspace : str
        The workspace.
    nodes, relationships : iterable of bytes or str
        Stored forms, as :func:`graph.store.codec.encode` wrote them.

    Returns
    -------
    networkx.MultiDiGraph
        The graph :func:`graph.convert.to_networkx` makes of the decoded elements.

    Examples
    --------
    >>> g = stored_graph("w", [b'{"id":"a","kind":"theme","name":"LLO"}'], [])
    >>> g.graph, list(g)
    ({'workspace': 'w'}, ['a'])
    """
    builder = GraphBuilder(workspace)
    builder.add_nodes(nodes)
    builder.add_relationships(relationships)
    return builder.graph
