"""The workspace as one network for other tools: one graph type per file, typed
attributes, the graph's own attributes (docs/exports.md).

**Direction.** A file is either directed or undirected, never mixed (networkx's,
igraph's and R's readers take only one): when every tie is of a symmetric type
(``partners_with``, ``collaborates_with``) the network is undirected; otherwise it is
directed, each tie one edge from its ``from`` to its ``to``, and a tie of a symmetric
type carries ``symmetric = true`` (its direction carries no meaning: read it as
undirected). Every edge carries ``symmetric`` (true or false).

**Weights.** ``weight`` is the tie's strength, 1.0 where none is recorded; ``strength``
is there only where one is recorded.

**Attributes.** Each attribute name has one type in a file: booleans, integers, floats
(integers and floats together become floats) or text (any other mix becomes text).
Lists (aliases) are joined with ``"; "``; provenance becomes the sources' ids.

Examples
--------
>>> from graph.model import Node, Relationship
>>> nodes = [Node(id=i, kind="organisation", name=i.upper(), workspace="w") for i in "abc"]
>>> rels = [Relationship(type="partners_with", source="a", target="b", workspace="w"),
...         Relationship(type="member_of", source="c", target="a", workspace="w")]
>>> g = network(nodes, rels, {"workspace": "w"})
>>> g.is_directed(), sorted((u, v, d["symmetric"]) for u, v, d in g.edges(data=True))
(True, [('a', 'b', True), ('c', 'a', False)])
>>> network(nodes, rels[:1], {}).is_directed()
False
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import networkx as nx

from graph.model import SYMMETRIC_TYPES, Node, NodeKind, Relationship, RelType

__all__ = [
    "BOOKKEEPING_TYPES",
    "directed",
    "flat",
    "graph_attributes",
    "interval",
    "network",
    "node_record",
    "tie_record",
    "without_sources",
]

#: ties that record where a fact comes from, not a tie of the network
BOOKKEEPING_TYPES = frozenset({RelType.MENTIONED_IN})
_NODE_RESERVED = set(Node.model_fields) | {"label", "quote", "start", "end"}
_REL_RESERVED = set(Relationship.model_fields) | {
    "label",
    "weight",
    "symmetric",
    "relationship_id",
    "relationship_type",
    "start",
    "end",
}


def without_sources(
    nodes: Sequence[Node], rels: Sequence[Relationship]
) -> tuple[list[Node], list[Relationship]]:
    """The elements without source documents, ``mentioned_in`` ties and ties to or from
    a source document (as the analyses see the workspace).

    >>> from graph.model import Node, Relationship
    >>> nodes = [Node(id="a", kind="theme", name="A", workspace="w"),
    ...          Node(id="s", kind="source", name="S", workspace="w")]
    >>> rels = [Relationship(type="mentioned_in", source="a", target="s", workspace="w")]
    >>> kept = without_sources(nodes, rels)
    >>> [n.id for n in kept[0]], kept[1]
    (['a'], [])
    """
    kept = [n for n in nodes if n.kind is not NodeKind.SOURCE]
    ids = {n.id for n in kept}
    ties = [
        r for r in rels if r.type not in BOOKKEEPING_TYPES and r.source in ids and r.target in ids
    ]
    return kept, ties


def directed(rels: Sequence[Relationship]) -> bool:
    """Whether the network is directed: some tie is of a type with a direction."""
    return any(r.type not in SYMMETRIC_TYPES for r in rels) or not rels


def flat(model: Node | Relationship, reserved: set[str]) -> dict[str, Any]:
    data = model.model_dump(mode="json", exclude_none=True, exclude={"workspace"})
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key == "properties":
            for prop, prop_value in value.items():
                if prop_value is not None:
                    out[prop if prop not in reserved else f"property_{prop}"] = prop_value
        elif key == "aliases":
            if value:
                out["aliases"] = "; ".join(value)
        elif key == "provenance":
            if value:
                out["provenance"] = "; ".join(p["source"] for p in value)
                quotes = [p["quote"] for p in value if p.get("quote")]
                if quotes and isinstance(model, Node):
                    out["quote"] = quotes[0]
        else:
            out[key] = value
    return out


def node_record(node: Node) -> dict[str, Any]:
    """A node's attributes for a file: ``label`` (its name) and its fields, flat."""
    attrs = flat(node, _NODE_RESERVED)
    attrs.pop("id")
    attrs["label"] = attrs.pop("name")
    return attrs


