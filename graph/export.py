"""Exports: our JSON (lossless), GraphML and GEXF (Gephi, R, Python), CSV.

GraphML and GEXF say which ties are directed: a tie of a symmetric type
(``partners_with``, ``collaborates_with``) is an undirected edge, every other tie a
directed one. A graph with only one sort declares it as the default (GraphML
``edgedefault``, GEXF ``defaultedgetype``); a graph with both is ``directed`` with a
per-edge ``directed="false"|"true"`` in GraphML and ``mixed`` with a per-edge
``type="undirected"|"directed"`` in GEXF. networkx's own readers refuse such mixed
files; :func:`read_networkx` reads them with networkx all the same.

CSV cells that a spreadsheet would run as a formula (starting with ``=``, ``+``,
``-``, ``@``, tab or carriage return) are neutralised with a leading ``'``.
``pseudonymise=True`` replaces people's names, aliases, roles and quotes that could
identify them, for exports meant for a wider audience.

Examples
--------
>>> neutralise("=HYPERLINK(\\"http://x\\")")
'\\'=HYPERLINK("http://x")'
>>> neutralise("ROC Midden-Nederland")
'ROC Midden-Nederland'
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal
from xml.etree.ElementTree import Element, tostring

import networkx as nx
import orjson
from defusedxml.ElementTree import fromstring
from networkx.readwrite.graphml import GraphMLWriter

from graph.model import SYMMETRIC_TYPES, Node, NodeKind, Relationship
from graph.privacy import scrub_names

__all__ = [
    "EXPORT_FORMATS",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "export_csv",
    "export_gexf",
    "export_graphml",
    "export_json",
    "neutralise",
    "pseudonymise",
    "read_networkx",
    "write_export",
]

#: the "format" and "version" of our JSON documents
FORMAT_NAME = "grenswerk"
FORMAT_VERSION = 1

EXPORT_FORMATS = ("json", "graphml", "gexf", "csv")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

NODE_COLUMNS = [
    "id",
    "kind",
    "name",
    "org_type",
    "sector",
    "activity_type",
    "date",
    "since",
    "until",
    "role",
    "url",
    "aliases",
    "description",
    "provenance",
    "quote",
]
REL_COLUMNS = [
    "id",
    "from",
    "type",
    "to",
    "role",
    "kind",
    "mechanism",
    "strength",
    "frequency",
    "since",
    "until",
    "quote",
    "provenance",
]


def neutralise(value: str) -> str:
    """Make a cell inert for spreadsheets (OWASP's CSV-injection advice)."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def pseudonymise(
    nodes: Sequence[Node], relationships: Sequence[Relationship]
) -> tuple[list[Node], list[Relationship]]:
    """People become "Persoon 1", "Persoon 2"… (in the order of their ids).

    A person's id, name, aliases, role, description, url and free properties go, and so
    does the role of each of their ties. Wherever any of their names stands in any text
    of any element (names, aliases, descriptions, properties, quotes, provenance quotes;
    by the rule of :mod:`graph.privacy`, see docs/privacy.md) the pseudonym stands
    instead; a name word of several people ("Peter") becomes ``[naam]``.
    """
    people = sorted((n for n in nodes if n.kind is NodeKind.PERSON), key=lambda n: n.id)
    alias = {p.id: f"persoon-{i}" for i, p in enumerate(people, start=1)}
    label = {p.id: f"Persoon {i}" for i, p in enumerate(people, start=1)}
    scrub = scrub_names([(p, label[p.id]) for p in people])
    out_nodes: list[Node] = []
    for node in nodes:
        scrubbed = scrub.node(node)
        if node.id in alias:
            scrubbed = scrubbed.model_copy(
                update={
                    "id": alias[node.id],
                    "name": label[node.id],
                    "aliases": [],
                    "properties": {},
                    "description": None,
                    "url": None,
                    "role": None,
                }
            )
        out_nodes.append(scrubbed)
    out_rels: list[Relationship] = []
    for rel in relationships:
        scrubbed_rel = scrub.relationship(rel)
        if rel.source in alias or rel.target in alias:
            scrubbed_rel = scrubbed_rel.model_copy(
                update={
                    "source": alias.get(rel.source, rel.source),
                    "target": alias.get(rel.target, rel.target),
                    "id": "p-" + hashlib.sha1(rel.id.encode()).hexdigest()[:16],
                    "role": None,
                }
            )
        out_rels.append(scrubbed_rel)
    return out_nodes, out_rels


