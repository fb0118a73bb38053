"""The advisor's whole story in Chromium (issue 13, "Done when"), through the real pages
in order: a workspace made on the workspaces page with a server admin key; a key for
it made on its key page; two organisations and a tie added with the forms; a near
duplicate merged on the duplicates page and the merge undone on the changes page; a
share link that opens the map without a key until it is revoked; a survey a respondent
fills in through the personal link, accepted by the advisor; then the map holds the new
ties and the change log names every step with the key's label.

It runs on a server of its own (an empty store, a server admin key): the shared
``live`` server of tests/live.py has only a workspace key for ``demo``.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import uvicorn
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page

from api.app import create_app
from api.config import Settings
from api.keys import KeyStore
from graph.access import ALL
from graph.model import RelType
from graph.store.sqlite import SQLiteStore
from tests.api.conftest import TEST_SECRET
from tests.browser.test_maps import wait_for_map
from tests.live import Live, _free_port

pytestmark = pytest.mark.browser

WORKSPACE = "proef"
ADVISOR = "Anna (adviseur)"
#: the label of the workspace key the advisor makes on the key page and then works with
WORKER = "Anna, werkruimte proef"
FIRST, SECOND = "ROC Proefland", "Zorggroep Proef"
NEAR, DUPLICATE = "Bouwbedrijf Proef BV", "Bouwbedrijf Proef B.V."
NEW_NAME = "Installatiebedrijf Nieuw"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """A live server on an empty store with one server admin key, labelled."""
    data = tmp_path_factory.mktemp("story")
    store = SQLiteStore(data / "grenswerk.sqlite3")
    keys = KeyStore(store)
    token = keys.create(ALL, "admin", ADVISOR)
    port = _free_port()
    settings = Settings(environment="test", secret_key=TEST_SECRET, data_dir=data)
    app = create_app(settings, store=store, keys=keys)
    running = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield Live(f"http://127.0.0.1:{port}", token, store)
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def contexts(browser: Browser, server: Live) -> Iterator[list[BrowserContext]]:
    """The browser contexts a test opens (English pages), closed after it."""
    opened: list[BrowserContext] = []
    yield opened
    for context in opened:
        context.close()


def _context(browser: Browser, server: Live, opened: list[BrowserContext]) -> BrowserContext:
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    context.add_cookies([{"name": "lang", "value": "en", "url": server.url}])
    opened.append(context)
    return context


def _login(page: Page, server: Live, token: str, lands: str) -> None:
    page.goto(f"{server.url}/login")
    page.fill("input[name=key]", token)
    page.click("button[type=submit]")
    page.wait_for_url(f"{server.url}{lands}")


def _logout(page: Page) -> None:
    page.click("form[action='/logout'] button")
    page.wait_for_url("**/login")


def _names(server: Live) -> list[str]:
    return sorted(n.name for n in server.store.list_nodes(WORKSPACE))


# -- 1. a workspace and a key for it ----------------------------------------------------


def _create_workspace(page: Page, server: Live) -> str:
    """Make the workspace on the workspaces page; its admin key, shown once."""
    _login(page, server, server.key, "/")
    assert WORKSPACE not in [w.name for w in server.store.workspaces()]
    page.fill("form[action='/workspaces/new'] input[name=name]", WORKSPACE)
    page.click("form[action='/workspaces/new'] button[type=submit]")
    page.wait_for_selector("#new-key")
    assert f"Workspace {WORKSPACE} was created." in page.inner_text("p.notice")
    assert page.locator(f"ul.list a[href='/w/{WORKSPACE}']").count() == 1
    token = page.inner_text("#new-key")
    assert token.startswith("gw_")
    assert server.store.has_workspace(WORKSPACE)
    return token


def _workspace_key(page: Page, server: Live, first_key: str) -> str:
    """With the workspace's first key, make a labelled admin key on the key page."""
    _logout(page)
    _login(page, server, first_key, f"/w/{WORKSPACE}")
    page.goto(f"{server.url}/w/{WORKSPACE}/keys")
    assert f"first admin key, made by {ADVISOR}" in page.inner_text("#keys")
    page.select_option("#key-form select[name=role]", "admin")
    page.fill("#key-form input[name=label]", WORKER)
    page.click("#key-form button[type=submit]")
    page.wait_for_selector("#new-key-value")
    token = page.inner_text("#new-key-value")
    assert token.startswith("gw_") and token != first_key
    labels = [row.inner_text().split("\t")[0] for row in page.locator("#keys tbody tr").all()]
    assert sorted(labels) == sorted([f"first admin key, made by {ADVISOR}", WORKER])
    _logout(page)
    _login(page, server, token, f"/w/{WORKSPACE}")
    return token


