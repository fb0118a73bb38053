"""The map page: every filter a workspace holds offered as choices in Dutch (kind,
practice, sector, tie type, theme), a Dutch date field, a refusal said in Dutch, a
header that counts what is shown, a download that keeps the filters, a saved view that
keeps dragged nodes."""

from __future__ import annotations

import html
import re

import pytest

from graph.model import Node, Relationship
from tests.api.conftest import Env
from tests.api.test_pages import login, token
from tests.conftest import on_both
from tests.map_data import map_data, map_page


def _header_counts(text: str) -> tuple[int, int]:
    """What the header says the map shows (the workspace's counts come before it, as
    every page says them: tests/api/test_counts.py)."""
    found = re.search(r"De kaart toont (\d+) onderdelen en (\d+) relaties", text)
    assert found, text[:2000]
    return int(found.group(1)), int(found.group(2))


def _choices(page: str, name: str) -> dict[str, str]:
    """The checkboxes of a filter: value → the label shown beside it."""
    found = re.findall(
        rf'<input type="checkbox" name="{name}" value="([^"]*)"[^>]*>\s*([^<]*)</label>', page
    )
    return {html.unescape(v): html.unescape(label.strip()) for v, label in found}


@on_both
@pytest.mark.parametrize("query", ["kinds=organisatie,persoon", "kinds=organisation&kinds=person"])
def test_kinds_as_ticked_or_as_dutch_list_show_those_and_the_header_counts_them(
    env: Env, query: str
) -> None:
    login(env, "viewer")
    page = env.client.get(f"/w/demo?{query}")
    assert page.status_code == 200
    kinds = [n["kind"] for n in map_data(page.text)["nodes"]]
    assert set(kinds) == {"organisation", "person"}
    shown = sum(1 for n in env.store.list_nodes("demo") if n.kind.value in kinds)
    assert _header_counts(page.text)[0] == shown == len(kinds)
    ticked = re.findall(r'name="kinds" value="(\w+)" checked', page.text)
    assert sorted(ticked) == ["organisation", "person"]


def test_every_field_of_the_workspace_is_a_choice_in_dutch(env: Env) -> None:
    login(env, "viewer")
    page = env.client.get("/w/demo").text
    assert _choices(page, "kinds") == {
        "activity": "activiteit",
        "network": "netwerk",
        "organisation": "organisatie",
        "person": "persoon",
        "theme": "thema",
    }
    assert _choices(page, "practices")["knowledge_institute"] == "kennisinstituut"
    assert _choices(page, "practices")["school"] == "school"
    assert {"mbo", "onderwijsadvies"} <= set(_choices(page, "sectors"))
    assert _choices(page, "types")["works_at"] == "werkt bij"
    assert _choices(page, "theme")["flexibilisering"] == "flexibilisering"
    # no free text: no text box for kinds; the date is typed the Dutch way
    assert 'name="kinds" value=""' not in page and 'type="date"' not in page
    assert re.search(r'<input name="at" value="" placeholder="dd-mm-jjjj"', page)


def test_a_dutch_value_the_map_does_not_know_is_answered_in_dutch(env: Env) -> None:
    login(env, "viewer")
    page = env.client.get("/w/demo?kinds=bedrijf")
    assert page.status_code == 422
    alert = re.search(r'<p class="problem" role="alert">(.*?)</p>', page.text, re.S)
    assert alert
    said = html.unescape(alert.group(1))
    assert said == (
        "Soorten: 'bedrijf' staat niet tussen de keuzes; kies uit activiteit, netwerk, "
        "organisatie, persoon, thema."
    )
    assert "unknown" not in page.text and "use person" not in page.text
    assert _choices(page.text, "kinds")  # the form, to choose again
    assert "De kaart toont" not in page.text  # nothing drawn, and the header says no count
    assert "79 onderdelen, waarvan 5 brondocumenten" in page.text