def export_json(workspace: str, nodes: Sequence[Node], rels: Sequence[Relationship]) -> bytes:
    doc = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "workspace": workspace,
        "exported": datetime.now(UTC).isoformat(timespec="seconds"),
        "nodes": [
            n.model_dump(mode="json", exclude_none=True, exclude={"workspace"}) for n in nodes
        ],
        "relationships": [
            r.model_dump(mode="json", exclude_none=True, exclude={"workspace"}) for r in rels
        ],
    }
    return orjson.dumps(doc, option=orjson.OPT_INDENT_2)


def _flat(model: Node | Relationship, reserved: set[str]) -> dict[str, Any]:
    data = model.model_dump(mode="json", exclude_none=True, exclude={"workspace"})
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key == "properties":
            for prop, prop_value in value.items():
                if prop_value is None:
                    continue
                name = prop if prop not in reserved else f"property_{prop}"
                out[name] = prop_value
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


def _networkx(nodes: Sequence[Node], rels: Sequence[Relationship]) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    node_reserved = set(Node.model_fields) | {"label", "quote"}
    rel_reserved = set(Relationship.model_fields) | {"label", "weight"}
    for node in nodes:
        attrs = _flat(node, node_reserved)
        attrs.pop("id")
        attrs["label"] = node.name
        graph.add_node(node.id, **attrs)
    for rel in rels:
        attrs = _flat(rel, rel_reserved)
        attrs.pop("source")
        attrs.pop("target")
        # GEXF writers use an "id" attribute as the edge id; ours travels by name
        attrs["relationship_id"] = attrs.pop("id")
        # and GEXF's own "type" attribute means directed/undirected
        attrs["relationship_type"] = attrs.pop("type")
        if rel.strength is not None:
            attrs["weight"] = rel.strength
        graph.add_edge(rel.source, rel.target, key=rel.id, **attrs)
    return graph


def _undirected(rels: Sequence[Relationship]) -> tuple[set[str], str]:
    """The ids of the ties written as undirected edges, and the graph's default:
    ``directed``, ``undirected`` or ``mixed``."""
    undirected = {r.id for r in rels if r.type in SYMMETRIC_TYPES}
    if not undirected:
        return undirected, "directed"
    return undirected, "undirected" if len(undirected) == len(rels) else "mixed"


class _GraphMLWriter(GraphMLWriter):
    """networkx's GraphML writer, declaring each edge's direction as :func:`_undirected`
    says (networkx writes every edge of a directed graph as directed)."""

    def __init__(self, undirected: set[str], default: str) -> None:
        super().__init__(encoding="utf-8", prettyprint=True, named_key_ids=True)
        self.undirected = undirected
        self.default = default

    def add_edges(self, G: nx.MultiDiGraph, graph_element: Any) -> None:
        super().add_edges(G, graph_element)
        edgedefault = "undirected" if self.default == "undirected" else "directed"
        graph_element.set("edgedefault", edgedefault)
        if self.default == "mixed":
            for edge in graph_element.iter("edge"):
                edge.set("directed", "false" if edge.get("id") in self.undirected else "true")


def export_graphml(nodes: Sequence[Node], rels: Sequence[Relationship]) -> bytes:
    """GraphML (networkx's writer): edge ids are relationship ids; see the module's notes
    on direction."""
    buffer = io.BytesIO()
    writer = _GraphMLWriter(*_undirected(rels))
    writer.add_graph_element(_networkx(nodes, rels))
    writer.dump(buffer)
    return buffer.getvalue()


