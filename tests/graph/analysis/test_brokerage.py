"""Gould & Fernandez roles, worked by hand (sna's conventions)."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.analysis.brokerage import ROLES, _probabilities, brokerage, role_of


def roles_of(edges: list[tuple[str, str]], groups: dict[str, str], node: str) -> dict[str, int]:
    row = next(r for r in brokerage(nx.DiGraph(edges), groups).rows if r["id"] == node)
    return {role: row[role] for role in ROLES}


def only(role: str) -> dict[str, int]:
    return {r: (1 if r == role else 0) for r in ROLES}


def test_coordinator() -> None:
    # a → b → c, all three schools: b coordinates inside its own group
    assert roles_of([("a", "b"), ("b", "c")], {"a": "S", "b": "S", "c": "S"}, "b") == only(
        "coordinator"
    )


def test_itinerant() -> None:
    # a and c are schools, b a company: an outsider linking two members of one group
    assert roles_of([("a", "b"), ("b", "c")], {"a": "S", "b": "C", "c": "S"}, "b") == only(
        "itinerant"
    )


def test_representative() -> None:
    # a and b schools, c a company: b (in A's group) sends out: a → b → c is A A B
    assert roles_of([("a", "b"), ("b", "c")], {"a": "S", "b": "S", "c": "C"}, "b") == only(
        "representative"
    )


def test_gatekeeper() -> None:
    # a a company, b and c schools: b receives from outside for its group: A B B
    assert roles_of([("a", "b"), ("b", "c")], {"a": "C", "b": "S", "c": "S"}, "b") == only(
        "gatekeeper"
    )


def test_liaison() -> None:
    # three different groups
    assert roles_of([("a", "b"), ("b", "c")], {"a": "S", "b": "C", "c": "G"}, "b") == only(
        "liaison"
    )


def test_closed_triads_do_not_count() -> None:
    # a → c exists: the two-path through b is not brokerage
    edges = [("a", "b"), ("b", "c"), ("a", "c")]
    assert sum(roles_of(edges, {"a": "S", "b": "C", "c": "G"}, "b").values()) == 0


def test_a_star_worked_by_hand() -> None:
    # Undirected star around b (a school) with leaves: two schools s1, s2 and two
    # companies c1, c2. Open ordered two-paths x → b → y: 4 × 3 = 12.
    #   s1→b→s2, s2→b→s1: coordinator (2)
    #   c1→b→c2, c2→b→c1: itinerant (2)
    #   s→b→c (2 × 2 = 4): representative; c→b→s (4): gatekeeper; liaison 0.
    graph = nx.star_graph(["b", "s1", "s2", "c1", "c2"])
    groups = {"b": "S", "s1": "S", "s2": "S", "c1": "C", "c2": "C"}
    row = next(r for r in brokerage(graph, groups).rows if r["id"] == "b")
    assert [row[r] for r in ROLES] == [2, 2, 4, 4, 0]
    assert row["total"] == 12


def test_undirected_gatekeeper_equals_representative() -> None:
    graph = nx.gnm_random_graph(40, 90, seed=3)
    groups = {n: "ABC"[n % 3] for n in graph}
    for row in brokerage(graph, groups).rows:
        assert row["gatekeeper"] == row["representative"]


@given(
    st.lists(st.integers(min_value=1, max_value=6), min_size=1, max_size=5),
    st.integers(min_value=0, max_value=4),
)
def test_role_probabilities_sum_to_one(sizes_list: list[int], own_index: int) -> None:
    from collections import Counter

    sizes = Counter({f"g{i}": s for i, s in enumerate(sizes_list)})
    own = f"g{own_index % len(sizes_list)}"
    n = sum(sizes.values())
    if n < 3:
        return
    assert sum(_probabilities(sizes, own, n).values()) == pytest.approx(1.0)


def test_role_of_table() -> None:
    assert role_of("x", "x", "x") == "coordinator"
    assert role_of("x", "y", "x") == "itinerant"
    assert role_of("x", "x", "y") == "representative"
    assert role_of("y", "x", "x") == "gatekeeper"
    assert role_of("x", "y", "z") == "liaison"


def brute_force(graph: nx.DiGraph, groups: dict[int, str]) -> dict[int, dict[str, int]]:
    """Every open two-path a → b → c, counted one by one (the definition)."""
    out: dict[int, dict[str, int]] = {b: dict.fromkeys(ROLES, 0) for b in graph}
    for b in graph:
        for a in graph.predecessors(b):
            for c in graph.successors(b):
                if len({a, b, c}) == 3 and not graph.has_edge(a, c):
                    out[b][role_of(groups[a], groups[b], groups[c])] += 1
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("directed", [False, True])
def test_counts_equal_the_definition(seed: int, directed: bool) -> None:
    graph = nx.gnm_random_graph(60, 300, seed=seed, directed=directed)
    groups = {n: "ABCD"[(n * 7 + seed) % 4] for n in graph}
    expected = brute_force(graph.to_directed() if not directed else graph, groups)
    for row in brokerage(graph, groups).rows:
        assert {role: row[role] for role in ROLES} == expected[row["id"]]


def reference_scores(
    rows: list[dict[str, object]], groups: dict[int, str], n: int
) -> dict[object, dict[str, float]]:
    """The z-scores as the per-node loop computed them before the numpy version."""
    import math
    from collections import Counter

    sizes = Counter(groups[v] for v in range(n))
    out = {}
    for row in rows:
        counts = {role: int(row[role]) for role in ROLES}  # type: ignore[call-overload]
        paths = sum(counts.values())
        probabilities = _probabilities(sizes, str(row["group"]), n)
        scores = {}
        for role in ROLES:
            p = probabilities[role]
            spread = math.sqrt(paths * p * (1 - p))
            scores[f"{role}_z"] = (counts[role] - paths * p) / spread if spread > 0 else 0.0
        out[row["id"]] = scores
    return out


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("directed", [False, True])
def test_scores_and_totals_equal_the_per_node_loop(seed: int, directed: bool) -> None:
    graph = nx.gnm_random_graph(70, 260, seed=seed, directed=directed)
    groups = {n: "ABCDE"[(n * 3 + seed) % 5] for n in graph}
    result = brokerage(graph, groups)
    expected = reference_scores(result.rows, groups, 70)
    for row in result.rows:
        assert {k: row[k] for k in expected[row["id"]]} == expected[row["id"]]  # exactly
        assert row["total"] == sum(row[role] for role in ROLES)
    totals = {role: sum(row[role] for row in result.rows) for role in ROLES}
    assert result.meta["totals"] == totals
    assert list(result.meta["totals"]) == list(ROLES)
