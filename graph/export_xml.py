"""GraphML and GEXF (static and dynamic) that networkx's, igraph's and Gephi's own
readers take as written (docs/exports.md).

* One graph type per file (:func:`graph.export_network.network`): directed, with
  ``symmetric`` on every edge, or undirected when every tie is symmetric.
* GraphML: key ids distinct per domain (``n_kind`` for nodes, ``e_kind`` for edges,
  ``g_workspace`` for the graph), the graph's own attributes as ``for="graph"`` keys,
  node ids and relationship ids (edge ``id``) kept, attributes typed.
* GEXF 1.3 (``http://gexf.net/1.3``; networkx ≥ 3.3 and Gephi read it): the graph's
  attributes in ``<meta>`` (creator, description, keywords: GEXF has no graph
  attributes), typed attribute declarations, edge ``weight`` native.
* Dynamic GEXF: ``mode="dynamic"``, ``timeformat="date"``, each node's and edge's
  ``start``/``end`` from its dates (:func:`graph.export_network.interval`): Gephi's
  timeline plays the network's history.

Examples
--------
>>> from graph.model import Node, Relationship
>>> nodes = [Node(id=i, kind="organisation", name=i, workspace="w") for i in "ab"]
>>> rels = [Relationship(type="member_of", source="a", target="b", workspace="w",
...                      since="2020-01-01")]
>>> import io
>>> g = nx.read_gexf(io.BytesIO(export_gexf(nodes, rels, dynamic=True)))
>>> g.is_directed(), [d["start"] for _, _, d in g.edges(data=True)]
(True, ['2020-01-01'])
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from typing import Any, Literal
from xml.etree.ElementTree import Element, SubElement, tostring

import networkx as nx
from defusedxml.ElementTree import fromstring
from networkx.readwrite.gexf import GEXFWriter
from networkx.readwrite.graphml import GraphMLWriter

from graph.export_network import graph_attributes, interval, network
from graph.model import Node, Relationship

__all__ = ["GEXF_VERSION", "export_gexf", "export_graphml", "read_networkx"]

GEXF_VERSION = "1.3"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_SAFE_KEY = re.compile(r"^[A-Za-z_][\w.-]*$")


class _GraphMLWriter(GraphMLWriter):
    """networkx's writer with key ids that say their domain: ``n_``, ``e_``, ``g_``."""

    def __init__(self) -> None:
        super().__init__(encoding="utf-8", prettyprint=True)

    def get_key(self, name: str, attr_type: str, scope: str, default: Any) -> str:
        keys_key = (name, attr_type, scope)
        if keys_key not in self.keys:
            base = f"{scope[0]}_{name}" if _SAFE_KEY.match(name) else f"{scope[0]}_{len(self.keys)}"
            self.keys[keys_key] = base
            key = self.myElement(
                "key", **{"id": base, "for": scope, "attr.name": name, "attr.type": attr_type}
            )
            self.xml.insert(0, key)
        return str(self.keys[keys_key])


def export_graphml(
    nodes: Sequence[Node], rels: Sequence[Relationship], provenance: Mapping[str, Any] | None = None
) -> bytes:
    """GraphML: one graph type, typed attributes, key ids per domain, the graph's
    attributes (``provenance``) kept; edge ids are relationship ids."""
    graph = network(nodes, rels, graph_attributes(provenance))
    writer = _GraphMLWriter()
    writer.add_graph_element(graph)
    buffer = io.BytesIO()
    writer.dump(buffer)
    return buffer.getvalue()


def _dynamic(
    graph: nx.MultiDiGraph | nx.MultiGraph, nodes: Sequence[Node], rels: Sequence[Relationship]
) -> None:
    """``start``/``end`` (ISO dates) on every dated node and tie."""
    spans = {}
    for node in nodes:
        spans[node.id] = interval(node)
        start, end = spans[node.id]
        if start:
            graph.nodes[node.id]["start"] = start.isoformat()
        if end:
            graph.nodes[node.id]["end"] = end.isoformat()
    for rel in rels:
        start, end = interval(rel, (spans[rel.source], spans[rel.target]))
        attrs = graph.edges[rel.source, rel.target, rel.id]
        if start:
            attrs["start"] = start.isoformat()
        if end:
            attrs["end"] = end.isoformat()