def export_gexf(nodes: Sequence[Node], rels: Sequence[Relationship]) -> bytes:
    """GEXF 1.2 (networkx's writer); see the module's notes on direction."""
    undirected, default = _undirected(rels)
    graph = _networkx(nodes, rels)
    if default == "mixed":
        for u, v, key in graph.edges(keys=True):
            graph.edges[u, v, key]["type"] = "undirected" if key in undirected else "directed"
    buffer = io.BytesIO()
    nx.write_gexf(graph, buffer)
    written = buffer.getvalue()
    if default != "directed":
        marker = b'defaultedgetype="directed"'
        written = written.replace(marker, f'defaultedgetype="{default}"'.encode(), 1)
    return written


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _edges(graph: Element, fmt: str) -> list[Element]:
    if fmt == "graphml":
        return [e for e in graph if _local(e.tag) == "edge"]
    return [e for block in graph if _local(block.tag) == "edges" for e in block]


def read_networkx(data: bytes, fmt: Literal["graphml", "gexf"]) -> nx.MultiDiGraph:
    """A GraphML or GEXF document read with networkx's own reader, directed and mixed
    graphs too, as a directed multigraph whose edges carry ``directed`` (``False`` for
    an undirected edge, kept once in the order the file writes it).

    networkx refuses a graph with directed and undirected edges (GraphML ``directed``,
    GEXF ``type`` per edge); this takes each edge's direction from the document, then
    lets networkx read it as a directed graph.

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


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return neutralise(str(value))


def export_csv(nodes: Sequence[Node], rels: Sequence[Relationship]) -> tuple[str, str]:
    """``(nodes.csv, relationships.csv)`` as text, re-importable by ``grenswerk import``."""
    node_rows = []
    extra: list[str] = []
    for node in nodes:
        row = _flat(node, set(NODE_COLUMNS))
        node_rows.append(row)
        extra.extend(k for k in row if k not in NODE_COLUMNS and k not in extra)
    node_buffer = io.StringIO()
    writer = csv.writer(node_buffer)
    writer.writerow(NODE_COLUMNS + extra)
    for row in node_rows:
        writer.writerow([_cell(row.get(c)) for c in NODE_COLUMNS + extra])
    rel_rows = []
    rel_extra: list[str] = []
    for rel in rels:
        row = _flat(rel, set(REL_COLUMNS))
        row["from"] = row.pop("source")
        row["to"] = row.pop("target")
        rel_rows.append(row)
        rel_extra.extend(k for k in row if k not in REL_COLUMNS and k not in rel_extra)
    rel_buffer = io.StringIO()
    writer = csv.writer(rel_buffer)
    writer.writerow(REL_COLUMNS + rel_extra)
    for row in rel_rows:
        writer.writerow([_cell(row.get(c)) for c in REL_COLUMNS + rel_extra])
    return node_buffer.getvalue(), rel_buffer.getvalue()


def write_export(
    fmt: str,
    workspace: str,
    nodes: Sequence[Node],
    rels: Sequence[Relationship],
    target: Path,
) -> list[Path]:
    """Write an export; CSV writes ``nodes.csv`` and ``relationships.csv`` into a folder."""
    if fmt == "json":
        target.write_bytes(export_json(workspace, nodes, rels))
        return [target]
    if fmt == "graphml":
        target.write_bytes(export_graphml(nodes, rels))
        return [target]
    if fmt == "gexf":
        target.write_bytes(export_gexf(nodes, rels))
        return [target]
    if fmt == "csv":
        target.mkdir(parents=True, exist_ok=True)
        node_text, rel_text = export_csv(nodes, rels)
        (target / "nodes.csv").write_text(node_text, encoding="utf-8", newline="")
        (target / "relationships.csv").write_text(rel_text, encoding="utf-8", newline="")
        return [target / "nodes.csv", target / "relationships.csv"]
    raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
