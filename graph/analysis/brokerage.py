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

Normalised scores are z-scores against Gould & Fernandez's null model: the expected
count of a role is the number of open two-paths through the broker times the
probability of the role's group pattern when the other two ends are drawn at random
from the other actors, given the group sizes;
``z = (count - expected) / sqrt(paths × p × (1 - p))``.

Examples
--------
>>> g = nx.DiGraph([("a", "b"), ("b", "c")])
>>> nx.set_node_attributes(g, {"a": "school", "b": "school", "c": "company"}, "group")
>>> counts = {r["id"]: r for r in brokerage(g, "group").rows}
>>> counts["b"]["representative"], counts["b"]["gatekeeper"]
(1, 0)
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

import networkx as nx

from graph.analysis.result import Result, node_rows

__all__ = ["ROLES", "brokerage", "role_of"]

ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")


def role_of(group_a: str, group_b: str, group_c: str) -> str:
    """The role of ``b`` on ``a → b → c``.

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


def brokerage(graph: nx.Graph, group: str | dict[Any, str]) -> Result:
    """Counts and z-scores of the five roles for every node.

    ``graph`` is a simple graph (undirected ties count both ways); ``group`` is a node
    attribute name or a mapping node → group. Nodes without a group get ``unknown``.
    """
    directed = graph.to_directed() if not graph.is_directed() else graph
    groups = (
        {n: str(group.get(n, "unknown")) for n in directed}
        if isinstance(group, dict)
        else {n: str(directed.nodes[n].get(group) or "unknown") for n in directed}
    )
    successors = {n: set(directed.successors(n)) - {n} for n in directed}
    predecessors = {n: set(directed.predecessors(n)) - {n} for n in directed}
    sizes = Counter(groups.values())
    n = directed.number_of_nodes()
    values: dict[Any, dict[str, Any]] = {}
    totals = Counter[str]()
    for broker in directed:
        counts = dict.fromkeys(ROLES, 0)
        outs = successors[broker]
        ins = predecessors[broker]
        group_b = groups[broker]
        # every ordered pair (a, c) by the groups of its ends, then less the pairs that
        # are no two-path (a = c) and the closed ones (a → c exists): the cost is the
        # number of ties and triangles, not in-degree × out-degree
        pairs: Counter[tuple[str, str]] = Counter()
        from_groups = Counter(groups[a] for a in ins)
        to_groups = Counter(groups[c] for c in outs)
        for group_a, n_a in from_groups.items():
            for group_c, n_c in to_groups.items():
                pairs[(group_a, group_c)] += n_a * n_c
        for x in ins & outs:
            pairs[(groups[x], groups[x])] -= 1
        for a in ins:
            group_a = groups[a]
            for c in successors[a] & outs:
                pairs[(group_a, groups[c])] -= 1
        paths = 0
        for (group_a, group_c), number in pairs.items():
            if number:
                counts[role_of(group_a, group_b, group_c)] += number
                paths += number
        probabilities = _probabilities(sizes, group_b, n)
        row: dict[str, Any] = {"group": group_b, **counts, "total": paths}
        for role in ROLES:
            p = probabilities[role]
            expected = paths * p
            spread = math.sqrt(paths * p * (1 - p))
            row[f"{role}_z"] = (counts[role] - expected) / spread if spread > 0 else 0.0
        values[broker] = row
        totals.update(counts)
    meta = {"groups": dict(sizes), "totals": dict(totals), "directed": graph.is_directed()}
    return Result("brokerage", node_rows(graph, values), meta)
