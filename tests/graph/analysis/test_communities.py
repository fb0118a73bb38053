"""Communities: karate's factions, modularity equal to networkx's, bridges."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analysis.communities import communities


def partition(rows: list[dict]) -> list[set]:  # type: ignore[type-arg]
    groups: dict[int, set] = {}  # type: ignore[type-arg]
    for row in rows:
        groups.setdefault(row["community"], set()).add(row["id"])
    return list(groups.values())


def test_karate_two_factions() -> None:
    # Zachary's two clubs, but for nodes 8 and 9: 8 sits with the Officer's side by its
    # ties (Zachary 1977 notes it joined Mr. Hi for other reasons), 9 with Mr. Hi's
    # (one tie to each side). The pairs placed alike in both partitions (Rand index)
    # follow: of 561 pairs, 8 and 9 are each placed otherwise than in the clubs with
    # the 16 other members of either side: 2 × 32 = 64 pairs (8–9 apart in both).
    karate = nx.karate_club_graph()
    result = communities(karate, method="leiden", resolution=0.5, weighted=False)
    assert result.meta["count"] == 2
    hi = {n for n in karate if karate.nodes[n]["club"] == "Mr. Hi"}
    officer = set(karate) - hi
    found = {frozenset(group) for group in partition(result.rows)}
    assert found == {frozenset(hi - {8} | {9}), frozenset(officer - {9} | {8})}
    label = {n: next(i for i, g in enumerate(found) if n in g) for n in karate}
    agree = sum(
        1
        for a in karate
        for b in karate
        if a < b and (label[a] == label[b]) == ((a in hi) == (b in hi))
    )
    assert agree == 561 - 64


@pytest.mark.parametrize("method", ["louvain", "leiden"])
def test_modularity_equals_networkx(method: str) -> None:
    karate = nx.karate_club_graph()
    result = communities(karate, method=method, weighted=False)
    expected = nx.community.modularity(karate, partition(result.rows), weight=None)
    assert result.meta["modularity"] == pytest.approx(expected)
    assert result.meta["modularity"] > 0.37


def test_reproducible_with_a_seed() -> None:
    graph = nx.gnm_random_graph(200, 600, seed=1)
    a = communities(graph, method="louvain", seed=7).rows
    b = communities(graph, method="louvain", seed=7).rows
    assert a == b


def test_bridges_between_two_cliques() -> None:
    graph = nx.barbell_graph(5, 0)  # two 5-cliques joined by the edge 4–5
    rows = {r["id"]: r for r in communities(graph, weighted=False).rows}
    assert {n for n, r in rows.items() if r["bridges"]} == {4, 5}
    assert rows[4]["participation"] == pytest.approx(1 - (4 / 5) ** 2 - (1 / 5) ** 2)
    assert rows[0]["participation"] == 0


def test_unknown_method() -> None:
    with pytest.raises(ValueError, match="unknown method"):
        communities(nx.path_graph(3), method="magic")
