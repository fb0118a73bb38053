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
    karate = nx.karate_club_graph()
    result = communities(karate, method="leiden", resolution=0.5, weighted=False)
    assert result.meta["count"] == 2
    clubs = {n: karate.nodes[n]["club"] for n in karate}
    first, second = partition(result.rows)
    label = {n: ("A" if n in first else "B") for n in karate}
    agree = sum(
        1
        for a in karate
        for b in karate
        if a < b and (label[a] == label[b]) == (clubs[a] == clubs[b])
    )
    mismatched = min(
        sum(1 for n in karate if (label[n] == "A") != (clubs[n] == "Mr. Hi")),
        sum(1 for n in karate if (label[n] == "A") != (clubs[n] == "Officer")),
    )
    assert mismatched <= 3, mismatched  # the factions, up to a few nodes
    assert agree > 0


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