def test_a_date_is_typed_day_first_and_refused_in_dutch(env: Env) -> None:
    login(env, "viewer")
    page = env.client.get("/w/demo?at=01-01-2018")
    assert page.status_code == 200
    assert 'name="at" value="01-01-2018"' in page.text
    iso = env.client.get("/w/demo?at=2018-01-01")
    assert 'name="at" value="01-01-2018"' in iso.text  # shown the Dutch way
    assert _header_counts(iso.text) == _header_counts(page.text)
    assert _header_counts(page.text)[0] < _header_counts(env.client.get("/w/demo").text)[0]
    bad = env.client.get("/w/demo?at=31-02-2024")
    assert bad.status_code == 422
    assert "Datum: &#39;31-02-2024&#39; is geen datum; schrijf dag-maand-jaar" in bad.text


def test_a_sector_keeps_its_organisations_and_what_is_tied_to_them(env: Env) -> None:
    env.store.upsert(
        "demo",
        [
            Node(
                id="bakker",
                kind="organisation",
                name="Bakker",
                workspace="demo",
                org_type="company",
                sector="horeca",
            ),
            Node(
                id="los",
                kind="organisation",
                name="Los",
                workspace="demo",
                org_type="company",
                sector="bouw",
            ),
        ],
        [
            Relationship(
                source="roc-midden-nederland",
                target="bakker",
                type="partners_with",
                workspace="demo",
            )
        ],
    )
    login(env, "viewer")
    page = env.client.get("/w/demo?sectors=horeca")
    assert page.status_code == 200
    assert {n["id"] for n in map_data(page.text)["nodes"]} == {"bakker", "roc-midden-nederland"}
    practice = env.client.get("/w/demo?practices=kennisinstituut")  # the Dutch label
    ids = {n["id"] for n in map_data(practice.text)["nodes"]}
    assert "cinop" in ids and "los" not in ids and "bakker" not in ids


def test_the_download_link_keeps_the_filters(env: Env) -> None:
    login(env, "viewer")
    page = env.client.get("/w/demo?kinds=organisatie&size_by=degree&color_by=sector&theme=stages")
    assert page.status_code == 422  # no theme 'stages' in the demo
    page = env.client.get("/w/demo?kinds=organisatie&size_by=degree&color_by=sector")
    link = re.search(r'href="(/api/workspaces/demo/map\?[^"]+)"', page.text)
    assert link
    assert html.unescape(link.group(1)) == (
        "/api/workspaces/demo/map?download=true&color_by=sector&size_by=degree"
        "&kinds=organisation&lang=nl"
    )
    assert env.client.get(html.unescape(link.group(1))).status_code == 200


def test_the_size_legend_says_what_size_means(env: Env) -> None:
    login(env, "viewer")
    plain = env.client.get("/w/demo").text
    assert "Grootte: alle vormen even groot" in plain
    sized = env.client.get("/w/demo?size_by=degree").text
    legend = re.search(r'id="size-legend">(.*?)</div>', sized, re.S)
    assert legend
    text = " ".join(re.sub(r"<[^>]+>", " ", legend.group(1)).split())
    assert text.startswith("Grootte: aantal verbindingen: 1 ")  # smallest, middle, largest
    assert sized.count('class="gw-size"') == 3


def test_a_saved_view_keeps_the_dragged_nodes(env: Env) -> None:
    login(env, "analyst")
    form = token(env, "/w/demo")
    saved = env.client.post(
        "/w/demo/views",
        data={
            "name": "Mijn plek",
            "query": "color_by=sector",
            "moved": "cinop:1234:-987,niet-bestaand:1:1",
            "csrf_token": form,
        },
        follow_redirects=False,
    )
    assert saved.status_code == 303
    assert saved.headers["location"] == "/w/demo?color_by=sector&view=Mijn+plek"
    page = env.client.get(saved.headers["location"]).text
    cinop = next(n for n in map_data(page)["nodes"] if n["id"] == "cinop")
    assert (cinop["x"], cinop["y"]) == (1234, -987)
    assert map_page(page)["moved"].startswith("cinop:1234:-987")
    plain = next(n for n in map_data(env.client.get("/w/demo").text)["nodes"] if n["id"] == "cinop")
    assert (plain["x"], plain["y"]) != (1234, -987)  # only in that view
    bad = env.client.post(
        "/w/demo/views",
        data={"name": "X", "query": "", "moved": "cinop:links:boven", "csrf_token": form},
    )
    assert bad.status_code == 422 and env.store.get_view("demo", "X") is None
