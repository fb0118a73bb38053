"""Saved views in a real browser (issue 12 §3): a view saved in one browser opens in a
fresh one, because it is kept in the store, not in the browser; and a share link
(issue 13 §5) opens the map in a fresh browser with no key until it is revoked."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.test_maps import wait_for_map
from tests.live import Live

pytestmark = pytest.mark.browser


@pytest.fixture
def fresh(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    yield context
    context.close()


def _login(page: Page, live: Live) -> None:
    page.goto(f"{live.url}/login")
    page.fill("input[name=key]", live.key)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live.url}/w/demo")


def test_a_view_saved_in_one_browser_opens_in_a_fresh_one(
    page: Page, live: Live, fresh: BrowserContext
) -> None:
    page.goto(f"{live.url}/w/demo?color_by=sector")
    wait_for_map(page)
    page.fill("#map-search", "CINOP")
    page.press("#map-search", "Enter")
    page.select_option("#map-depth", "1")
    page.fill("#map-view-name", "Overal CINOP")
    page.click("#map-view-save")
    page.wait_for_url("**/w/demo?*focus=cinop*")
    expect(page.locator("#map-message")).to_have_text("Weergave bewaard.")
    other = fresh.new_page()
    _login(other, live)
    wait_for_map(other)
    assert "Overal CINOP" in other.locator("#map-views option").all_inner_texts()
    other.select_option("#map-views", "Overal CINOP")
    other.wait_for_url("**/w/demo?*focus=cinop*")
    wait_for_map(other)
    state = other.evaluate("window.grenswerkMap.state")
    assert (state["focus"], state["depth"]) == ("cinop", 1)
    assert other.evaluate("window.grenswerkMap.data.color_by") == "sector"
    other.click("#map-view-delete")
    other.wait_for_url(f"{live.url}/w/demo")
    assert live.store.get_view("demo", "Overal CINOP") is None


def test_a_share_link_opens_without_a_key_until_revoked(
    page: Page, live: Live, fresh: BrowserContext
) -> None:
    page.goto(f"{live.url}/w/demo/keys")
    page.fill("input[name=expires_in_days]", "2")
    page.click("#share-form button[type=submit]")
    url = page.locator("#new-link-url").inner_text()
    assert url.startswith(f"{live.url}/s/sh_")
    outsider = fresh.new_page()
    outsider.goto(url)
    wait_for_map(outsider)
    assert outsider.evaluate("window.grenswerkMap.nodes.length") > 20
    assert outsider.locator("input[name=key]").count() == 0  # no login
    page.goto(f"{live.url}/w/demo/keys")
    page.click("#share-links button[type=submit]")
    assert page.locator("#share-links").inner_text().count("sh_") == 0
    answer = outsider.goto(url)
    assert answer is not None and answer.status == 404
