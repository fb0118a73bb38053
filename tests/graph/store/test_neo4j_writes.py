"""How the Neo4j backend writes relationships (issue 20): ties its read found absent are
created, stored ones overwritten in place, a retyped one created under its new type,
and two writes of one workspace follow each other, so that no tie is stored twice."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from graph.model import Relationship, RelType
from graph.store.neo4j import Neo4jStore
from tests.graph.store.test_neo4j import W, org, store
from tests.neo4j.spy import DriverSpy

pytestmark = pytest.mark.neo4j
__all__ = ["store"]  # the emptied store in batches of 7, the fixture of test_neo4j.py


def tie(source: str, target: str, rel_type: str = "partners_with", **fields: Any) -> Relationship:
    return Relationship(type=rel_type, source=source, target=target, workspace=W, **fields)


def statements(spy: DriverSpy) -> list[str]:
    return [name for sent in spy.sent for name in sent.statements]


def test_new_ties_are_created_and_stored_ones_overwritten_in_place(
    store: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second import changes 3 of 10 stored ties and adds 5: three in place, five
    created, each tie once, its fields the new ones."""
    nodes = [org(f"o{i}") for i in range(16)]
    store.upsert(W, nodes, [tie(f"o{i}", f"o{i + 1}") for i in range(10)])
    spy = DriverSpy(monkeypatch)
    changed = [tie(f"o{i}", f"o{i + 1}", strength=4) for i in range(3)]
    added = [tie(f"o{i}", f"o{i + 1}") for i in range(10, 15)]
    result = store.upsert(W, [], [*changed, *added])
    assert (result.relationships_updated, result.relationships_created) == (3, 5)
    sent = statements(spy)
    assert sent.count("UPDATE_RELATIONSHIPS[partners_with]") == 1  # 3 rows: one batch
    assert sent.count("CREATE_RELATIONSHIPS[partners_with]") == 1
    stored = {r.id: r for r in store.list_relationships(W)}
    assert len(stored) == 15
    assert [stored[r.id].strength for r in changed] == [4.0, 4.0, 4.0]
    assert store.workspaces()[0].relationships == 15


def test_a_tie_that_changes_type_is_created_under_its_new_type(store: Neo4jStore) -> None:
    """A tie imported again with another type (same id) is deleted under the old type and
    created under the new one: one tie, of the new type."""
    store.upsert(W, [org("a"), org("b")], [tie("a", "b")])
    first = store.list_relationships(W)[0]
    moved = first.model_copy(update={"type": RelType.COLLABORATES_WITH})
    result = store.upsert(W, [], [moved])
    assert result.relationships_updated == 1
    assert [(r.id, r.type.value) for r in store.list_relationships(W)] == [
        (first.id, "collaborates_with")
    ]
    assert store.workspaces()[0].relationships == 1


def test_two_writes_of_one_workspace_at_once_store_each_tie_once(
    store: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two imports of the same new ties at the same moment: the second waits for the
    first (the workspace's lock, taken before the write reads), finds the ties stored
    and changes nothing. Without the lock both reads find nothing and both create: the
    hook lets each write wait up to 5 s for the other at the creation of the ties."""
    nodes = [org(f"o{i}") for i in range(12)]
    store.upsert(W, nodes, [])
    rels = [tie(f"o{i}", f"o{i + 1}") for i in range(11)]
    spy = DriverSpy(monkeypatch)
    both = threading.Barrier(2, timeout=5)
    met: list[bool] = []

    def meet(tx: Any, name: str) -> None:
        try:
            both.wait()
            met.append(True)
        except threading.BrokenBarrierError:
            met.append(False)

    spy.before_run["CREATE_RELATIONSHIPS[partners_with]"] = meet
    results: list[Any] = []
    threads = [
        threading.Thread(target=lambda: results.append(store.upsert(W, [], rels))) for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(results) == 2
    assert not any(met), "both writes were creating ties at the same time"
    assert sorted(r.relationships_created for r in results) == [0, 11]
    assert len(store.list_relationships(W)) == 11
    assert store.workspaces()[0].relationships == 11


def test_a_type_with_fewer_stored_ties_than_the_write_names_is_read_whole(
    store: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Five stored partner ties, a write of ten (one of them a stored tie under a new
    type): the partner ties are read whole instead of looked up by ten ids, and the
    retyped one is found there; types the workspace has no tie of are not read."""
    nodes = [org(f"o{i}") for i in range(12)]
    store.upsert(W, nodes, [tie(f"o{i}", f"o{i + 1}") for i in range(5)])
    first = store.list_relationships(W)[0]
    spy = DriverSpy(monkeypatch)
    moved = first.model_copy(update={"type": RelType.COLLABORATES_WITH})
    added = [tie(f"o{i}", f"o{i + 1}", "collaborates_with") for i in range(5, 11)]
    added += [tie("o11", "o0"), tie("o0", "o2"), tie("o1", "o3")]
    assert len(added) == 9
    result = store.upsert(W, [], [moved, *added])
    assert (result.relationships_updated, result.relationships_created) == (1, 9)
    sent = statements(spy)
    assert "RELATIONSHIPS_OF_TYPE[partners_with]" in sent
    assert "EXISTING_RELATIONSHIPS[partners_with]" not in sent
    assert "RELATIONSHIPS_OF_TYPE[collaborates_with]" not in sent  # none stored: not read
    assert "EXISTING_RELATIONSHIPS[collaborates_with]" not in sent
    types = {r.id: r.type.value for r in store.list_relationships(W)}
    assert len(types) == 14 and types[first.id] == "collaborates_with"
    assert store.workspaces()[0].relationships == 14
