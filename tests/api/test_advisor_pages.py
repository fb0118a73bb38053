"""The advisor's daily work in Dutch (issue 22): duplicates in the menu, a chosen name
that stays and a confirmation before a merge that reports names; the change log in
Dutch time, filtered by a name, with a page per change; a confirmation after saving;
the real link in the embed code; a 404 with navigation; the consent box kept after an
error; and no English on these pages in Dutch."""

from __future__ import annotations

import html
import re

from api.services import surveys
from graph.model import Node
from tests.api.conftest import Env
from tests.api.test_catalogue_language import language_of
from tests.api.test_i18n import internal_words, visible
from tests.api.test_pages import login, token

W = "demo"


def _flat(page: str) -> str:
    return " ".join(visible(page).split())


def english_lines(page: str) -> list[str]:
    """The lines of a page's visible text that read as English (a Dutch page must have
    none; names and file names are too short to count)."""
    return [line for line in visible(page).splitlines() if language_of(line) == "en"]


def _twins(env: Env) -> None:
    env.store.upsert(
        W,
        [
            Node(id="proef-bv", kind="organisation", name="Bouwbedrijf Proef BV", workspace=W),
            Node(id="proef-bv2", kind="organisation", name="Bouwbedrijf Proef B.V.", workspace=W),
        ],
    )


def test_duplicates_are_in_the_menu_and_a_merge_is_chosen_and_confirmed(env: Env) -> None:
    login(env, "editor")
    _twins(env)
    assert 'href="/w/demo/duplicates"' in env.client.get("/w/demo/overview").text
    page = env.client.get("/w/demo/duplicates").text
    shown = _flat(page)
    assert "Welke naam blijft?" in shown
    assert "(proef-bv)" not in shown and "(proef-bv2)" not in shown  # names, not ids
    assert 'name="keep" value="proef-bv2"' in page  # either name can stay
    before = env.store.get_node(W, "proef-bv")
    confirm = env.client.get("/w/demo/duplicates/confirm?keep=proef-bv2&a=proef-bv&b=proef-bv2")
    text = html.unescape(_flat(confirm.text))
    assert confirm.status_code == 200
    assert '"Bouwbedrijf Proef BV" samenvoegen met "Bouwbedrijf Proef B.V."?' in text, text
    assert "Ja, samenvoegen" in text and "proef-bv" not in visible(confirm.text)
    assert env.store.get_node(W, "proef-bv") == before  # asking changes nothing
    done = env.client.post(
        "/w/demo/duplicates/merge",
        data={
            "keep": "proef-bv2",
            "other": "proef-bv",
            "csrf_token": token(env, "/w/demo/duplicates"),
        },
    )
    said = html.unescape(_flat(done.text))
    assert '"Bouwbedrijf Proef BV" is samengevoegd met "Bouwbedrijf Proef B.V."' in said, said
    assert env.store.get_node(W, "proef-bv") is None
    assert not english_lines(done.text) and not english_lines(confirm.text)


def test_the_change_log_in_dutch_time_by_name_with_a_page_per_change(env: Env) -> None:
    login(env, "editor")
    env.store.upsert(
        W, [Node(id="cinop", kind="organisation", name="CINOP", workspace=W, sector="x")]
    )
    entry = env.store.changes(W)[0]
    env.store.upsert(W, [Node(id="extra", kind="theme", name="Extra", workspace=W)])
    other = env.store.changes(W)[0]
    page = env.client.get("/w/demo/changes").text
    assert "Naam van een onderdeel" in page and "Onderdeel (id)" not in page
    assert " UTC" not in page and "Nederlandse tijd" in page
    hour = int(entry.time[11:13])
    shown = re.search(rf'<tr id="change-{entry.id}">.*?om (\d\d):(\d\d)', page, re.S)
    assert shown is not None and int(shown.group(1)) in ((hour + 1) % 24, (hour + 2) % 24)
    assert f'href="/w/demo/changes/{entry.id}"' in page and "/api/workspaces" not in page
    named = env.client.get("/w/demo/changes?node=CINOP").text
    by_id = env.client.get("/w/demo/changes?node=cinop").text
    rows = re.findall(r'<tr id="(change-\d+)">', named)
    assert rows == re.findall(r'<tr id="(change-\d+)">', by_id) and f"change-{entry.id}" in rows
    assert f"change-{other.id}" not in rows and f'id="change-{other.id}"' in page
    unknown = env.client.get("/w/demo/changes?node=Niemand%20BV")
    assert unknown.status_code == 422 and "Geen onderdeel heet Niemand BV" in unknown.text
    details = env.client.get(f"/w/demo/changes/{entry.id}")
    assert details.status_code == 200 and details.headers["content-type"].startswith("text/html")
    text = _flat(details.text)
    assert "CINOP" in text and "gewijzigd" in text and "Sector" in text
    assert not english_lines(details.text) and not internal_words(visible(details.text))