# -- 2. two organisations and a tie with the forms --------------------------------------


def _add_organisation(page: Page, server: Live, name: str) -> str:
    page.goto(f"{server.url}/w/{WORKSPACE}/node-new")
    page.fill("#f-name", name)
    page.select_option("#f-kind", "organisation")
    page.select_option("#f-org_type", "company")
    page.click("form.edit button[type=submit]")
    page.wait_for_url(re.compile(rf".*/w/{WORKSPACE}/node/[^/]+$"))
    assert page.inner_text("h1") == name
    assert "Added. The node is saved." in page.inner_text("#saved")  # a confirmation
    node_id = page.url.rsplit("/", 1)[1].split("?", 1)[0]
    node = server.store.get_node(WORKSPACE, node_id)
    assert node is not None and (node.name, node.kind.value) == (name, "organisation")
    return node_id


def _add_tie(page: Page, server: Live, first: str, second: str) -> None:
    page.goto(f"{server.url}/w/{WORKSPACE}/tie-new")
    page.fill("#f-from", FIRST)
    page.select_option("#f-type", "partners_with")
    page.fill("#f-to", SECOND)
    page.select_option("#f-mechanism", "coordination")
    page.click("form.edit button[type=submit]")
    page.wait_for_load_state()
    ties = server.store.list_relationships(WORKSPACE)
    assert [(t.type, {t.source, t.target}) for t in ties] == [
        (RelType.PARTNERS_WITH, {first, second})
    ], page.inner_text("main")
    assert ties[0].mechanism is not None and ties[0].mechanism.value == "coordination"


# -- 3. a near duplicate merged and the merge undone ------------------------------------


def _merge_and_undo(page: Page, server: Live) -> int:
    """Add the near duplicate, merge it, undo the merge; the merge's change id."""
    near = _add_organisation(page, server, NEAR)
    duplicate = _add_organisation(page, server, DUPLICATE)
    assert near != duplicate, "the second name was taken for the first node"
    assert _names(server) == sorted([FIRST, SECOND, NEAR, DUPLICATE])
    page.goto(f"{server.url}/w/{WORKSPACE}/duplicates")
    rows = page.locator("#duplicates tbody tr")
    assert rows.count() == 1, page.inner_text("main")
    names = rows.locator("label").all_inner_texts()  # which name stays: the advisor chooses
    assert {n.strip() for n in names} == {NEAR, DUPLICATE}
    rows.locator("button.merge").click()
    page.wait_for_selector("#confirm-merge")  # nothing merged before the advisor confirms
    assert len(_names(server)) == 4
    page.click("#confirm-merge")
    page.wait_for_selector("#message")
    message = page.inner_text("#message")
    assert "was merged into" in message and f'"{NEAR}"' in message  # names, not ids
    merge_change = server.store.changes(WORKSPACE)[0].id
    assert len(_names(server)) == 3
    assert page.locator("#no-duplicates").count() == 1

    page.click(f"#message a[href='/w/{WORKSPACE}/changes']")
    page.wait_for_url(f"**/w/{WORKSPACE}/changes")
    row = page.locator(f"#change-{merge_change}")
    assert "Merged duplicates" in row.inner_text()
    row.locator("button.undo").click()
    page.wait_for_selector("#message")
    assert f"Change {merge_change} was undone" in page.inner_text("#message")
    assert _names(server) == sorted([FIRST, SECOND, NEAR, DUPLICATE])
    return merge_change


