"""The survey on a phone and the invitee list (issue 22): partners answer on phones, so
the form fits 390 px without horizontal scrolling (before: 1 077 px wide); the advisor
finds invitees by name and selects all shown at once."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from api.services import surveys
from tests.live import Live

pytestmark = pytest.mark.browser


def _width(page: Page) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))


def test_the_survey_form_fits_a_phone(browser: Browser, live: Live) -> None:
    _, links = surveys.create_survey(
        live.store,
        "demo",
        surveys.survey_input(
            {
                "name": "Telefoonuitvraag",
                "consent": "Ik geef toestemming (AVG).",
                "invitees": [{"node_id": "roc-midden-nederland"}],
            }
        ),
    )
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone = context.new_page()
    phone.goto(f"{live.url}{links[0].path}")
    phone.wait_for_selector("form.survey-form")
    assert _width(phone) <= 390, _width(phone)
    box = phone.locator("select[name=mechanism_0]").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    phone.fill("input[name=partner_0]", "Noorderpoort")
    phone.fill("input[name=since_0]", "ooit")  # not a date: the form comes back
    phone.check("input[name=consent]")
    phone.click("form.survey-form button[type=submit]")
    phone.wait_for_selector("p.error")
    assert phone.is_checked("input[name=consent]")  # kept after the error
    assert _width(phone) <= 390, _width(phone)
    context.close()


def test_invitees_are_found_by_name_and_selected_at_once(page: Page, live: Live) -> None:
    page.goto(f"{live.url}/w/demo/surveys")
    total = page.locator("input[name=invite]").count()
    assert total > 10
    assert page.inner_text("#invitee-count") == f"0 van {total} gekozen"
    page.fill("#invitee-search", "roc")
    shown = page.locator("div.invitee:visible")
    assert 0 < shown.count() < total
    assert all("roc" in t.lower() for t in shown.all_inner_texts())
    page.click("#invite-all")
    chosen = page.locator("input[name=invite]:checked").count()
    assert chosen == shown.count()
    assert page.inner_text("#invitee-count") == f"{chosen} van {total} gekozen"
    page.click("#invite-none")
    assert page.locator("input[name=invite]:checked").count() == 0
