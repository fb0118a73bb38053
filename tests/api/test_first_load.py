"""The first requests after a restart answer the same JSON whether the workspace graph
came from the stored rows or from its snapshot (written in the background after the
first load, in parts: graph/store/snapshot.py): ego networks, a search, an analysis and
the counts, byte for byte."""

from __future__ import annotations

from unittest import mock

import pytest

from graph.analysis.cache import AnalysisCache
from graph.store.sqlite import SQLiteStore
from tests.api.conftest import Env

REQUESTS = [
    "/api/workspaces/demo/nodes/seed-000/ego",
    "/api/workspaces/demo/nodes/seed-003/ego?depth=2",
    "/api/workspaces/demo/nodes?q=roc&limit=20",
    "/api/workspaces/demo/analyses/centrality?measures=degree,pagerank&limit=100",
    "/api/workspaces/demo/analyses/summary",
    "/api/workspaces/demo/stats",
]


def answers(env: Env) -> list[bytes]:
    found = []
    for url in REQUESTS:
        response = env.client.get(url, headers=env.as_("analyst"))
        assert response.status_code == 200, (url, response.text)
        found.append(response.content)
    return found


def test_the_first_answers_are_the_same_from_the_rows_and_from_the_snapshot(
    env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # the results' time: one second
    store = env.store
    assert isinstance(store, SQLiteStore) and store.snapshots is not None
    from_rows = answers(env)  # the graph built from the rows, its snapshot then written
    store.snapshots.wait()
    assert store.snapshots.path("demo").exists()
    app = env.client.app
    app.state.cache = AnalysisCache()  # type: ignore[attr-defined]  # a restart
    no_rows = AssertionError("rows read")
    with mock.patch("graph.store.stored_graph.stored_graph", side_effect=no_rows):
        from_snapshot = answers(env)
    assert from_snapshot == from_rows
