"""WCAG 2.1 AA in a real browser: axe-core (npm, pinned in tests/axe/package.json,
installed by the Makefile) runs on every page; no serious or critical violation."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser

from tests.live import Live

pytestmark = pytest.mark.browser

AXE = Path(__file__).parents[1] / "axe" / "node_modules" / "axe-core" / "axe.min.js"
PAGES = [
    "/login",
    "/",
    "/w/demo",
    "/w/demo/overview",
    "/w/demo/node/roc-midden-nederland",
    "/w/demo/node/petra-van-beveren",
    "/w/demo/paths",
    "/w/demo/paths?source=roc-midden-nederland&target=cinop",
    "/w/demo/paths?source=roc-midden-nederland&target=mbo-raad",
    "/w/demo/import",
    "/w/demo/help",
    "/w/demo/keys",
    "/w/demo/surveys",
    "/w/demo/node/nobody",
    "/w/demo/changes",
    "/w/demo/duplicates",
    "/w/demo/node-new",
    "/w/demo/node/roc-midden-nederland/edit",
    "/w/demo/node/cinop/delete",
    "/w/demo/tie-new?from=cinop",
]


def _axe(page: Any) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag',
              values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"""
    )
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_serious_accessibility_violation(
    browser: Browser, live: Live, path: str, lang: str
) -> None:
    assert AXE.exists(), "axe-core is missing: `make test` installs it (npm ci in tests/axe)"
    # the pages forbid inline script; the test lifts that only to inject axe
    context = browser.new_context(bypass_csp=True, viewport={"width": 1400, "height": 900})
    context.add_cookies([{"name": "lang", "value": lang, "url": live.url}])
    page = context.new_page()
    if path != "/login":
        page.goto(f"{live.url}/login")
        page.fill("input[name=key]", live.key)
        page.click("button[type=submit]")
        page.wait_for_url(f"{live.url}/w/demo")
    page.goto(f"{live.url}{path}")
    page.wait_for_load_state("networkidle")
    found = _axe(page)
    context.close()
    summary = [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"][:3]]}
        for v in found
    ]
    assert not found, json.dumps(summary, indent=1)