def tie_record(rel: Relationship) -> dict[str, Any]:
    """A tie's attributes for a file: ``relationship_id``, ``relationship_type``,
    ``symmetric``, ``weight`` and its fields, flat."""
    attrs = flat(rel, _REL_RESERVED)
    for end in ("source", "target"):
        attrs.pop(end)
    attrs["relationship_id"] = attrs.pop("id")
    attrs["relationship_type"] = attrs.pop("type")
    attrs["symmetric"] = rel.type in SYMMETRIC_TYPES
    attrs["weight"] = float(rel.strength) if rel.strength is not None else 1.0
    return attrs


def _harmonise(records: Iterable[dict[str, Any]]) -> None:
    """One type per attribute name across ``records`` (changed in place)."""
    records = list(records)
    kinds: dict[str, set[type]] = {}
    for record in records:
        for key, value in record.items():
            kinds.setdefault(key, set()).add(type(value))
    for key, found in kinds.items():
        if len(found) < 2:
            continue
        as_float = found <= {int, float}
        for record in records:
            if key in record:
                value = record[key]
                if as_float:
                    record[key] = float(value)
                elif isinstance(value, bool):
                    record[key] = "true" if value else "false"
                else:
                    record[key] = str(value)


def graph_attributes(provenance: Mapping[str, Any] | None) -> dict[str, Any]:
    """The network's own attributes: where it comes from, flat and typed."""
    if not provenance:
        return {}
    out: dict[str, Any] = {}
    for key, value in provenance.items():
        if key == "versions":
            for name, version in value.items():
                out[f"{name}_version"] = str(version)
        elif key == "options":
            out["options"] = "; ".join(f"{k}={v}" for k, v in sorted(value.items()))
        elif value is not None:
            out[key] = value
    out["direction"] = (
        "one edge per tie from its from to its to; symmetric=true marks a tie whose "
        "direction carries no meaning (partners_with, collaborates_with)"
    )
    return out


def network(
    nodes: Sequence[Node],
    rels: Sequence[Relationship],
    meta: Mapping[str, Any] | None = None,
) -> nx.MultiDiGraph | nx.MultiGraph:
    """The elements as a networkx multigraph for a writer: directed unless every tie is
    symmetric; node ids as nodes, relationship ids as edge keys; ``meta`` as the graph's
    attributes (see :func:`graph_attributes`)."""
    graph: nx.MultiDiGraph | nx.MultiGraph = (
        nx.MultiDiGraph() if directed(rels) else nx.MultiGraph()
    )
    graph.graph.update(meta or {})
    node_records = [node_record(n) for n in nodes]
    tie_records = [tie_record(r) for r in rels]
    _harmonise(node_records)
    _harmonise(tie_records)
    for node, attrs in zip(nodes, node_records, strict=True):
        graph.add_node(node.id, **attrs)
    for rel, attrs in zip(rels, tie_records, strict=True):
        graph.add_edge(rel.source, rel.target, key=rel.id, **attrs)
    return graph


def _day(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    return None


def interval(
    element: Node | Relationship, ends: Sequence[tuple[dt.date | None, dt.date | None]] = ()
) -> tuple[dt.date | None, dt.date | None]:
    """When an element exists, as the analyses' ``at`` reads it: from ``since`` (an
    activity without one: from its ``date``) to ``until``; a tie also only while both
    its ends exist (``ends``: their intervals). ``None``: open.

    >>> from graph.model import Node
    >>> meeting = Node(id="m", kind="activity", name="M", date="2022-09-29", workspace="w")
    >>> interval(meeting)
    (datetime.date(2022, 9, 29), None)
    """
    start = element.since
    if start is None and isinstance(element, Node):
        start = _day(element.date)
    end = element.until
    for end_start, end_end in ends:
        if end_start is not None and (start is None or end_start > start):
            start = end_start
        if end_end is not None and (end is None or end_end < end):
            end = end_end
    return start, end