def _meta(writer: GEXFWriter, provenance: Mapping[str, Any] | None) -> None:
    """``<meta>``: the creator, and the graph's attributes as description and keywords;
    ``lastmodifieddate`` the day of the provenance's time (not the day it is run)."""
    root = writer.xml
    old = root.find("meta")
    if old is not None:
        root.remove(old)
    attributes = graph_attributes(provenance)
    meta = Element("meta")
    time = str((provenance or {}).get("time") or "")
    if time:
        meta.set("lastmodifieddate", time[:10])
    version = attributes.get("grenswerk_version", "")
    SubElement(meta, "creator").text = f"Grenswerk {version}".strip()
    SubElement(meta, "keywords").text = ", ".join(
        f"{k}={attributes[k]}" for k in ("workspace", "workspace_version") if k in attributes
    )
    SubElement(meta, "description").text = "\n".join(f"{k}: {v}" for k, v in attributes.items())
    root.insert(0, meta)
    root.set("xmlns:xsi", _XSI)


def export_gexf(
    nodes: Sequence[Node],
    rels: Sequence[Relationship],
    provenance: Mapping[str, Any] | None = None,
    *,
    dynamic: bool = False,
) -> bytes:
    """GEXF 1.3: one graph type; with ``dynamic`` the nodes' and ties' time intervals
    (``timeformat="date"``); edge ids are relationship ids."""
    graph = network(nodes, rels)
    for u, v, key in list(graph.edges(keys=True)):
        graph.edges[u, v, key]["id"] = key
    if dynamic:
        _dynamic(graph, nodes, rels)
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version=GEXF_VERSION)
    writer.add_graph(graph)
    graph_element = writer.xml.find("graph")
    if graph_element is not None:
        if dynamic:
            graph_element.set("mode", "dynamic")
            graph_element.set("timeformat", "date")
        graph_element.attrib.pop("name", None)
    _meta(writer, provenance)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _edges(graph: Element, fmt: str) -> list[Element]:
    if fmt == "graphml":
        return [e for e in graph if _local(e.tag) == "edge"]
    return [e for block in graph if _local(block.tag) == "edges" for e in block]


def read_networkx(data: bytes, fmt: Literal["graphml", "gexf"]) -> nx.MultiDiGraph:
    """A GraphML or GEXF document read with networkx's own reader, mixed graphs too
    (older Grenswerk exports, other tools' files), as a directed multigraph whose edges
    carry ``directed`` (``False`` for an undirected edge, kept once in the order the
    file writes it).

    Examples
    --------
    >>> from graph.model import Node, Relationship
    >>> nodes = [Node(id=i, kind="organisation", name=i, workspace="w") for i in "ab"]
    >>> rels = [Relationship(type="partners_with", source="a", target="b", workspace="w")]
    >>> g = read_networkx(export_gexf(nodes, rels), "gexf")
    >>> [(u, v, d["directed"], d["relationship_type"]) for u, v, d in g.edges(data=True)]
    [('a', 'b', False, 'partners_with')]
    """
    root = fromstring(data, forbid_dtd=True)
    graph = next(e for e in root if _local(e.tag) == "graph")
    mark, default_mark = (
        ("directed", "edgedefault") if fmt == "graphml" else ("type", "defaultedgetype")
    )
    default = graph.get(default_mark) == "directed"
    directed: dict[str, bool] = {}
    for index, edge in enumerate(_edges(graph, fmt)):
        if not edge.get("id"):
            edge.set("id", f"e{index}")
        own = edge.attrib.pop(mark, None)
        directed[edge.get("id", "")] = own in ("true", "directed") if own else default
    graph.set(default_mark, "directed")
    text = tostring(root, encoding="utf-8")
    read = nx.read_graphml if fmt == "graphml" else nx.read_gexf
    out = nx.MultiDiGraph(read(io.BytesIO(text)))
    for _, _, key, attrs in out.edges(keys=True, data=True):
        attrs["directed"] = directed[str(attrs.get("id", key))]
    return out
