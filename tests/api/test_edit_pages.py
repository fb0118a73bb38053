"""Editing in the web pages (issue 13, point 2): add, edit and delete nodes and ties with
forms that read through the importers' path, inline errors, a confirmation before a
delete that takes ties with it, a workspace made by a server key, and every form
refused from another site."""

from __future__ import annotations

import html
import re

import pytest

from tests.api.conftest import Env
from tests.api.test_pages import login, token
from tests.conftest import snapshot


def _error(page: str, field: str) -> str:
    """The inline error shown beside a field ('' when none)."""
    found = re.search(rf'<span class="error" id="error-{field}">([^<]*)</span>', page)
    return found.group(1) if found else ""


def test_add_a_node_with_the_form(env: Env) -> None:
    login(env, "editor")
    form = token(env, "/w/demo/node-new")
    response = env.client.post(
        "/w/demo/node-new",
        data={
            "name": "Bouwbedrijf Proef BV",
            "kind": "organisatie",
            "org_type": "bedrijf",
            "since": "01-09-2024",
            "csrf_token": form,
        },
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    assert response.headers["location"] == "/w/demo/node/bouwbedrijf-proef-bv?saved=added"
    node = env.store.get_node("demo", "bouwbedrijf-proef-bv")
    assert node is not None and str(node.org_type) == "company"
    assert str(node.since) == "2024-09-01"


def test_a_refused_node_form_shows_each_error_beside_its_field(env: Env) -> None:
    login(env, "editor")
    before = snapshot(env.store, "demo")
    response = env.client.post(
        "/w/demo/node-new",
        data={
            "name": "",
            "kind": "organisation",
            "since": "31-31-2024",
            "sector": "bouw <b>",
            "csrf_token": token(env, "/w/demo/node-new"),
        },
    )
    assert response.status_code == 422
    assert _error(response.text, "name") == "een onderdeel heeft een naam nodig"
    assert "is geen datum" in _error(response.text, "since")
    assert _error(response.text, "kind") == ""
    assert 'value="bouw &lt;b&gt;"' in response.text  # what was typed stays, escaped
    assert snapshot(env.store, "demo") == before


def test_add_a_tie_by_names_with_the_form(env: Env) -> None:
    login(env, "editor")
    response = env.client.post(
        "/w/demo/tie-new",
        data={
            "from": "ROC Midden-Nederland",
            "to": "CINOP",
            "type": "werkt_samen_met",
            "since": "1-9-2024",
            "csrf_token": token(env, "/w/demo/tie-new?from=roc-midden-nederland"),
        },
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    assert response.headers["location"] == "/w/demo/node/roc-midden-nederland?saved=tie-saved"
    ties = [
        r
        for r in env.store.list_relationships("demo", node_id="roc-midden-nederland")
        if {r.source, r.target} == {"roc-midden-nederland", "cinop"}
        and r.type == "collaborates_with"
    ]
    assert len(ties) == 1 and str(ties[0].since) == "2024-09-01"


def test_a_tie_form_with_an_unknown_name_says_did_you_mean(env: Env) -> None:
    login(env, "editor")
    before = snapshot(env.store, "demo")
    response = env.client.post(
        "/w/demo/tie-new",
        data={
            "from": "ROC Midden Nederlnd",
            "to": "cinop",
            "type": "collaborates_with",
            "csrf_token": token(env, "/w/demo/tie-new"),
        },
    )
    assert response.status_code == 422
    assert "Bedoel je 'ROC Midden-Nederland'?" in _error(response.text, "from")
    assert snapshot(env.store, "demo") == before


def test_edit_a_node_with_the_form(env: Env) -> None:
    login(env, "editor")
    page = env.client.get("/w/demo/node/roc-midden-nederland/edit")
    assert page.status_code == 200
    assert 'name="name" type="text" value="ROC Midden-Nederland"' in page.text
    response = env.client.post(
        "/w/demo/node/roc-midden-nederland/edit",
        data={
            "name": "ROC Midden-Nederland",
            "description": "Een roc in Utrecht",
            "since": "2024",
            "csrf_token": token(env, "/w/demo/node/roc-midden-nederland/edit"),
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    node = env.store.get_node("demo", "roc-midden-nederland")
    assert node is not None and node.description == "Een roc in Utrecht"
    assert str(node.since) == "2024-01-01"


def test_delete_a_node_asks_first_saying_how_many_ties_go(env: Env) -> None:
    login(env, "editor")
    ties = len(env.store.list_relationships("demo", node_id="cinop"))
    assert ties > 1
    page = env.client.get("/w/demo/node/cinop/delete")
    assert page.status_code == 200
    assert f'<strong id="ties-gone">{ties}</strong>' in page.text
    form = token(env, "/w/demo/node/cinop/delete")
    unconfirmed = env.client.post(
        "/w/demo/node/cinop/delete", data={"csrf_token": form}, follow_redirects=False
    )
    assert unconfirmed.status_code == 200 and env.store.get_node("demo", "cinop") is not None
    confirmed = env.client.post(
        "/w/demo/node/cinop/delete",
        data={"csrf_token": form, "confirm": "yes"},
        follow_redirects=False,
    )
    assert confirmed.status_code == 303 and confirmed.headers["location"] == "/w/demo"
    assert env.store.get_node("demo", "cinop") is None
    assert env.store.list_relationships("demo", node_id="cinop") == []


def test_edit_and_delete_a_tie_with_the_forms(env: Env) -> None:
    login(env, "editor")
    rel = env.store.list_relationships("demo", node_id="cinop")[0]
    page = env.client.get(f"/w/demo/tie/{rel.id}/edit")
    assert page.status_code == 200
    form = token(env, f"/w/demo/tie/{rel.id}/edit")
    bad = env.client.post(
        f"/w/demo/tie/{rel.id}/edit",
        data={"strength": "veel", "csrf_token": form},
    )
    assert bad.status_code == 422 and "is geen getal" in _error(bad.text, "strength")
    good = env.client.post(
        f"/w/demo/tie/{rel.id}/edit",
        data={"strength": "3", "mechanism": "reflectie", "csrf_token": form},
        follow_redirects=False,
    )
    assert good.status_code == 303
    changed = env.store.get_relationship("demo", rel.id)
    assert changed is not None and changed.strength == 3 and changed.mechanism == "reflection"
    gone = env.client.post(
        f"/w/demo/tie/{rel.id}/delete", data={"csrf_token": form}, follow_redirects=False
    )
    assert gone.status_code == 303
    assert env.store.get_relationship("demo", rel.id) is None


def test_the_node_page_offers_editing_to_editors_only(env: Env) -> None:
    login(env, "viewer")
    page = env.client.get("/w/demo/node/cinop")
    assert "/w/demo/node/cinop/edit" not in page.text
    assert "/w/demo/node-new" not in page.text
    assert env.client.get("/w/demo/node/cinop/edit").status_code == 403
    assert env.client.get("/w/demo/node-new").status_code == 403
    login(env, "editor")
    page = env.client.get("/w/demo/node/cinop")
    for link in ("/w/demo/node/cinop/edit", "/w/demo/node/cinop/delete", "/w/demo/node-new"):
        assert link in page.text
    assert "/w/demo/tie-new?from=cinop" in page.text


def test_a_viewer_cannot_post_an_edit(env: Env) -> None:
    login(env, "viewer")
    before = snapshot(env.store, "demo")
    response = env.client.post(
        "/w/demo/node-new",
        data={"name": "X Y", "kind": "theme", "csrf_token": token(env, "/w/demo")},
    )
    assert response.status_code == 403
    assert snapshot(env.store, "demo") == before


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/w/demo/node-new", {"name": "Kwaadaardig", "kind": "theme"}),
        ("/w/demo/node/cinop/delete", {"confirm": "yes"}),
        ("/w/demo/tie-new", {"from": "cinop", "to": "roc-midden-nederland", "type": "partner_van"}),
        ("/workspaces/new", {"name": "kwaad"}),
    ],
)
def test_a_cross_site_post_is_refused(env: Env, path: str, data: dict[str, str]) -> None:
    login(env, "server")
    before = snapshot(env.store, "demo")
    workspaces = [w.name for w in env.store.workspaces()]
    no_token = env.client.post(path, data=data)
    assert no_token.status_code == 403
    forged = env.client.post(path, data={**data, "csrf_token": "0" * 64})
    assert forged.status_code == 403
    other_site = env.client.post(
        path,
        data={**data, "csrf_token": token(env, "/")},
        headers={"Origin": "https://evil.example"},
    )
    assert other_site.status_code == 403
    assert snapshot(env.store, "demo") == before
    assert [w.name for w in env.store.workspaces()] == workspaces


def test_a_server_key_creates_a_workspace_with_the_form(env: Env) -> None:
    login(env, "server")
    home = env.client.get("/")
    assert 'action="/workspaces/new"' in home.text
    bad = env.client.post(
        "/workspaces/new", data={"name": "Niet Goed!", "csrf_token": token(env, "/")}
    )
    assert bad.status_code == 422 and "not allowed" in _error(bad.text, "name")
    made = env.client.post(
        "/workspaces/new", data={"name": "roc-nieuw", "csrf_token": token(env, "/")}
    )
    assert made.status_code == 201
    assert env.store.has_workspace("roc-nieuw")
    shown = re.search(r'<code id="new-key">(gw_[^<]+)</code>', made.text)
    assert shown is not None
    key = env.keys_store.verify(shown.group(1))
    assert key is not None and (key.workspace, key.role) == ("roc-nieuw", "admin")
    again = env.client.post(
        "/workspaces/new", data={"name": "roc-nieuw", "csrf_token": token(env, "/")}
    )
    assert again.status_code == 422 and "exists already" in _error(again.text, "name")


def test_a_workspace_key_gets_no_workspace_form(env: Env) -> None:
    login(env, "admin")
    assert 'action="/workspaces/new"' not in env.client.get("/").text
    response = env.client.post(
        "/workspaces/new", data={"name": "roc-nieuw", "csrf_token": token(env, "/")}
    )
    assert response.status_code == 403
    assert not env.store.has_workspace("roc-nieuw")


def test_the_navigation_offers_add_to_editors(env: Env) -> None:
    login(env, "editor")
    page = env.client.get("/w/demo")
    assert 'href="/w/demo/node-new"' in page.text
    env.client.post("/lang", data={"lang": "en", "back": "/w/demo", "csrf_token": token(env)})
    assert ">Add</a>" in env.client.get("/w/demo").text


def test_the_navigation_says_toevoegen_in_dutch(env: Env) -> None:
    login(env, "editor")
    assert ">Toevoegen</a>" in env.client.get("/w/demo").text


def test_errors_beside_fields_follow_the_page_language(env: Env) -> None:
    login(env, "editor")
    env.client.post("/lang", data={"lang": "en", "back": "/w/demo", "csrf_token": token(env)})
    response = env.client.post(
        "/w/demo/node-new",
        data={"kind": "theme", "csrf_token": token(env, "/w/demo/node-new")},
    )
    assert response.status_code == 422
    assert '<html lang="en">' in response.text
    assert _error(response.text, "name") == "a node needs a name"


def test_errors_beside_fields_are_dutch_by_default(env: Env) -> None:
    login(env, "editor")
    response = env.client.post(
        "/w/demo/node-new",
        data={"kind": "theme", "csrf_token": token(env, "/w/demo/node-new")},
    )
    assert _error(response.text, "name") == "een onderdeel heeft een naam nodig"


def test_the_tie_form_suggests_known_names_while_typing(env: Env) -> None:
    login(env, "editor")
    page = env.client.get("/w/demo/tie-new?from=cinop").text
    assert 'name="from" type="text" value="CINOP" list="node-names"' in page
    assert '<option value="ROC Midden-Nederland">' in page
    datalist = page.split('<datalist id="node-names">')[1].split("</datalist>")[0]
    names = re.findall(r'<option value="([^"]*)">', datalist)
    assert len(names) == len({n.name for n in env.store.list_nodes("demo")})


def test_emptying_a_field_removes_its_value_in_one_undoable_change(env: Env) -> None:
    """An advisor removes a wrong value by emptying its field: the value goes (an
    organisation's practice back to 'other'), the other fields stay, the change log
    holds one change, and undoing it brings the value back."""
    login(env, "editor")
    node = env.store.get_node("demo", "roc-midden-nederland")
    assert node is not None and node.sector == "mbo" and node.org_type == "school"
    changes = len(env.store.changes("demo"))
    response = env.client.post(
        "/w/demo/node/roc-midden-nederland/edit",
        data={
            "name": "ROC Midden-Nederland",
            "sector": "",
            "org_type": "",
            "description": "Het grootste roc van de regio",
            "csrf_token": token(env, "/w/demo/node/roc-midden-nederland/edit"),
        },
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    after = env.store.get_node("demo", "roc-midden-nederland")
    assert after is not None
    assert (after.sector, after.org_type, after.description) == (
        None,
        "other",
        "Het grootste roc van de regio",
    )
    assert after.name == node.name and after.aliases == node.aliases
    log = env.store.changes("demo")
    assert len(log) == changes + 1
    from graph.access import Actor
    from graph.undo import undo

    undo(env.store, "demo", log[0].id, actor=Actor("test", "editor"))
    back = env.store.get_node("demo", "roc-midden-nederland")
    assert back is not None and (back.sector, back.org_type) == ("mbo", "school")


def test_emptying_the_name_is_refused_and_changes_nothing(env: Env) -> None:
    login(env, "editor")
    before = snapshot(env.store, "demo")
    response = env.client.post(
        "/w/demo/node/roc-midden-nederland/edit",
        data={"name": "", "csrf_token": token(env, "/w/demo/node/roc-midden-nederland/edit")},
    )
    assert response.status_code == 422
    assert _error(response.text, "name") == "een onderdeel heeft een naam nodig"
    assert snapshot(env.store, "demo") == before


def test_emptying_a_tie_field_removes_its_value(env: Env) -> None:
    login(env, "editor")
    rel = env.store.list_relationships("demo", node_id="cinop")[0]
    form = token(env, f"/w/demo/tie/{rel.id}/edit")
    given = {"strength": "3", "mechanism": "reflectie", "csrf_token": form}
    assert env.client.post(f"/w/demo/tie/{rel.id}/edit", data=given).status_code == 200
    response = env.client.post(
        f"/w/demo/tie/{rel.id}/edit",
        data={"strength": "", "mechanism": "", "csrf_token": form},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    after = env.store.get_relationship("demo", rel.id)
    assert after is not None and (after.strength, after.mechanism) == (None, None)
    assert (after.source, after.target, after.type) == (rel.source, rel.target, rel.type)


def test_form_and_api_edits_are_logged_with_the_key_and_the_way_in(env: Env) -> None:
    """The forms and the API write through api/services/editing.py, which passes the
    acting key to the store's change log (issue 13, point 4)."""
    login(env, "editor")
    form = token(env, "/w/demo/node-new")
    env.client.post(
        "/w/demo/node-new",
        data={"name": "Bouwbedrijf Proef BV", "kind": "organisatie", "csrf_token": form},
        follow_redirects=False,
    )
    env.client.post(
        "/api/workspaces/demo/relationships",
        json={
            "from": "ROC Midden-Nederland",
            "to": "Bouwbedrijf Proef BV",
            "type": "werkt_samen_met",
        },
        headers=env.as_("editor"),
    )
    api, page = (env.store.change("demo", c.id) for c in env.store.changes("demo")[:2])
    assert (page.role, page.note, page.action) == ("editor", "form", "upsert")
    assert [n.id for n in page.nodes] == ["bouwbedrijf-proef-bv"]
    assert (api.role, api.note) == ("editor", "api")
    assert [r.id for r in api.relationships] != [] and api.actor == page.actor


# -- the form's errors in the page's language, without internal identifiers ------------


def _tie_errors(env: Env, data: dict[str, str], lang: str = "nl") -> tuple[str, dict[str, str]]:
    login(env, "editor")
    env.client.cookies.set("lang", lang)
    before = snapshot(env.store, "demo")
    response = env.client.post(
        "/w/demo/tie-new", data={**data, "csrf_token": token(env, "/w/demo/tie-new")}
    )
    assert response.status_code == 422
    assert snapshot(env.store, "demo") == before
    fields = ("from", "to", "type", "strength", "mechanism", "since", "until")
    return response.text, {f: html.unescape(_error(response.text, f)) for f in fields}


def test_a_dutch_tie_form_says_its_errors_in_dutch(env: Env) -> None:
    page, errors = _tie_errors(
        env,
        {
            "from": "ROC Midden Nederlnd",
            "to": "cinop",
            "type": "vriendschap",
            "strength": "veel",
            "mechanism": "magie",
            "since": "31-31-2024",
        },
    )
    assert errors["from"] == (
        '"ROC Midden Nederlnd" staat niet in deze werkruimte: voeg het eerst toe, of schrijf '
        "de naam of id zoals die daar staat. Bedoel je 'ROC Midden-Nederland'?"
    )
    assert errors["type"].startswith('onbekende soort relatie "vriendschap"; kies uit: werkt bij,')
    assert errors["strength"] == '"veel" is geen getal'
    assert errors["mechanism"].startswith('onbekend mechanisme "magie"; kies uit: identificatie,')
    assert errors["since"].startswith('"31-31-2024" is geen datum')
    shown = html.unescape(re.sub(r"<[^>]+>", " ", page))
    for internal in ("works_at", "werkt_bij", "partners_with", "not in this import"):
        assert internal not in shown


def test_a_dutch_tie_form_says_a_self_loop_and_wrong_ends_in_dutch(env: Env) -> None:
    _, errors = _tie_errors(env, {"from": "cinop", "to": "cinop", "type": "partner_van"})
    assert errors["to"] == "een relatie van een onderdeel naar zichzelf kan niet: kies een ander"
    _, errors = _tie_errors(
        env, {"from": "cinop", "to": "roc-midden-nederland", "type": "werkt_bij"}
    )
    assert errors["type"] == (
        'een relatie "werkt bij" loopt van persoon naar organisatie, niet van organisatie naar '
        "organisatie"
    )
    page, _ = _tie_errors(
        env,
        {
            "from": "cinop",
            "to": "roc-midden-nederland",
            "type": "partner_van",
            "since": "2024",
            "until": "2020",
        },
    )
    assert "het einde (1 januari 2020) ligt voor het begin (1 januari 2024)" in page


def test_the_english_tie_form_says_its_errors_in_english(env: Env) -> None:
    _, errors = _tie_errors(
        env, {"from": "ROC Midden Nederlnd", "to": "cinop", "type": "partner_van"}, "en"
    )
    assert errors["from"] == (
        '"ROC Midden Nederlnd" is not in this workspace: add it first, or write its name or '
        "id as it is there. Did you mean 'ROC Midden-Nederland'?"
    )


def test_a_hostile_unknown_name_stays_text_in_the_form_error(env: Env) -> None:
    page, errors = _tie_errors(env, {"from": "<b>x</b>", "to": "cinop", "type": "partner_van"})
    assert "<b>x</b>" not in page and "&lt;b&gt;x&lt;/b&gt;" in page
    assert errors["from"].startswith('"<b>x</b>" staat niet in deze werkruimte')