# -- 4. a share link: open without a key, then revoked ----------------------------------


def _share_link(page: Page, server: Live, outsider: Page) -> None:
    page.goto(f"{server.url}/w/{WORKSPACE}/keys")
    page.fill("#share-form input[name=expires_in_days]", "3")
    page.fill("#share-form input[name=label]", "voor de stuurgroep")
    page.click("#share-form button[type=submit]")
    url = page.inner_text("#new-link-url")
    assert url.startswith(f"{server.url}/s/sh_")
    assert "voor de stuurgroep" in page.inner_text("#share-links")

    answer = outsider.goto(url)
    assert answer is not None and answer.status == 200
    wait_for_map(outsider)
    shown = sorted(outsider.evaluate("window.grenswerkMap.data.nodes.map(n => n.label)"))
    assert shown == sorted([FIRST, SECOND, NEAR, DUPLICATE])
    assert outsider.evaluate("window.grenswerkMap.data.edges.length") == 1
    assert outsider.locator("input[name=key]").count() == 0  # no login asked

    page.goto(f"{server.url}/w/{WORKSPACE}/keys")
    row = page.locator("#share-links tbody tr", has_text="voor de stuurgroep")
    row.locator("button[type=submit]").click()
    page.wait_for_selector("p.ok")
    assert re.fullmatch(r"Share link \d+ revoked\.", page.inner_text("p.ok"))
    assert "No share links." in page.inner_text("#share-links")
    answer = outsider.goto(url)
    assert answer is not None and answer.status in (404, 410)


# -- 5. a survey: created, answered through the link, accepted --------------------------


def _create_survey(page: Page, server: Live, invited: str) -> tuple[str, str]:
    page.goto(f"{server.url}/w/{WORKSPACE}/surveys")
    page.fill("input[name=name]", "Netwerkuitvraag proef")
    page.fill("textarea[name=introduction]", "Met wie werkt u samen?")
    page.check(f"input[name=invite][value='{invited}']")
    page.click(f"form[action='/w/{WORKSPACE}/surveys'] button[type=submit]")
    page.wait_for_selector("input.survey-link")
    assert page.locator("input.survey-link").count() == 1
    link = page.locator("div.links tr", has_text=FIRST).locator("input.survey-link")
    url = link.input_value()
    assert url.startswith(f"{server.url}/survey/")
    (survey,) = server.store.list_surveys(WORKSPACE)
    assert survey.name == "Netwerkuitvraag proef"
    return survey.id, url


def _respond(respondent: Page, url: str) -> None:
    respondent.goto(url)
    assert f"For: {FIRST}" in respondent.inner_text("main")
    assert respondent.locator(f"#known-names option[value='{SECOND}']").count() == 1
    respondent.fill("input[name=partner_0]", SECOND)  # a known name
    respondent.select_option("select[name=frequency_0]", "monthly")
    respondent.fill("input[name=partner_1]", NEW_NAME)  # a new name
    respondent.select_option("select[name=mechanism_1]", "reflection")
    respondent.fill("input[name=since_1]", "2023")
    respondent.check("input[name=consent]")
    respondent.click("form.survey-form button[type=submit]")
    respondent.wait_for_selector("p.ok")
    assert "your answers have been received" in respondent.inner_text("p.ok")


