"""Analysis routes: one place pages, misspelt filters are refused, not ignored."""

from __future__ import annotations

from typing import Any

import pytest

from graph.analysis.centrality import COLUMNS, MEASURES
from graph.analysis.registry import GRAPHS
from tests.api.conftest import Env
from tests.conftest import on_both

BASE = "/api/workspaces/demo"


def _get(env: Env, path: str, **params: Any) -> Any:
    return env.client.get(BASE + path, headers=env.as_("analyst"), params=params)


@pytest.mark.parametrize(
    ("path", "params", "total"),
    [
        ("/analyses/potential", {}, 22),
        ("/analyses/change", {"before": "2017-01-01", "after": "2023-01-01"}, 40),
    ],
)
def test_pages_are_cut_once_and_rows_total_is_true(
    env: Env, path: str, params: dict[str, str], total: int
) -> None:
    everything = _get(env, path, **params, limit=1000).json()
    assert everything["meta"]["rows_total"] == total
    assert len(everything["rows"]) == total
    first = _get(env, path, **params, limit=10).json()
    assert first["meta"]["rows_total"] == total
    assert first["rows"] == everything["rows"][:10]
    second = _get(env, path, **params, limit=10, offset=10).json()
    assert second["meta"]["rows_total"] == total
    assert (second["meta"]["offset"], second["meta"]["limit"]) == (10, 10)
    assert second["rows"] == everything["rows"][10:20]


@pytest.mark.parametrize(
    ("path", "params", "analysis"),
    [
        (
            "/recommendations/cinop",
            {},
            ("/analyses/recommend", {"node": "cinop"}),
        ),
        (
            "/change",
            {"before": "2017-01-01", "after": "2023-01-01"},
            ("/analyses/change", {"before": "2017-01-01", "after": "2023-01-01"}),
        ),
    ],
)
def test_short_routes_page_as_the_analysis_route(
    env: Env, path: str, params: dict[str, str], analysis: tuple[str, dict[str, str]]
) -> None:
    everything = _get(env, analysis[0], **analysis[1], limit=1000).json()
    total = everything["meta"]["rows_total"]
    assert total == len(everything["rows"]) >= 2
    one = _get(env, path, **params, limit=1).json()
    assert one["meta"]["rows_total"] == total
    assert one["rows"] == everything["rows"][:1]


@pytest.mark.parametrize(
    ("params", "value", "accepted"),
    [
        ({"kinds": "organisation,planeet"}, "planeet", "organisation (organisatie)"),
        ({"types": "bogus"}, "bogus", "works_at (werkt_bij)"),
        ({"themes": "nope"}, "nope", "flexibilisering"),
    ],
)
@pytest.mark.parametrize("path", ["/analyses/centrality", "/analyses/potential", "/map"])
def test_a_misspelt_filter_is_refused(
    env: Env, path: str, params: dict[str, str], value: str, accepted: str
) -> None:
    response = _get(env, path, **params)
    assert response.status_code == 422, response.text[:200]
    detail = str(response.json()["detail"])
    assert repr(value) in detail and accepted in detail, detail


def test_dutch_kinds_and_types_filter_as_the_english_ones(env: Env) -> None:
    english = _get(env, "/analyses/summary", kinds="organisation,person", types="works_at")
    dutch = _get(env, "/analyses/summary", kinds="organisatie,persoon", types="werkt_bij")
    assert english.status_code == dutch.status_code == 200, dutch.text[:200]
    facts = {k: v for k, v in dutch.json()["meta"].items() if k not in ("options", "offset")}
    assert facts == {
        k: v for k, v in english.json()["meta"].items() if k != "offset" and k != "options"
    }
    assert (facts["nodes"], facts["ties"]) == (12 + 10, 5)


