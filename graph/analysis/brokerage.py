"""Gould & Fernandez (1989) brokerage roles, as the R package ``sna`` counts them.

A broker ``b`` sits on an open two-path ``a → b → c`` (``a → c`` absent, ``a ≠ c``).
With each actor in a group (default: the practice, ``org_type``), the path is

=================  =====================  ===========================================
role               groups                 in words
=================  =====================  ===========================================
coordinator        a = b = c              brokers inside its own group
itinerant          a = c ≠ b              an outsider linking two members of a group
                                          (also called consultant)
representative     a = b ≠ c              sends its group's message out
gatekeeper         a ≠ b = c              lets the outside in to its group
liaison            a, b, c all differ     links two groups it belongs to neither of
=================  =====================  ===========================================

This follows ``sna::brokerage`` (the reference; several tutorials swap gatekeeper and
representative). On an undirected graph each tie counts in both directions, so the
gatekeeper and representative counts are equal by construction.

Normalised scores are z-scores against one of two null models (docs/analyses.md):

* ``gould-fernandez`` (the default): conditional on the broker's open two-paths. The
  expected count of a role is the number of open two-paths through the broker times
  the probability ``p`` of the role's group pattern when the other two ends are drawn
  at random from the other actors, given the group sizes;
  ``z = (count - expected) / sqrt(paths × p × (1 - p))``.
* ``sna``: R's ``sna::brokerage`` (Butts), unconditional: every tie present with the
  graph's density ``d = m / (N(N − 1))`` (``m`` directed ties, an undirected tie counted
  both ways), so an ordered pair of others is an open two-path through the broker with
  probability ``d²(1 − d)``; expected counts and variances by the broker's group size
  ``n_i`` as :func:`sna_moments` gives them, ``z = (count − E) / sqrt(V)`` (NaN where
  ``V`` is 0, as in R).

Examples
--------
>>> g = nx.DiGraph([("a", "b"), ("b", "c")])
>>> nx.set_node_attributes(g, {"a": "school", "b": "school", "c": "company"}, "group")
>>> counts = {r["id"]: r for r in brokerage(g, "group").rows}
>>> counts["b"]["representative"], counts["b"]["gatekeeper"]
(1, 0)
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sp

from graph.analysis.result import Result, node_rows

__all__ = ["NULL_MODELS", "ROLES", "brokerage", "role_of", "sna_moments"]

ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")
NULL_MODELS = ("gould-fernandez", "sna")


def sna_moments(sizes: np.ndarray, d: float) -> tuple[np.ndarray, np.ndarray]:
    """Expected counts and variances of the five roles and their total for a broker of
    each group, under ``sna::brokerage``'s null model (sna 2.7, R/models.R).

    With ``N`` actors, group sizes ``n`` and density ``d``, ``b = d²(1 − d)`` and
    ``c = d³(1 − d)³``, for a broker of group ``i`` (``o`` the other groups' sizes):

    * coordinator: ``E = b (n_i − 1)(n_i − 2)``, ``V = E(1 − b) + 2 (n_i − 1)(n_i − 2)(n_i − 3) c``
    * itinerant: ``E = b Σ o(o − 1)``, ``V = E(1 − b) + 2 Σ o(o − 1)(o − 2) c``
    * representative, gatekeeper: ``E = b (N − n_i)(n_i − 1)``,
      ``V = E(1 − b) + 2 [(n_i − 1) C(N − n_i, 2) + (N − n_i) C(n_i − 1, 2)] c``
    * liaison: ``E = b [(Σ o)² − Σ o²]``, ``V = E(1 − b) + 4 Σ o C(N − o − n_i, 2) c``
    * total: ``E = b (N − 1)(N − 2)``, ``V = E(1 − b) + 2 (N − 1)(N − 2)(N − 3) c``

    Parameters
    ----------
    sizes : numpy.ndarray
        The size of each group.
    d : float
        The density ``m / (N (N − 1))``.

    Returns
    -------
    tuple of numpy.ndarray
        Expectations and variances, one row per group, columns the five roles of
        :data:`ROLES` and the total.

    Examples
    --------
    >>> e, v = sna_moments(np.array([2.0, 2.0]), 0.5)
    >>> e[0].tolist()
    [0.0, 0.25, 0.25, 0.25, 0.0, 0.75]
    """
    n = np.asarray(sizes, dtype=float)
    total = float(n.sum())
    b, c = d * d * (1 - d), d**3 * (1 - d) ** 3

    def pairs(x: Any) -> Any:  # R's choose(x, 2)
        return x * (x - 1) / 2

    expected = np.zeros((len(n), 6))
    variance = np.zeros((len(n), 6))
    for i, ni in enumerate(n):
        o = np.delete(n, i)
        expected[i] = [
            b * (ni - 1) * (ni - 2),
            b * float((o * (o - 1)).sum()),
            b * (total - ni) * (ni - 1),
            b * (total - ni) * (ni - 1),
            b * (float(o.sum()) ** 2 - float((o * o).sum())),
            b * (total - 1) * (total - 2),
        ]
        extra = [
            2 * (ni - 1) * (ni - 2) * (ni - 3) * c,
            2 * float((o * (o - 1) * (o - 2)).sum()) * c,
            2 * ((ni - 1) * pairs(total - ni) + (total - ni) * pairs(ni - 1)) * c,
            2 * ((ni - 1) * pairs(total - ni) + (total - ni) * pairs(ni - 1)) * c,
            4 * float((o * pairs(total - o - ni)).sum()) * c,
            2 * (total - 1) * (total - 2) * (total - 3) * c,
        ]
        variance[i] = expected[i] * (1 - b) + np.array(extra)
    return expected, variance


def role_of(group_a: str, group_b: str, group_c: str) -> str:
    """The role of ``b`` on ``a → b → c``.

    Parameters
    ----------
    group_a, group_b, group_c : str
        The groups of the three nodes.

    Returns
    -------
    str
        ``coordinator``, ``itinerant``, ``representative``, ``gatekeeper`` or ``liaison``.

    References
    ----------
    .. [1] Gould, R. V. and Fernandez, R. M. (1989). Structures of mediation. *Sociological
       Methodology* 19, 89–126.

    Examples
    --------
    >>> role_of("x", "y", "y")
    'gatekeeper'
    >>> role_of("x", "x", "y")
    'representative'
    """
    if group_a == group_b == group_c:
        return "coordinator"
    if group_a == group_c:
        return "itinerant"
    if group_a == group_b:
        return "representative"
    if group_b == group_c:
        return "gatekeeper"
    return "liaison"


def _probabilities(sizes: Counter[str], own: str, n: int) -> dict[str, float]:
    """P(role) for a broker of group ``own`` when the ordered pair (a, c) of distinct
    other actors is drawn at random."""
    if n < 3:
        return dict.fromkeys(ROLES, 0.0)
    pairs = (n - 1) * (n - 2)
    own_rest = sizes[own] - 1  # the broker's group without the broker
    others = {g: s for g, s in sizes.items() if g != own}
    p = {
        "coordinator": own_rest * (own_rest - 1) / pairs,
        "itinerant": sum(s * (s - 1) for s in others.values()) / pairs,
        "representative": own_rest * (n - 1 - own_rest) / pairs,
        "gatekeeper": (n - 1 - own_rest) * own_rest / pairs,
    }
    outside = n - 1 - own_rest
    p["liaison"] = sum(s * (outside - s) for s in others.values()) / pairs
    return p


def _role_counts(pairs: np.ndarray, own: np.ndarray, names: list[str]) -> np.ndarray:
    """Counts per node and role: ``pairs[i, ga, gc]`` two-paths through ``i`` summed
    over the group patterns that make each role for a broker of group ``own[i]``."""
    count = len(names)
    role = np.array(
        [[[ROLES.index(role_of(ga, gb, gc)) for gc in names] for gb in names] for ga in names],
        dtype=np.int64,
    ).reshape(count, count, count)  # [ga, gb, gc]
    out = np.zeros((len(own), len(ROLES)), dtype=np.int64)
    for r in range(len(ROLES)):
        mask = (role == r).transpose(1, 0, 2)[own]  # [node, ga, gc]
        out[:, r] = (pairs * mask).sum(axis=(1, 2))
    return out


def brokerage(
    graph: nx.Graph, group: str | dict[Any, str], *, null_model: str = "gould-fernandez"
) -> Result:
    """Counts and z-scores of Gould and Fernandez's five brokerage roles for every node.

    Counted with sparse matrices, by the groups of the two ends: every pair of an
    in-neighbour and an out-neighbour of the broker, less the pairs that are the same
    node and the closed ones (``a → c`` present, found as triangles ``A^T D_g A ∘ A``).

    Parameters
    ----------
    graph : networkx.Graph or networkx.DiGraph
        A simple graph; undirected ties count both ways.
    group : str or dict
        A node attribute name or a mapping node → group. Nodes without a group get
        ``unknown``.
    null_model : {"gould-fernandez", "sna"}
        The null model of the z-scores (see the module's notes).

    Returns
    -------
    Result
        ``brokerage``: a row per node with ``group``, the count of each role
        (``coordinator``, ``itinerant``, ``representative``, ``gatekeeper``,
        ``liaison``), ``total`` and a ``<role>_z`` score per role (with ``sna`` also
        ``total_z``); ``meta`` holds the group sizes, the totals per role and the null
        model.

    References
    ----------
    .. [1] Gould, R. V. and Fernandez, R. M. (1989). Structures of mediation: a formal
       approach to brokerage in transaction networks. *Sociological Methodology* 19,
       89–126.

    Examples
    --------
    >>> g = nx.DiGraph([("roc", "ann"), ("ann", "bouw")])
    >>> result = brokerage(g, {"roc": "school", "ann": "company", "bouw": "company"})
    >>> [(row["id"], row["total"]) for row in result.rows if row["total"]]
    [('ann', 1)]
    >>> result.meta["totals"]["gatekeeper"]
    1
    """
    if null_model not in NULL_MODELS:
        raise ValueError(f"unknown null model {null_model!r}; use {', '.join(NULL_MODELS)}")
    nodes = list(graph.nodes)
    n = len(nodes)
    groups = (
        {v: str(group.get(v, "unknown")) for v in nodes}
        if isinstance(group, dict)
        else {v: str(graph.nodes[v].get(group) or "unknown") for v in nodes}
    )
    names = sorted(set(groups.values()))
    g_index = {name: i for i, name in enumerate(names)}
    index = {v: i for i, v in enumerate(nodes)}
    # every tie u → v (an undirected one both ways: its adjacency holds both), loops left
    # out; the order of the entries does not matter, each pair counts once below
    rows = np.fromiter(
        (index[u] for u, neighbours in graph._adj.items() for v in neighbours if v != u),
        dtype=np.int64,
    )
    cols = np.fromiter(
        (index[v] for u, neighbours in graph._adj.items() for v in neighbours if v != u),
        dtype=np.int64,
    )
    a = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    a.data[:] = 1.0  # repeated pairs count once
    member = sp.csr_matrix(
        (np.ones(n), (np.arange(n), [g_index[groups[v]] for v in nodes])),
        shape=(n, len(names)),
    )
    from_groups = (a.T @ member).toarray()  # in-neighbours of each node, by group
    to_groups = (a @ member).toarray()  # out-neighbours, by group
    both = (a.multiply(a.T) @ member).toarray()  # neighbours both ways (a = c pairs)
    # closed[b, ga, gc]: a → b → c with a → c, by the groups of a and c
    closed = np.zeros((n, len(names), len(names)))
    for ga in range(len(names)):
        in_group = sp.diags(member[:, ga].toarray().ravel())
        through = (a.T @ in_group @ a).multiply(a)  # [b, c]: a of group ga with a→b, a→c
        closed[:, ga, :] = (through @ member).toarray()
    pairs = from_groups[:, :, None] * to_groups[:, None, :] - closed
    pairs[:, np.arange(len(names)), np.arange(len(names))] -= both
    sizes = Counter(groups.values())
    own = np.array([g_index[groups[v]] for v in nodes], dtype=np.int64)
    counts = _role_counts(np.rint(pairs).astype(np.int64), own, names)
    paths = counts.sum(axis=1)
    z_names = [f"{r}_z" for r in ROLES]
    if null_model == "sna":
        ties = int(a.nnz)
        density = ties / (n * (n - 1)) if n > 1 else 0.0
        e, v = sna_moments(np.array([sizes[g] for g in names], dtype=float), density)
        observed = np.column_stack([counts, paths]).astype(float)
        with np.errstate(divide="ignore", invalid="ignore"):
            z = (observed - e[own]) / np.sqrt(v[own]) if n else np.zeros((0, 6))
        z_names.append("total_z")
    else:
        # P(role) per group (the broker's own), then per node
        chances = np.array([[_probabilities(sizes, g, n)[r] for r in ROLES] for g in names])
        p = chances[own] if n else np.zeros((0, len(ROLES)))
        expected = paths[:, None] * p
        spread = np.sqrt(paths[:, None] * p * (1 - p))
        with np.errstate(divide="ignore", invalid="ignore"):
            z = np.where(spread > 0, (counts - expected) / spread, 0.0)
    values: dict[Any, dict[str, Any]] = {}
    for broker, counted, total, scores in zip(
        nodes, counts.tolist(), paths.tolist(), z.tolist(), strict=True
    ):
        row: dict[str, Any] = {"group": groups[broker]}
        row.update(zip(ROLES, counted, strict=True))
        row["total"] = int(total)
        row.update(zip(z_names, scores, strict=True))
        values[broker] = row
    totals = Counter[str](dict(zip(ROLES, counts.sum(axis=0).tolist(), strict=True)))
    meta = {
        "groups": dict(sizes),
        "totals": dict(totals),
        "directed": graph.is_directed(),
        "null_model": null_model,
    }
    return Result("brokerage", node_rows(graph, values), meta)
