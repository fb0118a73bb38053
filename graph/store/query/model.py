"""The query model: the labels, relationship types and properties an analyst's Cypher
query sees, the same on every backend (documented in ``docs/query.md``; a test holds
the two equal).

A workspace's graph (:meth:`graph.store.base.Store.load_graph`) becomes one table of
node rows per label and one of relationship rows per type (:func:`model_rows`): plain
Python values (``str``, ``int``, ``float``, ``bool``, :class:`datetime.date`, lists of
``str``), ``None`` where an element has no value. The query engine is filled with these
rows, and the corpus test writes the same rows to Neo4j.

Examples
--------
>>> import networkx as nx
>>> g = nx.MultiDiGraph(workspace="w")
>>> g.add_node("roc", kind="organisation", name="ROC", org_type="school", aliases=[],
...            properties={"boundary_object": True, "x": 1}, provenance=[])
>>> g.add_node("llo", kind="theme", name="LLO", aliases=[], properties={}, provenance=[])
>>> _ = g.add_edge("roc", "llo", key="r1", id="r1", type="works_on", since="2019-09-01",
...                mechanism="reflection", aliases=[], properties={}, provenance=[])
>>> rows = model_rows(g)
>>> org = rows.nodes["Organisation"][0]
>>> org["name"], org["org_type"], org["boundary_object"], org["properties"]
('ROC', 'school', True, '{"x":1}')
>>> tie = rows.relationships["WORKS_ON"][0]
>>> tie["since"], tie["mechanism_depth"], tie["source"], tie["target"]
(datetime.date(2019, 9, 1), 3, 'roc', 'llo')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import networkx as nx
import orjson

from graph.model import RELATIONSHIP_ENDPOINTS, SYMMETRIC_TYPES, Mechanism, NodeKind, RelType

__all__ = [
    "LABELS",
    "NODE_PROPERTIES",
    "REL_ENDS",
    "REL_PROPERTIES",
    "TYPES",
    "ModelRows",
    "PropertyType",
    "model_rows",
]

#: A property's type, in the engine's words (Neo4j: String, Date, Float, Long, Boolean,
#: StringArray).
PropertyType = Literal["STRING", "DATE", "DOUBLE", "INT64", "BOOL", "STRING[]"]

#: The label of each node kind.
LABELS: dict[NodeKind, str] = {
    NodeKind.ORGANISATION: "Organisation",
    NodeKind.PERSON: "Person",
    NodeKind.NETWORK: "Network",
    NodeKind.ACTIVITY: "Activity",
    NodeKind.THEME: "Theme",
    NodeKind.SOURCE: "Source",
}

#: The relationship type of each vocabulary type: ``works_at`` is ``WORKS_AT``.
TYPES: dict[RelType, str] = {t: t.value.upper() for t in RelType}

#: The properties of every node, whatever its label (``None`` where it has no value).
NODE_PROPERTIES: dict[str, PropertyType] = {
    "id": "STRING",
    "kind": "STRING",
    "name": "STRING",
    "description": "STRING",
    "aliases": "STRING[]",
    "org_type": "STRING",
    "sector": "STRING",
    "activity_type": "STRING",
    "date": "DATE",
    "role": "STRING",
    "url": "STRING",
    "boundary_object": "BOOL",
    "since": "DATE",
    "until": "DATE",
    "sources": "STRING[]",
    "properties": "STRING",
}

#: The properties of every relationship, whatever its type.
REL_PROPERTIES: dict[str, PropertyType] = {
    "id": "STRING",
    "type": "STRING",
    "role": "STRING",
    "kind": "STRING",
    "mechanism": "STRING",
    "mechanism_depth": "INT64",
    "strength": "DOUBLE",
    "frequency": "DOUBLE",
    "quote": "STRING",
    "since": "DATE",
    "until": "DATE",
    "sources": "STRING[]",
    "properties": "STRING",
}

_NODE_FIELDS = {
    "id",
    "kind",
    "name",
    "description",
    "aliases",
    "org_type",
    "sector",
    "activity_type",
    "date",
    "role",
    "url",
    "since",
    "until",
}
_REL_FIELDS = {
    "id",
    "type",
    "role",
    "kind",
    "mechanism",
    "strength",
    "frequency",
    "quote",
    "since",
    "until",
}
_DATES = ("date", "since", "until")
_DEPTH = {m.value: m.depth for m in Mechanism}


def _ends() -> dict[str, list[tuple[str, str]]]:
    ends: dict[str, list[tuple[str, str]]] = {}
    for rel_type, (sources, targets) in RELATIONSHIP_ENDPOINTS.items():
        pairs = {(s, t) for s in sources for t in targets}
        if rel_type in SYMMETRIC_TYPES:
            pairs |= {(t, s) for s, t in pairs}
        order = list(LABELS)
        ends[TYPES[rel_type]] = [
            (LABELS[s], LABELS[t])
            for s, t in sorted(pairs, key=lambda p: (order.index(p[0]), order.index(p[1])))
        ]
    return ends


#: The (from label, to label) pairs each relationship type joins.
REL_ENDS: dict[str, list[tuple[str, str]]] = _ends()


@dataclass
class ModelRows:
    """A workspace in the query model: node rows by label, relationship rows by type
    (each with ``source`` and ``target`` ids), and the end labels of each tie."""

    nodes: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    relationships: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    #: per relationship type, the (from label, to label) of each row, in row order
    ends: dict[str, list[tuple[str, str]]] = field(default_factory=dict)


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _free(properties: Mapping[str, Any] | None, lifted: tuple[str, ...] = ()) -> str | None:
    rest = {k: v for k, v in (properties or {}).items() if k not in lifted}
    return orjson.dumps(rest, option=orjson.OPT_SORT_KEYS).decode() if rest else None


def _sources(provenance: Any) -> list[str]:
    return list(dict.fromkeys(p["source"] for p in provenance or () if p.get("source")))


def _boundary_object(properties: Mapping[str, Any] | None) -> bool | None:
    value = (properties or {}).get("boundary_object")
    if value is None:
        return None
    return value is True or str(value).lower() in ("true", "ja", "yes", "1")


def node_row(node_id: str, attrs: Mapping[str, Any]) -> dict[str, Any]:
    """One node's row: every property of :data:`NODE_PROPERTIES`."""
    row: dict[str, Any] = dict.fromkeys(NODE_PROPERTIES)
    for key in _NODE_FIELDS:
        if key in attrs:
            row[key] = attrs[key]
    row["id"] = node_id
    for key in _DATES:
        row[key] = _date(row[key])
    row["aliases"] = list(attrs.get("aliases") or ())
    props = attrs.get("properties")
    row["boundary_object"] = _boundary_object(props)
    row["sources"] = _sources(attrs.get("provenance"))
    row["properties"] = _free(props, ("boundary_object",))
    return row