def _accept(page: Page, server: Live, survey_id: str) -> None:
    (invitation,) = server.store.list_invitations(WORKSPACE, survey_id)
    page.goto(f"{server.url}/w/{WORKSPACE}/surveys/{survey_id}")
    assert "1 of 1 invitees answered." in page.inner_text("main")
    assert "to review" in page.inner_text("table.responses")
    page.click(f"a[href='/w/{WORKSPACE}/surveys/{survey_id}/responses/{invitation.id}']")
    page.wait_for_selector("fieldset.new-name")
    assert page.locator("fieldset.new-name legend").all_inner_texts() == [NEW_NAME]
    page.select_option("select[name=decision_0]", "organisation")
    page.click("form[action$='/accept'] button[type=submit]")
    page.wait_for_url(f"**/w/{WORKSPACE}/surveys/{survey_id}?accepted={invitation.id}")
    assert "The response was accepted into the workspace." in page.inner_text("main")
    assert "accepted" in page.inner_text("table.responses")


# -- 6. the map and the change log ------------------------------------------------------


def _map_edges(page: Page, server: Live) -> tuple[dict[str, str], list[dict[str, Any]]]:
    page.goto(f"{server.url}/w/{WORKSPACE}")
    wait_for_map(page)
    data = page.evaluate("window.grenswerkMap.data")
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    return labels, data["edges"]


def _change_rows(page: Page, server: Live) -> list[tuple[str, str]]:
    """The change log's rows, oldest first: who (label, role, way in) and what."""
    page.goto(f"{server.url}/w/{WORKSPACE}/changes")
    rows = []
    for row in page.locator("#changes tbody tr").all():
        cells = [" ".join(c.split()) for c in row.locator("td").all_inner_texts()]
        rows.append((cells[2], cells[3]))
    return list(reversed(rows))


def test_the_advisors_story_from_workspace_to_accepted_survey(
    browser: Browser, server: Live, contexts: list[BrowserContext]
) -> None:
    page = _context(browser, server, contexts).new_page()
    messages: list[ConsoleMessage] = []
    page.on("console", lambda message: messages.append(message))

    first_key = _create_workspace(page, server)  # 1
    _workspace_key(page, server, first_key)

    first = _add_organisation(page, server, FIRST)  # 2
    second = _add_organisation(page, server, SECOND)
    _add_tie(page, server, first, second)

    merge = _merge_and_undo(page, server)  # 3

    outsider = _context(browser, server, contexts).new_page()  # no key, no session
    _share_link(page, server, outsider)  # 4

    survey_id, url = _create_survey(page, server, first)  # 5
    before = server.store.list_relationships(WORKSPACE)
    _respond(_context(browser, server, contexts).new_page(), url)
    assert server.store.list_relationships(WORKSPACE) == before  # pending, not yet in
    _accept(page, server, survey_id)

    labels, edges = _map_edges(page, server)  # 6
    assert sorted(labels.values()) == sorted([FIRST, SECOND, NEAR, DUPLICATE, NEW_NAME])
    ties = sorted((e["type"], *sorted((labels[e["from"]], labels[e["to"]]))) for e in edges)
    assert ties == sorted(
        [
            ("partners_with", *sorted((FIRST, SECOND))),  # the tie of the form
            ("collaborates_with", *sorted((FIRST, SECOND))),  # the survey's, a known name
            ("collaborates_with", *sorted((FIRST, NEW_NAME))),  # the survey's, a new name
        ]
    )

    rows = _change_rows(page, server)
    who = f"{WORKER} (admin, form)", f"{WORKER} (admin, web page)"
    assert rows == [
        (who[0], "Added or changed: 1 node added; details"),  # FIRST
        (who[0], "Added or changed: 1 node added; details"),  # SECOND
        (who[0], "Added or changed: 1 relationship added; details"),  # the tie
        (who[0], "Added or changed: 1 node added; details"),  # NEAR
        (who[0], "Added or changed: 1 node added; details"),  # DUPLICATE
        (who[1], "Merged duplicates: 1 node changed; 1 node removed; details"),
        (who[1], f"Undid change {merge}: 1 node added; 1 node changed; details"),
        (who[1], "Added or changed: 1 node added; 2 relationships added; details"),  # survey
    ]
    assert [m.text for m in messages if "Content Security Policy" in m.text] == []
