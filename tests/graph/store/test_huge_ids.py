"""No caller can make a store fail on an id or offset past its integers (issue 21,
point 1): SQLite and Neo4j keep signed 64-bit integers; larger ones find nothing."""

from __future__ import annotations

import pytest

from graph.model import Node
from graph.store.base import Store

W = "w"


@pytest.mark.parametrize("number", [2**63, 22978128048766296064])
def test_huge_ids_and_offsets_find_nothing(store: Store, number: int) -> None:
    store.upsert(W, [Node(id="a", kind="theme", name="A", workspace=W)])
    assert store.change(W, number) is None
    assert store.changes(W, offset=number) == []
    assert store.changes(W, limit=number) != []
    assert store.delete_keys(W, key_id=number) == 0
    assert store.delete_share_links(W, number) == 0
    assert store.delete_response(W, "s", number) is False
    assert len(store.changes(W)) == 1  # nothing else changed