@on_both
def test_weights_set_the_model_in_the_api(env: Env) -> None:
    only_boundary = '{"weights": {"boundary": 1, "mechanism": 0, "themes": 0, "activity": 0}}'
    rows = _get(env, "/analyses/potential", weights=only_boundary).json()["rows"]
    assert all(row["potential"] == row["boundary"] for row in rows)
    default = _get(env, "/analyses/potential").json()["rows"]
    assert [r["potential"] for r in rows] != [r["potential"] for r in default]
    bad = _get(env, "/analyses/potential", weights='{"weights": {"boundry": 1}}')
    assert bad.status_code == 422
    assert "weights: unknown boundry; use boundary" in bad.json()["detail"]
    worse = _get(env, "/analyses/potential", weights="{")
    assert worse.status_code == 422 and "line 1, column 2" in worse.json()["detail"]


def test_the_openapi_description_says_which_graph_and_what_each_column_is(env: Env) -> None:
    schema = env.client.get("/openapi.json").json()
    route = schema["paths"]["/api/workspaces/{workspace}/analyses/{name}"]["get"]
    description = route["description"]
    for name, graph in GRAPHS.items():
        assert f"* `{name}`: {graph}" in description
    for column, text in COLUMNS.items():
        assert f"* `{column}`: {text}" in description
    measures = next(p for p in route["parameters"] if p["name"] == "measures")
    assert measures["description"].endswith(", ".join(MEASURES))


def test_weights_on_the_short_routes(env: Env) -> None:
    far = '{"proximities": {"1": 0.0}}'  # meeting in a network no longer counts
    default = _get(env, "/recommendations/noorderpoort").json()["rows"]
    changed = _get(env, "/recommendations/noorderpoort", weights=far).json()["rows"]
    assert [r["proximity"] for r in default] == [1.0, 1.0]
    assert [r["proximity"] for r in changed] == [0.0, 0.0]
    only_boundary = '{"weights": {"boundary": 1, "mechanism": 0, "themes": 0, "activity": 0}}'
    route = {"source": "roc-midden-nederland", "target": "cinop"}
    paths = _get(env, "/paths/learning", **route).json()["rows"]
    again = _get(env, "/paths/learning", **route, weights=only_boundary).json()["rows"]
    assert paths[0]["names"] == again[0]["names"] == ["ROC Midden-Nederland", "CINOP"]
    assert paths[0]["potential"] == pytest.approx(0.5167, abs=1e-4)
    assert again[0]["potential"] == 0.5  # knowledge_institute – school
    bad = _get(env, "/paths/learning", **route, weights="[1]")
    assert bad.status_code == 422 and "weights: expected a JSON object" in bad.text


@on_both
def test_stats_are_the_console_commands(env: Env) -> None:
    """GET /stats answers what `grenswerk stats --json` prints, to a viewer too."""
    from api.services.analyses import workspace_stats
    from graph.analysis.cache import AnalysisCache

    answer = env.client.get(BASE + "/stats", headers=env.as_("viewer"))
    assert answer.status_code == 200, answer.text
    stats = answer.json()
    assert stats == workspace_stats(AnalysisCache(), env.store, "demo")
    assert stats["workspace"] == "demo" and stats["by_kind"]["organisation"] == 12
    assert stats["nodes"] == 79 and stats["by_type"]["works_at"] == 5
    assert env.client.get("/api/workspaces/demo/stats").status_code == 401
    other = env.client.get("/api/workspaces/other/stats", headers=env.as_("viewer"))
    assert other.status_code in (403, 404)


def test_the_engine_is_asked_for_and_said(env: Env) -> None:
    """engine=local runs in process and says so; engine=gds on the embedded store is
    refused with what it needs (422), never run in process instead; a misspelt engine
    is refused."""
    local = _get(env, "/analyses/centrality", engine="local", measures="degree").json()
    assert (local["meta"]["engine"], local["meta"]["engine_reason"]) == (
        "local",
        "asked for (engine local)",
    )
    auto = _get(env, "/analyses/communities").json()
    assert auto["meta"]["engine"] == "local"
    assert auto["meta"]["engine_reason"] == "the store cannot run analyses inside its database"
    refused = _get(env, "/analyses/centrality", engine="gds")
    assert refused.status_code == 422
    assert "cannot run analyses inside its database" in refused.json()["detail"]
    assert _get(env, "/analyses/centrality", engine="gpu").status_code == 422
