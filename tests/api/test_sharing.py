"""Share links (issue 13 §5): made, listed and revoked by admins; the link opens the
read-only map and the pages behind it without a key, until it expires or is revoked,
and nothing else; its pages may be framed only by the origins listed for it."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest

from api.gate import CSP
from api.services.sharing import check_origins
from graph.errors import GrenswerkError
from tests.api.conftest import Env
from tests.api.test_pages import login, token

API = "/api/workspaces/demo/share-links"


def make_link(env: Env, days: int = 7, **body: object) -> dict[str, object]:
    response = env.client.post(
        API, json={"expires_in_days": days, **body}, headers=env.as_("admin")
    )
    assert response.status_code == 201, response.text
    found: dict[str, object] = response.json()
    return found


def path_of(link: dict[str, object]) -> str:
    return urlsplit(str(link["url"])).path


def test_admin_makes_lists_and_revokes_share_links(env: Env) -> None:
    link = make_link(env, 7, label="bestuur")
    assert set(link) >= {"id", "url", "expires"}
    token_part = path_of(link).removeprefix("/s/")
    assert token_part.startswith("sh_") and len(token_part) >= 3 + 43  # 256 bits
    expires = datetime.fromisoformat(str(link["expires"]))
    assert timedelta(days=6, hours=23) < expires - datetime.now(UTC) <= timedelta(days=7)
    listed = env.client.get(API, headers=env.as_("admin")).json()
    assert [(x["id"], x["label"], x["expires"]) for x in listed] == [
        (link["id"], "bestuur", link["expires"])
    ]
    assert token_part not in str(listed)  # the token is never shown again
    # only its hash is stored
    assert env.keys_store.store.share_link_by_hash(token_part) is None
    gone = env.client.delete(f"{API}/{link['id']}", headers=env.as_("admin"))
    assert gone.status_code == 204
    assert env.client.delete(f"{API}/{link['id']}", headers=env.as_("admin")).status_code == 404
    assert env.client.get(API, headers=env.as_("admin")).json() == []


def test_share_links_need_an_admin_of_the_workspace(env: Env) -> None:
    for who, status in (("editor", 403), ("viewer", 403), ("other-admin", 404), (None, 401)):
        answer = env.client.post(API, json={"expires_in_days": 7}, headers=env.as_(who))
        assert answer.status_code == status, who
        assert env.client.get(API, headers=env.as_(who)).status_code == status, who
    assert env.keys_store.store.list_share_links("demo") == []


def test_the_link_opens_the_map_and_pages_without_a_key(env: Env) -> None:
    here = path_of(make_link(env))
    env.client.cookies.clear()
    page = env.client.get(here)
    assert page.status_code == 200 and 'id="map"' in page.text
    assert f"{here}/node/__ID__" in page.text  # the map's links stay inside the link
    node = env.client.get(f"{here}/node/roc-midden-nederland")
    assert node.status_code == 200 and "ROC Midden-Nederland" in node.text
    assert f'href="{here}/node/' in node.text and 'href="/w/demo' not in node.text
    assert env.client.get(f"{here}/help").status_code == 200
    assert env.client.get(f"{here}/node/nope").status_code == 404


def test_the_shared_map_is_what_a_viewer_sees(env: Env) -> None:
    here = path_of(make_link(env))
    shared = env.client.get(here + "?color_by=sector").text
    login(env, "viewer")
    viewer = env.client.get("/w/demo?color_by=sector").text

    def data(html: str) -> str:
        start = html.index('id="map-data"')
        return html[start : html.index("</script>", start)]

    assert data(shared).replace(here, "/w/demo") == data(viewer)


def test_a_revoked_or_expired_link_opens_nothing(env: Env) -> None:
    link = make_link(env)
    here = path_of(link)
    assert env.client.get(here).status_code == 200
    env.client.delete(f"{API}/{link['id']}", headers=env.as_("admin"))
    assert env.client.get(here).status_code == 404
    assert env.client.get(f"{here}/node/roc-midden-nederland").status_code == 404
    old, token_text = env.keys_store.create_share_link("demo", timedelta(seconds=-1))
    assert env.client.get(f"/s/{token_text}").status_code == 410
    assert env.client.get("/s/sh_made-up-token").status_code == 404


def test_a_share_link_reaches_nothing_but_its_read_only_pages(env: Env) -> None:
    here = path_of(make_link(env))
    secret = here.removeprefix("/s/")
    for method, path in (
        ("GET", "/w/demo"),
        ("GET", "/api/workspaces/demo/nodes"),
        ("POST", "/api/workspaces/demo/nodes"),
        ("GET", "/api/workspaces/other/nodes"),
    ):
        for headers in ({"Authorization": f"Bearer {secret}"}, {"X-API-Key": secret}, {}):
            answer = env.client.request(method, path, headers=headers, follow_redirects=False)
            assert answer.status_code in (303, 401), (method, path, headers)
    # no writes through the shared pages, no other workspace, no editor page behind them
    assert env.client.post(here, data={"name": "x"}).status_code == 405
    assert env.client.post(f"{here}/node/roc-midden-nederland").status_code == 405
    for beyond in ("/import", "/keys", "/../other", "/node/secret", "/paths", "/overview"):
        assert env.client.get(here + beyond).status_code == 404, beyond
    page = env.client.get(here).text
    assert re.findall(r'<form method="post" action="([^"]*)"', page) == ["/lang"]
    assert "/api/workspaces/demo/map" not in page  # no downloads through the API


def test_frame_ancestors_are_the_links_origins(env: Env) -> None:
    framed = path_of(make_link(env, origins=["https://intranet.example", "http://localhost:8080"]))
    policy = env.client.get(framed).headers["content-security-policy"]
    assert policy == CSP.replace(
        "frame-ancestors 'self'", "frame-ancestors https://intranet.example http://localhost:8080"
    )
    assert "x-frame-options" not in env.client.get(framed).headers
    node = env.client.get(f"{framed}/node/roc-midden-nederland").headers
    assert (
        "frame-ancestors https://intranet.example http://localhost:8080"
        in node["content-security-policy"]
    )
    unframed = env.client.get(path_of(make_link(env))).headers
    assert unframed["content-security-policy"].endswith("frame-ancestors 'none'")
    assert unframed["x-frame-options"] == "DENY"
    assert env.client.get("/login").headers["content-security-policy"] == CSP


@pytest.mark.parametrize(
    "bad",
    [
        "https://intranet.example/path",
        "javascript:alert(1)",
        "ftp://files.example",
        "https://user:pw@intranet.example",
        "https://intranet.example?x=1",
        "https://*.example",
        "https://intranet.example:99999",
        "https://intra net.example",
        "'self'",
    ],
)
def test_bad_origins_are_refused_and_store_nothing(env: Env, bad: str) -> None:
    answer = env.client.post(
        API, json={"expires_in_days": 7, "origins": [bad]}, headers=env.as_("admin")
    )
    assert answer.status_code == 422 and "scheme://host[:port]" in answer.text
    assert env.keys_store.store.list_share_links("demo") == []
    with pytest.raises(GrenswerkError, match="is not an origin"):
        check_origins(bad)


@pytest.mark.parametrize("days", [0, -1, 366, "sieben", None, 1.5])
def test_bad_lifetimes_are_refused_and_store_nothing(env: Env, days: object) -> None:
    answer = env.client.post(API, json={"expires_in_days": days}, headers=env.as_("admin"))
    assert answer.status_code == 422
    assert env.keys_store.store.list_share_links("demo") == []


def test_deleting_the_workspace_revokes_its_links(env: Env) -> None:
    here = path_of(make_link(env))
    env.store.put_view("demo", __import__("graph.views").views.SavedView("v", {}, "x"))
    assert env.client.delete("/api/workspaces/demo", headers=env.as_("admin")).status_code == 204
    env.store.create_workspace("demo")  # a new workspace of the same name
    assert env.client.get(here).status_code == 404
    assert (
        env.keys_store.store.list_share_links("demo") == [] and env.store.list_views("demo") == []
    )


def test_wrong_tokens_count_as_failed_key_checks(env: Env) -> None:
    for _ in range(40):
        last = env.client.get("/s/sh_guess")
        if last.status_code == 429:
            break
    assert last.status_code == 429 and "Retry-After" in last.headers


def test_key_page_makes_and_revokes_share_links(env: Env) -> None:
    login(env, "admin")
    form = token(env, "/w/demo/keys")
    made = env.client.post(
        "/w/demo/share-links",
        data={"expires_in_days": "3", "origins": "https://intranet.example", "csrf_token": form},
    )
    assert made.status_code == 201
    url = made.text.split('id="new-link-url">')[1].split("<")[0]
    assert (
        f'id="new-link-embed">&lt;iframe src=&#34;{url}&#34; title=&#34;Grenswerk: demo'
        in made.text
    )
    link_id = env.keys_store.store.list_share_links("demo")[0].id
    assert env.client.get(urlsplit(url).path).status_code == 200
    gone = env.client.post(
        "/w/demo/share-links/revoke", data={"link_id": str(link_id), "csrf_token": form}
    )
    assert gone.status_code == 200 and env.keys_store.store.list_share_links("demo") == []
    assert env.client.get(urlsplit(url).path).status_code == 404
    bad = env.client.post(
        "/w/demo/share-links",
        data={"expires_in_days": "7", "origins": "https://x.example/path", "csrf_token": form},
    )
    assert bad.status_code == 422 and "zonder pad" in bad.text  # in the page's words
    assert env.keys_store.store.list_share_links("demo") == []
    no_token = env.client.post("/w/demo/share-links", data={"expires_in_days": "7"})
    assert no_token.status_code == 403 and env.keys_store.store.list_share_links("demo") == []