def relationship_row(attrs: Mapping[str, Any]) -> dict[str, Any]:
    """One relationship's row: every property of :data:`REL_PROPERTIES`."""
    row: dict[str, Any] = dict.fromkeys(REL_PROPERTIES)
    for key in _REL_FIELDS:
        if key in attrs:
            row[key] = attrs[key]
    for key in ("since", "until"):
        row[key] = _date(row[key])
    for key in ("strength", "frequency"):
        if row[key] is not None:
            row[key] = float(row[key])
    row["mechanism_depth"] = _DEPTH.get(row["mechanism"] or "")
    row["sources"] = _sources(attrs.get("provenance"))
    row["properties"] = _free(attrs.get("properties"))
    return row


def model_rows(graph: nx.MultiDiGraph) -> ModelRows:
    """The workspace graph in the query model, nodes and ties in the graph's order."""
    rows = ModelRows()
    label_of: dict[str, str] = {}
    for node_id, attrs in graph.nodes(data=True):
        label = LABELS[NodeKind(attrs["kind"])]
        label_of[node_id] = label
        rows.nodes.setdefault(label, []).append(node_row(node_id, attrs))
    for source, target, attrs in graph.edges(data=True):
        if source not in label_of or target not in label_of:
            continue  # an end with no stored node: no tie in the model
        rel_type = TYPES[RelType(attrs["type"])]
        row = relationship_row(attrs)
        row["source"], row["target"] = source, target
        rows.relationships.setdefault(rel_type, []).append(row)
        rows.ends.setdefault(rel_type, []).append((label_of[source], label_of[target]))
    return rows
