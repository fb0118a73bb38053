"""The map page: Dutch kind names, a header that counts what is shown, a refused filter
shown on the page, a download that keeps the filters on screen."""

from __future__ import annotations

import json
import re

from tests.api.conftest import Env
from tests.api.test_pages import login


def _header_counts(text: str) -> tuple[int, int]:
    """What the header says the map shows (the workspace's counts come before it, as
    every page says them: tests/api/test_counts.py)."""
    found = re.search(r"De kaart toont (\d+) onderdelen en (\d+) relaties", text)
    assert found, text[:2000]
    return int(found.group(1)), int(found.group(2))


def test_dutch_kinds_show_those_nodes_and_the_header_counts_them(env: Env) -> None:
    login(env, "viewer")
    page = env.client.get("/w/demo?kinds=organisatie,persoon")
    assert page.status_code == 200
    data = re.search(r'id="map-data">(.*?)</script>', page.text, re.S)
    assert data
    kinds = [n["kind"] for n in json.loads(data.group(1))["nodes"]]
    assert set(kinds) == {"organisation", "person"}
    shown = sum(1 for n in env.store.list_nodes("demo") if n.kind.value in kinds)
    assert _header_counts(page.text)[0] == shown == len(kinds)


def test_a_kind_that_matches_nothing_is_said_on_the_page(env: Env) -> None:
    login(env, "viewer")
    page = env.client.get("/w/demo?kinds=bedrijfjes")
    assert page.status_code == 422
    assert 'role="alert"' in page.text and "bedrijfjes" in page.text
    assert 'name="kinds" value="bedrijfjes"' in page.text  # the form, to change it
    assert "De kaart toont" not in page.text  # nothing drawn, and the header says no count
    assert "79 onderdelen, waarvan 5 brondocumenten" in page.text


def test_the_download_link_keeps_the_filters(env: Env) -> None:
    login(env, "viewer")
    page = env.client.get("/w/demo?kinds=organisatie&size_by=degree&color_by=sector")
    link = re.search(r'href="(/api/workspaces/demo/map\?[^"]+)"', page.text)
    assert link
    assert link.group(1).replace("&amp;", "&") == (
        "/api/workspaces/demo/map?download=true&color_by=sector&size_by=degree&kinds=organisatie&lang=nl"
    )
