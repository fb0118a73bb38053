"""Pajek, edge list, adjacency matrix, two-mode incidence matrix and its projection
(docs/exports.md).

* **Pajek** ``.net``: ``*Vertices`` with each node's id as its label, then ``*Arcs``
  (a directed network) or ``*Edges`` (an undirected one), ``from to weight``: plain
  Pajek, which every reader takes (R's igraph 1.3 refuses the ``key value`` attributes
  networkx writes after a line; use GraphML or GEXF for attributes). The provenance
  stands in ``%`` comment lines before ``*Network``.
* **Edge list**: tab-separated ``source target weight type symmetric id``, one tie a
  line, after ``#`` comment lines (the provenance and the column names).
* **Adjacency matrix**: CSV, the node ids as the first row and column; a cell is the
  summed weight of the ties from its row to its column (a symmetric tie counts in both
  cells; parallel ties are summed).
* **Incidence matrix** (two-mode): CSV, nodes of one kind as rows (e.g. organisations),
  of another as columns (e.g. themes), a cell the number of ties between the two in
  either direction.
* **Projection** onto the rows: CSV edge list ``source,target,weight``, two rows tied
  when they share a column, weight the number they share (``B Bᵀ`` off the diagonal).

Examples
--------
>>> from graph.model import Node, Relationship
>>> nodes = [Node(id="a", kind="organisation", name="A", workspace="w"),
...          Node(id="b", kind="organisation", name="B", workspace="w"),
...          Node(id="t", kind="theme", name="T", workspace="w")]
>>> rels = [Relationship(type="works_on", source=o, target="t", workspace="w") for o in "ab"]
>>> print(export_incidence(nodes, rels, "organisation", "theme").decode().strip())
id,t
a,1
b,1
>>> print(export_projection(nodes, rels, "organisation", "theme").decode().strip())
source,target,weight
a,b,1
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from graph.export_network import graph_attributes, network
from graph.model import Node, Relationship
from graph.provenance import canonical_float

__all__ = [
    "export_adjacency",
    "export_edgelist",
    "export_incidence",
    "export_pajek",
    "export_projection",
]


def _comments(mark: str, provenance: Mapping[str, Any] | None) -> str:
    return "".join(
        f"{mark} {key}: {_plain(value)}\n" for key, value in graph_attributes(provenance).items()
    )


def _plain(value: Any) -> str:
    return " ".join(str(value).split())


def _number(value: float) -> str:
    value = canonical_float(float(value))
    return str(int(value)) if value.is_integer() else repr(value)


def _token(value: Any) -> str:
    """A Pajek label: quoted, without line breaks or ``"`` (Pajek has no escape)."""
    return '"' + _plain(value).replace('"', "'") + '"'


def export_pajek(
    nodes: Sequence[Node], rels: Sequence[Relationship], provenance: Mapping[str, Any] | None = None
) -> bytes:
    """Pajek ``.net``: one graph type, ids as labels, weights."""
    graph = network(nodes, rels)
    number = {node: i for i, node in enumerate(graph.nodes, start=1)}
    name = (provenance or {}).get("workspace", "grenswerk")
    lines = [_comments("%", provenance), f"*Network {_plain(name)}\n"]
    lines.append(f"*Vertices {len(number)}\n")
    for node in graph.nodes:
        lines.append(f"{number[node]} {_token(node)}\n")
    lines.append("*Arcs\n" if graph.is_directed() else "*Edges\n")
    for u, v, attrs in graph.edges(data=True):
        lines.append(f"{number[u]} {number[v]} {_number(attrs['weight'])}\n")
    return "".join(lines).encode("utf-8")


def export_edgelist(
    nodes: Sequence[Node], rels: Sequence[Relationship], provenance: Mapping[str, Any] | None = None
) -> bytes:
    """A tab-separated edge list: ``source target weight type symmetric id``."""
    graph = network(nodes, rels)
    kind = "directed" if graph.is_directed() else "undirected"
    lines = [_comments("#", provenance), f"# {kind}; columns:\n"]
    lines.append("# source\ttarget\tweight\ttype\tsymmetric\tid\n")
    for u, v, attrs in graph.edges(data=True):
        symmetric = "true" if attrs["symmetric"] else "false"
        cells = [u, v, _number(attrs["weight"]), attrs["relationship_type"], symmetric]
        lines.append("\t".join([*cells, attrs["relationship_id"]]) + "\n")
    return "".join(lines).encode("utf-8")


def _csv(header: list[str], rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def export_adjacency(nodes: Sequence[Node], rels: Sequence[Relationship]) -> bytes:
    """The adjacency matrix as CSV (weights summed; symmetric ties in both cells)."""
    ids = [n.id for n in nodes]
    index = {node: i for i, node in enumerate(ids)}
    matrix = np.zeros((len(ids), len(ids)))
    for u, v, attrs in network(nodes, rels).edges(data=True):
        matrix[index[u], index[v]] += attrs["weight"]
        if attrs["symmetric"]:  # every tie of an undirected network is symmetric
            matrix[index[v], index[u]] += attrs["weight"]
    rows = [[node, *map(_number, row)] for node, row in zip(ids, matrix.tolist(), strict=True)]
    return _csv(["id", *ids], rows)


def _incidence(
    nodes: Sequence[Node], rels: Sequence[Relationship], rows: str, columns: str
) -> tuple[list[str], list[str], np.ndarray]:
    if rows == columns:
        raise ValueError("an incidence matrix needs two different kinds (rows and columns)")
    row_ids = [n.id for n in nodes if n.kind == rows]
    col_ids = [n.id for n in nodes if n.kind == columns]
    r_index = {node: i for i, node in enumerate(row_ids)}
    c_index = {node: i for i, node in enumerate(col_ids)}
    matrix = np.zeros((len(row_ids), len(col_ids)), dtype=np.int64)
    for rel in rels:
        for a, b in ((rel.source, rel.target), (rel.target, rel.source)):
            if a in r_index and b in c_index:
                matrix[r_index[a], c_index[b]] += 1
    return row_ids, col_ids, matrix


def export_incidence(
    nodes: Sequence[Node], rels: Sequence[Relationship], rows: str, columns: str
) -> bytes:
    """The two-mode incidence matrix (``rows`` kind × ``columns`` kind) as CSV."""
    row_ids, col_ids, matrix = _incidence(nodes, rels, rows, columns)
    return _csv(
        ["id", *col_ids], [[r, *row] for r, row in zip(row_ids, matrix.tolist(), strict=True)]
    )


def export_projection(
    nodes: Sequence[Node], rels: Sequence[Relationship], rows: str, columns: str
) -> bytes:
    """The projection of the incidence matrix onto its rows, as a weighted edge list:
    two rows tied when they share a column, weight the number shared."""
    row_ids, _, matrix = _incidence(nodes, rels, rows, columns)
    binary = (matrix > 0).astype(np.int64)
    shared = binary @ binary.T
    out = []
    for i, j in zip(*np.triu_indices(len(row_ids), k=1), strict=True):
        if shared[i, j]:
            out.append([row_ids[i], row_ids[j], int(shared[i, j])])
    return _csv(["source", "target", "weight"], out)
