"""Every number with its sentence and scale, and no contradiction on a node's page
(issue 22). Before: Bouwbedrijf Blokland "heeft 1 directe relatie" but "Partners: geen"
and "Aanbevolen partners: 1. geen"; the ROC's 136 partners one flat list; no aliases,
*sinds* date or extra columns; "staat 18.880 keer" with no scale, "(leerpotentieel
0,68)", "1 leden" and "Keren verbinder 18880" in the report, "Elke praktijk heeft
relaties."."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from api.services.profiles import neighbour_kinds
from graph.analysis.cache import AnalysisCache
from graph.analysis.registry import AnalysisOptions
from graph.model import Node, Relationship
from importers import ImportOptions, import_paths
from tests.api.conftest import Env
from tests.api.test_i18n import visible
from tests.api.test_pages import login
from tests.api.test_reports import _pdf_text, _squeeze

VOORBEELD = Path(__file__).parents[2] / "graph" / "data" / "voorbeeld"


def _flat(html: str) -> str:
    return " ".join(visible(html).split())


def test_the_degree_sentence_says_what_it_counts(env: Env) -> None:
    """The kinds of a node's neighbours add up to its degree, for every node of demo."""
    cache = AnalysisCache()
    graph = cache.graph(env.store, "demo")
    rows = cache.run(env.store, "demo", "centrality", AnalysisOptions(measures=("degree",))).rows
    for row in rows:
        assert sum(neighbour_kinds(graph, row["id"]).values()) == row["degree"], row


def test_a_node_tied_only_to_a_theme_says_so(env: Env) -> None:
    import_paths(env.store, [VOORBEELD], ImportOptions("voorbeeld-roc"))
    login(env, "server")
    page = env.client.get("/w/voorbeeld-roc/node/bouwbedrijf-blokland").text
    text = _flat(page)
    assert "heeft 1 directe relatie (met 1 thema)" in text, text
    assert "Het heeft alleen relaties met thema's" in text
    assert not re.search(r"<li>geen</li>", page.split("Aanbevolen partners")[1])
    assert "Geen: met niemand binnen bereik" in text


def test_many_partners_come_by_sector(env: Env) -> None:
    import_paths(env.store, [VOORBEELD], ImportOptions("voorbeeld-roc"))
    login(env, "server")
    page = env.client.get("/w/voorbeeld-roc/node/roc-voorbeeldstad").text
    groups = re.findall(r"<summary><strong>([^<]+)</strong> \((\d+)\)</summary>", page)
    assert len(groups) >= 5, groups
    assert {"techniek", "zorg", "bouw"} <= {name for name, _ in groups}
    assert "118 partners, per sector:" in _flat(page)
    assert sum(int(n) for _, n in groups) == 118


def test_a_nodes_page_shows_aliases_dates_and_extra_columns(env: Env) -> None:
    env.store.upsert(
        "demo",
        [
            Node(
                id="veerhuis",
                kind="organisation",
                name="Het Veerhuis",
                workspace="demo",
                aliases=["Veerhuis BV"],
                since=dt.date(2019, 9, 1),
                properties={"Plaats": "Utrecht", "Leerplaatsen": 12},
            )
        ],
        [Relationship(source="veerhuis", target="cinop", type="partners_with", workspace="demo")],
    )
    login(env, "viewer")
    text = _flat(env.client.get("/w/demo/node/veerhuis").text)
    for said in ("Ook bekend als Veerhuis BV", "Sinds 1 september 2019", "Plaats Utrecht"):
        assert said in text, (said, text)
    assert "Leerplaatsen 12" in text


def test_overview_and_paths_give_every_number_its_scale(env: Env) -> None:
    login(env, "viewer")
    overview = _flat(env.client.get("/w/demo/overview").text)
    assert "van alle zulke posities in dit netwerk" in overview
    assert "Elke praktijk heeft relaties." not in overview
    assert "1 leden" not in overview
    paths = _flat(env.client.get("/w/demo/paths?source=roc-midden-nederland&target=cinop").text)
    assert re.search(r"\(leerpotentieel \d,\d\d van 1\)", paths), paths
    assert not re.search(r"\(leerpotentieel \d,\d\d\)", paths)


def test_the_report_gives_every_number_its_sentence(env: Env) -> None:
    import_paths(env.store, [VOORBEELD], ImportOptions("voorbeeld-roc"))
    pdf = env.client.get("/api/workspaces/voorbeeld-roc/report.pdf", headers=env.as_("server"))
    text = _pdf_text(pdf.content)
    assert _squeeze("Keren verbinder") not in text
    assert not re.search(r"(?<!\d)1leden", text)
    assert _squeeze("18.880 keer tussen twee anderen die zelf geen relatie hebben") in text
    assert _squeeze("van alle zulke posities in dit netwerk") in text