def test_saving_an_edit_is_confirmed(env: Env) -> None:
    login(env, "editor")
    form = token(env, "/w/demo/node/cinop/edit")
    saved = env.client.post(
        "/w/demo/node/cinop/edit",
        data={
            "name": "CINOP",
            "kind": "organisatie",
            "org_type": "kennisinstituut",
            "description": "Expertisecentrum",
            "csrf_token": form,
        },
    )
    assert saved.status_code == 200 and str(saved.url).endswith("?saved=changed")
    assert "Opgeslagen. De wijzigingen staan nu op deze pagina." in _flat(saved.text)


def test_the_embed_code_holds_the_real_link(env: Env) -> None:
    login(env, "admin")
    form = token(env, "/w/demo/keys")
    made = env.client.post(
        "/w/demo/share-links",
        data={"expires_in_days": "7", "origins": "https://intranet.example", "csrf_token": form},
    )
    url = re.search(r'id="new-link-url">([^<]+)<', made.text)
    assert url is not None
    embed = re.search(r'id="new-link-embed">(.*?)</textarea>', made.text, re.S)
    assert embed is not None and url.group(1) in html.unescape(embed.group(1))
    listed = env.client.get("/w/demo/keys").text
    assert "de link zoals getoond bij het maken" not in listed
    assert "origins" not in visible(listed)


def test_a_missing_page_keeps_the_navigation(env: Env) -> None:
    login(env, "viewer")
    missing = env.client.get("/w/demo/node/nobody")
    assert missing.status_code == 404
    for link in ('href="/w/demo/overview"', 'href="/w/demo"', 'href="/"'):
        assert link in missing.text, link
    elsewhere = env.client.get("/w/nergens/overview")
    assert elsewhere.status_code in (403, 404) and 'href="/w/nergens' not in elsewhere.text


def test_the_consent_box_keeps_its_tick_after_an_error(env: Env) -> None:
    survey, links = surveys.create_survey(
        env.store,
        W,
        surveys.survey_input(
            {"name": "Uitvraag", "consent": "Akkoord (AVG).", "invitees": [{"node_id": "cinop"}]}
        ),
    )
    path = links[0].path
    form = token(env, path)
    refused = env.client.post(
        path,
        data={
            "csrf_token": form,
            "rows": "1",
            "partner_0": "Iemand",
            "since_0": "ooit",
            "consent": "yes",
        },
    )
    assert refused.status_code == 422
    assert re.search(r'name="consent" value="yes" required checked', refused.text)


def test_import_and_survey_review_speak_dutch(env: Env) -> None:
    login(env, "editor")
    form = token(env, "/w/demo/import")
    imported = env.client.post(
        "/w/demo/import",
        data={"format": "auto", "csrf_token": form},
        files={"files": ("n.csv", b"name,kind\nROC Midden Nederlnd,organisatie\n")},
    )
    assert imported.status_code == 200, imported.text
    text = html.unescape(_flat(imported.text))
    assert "lijkt op" in text and "looks like" not in text and "similarity" not in text
    assert "waren er al" not in text and "(0 / 0" not in text
    assert not english_lines(imported.text), english_lines(imported.text)
    survey, links = surveys.create_survey(
        env.store,
        W,
        surveys.survey_input(
            {"name": "Uitvraag", "consent": "Akkoord (AVG).", "invitees": [{"node_id": "cinop"}]}
        ),
    )
    surveys.submit(
        env.store, links[0].invitation, [surveys.AnswerInput(partner="Nieuw BV")], consent=True
    )
    review = env.client.get(f"/w/demo/surveys/{survey.id}/responses/1")
    said = html.unescape(_flat(review.text))
    assert 'Herkomst: de vragenlijst "Uitvraag", het antwoord van' in said, said
    assert "response of" not in said and not english_lines(review.text)
