"""The manager's start page: what the network holds, said in sentences with ranks,
in Dutch by default and in English, the fictional example marked as such."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from api.services.overview import workspace_overview
from graph.analysis.cache import AnalysisCache
from graph.store.sqlite import SQLiteStore
from importers import ImportOptions, import_paths
from tests.api.conftest import Env
from tests.api.test_pages import login

EXAMPLE = Path(__file__).parents[2] / "graph" / "data" / "voorbeeld"


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_overview_says_what_the_network_holds_in_dutch(env: Env) -> None:
    login(env, "viewer")
    response = env.client.get("/w/demo/overview")
    assert response.status_code == 200
    text = _text(response.text)
    assert "Per soort: 12 organisaties, 10 personen" in text
    assert "Common Eye : 1e van 12 organisaties, met 7 directe relaties" in text
    assert (
        "Common Eye staat 4 keer tussen twee anderen die zelf geen relatie hebben: 100% van "
        "alle zulke posities in dit netwerk, meestal als vertegenwoordiger." in text
    )
    # each broker links to its page; the measures link to the help page
    assert re.search(r'<a href="/w/demo/node/[^"]+">Common Eye</a> staat 4 keer', response.text)
    assert 'href="/w/demo/help#roles"' in response.text
    assert 'href="/w/demo/help#measures"' in response.text
    assert "De groep rond" in text
    assert "Organisaties zonder relatie met wie dan ook: SER, SLO." in text
    assert "een nieuwe relatie: over de grens van school naar kennisinstituut" in text
    assert text.count('src="data:image/svg+xml') + response.text.count("data:image/svg+xml") >= 2
    assert 'href="/w/demo/overview"' in response.text  # in the navigation


def test_the_overview_in_english(env: Env) -> None:
    login(env, "viewer")
    env.client.cookies.set("lang", "en")
    text = _text(env.client.get("/w/demo/overview").text)
    assert "By kind: 12 organisations, 10 people" in text
    assert "1 of 12 organisations, with 7 direct ties" in text
    assert (
        "Common Eye stands between two others who have no tie themselves 4 times: 100% of "
        "all such positions in this network, mostly as representative." in text
    )


def test_the_fictional_example_is_marked(env: Env) -> None:
    import_paths(env.store, [EXAMPLE], ImportOptions("voorbeeld-roc"))
    client = TestClient(env.client.app)
    response = client.get("/w/voorbeeld-roc/overview", headers=env.as_("server"))
    assert response.status_code == 200
    text = _text(response.text)
    assert "Fictief voorbeeld: alle namen in deze werkruimte zijn verzonnen." in text
    assert "ROC Voorbeeldstad : 1e van 155 organisaties" in text
    plain = _text(client.get("/w/demo/overview", headers=env.as_("server")).text)
    assert "Fictief" not in plain


def test_isolated_means_no_tie_and_no_shared_context() -> None:
    store = SQLiteStore(":memory:")
    import_paths(store, [EXAMPLE], ImportOptions("v"))
    found = workspace_overview(store, AnalysisCache(), "v")
    graph = store.load_graph("v")
    for name in found.isolated:
        node = next(n for n, d in graph.nodes(data=True) if d.get("name") == name)
        ties = {graph.nodes[m].get("kind") for m in nx_neighbours(graph, node)}
        assert ties <= {"theme", "source"}, (name, ties)
    assert len(found.isolated) == 31


def nx_neighbours(graph: object, node: str) -> set[str]:
    return set(graph.successors(node)) | set(graph.predecessors(node))  # type: ignore[attr-defined]
