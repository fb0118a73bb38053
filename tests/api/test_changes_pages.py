"""The "Wijzigingen" page and the possible-duplicates page with their buttons (issue 13,
points 3 and 4)."""

from __future__ import annotations

import html
import re

import pytest

from graph.model import Node
from tests.api.conftest import Env
from tests.api.test_pages import login, token
from tests.conftest import snapshot

W = "demo"


def _english(env: Env) -> None:
    form = token(env, f"/w/{W}/changes")
    env.client.post("/lang", data={"lang": "en", "back": f"/w/{W}", "csrf_token": form})


def _twins(env: Env) -> None:
    env.store.upsert(
        W,
        [
            Node(id="proef-bv", kind="organisation", name="Bouwbedrijf Proef BV", workspace=W),
            Node(id="proef-bv2", kind="organisation", name="Bouwbedrijf Proef B.V.", workspace=W),
        ],
    )


def test_the_changes_page_lists_writes_with_an_undo_button(env: Env) -> None:
    login(env, "editor")
    _english(env)
    _twins(env)
    page = env.client.get(f"/w/{W}/changes")
    assert page.status_code == 200
    assert "<h1>Changes: demo</h1>" in page.text
    assert re.search(
        r'<tr id="change-2">.*?console.*?Added or changed: *\s*2 nodes added', page.text, re.S
    )
    assert 'action="/w/demo/changes/2/undo"' in page.text and 'name="csrf_token"' in page.text
    assert (
        env.client.get(f"/w/{W}/changes", params={"node": "proef-bv2"}).text.count("<tr id=") == 1
    )
    bad = env.client.get(f"/w/{W}/changes", params={"since": "gisteren"})
    assert bad.status_code == 422 and "gisteren is not a date" in bad.text


def test_the_changes_page_speaks_dutch(env: Env) -> None:
    login(env, "editor")
    env.client.post(
        f"/w/{W}/node-new",
        data={
            "name": "Proef BV",
            "kind": "organisatie",
            "csrf_token": token(env, f"/w/{W}/node-new"),
        },
    )
    page = env.client.get(f"/w/{W}/changes").text
    assert "Wijzigingen" in page
    # the role and the way in are words of the page's language, not internal names
    assert "(redacteur, formulier)" in page and "(editor, form)" not in page


@pytest.mark.parametrize("who", ["viewer", "analyst"])
def test_only_editors_see_the_changes_and_duplicates(env: Env, who: str) -> None:
    login(env, who)
    assert env.client.get(f"/w/{W}/changes").status_code == 403
    assert env.client.get(f"/w/{W}/duplicates").status_code == 403


def test_merge_a_duplicate_with_its_button_and_undo_it(env: Env) -> None:
    login(env, "editor")
    _english(env)
    _twins(env)
    before = snapshot(env.store, W)
    page = env.client.get(f"/w/{W}/duplicates")
    assert page.status_code == 200
    assert (
        'name="keep" value="proef-bv"' in page.text or 'name="keep" value="proef-bv2"' in page.text
    )
    form = token(env, f"/w/{W}/duplicates")
    refused = env.client.post(
        f"/w/{W}/duplicates/merge", data={"keep": "proef-bv", "other": "proef-bv2"}
    )
    assert refused.status_code == 403 and snapshot(env.store, W) == before
    done = env.client.post(
        f"/w/{W}/duplicates/merge",
        data={"keep": "proef-bv", "other": "proef-bv2", "csrf_token": form},
    )
    assert done.status_code == 200
    assert '"Bouwbedrijf Proef B.V." was merged into "Bouwbedrijf Proef BV"' in html.unescape(
        done.text
    )  # names, not ids (issue 22)
    assert env.store.get_node(W, "proef-bv2") is None
    merge = env.store.changes(W)[0]
    assert (merge.action, merge.role, merge.note) == ("merge", "editor", "web")
    undone = env.client.post(f"/w/{W}/changes/{merge.id}/undo", data={"csrf_token": form})
    assert undone.status_code == 200 and f"Change {merge.id} was undone" in undone.text
    assert snapshot(env.store, W)[1:] == before[1:]
    again = env.client.post(f"/w/{W}/changes/{merge.id}/undo", data={"csrf_token": form})
    assert again.status_code == 409 and "later changed the same elements" in again.text


def test_a_bad_merge_on_the_page_changes_nothing(env: Env) -> None:
    login(env, "editor")
    _twins(env)
    form = token(env, f"/w/{W}/duplicates")
    before = snapshot(env.store, W)
    person = next(n.id for n in env.store.list_nodes(W) if n.kind.value == "person")
    wrong = env.client.post(
        f"/w/{W}/duplicates/merge", data={"keep": "proef-bv", "other": person, "csrf_token": form}
    )
    assert wrong.status_code == 422 and "only nodes of the same kind" in wrong.text
    missing = env.client.post(
        f"/w/{W}/duplicates/merge", data={"keep": "proef-bv", "other": "nope", "csrf_token": form}
    )
    assert missing.status_code == 404
    empty = env.client.post(f"/w/{W}/duplicates/merge", data={"csrf_token": form})
    assert empty.status_code == 422
    assert snapshot(env.store, W) == before
