"""Saved views of a workspace's map (issue 12 §3), kept in the store: the JSON API
(viewers read, analysts and up write), the map page's list and its save and delete
forms."""

from __future__ import annotations

import pytest

from tests.api.conftest import Env
from tests.api.test_pages import login, token
from tests.conftest import on_both
from tests.map_data import map_page

API = "/api/workspaces/demo/views"
BESTUUR = {"color_by": "sector", "focus": "roc-midden-nederland", "depth": "2", "themes": "off"}


@on_both
def test_analysts_save_and_viewers_read_views(env: Env) -> None:
    made = env.client.put(f"{API}/Bestuur", json={"settings": BESTUUR}, headers=env.as_("analyst"))
    assert made.status_code == 201
    assert made.json()["query"] == (
        "color_by=sector&focus=roc-midden-nederland&depth=2&themes=off&view=Bestuur"
    )
    again = env.client.put(
        f"{API}/Bestuur", json={"settings": {"kinds": "organisatie"}}, headers=env.as_("editor")
    )
    assert again.status_code == 200
    listed = env.client.get(API, headers=env.as_("viewer")).json()
    assert [(v["name"], v["settings"]) for v in listed] == [("Bestuur", {"kinds": "organisatie"})]
    one = env.client.get(f"{API}/Bestuur", headers=env.as_("viewer"))
    assert one.status_code == 200 and one.json()["settings"] == {"kinds": "organisatie"}
    assert env.client.delete(f"{API}/Bestuur", headers=env.as_("analyst")).status_code == 204
    assert env.client.get(f"{API}/Bestuur", headers=env.as_("viewer")).status_code == 404
    assert env.client.delete(f"{API}/Bestuur", headers=env.as_("analyst")).status_code == 404


def test_viewers_cannot_write_views_nor_other_workspaces(env: Env) -> None:
    body = {"settings": BESTUUR}
    assert env.client.put(f"{API}/x", json=body, headers=env.as_("viewer")).status_code == 403
    assert env.client.put(f"{API}/x", json=body, headers=env.as_("other-admin")).status_code == 404
    assert env.client.get(API, headers=env.as_("other-admin")).status_code == 404
    assert env.store.list_views("demo") == []


@pytest.mark.parametrize(
    ("settings", "where"),
    [
        ({"colour": "sector"}, "settings.colour"),
        ({"focus": "x" * 501}, "settings.focus"),
        ({"focus": 3}, "settings.focus"),
        ("color_by=sector", "settings"),
    ],
)
def test_bad_views_are_refused_and_store_nothing(env: Env, settings: object, where: str) -> None:
    answer = env.client.put(
        f"{API}/Bestuur", json={"settings": settings}, headers=env.as_("analyst")
    )
    assert answer.status_code == 422 and where in answer.text
    assert env.store.list_views("demo") == []
    blank = env.client.put(f"{API}/%20", json={"settings": {}}, headers=env.as_("analyst"))
    assert blank.status_code == 422 and env.store.list_views("demo") == []


def test_map_page_lists_views_and_offers_saving_to_analysts(env: Env) -> None:
    env.client.put(f"{API}/Bestuur", json={"settings": BESTUUR}, headers=env.as_("admin"))
    login(env, "viewer")
    data = map_page(env.client.get("/w/demo").text)
    assert data["saved_views"] == [
        {
            "name": "Bestuur",
            "query": "color_by=sector&focus=roc-midden-nederland&depth=2&themes=off&view=Bestuur",
        }
    ]
    assert data["views_save"] == ""
    assert 'id="map-view-save"' not in env.client.get("/w/demo").text
    login(env, "analyst")
    page = env.client.get("/w/demo").text
    assert map_page(page)["views_save"] == "/w/demo/views" and 'id="map-view-save"' in page


@on_both
def test_map_page_forms_save_and_delete_views(env: Env) -> None:
    login(env, "analyst")
    form = token(env, "/w/demo")
    saved = env.client.post(
        "/w/demo/views",
        data={"name": "Zorg", "query": "color_by=sector&lang=en&focus=cinop", "csrf_token": form},
        follow_redirects=False,
    )
    assert saved.status_code == 303
    assert saved.headers["location"] == "/w/demo?color_by=sector&focus=cinop&view=Zorg"
    view = env.store.get_view("demo", "Zorg")
    assert view is not None and view.settings == {"color_by": "sector", "focus": "cinop"}
    bad = env.client.post("/w/demo/views", data={"name": "  ", "query": "", "csrf_token": form})
    assert bad.status_code == 422 and [v.name for v in env.store.list_views("demo")] == ["Zorg"]
    forged = env.client.post("/w/demo/views/delete", data={"name": "Zorg"})
    assert forged.status_code == 403 and env.store.get_view("demo", "Zorg") is not None
    gone = env.client.post(
        "/w/demo/views/delete", data={"name": "Zorg", "csrf_token": form}, follow_redirects=False
    )
    assert gone.status_code == 303 and env.store.list_views("demo") == []
    login(env, "viewer")
    refused = env.client.post(
        "/w/demo/views", data={"name": "X", "query": "", "csrf_token": token(env, "/w/demo")}
    )
    assert refused.status_code == 403 and env.store.list_views("demo") == []
