"""The security headers in a real browser: the pages, the map and the API's documentation
work under the Content-Security-Policy (no inline script, nothing from another origin),
and the browser reports no violation."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, ConsoleMessage

from tests.live import Live

pytestmark = pytest.mark.browser


#: ReDoc's sidebar asks for its maker's logo from their CDN; the policy blocks it, which is
#: what we want (nothing leaves this server), so that one refusal is expected.
EXPECTED = ("Loading the image 'https://cdn.redoc.ly/redoc/logo-mini.svg'",)


def _violations(messages: list[ConsoleMessage]) -> list[str]:
    return [
        m.text
        for m in messages
        if "Content Security Policy" in m.text and not m.text.startswith(EXPECTED)
    ]


def test_docs_render_offline_under_the_policy(browser: Browser, live: Live) -> None:
    context = browser.new_context()
    page = context.new_page()
    messages: list[ConsoleMessage] = []
    page.on("console", lambda message: messages.append(message))
    page.goto(f"{live.url}/docs")
    page.wait_for_selector(".swagger-ui .info .title", timeout=30_000)
    assert "Grenswerk" in page.inner_text(".swagger-ui .info .title")
    page.goto(f"{live.url}/redoc")
    page.wait_for_selector("h1", timeout=30_000)
    assert "Grenswerk" in page.inner_text("h1")
    assert not _violations(messages), _violations(messages)
    assert all(url.startswith(live.url) for url in live.requests if url.startswith("http"))
    context.close()


def test_map_page_draws_under_the_policy(browser: Browser, live: Live) -> None:
    context = browser.new_context()
    page = context.new_page()
    messages: list[ConsoleMessage] = []
    page.on("console", lambda message: messages.append(message))
    page.goto(f"{live.url}/login")
    page.fill("input[name=key]", live.key)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live.url}/w/demo")
    page.wait_for_function("document.body.dataset.stable === 'yes'", timeout=30_000)
    assert not _violations(messages), _violations(messages)
    context.close()
