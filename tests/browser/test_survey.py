"""The network survey in Chromium (issue 13, point 6): an advisor creates a survey, a
respondent fills it in through the personal link alone (a known name from the
suggestions and a new one), the advisor accepts it and the new tie is in the workspace."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page

from graph.model import Mechanism, RelType
from tests.live import Live

pytestmark = pytest.mark.browser


def _english(browser: Browser, live: Live) -> tuple[Page, list[ConsoleMessage]]:
    context = browser.new_context()
    context.add_cookies([{"name": "lang", "value": "en", "url": live.url}])
    page = context.new_page()
    messages: list[ConsoleMessage] = []
    page.on("console", lambda message: messages.append(message))
    return page, messages


def _create_survey(advisor: Page, live: Live) -> str:
    advisor.goto(f"{live.url}/login?next=/w/demo/surveys")
    advisor.fill("input[name=key]", live.key)
    advisor.click("button[type=submit]")
    advisor.wait_for_url(f"{live.url}/w/demo/surveys")
    advisor.fill("input[name=name]", "Browseruitvraag")
    advisor.fill("textarea[name=introduction]", "Met wie werkt u samen?")
    advisor.check("input[name=invite][value=roc-midden-nederland]")
    advisor.check("input[name=invite][value=noorderpoort]")
    advisor.click("form[action='/w/demo/surveys'] button[type=submit]")
    advisor.wait_for_selector("input.survey-link")
    assert "shown only this once" in advisor.inner_text("main")
    assert "copy each link and send it yourself" in advisor.inner_text("main")
    assert advisor.locator("input.survey-link").count() == 2
    row = advisor.locator("div.links tr", has_text="ROC Midden-Nederland")
    link = row.locator("input.survey-link").input_value()
    assert link.startswith(f"{live.url}/survey/")
    return link


def _respond(browser: Browser, link: str) -> None:
    respondent = browser.new_context().new_page()  # no key, no session, Dutch by default
    respondent.goto(link)
    assert respondent.locator("html").get_attribute("lang") == "nl"
    respondent.click("button[name=lang][value=en]")  # the NL/EN switch
    respondent.wait_for_selector("html[lang=en]")
    assert "For: ROC Midden-Nederland" in respondent.inner_text("main")
    # autocomplete: the partner field suggests the workspace's names
    assert respondent.get_attribute("input[name=partner_0]", "list") == "known-names"
    assert respondent.locator("#known-names option[value='Noorderpoort']").count() == 1
    respondent.fill("input[name=partner_0]", "Noorderpoort")
    respondent.select_option("select[name=frequency_0]", "monthly")
    respondent.fill("input[name=partner_1]", "Bouwbedrijf Browser BV")  # a new name
    respondent.fill("input[name=themes_1]", "examinering")
    respondent.select_option("select[name=mechanism_1]", "transformation")
    respondent.fill("input[name=since_1]", "2022")
    respondent.click("form.survey-form button[type=submit]")  # consent not ticked yet
    assert respondent.url == link  # the browser keeps the form: required consent
    respondent.check("input[name=consent]")
    respondent.click("form.survey-form button[type=submit]")
    respondent.wait_for_selector("p.ok")
    assert "your answers have been received" in respondent.inner_text("p.ok")
    respondent.context.close()


def test_a_survey_from_creation_to_a_new_tie(browser: Browser, live: Live) -> None:
    advisor, messages = _english(browser, live)
    link = _create_survey(advisor, live)
    survey = next(s for s in live.store.list_surveys("demo") if s.name == "Browseruitvraag")
    before = live.store.list_relationships("demo")
    _respond(browser, link)
    assert live.store.list_relationships("demo") == before  # pending, not in the graph

    roc = next(
        i.id
        for i in live.store.list_invitations("demo", survey.id)
        if i.node_id == "roc-midden-nederland"
    )
    advisor.goto(f"{live.url}/w/demo/surveys/{survey.id}")
    assert "1 of 2 invitees answered" in advisor.inner_text("main")
    advisor.click(f"a[href='/w/demo/surveys/{survey.id}/responses/{roc}']")
    advisor.wait_for_selector("fieldset.new-name")
    assert advisor.inner_text("fieldset.new-name legend") == "Bouwbedrijf Browser BV"
    advisor.select_option("select[name=decision_0]", "organisation")
    advisor.click("form[action$='/accept'] button[type=submit]")
    advisor.wait_for_url(f"{live.url}/w/demo/surveys/{survey.id}?accepted={roc}")
    assert "accepted" in advisor.inner_text("table.responses")

    (new,) = live.store.search("demo", "Bouwbedrijf Browser BV")
    ties = live.store.list_relationships("demo", type=RelType.COLLABORATES_WITH, node_id=new.id)
    assert len(ties) == 1
    tie = ties[0]
    assert {tie.source, tie.target} == {"roc-midden-nederland", new.id}
    assert (tie.mechanism, str(tie.since), tie.properties["tags"]) == (
        Mechanism.TRANSFORMATION,
        "2022-01-01",
        "examinering",
    )
    assert tie.provenance[0].source.startswith("survey Browseruitvraag, response of ")
    advisor.goto(f"{live.url}/w/demo/node/{new.id}")
    assert "ROC Midden-Nederland" in advisor.inner_text("main")
    violations = [m.text for m in messages if "Content Security Policy" in m.text]
    assert violations == []
    advisor.context.close()
