"""``grenswerk stats`` and the API's ``/stats`` count the store's outline of the graph
instead of loading it; their answer is the one counted from the loaded graph before
(kept here as the reference), number for number and word for word, on both backends."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from api.services.analyses import workspace_stats
from api.services.counts import NetworkCounts, counts_sentence
from graph.analysis.cache import AnalysisCache
from graph.analysis.stats import graph_stats
from graph.model import Node, Relationship
from graph.store.base import Store
from importers import ImportOptions, import_paths
from tests.conftest import DEMO_DIR

VOORBEELD = Path(__file__).parents[2] / "graph" / "data" / "voorbeeld"


def reference(store: Store, workspace: str) -> dict[str, Any]:
    """workspace_stats() as it was: counted from the loaded graph."""
    graph = store.load_graph(workspace)
    counted = counts_sentence(NetworkCounts.of_graph(graph), "en")
    return {
        "workspace": workspace,
        "version": store.version(workspace),
        **graph_stats(graph),
        "counted": counted,
    }


@pytest.mark.parametrize("source", [DEMO_DIR, VOORBEELD], ids=["demo", "voorbeeld"])
def test_stats_are_the_graphs(store: Store, source: Path) -> None:
    import_paths(store, [source], ImportOptions("w"))
    cache = AnalysisCache()
    answer = workspace_stats(cache, store, "w")
    assert answer == reference(store, "w")
    assert answer["nodes"] > 50 and answer["components"] >= 1
    # a write: the next answer is counted again, at the new version
    store.upsert("w", [Node(id="new", kind="theme", name="Nieuw thema", workspace="w")])
    again = workspace_stats(cache, store, "w")
    assert again == reference(store, "w")
    assert (again["nodes"], again["version"]) == (answer["nodes"] + 1, answer["version"] + 1)
    assert again["isolates"] == answer["isolates"] + 1


def test_stats_of_parallel_ties_and_isolates(store: Store) -> None:
    nodes = [
        Node(id=i, kind=k, name=i.title(), workspace="w")
        for i, k in (
            ("roc", "organisation"),
            ("ilse", "person"),
            ("zwaan", "person"),
            ("alone", "theme"),
        )
    ]
    ties = [
        Relationship(type=t, source=s, target=o, workspace="w")
        for s, o, t in (
            ("ilse", "roc", "works_at"),
            ("ilse", "roc", "member_of"),
            ("zwaan", "ilse", "collaborates_with"),
        )
    ]
    store.upsert("w", nodes, ties)
    answer = workspace_stats(AnalysisCache(), store, "w")
    assert answer == reference(store, "w")
    assert (answer["relationships"], answer["components"], answer["isolates"]) == (3, 2, 1)
    assert answer["density"] == round(2 * 2 / (4 * 3), 4)  # two pairs of four nodes
