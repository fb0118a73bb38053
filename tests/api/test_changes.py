"""The change log, undo and merging duplicates through the JSON API (issue 13, points 3
and 4)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.config import Settings
from api.keys import KeyStore
from graph.store.sqlite import SQLiteStore
from tests.api.conftest import TEST_SECRET
from tests.conftest import snapshot

W = "demo"


class Client:
    def __init__(self, client: TestClient, keys: dict[str, str], store: SQLiteStore) -> None:
        self.client, self.keys, self.store = client, keys, store

    def call(self, method: str, path: str, who: str = "editor", **kwargs: object):  # type: ignore[no-untyped-def]
        headers = {"Authorization": f"Bearer {self.keys[who]}"}
        return self.client.request(method, f"/api/workspaces/{W}{path}", headers=headers, **kwargs)


@pytest.fixture
def api() -> Iterator[Client]:
    store = SQLiteStore(":memory:")
    store.create_workspace(W)
    keys = KeyStore(SQLiteStore(":memory:"))
    tokens = {
        "viewer": keys.create(W, "viewer", "Manager"),
        "analyst": keys.create(W, "analyst", "Onderzoeker"),
        "editor": keys.create(W, "editor", "Anna (adviseur)"),
        "admin": keys.create(W, "admin", "Beheer"),
    }
    settings = Settings(environment="test", secret_key=TEST_SECRET, max_upload_mb=1)
    with TestClient(create_app(settings, store=store, keys=keys)) as client:
        yield Client(client, tokens, store)
    keys.close()
    store.close()


def _org(api: Client, node_id: str, name: str, who: str = "editor", **extra: object) -> None:
    body = {"id": node_id, "kind": "organisation", "name": name, **extra}
    assert api.call("POST", "/nodes", who, json=body).status_code == 201


def test_the_log_names_the_key_and_its_role(api: Client) -> None:
    _org(api, "roc", "ROC Midden-Nederland")
    _org(api, "roc", "ROC Midden-Nederland", "admin", description="mbo")
    answer = api.call("GET", "/changes")
    assert answer.status_code == 200
    page = answer.json()
    assert [(c["id"], c["actor"], c["role"], c["action"]) for c in page["changes"]] == [
        (2, "Beheer", "admin", "upsert"),
        (1, "Anna (adviseur)", "editor", "upsert"),
    ]
    assert page["next_offset"] is None
    one = api.call("GET", "/changes/2").json()
    assert one["nodes"] == [
        {
            "id": "roc",
            "op": "updated",
            "before": {"description": None},
            "after": {"description": "mbo"},
        }
    ]
    assert api.call("GET", "/changes/9").status_code == 404


@pytest.mark.parametrize("who", ["viewer", "analyst"])
def test_viewers_and_analysts_may_not_read_the_log(api: Client, who: str) -> None:
    assert api.call("GET", "/changes", who).status_code == 403
    assert api.call("POST", "/changes/1/undo", who).status_code == 403


def test_the_log_is_paged_and_filtered(api: Client) -> None:
    for i in range(3):
        _org(api, f"org{i}", f"Organisatie {i}")
    page = api.call("GET", "/changes", params={"limit": 2}).json()
    assert [c["id"] for c in page["changes"]] == [3, 2] and page["next_offset"] == 2
    page = api.call("GET", "/changes", params={"limit": 2, "offset": 2}).json()
    assert [c["id"] for c in page["changes"]] == [1] and page["next_offset"] is None
    page = api.call("GET", "/changes", params={"node": "org1"}).json()
    assert [c["id"] for c in page["changes"]] == [2]
    today = page["changes"][0]["time"][:10]
    assert len(api.call("GET", "/changes", params={"since": today}).json()["changes"]) == 3
    assert api.call("GET", "/changes", params={"until": "2000-01-01"}).json()["changes"] == []
    bad = api.call("GET", "/changes", params={"since": "2024-02-01", "until": "2024-01-01"})
    assert bad.status_code == 422 and "before the start date" in bad.json()["detail"]
    assert api.call("GET", "/changes", params={"since": "gisteren"}).status_code == 422


def test_merge_then_undo(api: Client) -> None:
    _org(api, "roc", "ROC Midden-Nederland")
    _org(api, "roc-mn", "ROC Midden Nederland", org_type="school")
    _org(api, "bedrijf", "Bouwbedrijf Proef BV", org_type="company")
    tie = {"type": "partners_with", "source": "roc-mn", "target": "bedrijf"}
    assert api.call("POST", "/relationships", json=tie).status_code == 201
    before = snapshot(api.store, W)
    answer = api.call("POST", "/nodes/roc/merge", json={"other": "ROC Midden Nederland"})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["merged"] == "roc-mn" and body["node"]["aliases"] == ["ROC Midden Nederland"]
    assert [(r.source, r.target) for r in api.store.list_relationships(W)] == [("roc", "bedrijf")]
    undone = api.call("POST", f"/changes/{body['change']}/undo")
    assert undone.status_code == 201 and undone.json()["undoes"] == body["change"]
    assert snapshot(api.store, W)[1:] == before[1:]
    again = api.call("POST", f"/changes/{body['change']}/undo")
    assert again.status_code == 409 and "later changed the same elements" in again.json()["detail"]


def test_a_bad_merge_changes_nothing(api: Client) -> None:
    _org(api, "roc", "ROC")
    person = {"id": "ilse", "kind": "person", "name": "Ilse"}
    assert api.call("POST", "/nodes", json=person).status_code == 201
    before = snapshot(api.store, W)
    kinds = api.call("POST", "/nodes/roc/merge", json={"other": "ilse"})
    assert kinds.status_code == 422 and "only nodes of the same kind" in kinds.json()["detail"]
    assert api.call("POST", "/nodes/roc/merge", json={"other": "nope"}).status_code == 404
    assert api.call("POST", "/nodes/nope/merge", json={"other": "roc"}).status_code == 404
    assert api.call("POST", "/nodes/roc/merge", json={}).status_code == 422
    assert api.call("POST", "/nodes/roc/merge", "analyst", json={"other": "x"}).status_code == 403
    assert snapshot(api.store, W) == before


def test_a_day_in_the_filter_is_a_day_on_the_dutch_clock(
    api: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page shows 00:30 on 7 December for a change at 23:30 UTC on the 6th; filtering
    on 7 December finds it, filtering on the 6th does not (both ways round in summer)."""
    import datetime as dt

    import graph.store.changelog as changelog

    class Clock(dt.datetime):
        moment = dt.datetime(2026, 12, 6, 23, 30, tzinfo=dt.UTC)

        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> Clock:  # type: ignore[override]
            return cls.moment  # type: ignore[return-value]

    monkeypatch.setattr(changelog, "datetime", Clock)
    _org(api, "winter", "Organisatie in de winter")
    Clock.moment = dt.datetime(2026, 7, 1, 21, 59, tzinfo=dt.UTC)  # 23:59 in Amsterdam
    _org(api, "zomer", "Organisatie in de zomer")

    def count(**params: str) -> int:
        return len(api.call("GET", "/changes", params=params).json()["changes"])

    assert count(since="2026-12-07", until="2026-12-07") == 1
    assert count(since="2026-12-06", until="2026-12-06") == 0
    assert count(since="2026-07-01", until="2026-07-01") == 1
    assert count(since="2026-07-02", until="2026-07-02") == 0
