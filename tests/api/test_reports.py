"""Pictures and reports for meetings: map.png, map.svg, report.pdf (workspace, node)."""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import re
import struct
from typing import Any

import pypdf
import pytest
from defusedxml import ElementTree

from api.services.reports import format_date
from graph.model import Node, Relationship
from tests.api.conftest import Env
from visualizations.static_map import MAX_LABELS, draw_map

W = "/api/workspaces/demo"
EVIL = "<b>Bad & Co</b>"


def _png_size(content: bytes) -> tuple[int, int]:
    assert content[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", content[16:24])
    return width, height


def _squeeze(text: str) -> str:
    """Text without whitespace: a PDF breaks lines wherever the layout needs."""
    return re.sub(r"\s+", "", text)


def _pdf_text(content: bytes) -> str:
    assert content[:5] == b"%PDF-"
    reader = pypdf.PdfReader(io.BytesIO(content))
    return _squeeze("\n".join(page.extract_text() for page in reader.pages))


def _today(lang: str) -> set[str]:
    """Today's date as the report writes it (and tomorrow's, should midnight pass)."""
    today = dt.date.today()
    return {_squeeze(format_date(d, lang)) for d in (today, today + dt.timedelta(days=1))}  # type: ignore[arg-type]


def _add_evil(env: Env) -> None:
    env.store.upsert(
        "demo",
        [Node(id="evil", kind="organisation", name=EVIL, workspace="demo")],
        [Relationship(source="evil", target="cinop", type="partners_with", workspace="demo")],
    )


def test_map_png_is_a_wide_png(env: Env) -> None:
    response = env.client.get(f"{W}/map.png", headers=env.as_("viewer"))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "image/png"
    width, height = _png_size(response.content)
    assert width == 2000
    assert height == 1400


def test_map_svg_has_title_legend_and_escaped_names(env: Env) -> None:
    _add_evil(env)
    response = env.client.get(f"{W}/map.svg", headers=env.as_("viewer"))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert b"<b>" not in response.content
    root = ElementTree.fromstring(response.content)
    texts = {"".join(t.itertext()).strip() for t in root.iter("{http://www.w3.org/2000/svg}text")}
    assert "Netwerkkaart: demo" in texts
    assert "Legenda" in texts
    assert {"organisatie", "persoon", "thema"} <= texts
    assert EVIL in texts
    assert "CINOP" in texts
    made = [_squeeze(t) for t in texts if t.startswith("Gemaakt op")]
    assert any(day in made[0] for day in _today("nl"))


def test_map_svg_in_english_with_filters(env: Env) -> None:
    response = env.client.get(
        f"{W}/map.svg",
        params={"lang": "en", "kinds": "organisatie,persoon", "at": "2024-09-01"},
        headers=env.as_("viewer"),
    )
    assert response.status_code == 200, response.text
    text = response.text
    assert "Network map: demo" in text
    assert "as of 1 September 2024" in text
    assert ">organisation<" in text and ">person<" in text
    assert ">theme<" not in text


def test_map_picture_refuses_a_misspelt_kind(env: Env) -> None:
    response = env.client.get(f"{W}/map.png?kinds=organisatoin", headers=env.as_("viewer"))
    assert response.status_code == 422
    assert "organisatoin" in response.text


def test_the_picture_uses_the_web_maps_positions(env: Env) -> None:
    """The web map is laid out on the server (seeded), so both show the same picture."""
    page = env.client.get(f"{W}/map", headers=env.as_("viewer")).text
    found = re.search(r'<script[^>]*id="map-data"[^>]*>(.*?)</script>', page, re.S)
    assert found is not None
    data = json.loads(found.group(1))
    assert data["options"]["physics"]["enabled"] is False
    again = env.client.get(f"{W}/map", headers=env.as_("viewer")).text
    assert again == page
    positions = {n["id"]: (n["x"], n["y"]) for n in data["nodes"]}
    assert len(positions) == len(data["nodes"]) == 74


#: how the first reason of a recommendation (crossing practices) begins, per language
NEW_TIE = {"nl": "een nieuwe relatie: over de grens van", "en": "a new tie: crosses"}


def _recommendation(env: Env, node: str, lang: str = "nl") -> tuple[str, str]:
    """The best recommendation's name and how its reason begins in ``lang`` (the report
    renders the structured reasons in its language, as the pages do)."""
    response = env.client.get(f"{W}/recommendations/{node}", headers=env.as_("analyst"))
    assert response.status_code == 200, response.text
    best = response.json()["rows"][0]
    assert best["why"][0]["code"] == "would_cross"
    return best["name"], NEW_TIE[lang]


def test_workspace_report_in_dutch(env: Env) -> None:
    _add_evil(env)
    response = env.client.get(f"{W}/report.pdf", headers=env.as_("viewer"))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    text = _pdf_text(response.content)
    assert _squeeze("Netwerkrapport: demo") in text
    assert any(day in text for day in _today("nl"))
    assert _squeeze("Verbinders tussen praktijken") in text
    assert _squeeze("Common Eye vertegenwoordiger 4") in text
    assert _squeeze("Aanbevolen nieuwe relaties") in text
    name, reason = _recommendation(env, "ilse-hartgers")
    assert _squeeze(f"Ilse Hartgers {name} {reason}") in text
    assert _squeeze("Groep rond") in text
    # the sources by their titles (issue 22), not their file names
    assert _squeeze("Bronnen") in text and "000_e6b82f96423c3582.txt" not in text
    assert _squeeze("Netwerk Flexibilisering (CINOP)") in text
    assert _squeeze(EVIL) in text
    assert "Dichtheid0," in text
    assert "knowledge_institute" not in text  # vocabulary in Dutch, never internal names


def test_workspace_report_in_english(env: Env) -> None:
    response = env.client.get(f"{W}/report.pdf?lang=en", headers=env.as_("viewer"))
    assert response.status_code == 200, response.text
    text = _pdf_text(response.content)
    assert _squeeze("Network report: demo") in text
    assert any(day in text for day in _today("en"))
    assert _squeeze("Common Eye representative 4") in text
    assert _squeeze("Recommended new ties") in text
    assert "Netwerkrapport" not in text


@pytest.mark.parametrize(
    ("lang", "heading", "role"),
    [("nl", "Profiel: CINOP", "Aanbevolen nieuwe relaties"), ("en", "Profile: CINOP", "Why")],
)
def test_node_report(env: Env, lang: str, heading: str, role: str) -> None:
    response = env.client.get(f"{W}/nodes/cinop/report.pdf?lang={lang}", headers=env.as_("viewer"))
    assert response.status_code == 200, response.text
    text = _pdf_text(response.content)
    assert _squeeze(heading) in text
    assert _squeeze(role) in text
    assert any(day in text for day in _today(lang))
    name, reason = _recommendation(env, "cinop", lang)
    score = "(leerpotentieel 0,77 van 1)" if lang == "nl" else "(learning potential 0.77 of 1)"
    assert _squeeze(f"{name} {score} {reason}") in text
    assert "knowledge_institute" not in text
    assert _squeeze("Netwerk Flexibilisering mbo") in text


def test_node_report_of_a_broker_names_its_role(env: Env) -> None:
    response = env.client.get(f"{W}/nodes/common-eye/report.pdf", headers=env.as_("viewer"))
    assert response.status_code == 200, response.text
    text = _pdf_text(response.content)
    assert (
        _squeeze(
            "Makelaarsrol vertegenwoordiger: 2 van de 4 makelaarsposities; 1e van 12 organisaties"
            " als vertegenwoordiger. Spreekt namens de eigen praktijk"
        )
        in text
    )
    assert _squeeze("Mensen: Nikki Willems (adviseur)") in text


def test_node_report_of_a_source_document(env: Env) -> None:
    """Sources are left out of the map's view; their report still shows them."""
    response = env.client.get(f"{W}/nodes/seed-000/report.pdf", headers=env.as_("viewer"))
    assert response.status_code == 200, response.text
    assert _squeeze("Profiel: Netwerk Flexibilisering (CINOP) bron") in _pdf_text(response.content)


def test_node_report_of_an_unknown_node_is_404(env: Env) -> None:
    response = env.client.get(f"{W}/nodes/nobody/report.pdf", headers=env.as_("viewer"))
    assert response.status_code == 404
    assert "nobody" in html.unescape(response.text)


@pytest.mark.parametrize("path", ["/map.png", "/map.svg", "/report.pdf", "/nodes/cinop/report.pdf"])
def test_reports_need_a_key(env: Env, path: str) -> None:
    assert env.client.get(W + path).status_code == 401
    assert env.client.get(W + path, headers=env.as_("other-admin")).status_code == 404


def test_a_bad_language_is_refused(env: Env) -> None:
    response = env.client.get(f"{W}/report.pdf?lang=fr", headers=env.as_("viewer"))
    assert response.status_code == 422
    assert "lang" in response.text


def test_the_pages_link_to_the_pictures_and_reports(env: Env) -> None:
    from tests.api.test_pages import login

    login(env, "viewer")
    page = env.client.get("/w/demo?color_by=sector&kinds=organisatie,persoon&at=2024-09-01").text
    links = re.findall(r'<a class="export" href="([^"]+)"', page)
    assert [html.unescape(link).split("?")[0] for link in links] == [
        f"{W}/map.png",
        f"{W}/map.svg",
        f"{W}/report.pdf",
    ]
    assert "color_by=sector&kinds=organisatie%2Cpersoon&at=2024-09-01&lang=nl" in html.unescape(
        links[0]
    )
    svg = env.client.get(html.unescape(links[1]))  # the session cookie opens them
    assert svg.status_code == 200 and ">thema<" not in svg.text and "situatie op" in svg.text
    node = env.client.get("/w/demo/node/cinop").text
    (pdf,) = re.findall(r'<a class="export" href="([^"]+)"', node)
    assert html.unescape(pdf) == f"{W}/nodes/cinop/report.pdf?lang=nl"
    assert env.client.get(html.unescape(pdf)).content[:5] == b"%PDF-"


def _crowd(spacing: float) -> dict[str, Any]:
    """300 people on a grid, p299 tied to twenty of them."""
    nodes = [
        {"id": f"p{i}", "label": f"Persoon {i:03d}", "kind": "person", "color": "#e377c2"}
        | {"x": float(i % 20) * spacing, "y": float(i // 20) * spacing, "size": 14}
        for i in range(300)
    ]
    edges = [{"from": "p299", "to": f"p{i}"} for i in range(20)]
    return {"nodes": nodes, "edges": edges, "legend": []}


@pytest.mark.parametrize(("spacing", "most"), [(30.0, MAX_LABELS), (0.0, 1)])
def test_a_crowded_map_names_the_best_connected_without_overlap(spacing: float, most: int) -> None:
    svg = draw_map(_crowd(spacing), title="T", subtitle="S", fmt="svg").decode()
    names = re.findall(r">Persoon (\d{3})<", svg)
    assert 0 < len(names) <= most
    assert names[0] == "299"  # the hub first
    if spacing == 0.0:  # everyone on one spot: one name, not 150 on top of each other
        assert names == ["299"]


def test_drawings_at_the_same_time_keep_their_settings() -> None:
    """matplotlib's settings are global; the server draws in several threads."""
    from concurrent.futures import ThreadPoolExecutor

    import matplotlib as mpl

    before = mpl.rcParams["svg.fonttype"]
    one = {"nodes": [{"id": "a", "label": "Alpha", "kind": "person", "color": "#000"}]}
    data = {**one, "edges": [], "legend": []}
    data["nodes"][0] |= {"x": 0.0, "y": 0.0}

    def draw(i: int) -> bytes:
        return draw_map(data, title=f"T{i}", subtitle="S", fmt="svg")

    with ThreadPoolExecutor(8) as pool:
        pictures = list(pool.map(draw, range(64)))
    assert [b">Alpha<" in p for p in pictures] == [True] * 64
    assert mpl.rcParams["svg.fonttype"] == before


def _node_page_sentences(env: Env, node: str, lang: str) -> list[str]:
    """What the node page says of ``node``: each measure's sentence (rank and
    explanation, without the help link) and each theme with what it is reached through."""
    from tests.api.test_pages import login

    login(env, "viewer")
    env.client.cookies.set("lang", lang)
    page = env.client.get(f"/w/demo/node/{node}").text
    facts = re.search(r'<dl class="facts">(.*?)</dl>', page, re.S)
    assert facts is not None
    said = [
        re.sub(r"<a [^>]*>.*?</a>", "", dd)
        for dd in re.findall(r"<dd>(.*?)</dd>", facts.group(1), re.S)
    ]
    # the themes' section (partners come by sector, roles and themes as lists)
    found = re.findall(r'<section><h2>([^<]*)</h2>\s*<ul class="list">(.*?)</ul>', page, re.S)
    sections = {html.unescape(heading): items for heading, items in found}
    themes = sections.get("Thema's", sections.get("Themes", ""))
    said += re.findall(r"<li>(.*?)</li>", themes, re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", s)).strip() for s in said]


@pytest.mark.parametrize(("node", "lang"), [("common-eye", "nl"), ("cinop", "nl"), ("cinop", "en")])
def test_node_report_says_what_the_node_page_says(env: Env, node: str, lang: str) -> None:
    """The rank sentences, the role with its explanation and the reached themes (with
    'via …') of the node page, word for word, and no internal identifier."""
    said = _node_page_sentences(env, node, lang)
    assert len(said) >= 4, said  # role, two measures, at least one theme
    response = env.client.get(f"{W}/nodes/{node}/report.pdf?lang={lang}", headers=env.as_("viewer"))
    assert response.status_code == 200, response.text
    text = _pdf_text(response.content)
    missing = [s for s in said if _squeeze(s) not in text]
    assert missing == []
    for internal in ("partners_with", "collaborates_with", "member_of", "works_on", "works_at"):
        assert internal not in text


def test_node_report_groups_partners_by_practice(env: Env) -> None:
    response = env.client.get(f"{W}/nodes/cinop/report.pdf", headers=env.as_("viewer"))
    text = _pdf_text(response.content)
    # a practice heading, then its partners with the relationship in Dutch
    assert _squeeze("netwerk: Netwerk Flexibilisering mbo (faciliteert, coördinatie)") in text
    assert _squeeze("activiteit: CINOP Lentesessie (organiseert);") in text
