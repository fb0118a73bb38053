"""Burt's structural holes: effective size, efficiency and constraint.

Burt (1992), with networkx's definitions (which the tests compare against): the
normalised mutual weight ``p_ij = (a_ij + a_ji) / Σ_k (a_ik + a_ki)``; constraint
``c_i = Σ_j (p_ij + Σ_q p_iq p_qj)²`` over i's neighbours j; effective size
``Σ_j (1 - Σ_q p_iq m_jq)`` with ``m_jq`` j's mutual weight to q divided by j's largest
mutual weight; efficiency = effective size / degree. Computed with sparse matrices,
so it runs on national-scale graphs. Isolated nodes get NaN, as in networkx.

The values equal networkx's definitional (pure-Python) computation. networkx 3.6's own
sparse shortcut for ``effective_size`` (taken when no ``nodes`` are given) differs
from that definition on weighted and directed graphs; the tests compare with the
definition (``nx.effective_size(G, nodes=list(G), weight=...)``).

Examples
--------
>>> g = nx.Graph([("ego", "a"), ("ego", "b"), ("ego", "c"), ("a", "b")])
>>> r = {row["id"]: row for row in structural_holes(g).rows}
>>> round(r["ego"]["effective_size"], 4), round(r["ego"]["constraint"], 4)
(2.3333, 0.6111)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sp

from graph.analysis.result import Result, node_rows

__all__ = ["structural_holes"]


def structural_holes(graph: nx.Graph, *, weight: str | None = None) -> Result:
    """Effective size, efficiency and constraint of every node.

    Parameters
    ----------
    graph : networkx.Graph
        A simple graph.
    weight : str, optional
        An edge attribute, e.g. ``weight`` for summed strength; ``None`` counts each
        tie as 1.

    Returns
    -------
    Result
        ``holes``: a row per node with ``effective_size``, ``efficiency``,
        ``constraint`` and ``degree``.

    References
    ----------
    .. [1] Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*.
       Harvard University Press.

    Examples
    --------
    >>> g = nx.path_graph(["a", "b", "c"])
    >>> [(row["id"], row["constraint"]) for row in structural_holes(g).rows]
    [('a', 1.0), ('b', 0.5), ('c', 1.0)]
    """
    nodes = list(graph.nodes)
    n = len(nodes)
    if n == 0:
        return Result("holes", [], {"nodes": 0})
    index = {node: i for i, node in enumerate(nodes)}
    rows, cols, vals = [], [], []
    for u, v, data in _edges(graph):
        if u == v:
            continue
        rows.append(index[u])
        cols.append(index[v])
        vals.append(float(data.get(weight, 1.0)) if weight else 1.0)
    a = sp.csr_matrix((vals, (rows, cols)), shape=(n, n))
    # a directed graph: a_ij + a_ji; an undirected one holds each edge once in ``a``,
    # so the same sum is its symmetric adjacency
    mutual = (a + a.T).tocsr()
    totals = np.asarray(mutual.sum(axis=1)).ravel()
    with np.errstate(divide="ignore", invalid="ignore"):
        inv_total = np.where(totals > 0, 1.0 / totals, 0.0)
    p = sp.diags(inv_total) @ mutual  # p_ij
    support = (mutual > 0).astype(float)
    indirect = (p @ p).multiply(support)  # Σ_q p_iq p_qj, on i's neighbours only
    local = p + indirect
    constraint = np.asarray(local.multiply(local).sum(axis=1)).ravel()
    row_max = mutual.max(axis=1).toarray().ravel()
    with np.errstate(divide="ignore", invalid="ignore"):
        inv_max = np.where(row_max > 0, 1.0 / row_max, 0.0)
    m = sp.diags(inv_max) @ mutual  # m_jq
    redundancy = np.asarray((p @ m.T).multiply(support).sum(axis=1)).ravel()
    degree = np.asarray(support.sum(axis=1)).ravel()
    effective = degree - redundancy
    with np.errstate(divide="ignore", invalid="ignore"):
        efficiency = effective / degree
    values: dict[Any, dict[str, float]] = {}
    for node, size, efficient, constrained, ties in zip(
        nodes,
        effective.tolist(),
        efficiency.tolist(),
        constraint.tolist(),
        degree.tolist(),
        strict=True,
    ):
        if ties == 0:
            values[node] = {
                "effective_size": float("nan"),
                "efficiency": float("nan"),
                "constraint": float("nan"),
                "degree": 0.0,
            }
            continue
        values[node] = {
            "effective_size": size,
            "efficiency": efficient,
            "constraint": constrained,
            "degree": ties,
        }
    return Result("holes", node_rows(graph, values), {"nodes": n, "weight": weight})


def _edges(graph: nx.Graph) -> Iterator[tuple[Any, Any, dict[str, Any]]]:
    """``graph.edges(data=True)`` in its order, read from the adjacency dicts: an
    undirected tie once, from the end met first."""
    if graph.is_multigraph():  # not what the analyses give it; read as before
        yield from graph.edges(data=True)
        return
    if graph.is_directed():
        for u, neighbours in graph._adj.items():
            for v, data in neighbours.items():
                yield u, v, data
        return
    seen: set[Any] = set()
    for u, neighbours in graph._adj.items():
        for v, data in neighbours.items():
            if v not in seen:
                yield u, v, data
        seen.add(u)
