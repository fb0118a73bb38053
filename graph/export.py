"""Exports: our JSON (lossless), CSV (re-importable), and for other tools GraphML,
GEXF (static and dynamic), Pajek, an edge list, the adjacency matrix, a two-mode
incidence matrix and its projection (:mod:`graph.export_xml`,
:mod:`graph.export_tables`; docs/exports.md).

Every file is one graph type (directed, with ``symmetric`` marking the ties whose
direction carries no meaning, or undirected when all are symmetric: see
:mod:`graph.export_network`) and carries its provenance (:mod:`graph.provenance`).

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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from graph.export_network import flat, without_sources
from graph.export_tables import (
    export_adjacency,
    export_edgelist,
    export_incidence,
    export_pajek,
    export_projection,
)
from graph.export_xml import export_gexf, export_graphml, read_networkx
from graph.model import Node, NodeKind, Relationship
from graph.privacy import scrub_names

__all__ = [
    "DEFAULT_OPTIONS",
    "EXPORT_FORMATS",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "ExportOptions",
    "export_bytes",
    "export_csv",
    "export_gexf",
    "export_graphml",
    "export_json",
    "neutralise",
    "pseudonymise",
    "read_networkx",
    "without_sources",
    "write_export",
]

#: the "format" and "version" of our JSON documents
FORMAT_NAME = "grenswerk"
FORMAT_VERSION = 1

EXPORT_FORMATS = (
    "json",
    "graphml",
    "gexf",
    "csv",
    "pajek",
    "edgelist",
    "adjacency",
    "incidence",
    "projection",
)
#: the file suffix of each format written as one file
SUFFIX = {
    "json": "json",
    "graphml": "graphml",
    "gexf": "gexf",
    "pajek": "net",
    "edgelist": "tsv",
    "adjacency": "csv",
    "incidence": "csv",
    "projection": "csv",
}
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


def export_json(
    workspace: str,
    nodes: Sequence[Node],
    rels: Sequence[Relationship],
    provenance: Mapping[str, Any] | None = None,
) -> bytes:
    doc: dict[str, Any] = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "workspace": workspace,
    }
    if provenance:
        doc["exported"] = provenance.get("time")
        doc["provenance"] = dict(provenance)
    doc |= {
        "nodes": [
            n.model_dump(mode="json", exclude_none=True, exclude={"workspace"}) for n in nodes
        ],
        "relationships": [
            r.model_dump(mode="json", exclude_none=True, exclude={"workspace"}) for r in rels
        ],
    }
    return orjson.dumps(doc, option=orjson.OPT_INDENT_2)


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
        row = flat(node, set(NODE_COLUMNS))
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
        row = flat(rel, set(REL_COLUMNS))
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


@dataclass(frozen=True)
class ExportOptions:
    """What an export holds besides its format.

    ``sources``: keep source documents and ``mentioned_in`` ties (``False``: left out,
    as the analyses leave them out); ``dynamic``: GEXF with time intervals; ``rows``
    and ``columns``: the two node kinds of an incidence matrix or projection.
    """

    sources: bool = True
    dynamic: bool = False
    rows: str = "organisation"
    columns: str = "theme"


#: the options of an export given none
DEFAULT_OPTIONS = ExportOptions()


def export_bytes(
    fmt: str,
    workspace: str,
    nodes: Sequence[Node],
    rels: Sequence[Relationship],
    options: ExportOptions = DEFAULT_OPTIONS,
    provenance: Mapping[str, Any] | None = None,
) -> bytes:
    """One file of format ``fmt`` (any of :data:`EXPORT_FORMATS` but ``csv``)."""
    if not options.sources:
        nodes, rels = without_sources(nodes, rels)
    if fmt == "json":
        return export_json(workspace, nodes, rels, provenance)
    if fmt == "graphml":
        return export_graphml(nodes, rels, provenance)
    if fmt == "gexf":
        return export_gexf(nodes, rels, provenance, dynamic=options.dynamic)
    if fmt == "pajek":
        return export_pajek(nodes, rels, provenance)
    if fmt == "edgelist":
        return export_edgelist(nodes, rels, provenance)
    if fmt == "adjacency":
        return export_adjacency(nodes, rels)
    if fmt == "incidence":
        return export_incidence(nodes, rels, options.rows, options.columns)
    if fmt == "projection":
        return export_projection(nodes, rels, options.rows, options.columns)
    raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")


def write_export(
    fmt: str,
    workspace: str,
    nodes: Sequence[Node],
    rels: Sequence[Relationship],
    target: Path,
    options: ExportOptions = DEFAULT_OPTIONS,
    provenance: Mapping[str, Any] | None = None,
) -> list[Path]:
    """Write an export; CSV writes ``nodes.csv`` and ``relationships.csv`` into a folder.
    Formats that have no place for it (CSV, the matrices) get the provenance beside
    them in ``<name>.provenance.json`` (beside the folder for CSV, which re-imports
    whole)."""
    side = orjson.dumps(dict(provenance or {}), option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS)
    if fmt == "csv":
        if not options.sources:
            nodes, rels = without_sources(nodes, rels)
        target.mkdir(parents=True, exist_ok=True)
        node_text, rel_text = export_csv(nodes, rels)
        (target / "nodes.csv").write_text(node_text, encoding="utf-8", newline="")
        (target / "relationships.csv").write_text(rel_text, encoding="utf-8", newline="")
        written = [target / "nodes.csv", target / "relationships.csv"]
        if provenance:
            beside = target.with_name(target.name + ".provenance.json")
            beside.write_bytes(side)
            written.append(beside)
        return written
    target.write_bytes(export_bytes(fmt, workspace, nodes, rels, options, provenance))
    written = [target]
    if provenance and fmt in ("adjacency", "incidence", "projection"):
        beside = target.with_name(target.name + ".provenance.json")
        beside.write_bytes(side)
        written.append(beside)
    return written
