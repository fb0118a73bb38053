"""Learning potential: properties of the score, the documented defaults, and
hand-worked examples on the demo network."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.analysis.paths import learning_paths
from graph.analysis.potential import PotentialGraph, tie_potentials
from graph.analysis.potential_model import PotentialModel
from graph.analysis.recommend import recommendations
from graph.analysis.subgraphs import filter_view
from graph.store.sqlite import SQLiteStore

MODEL = PotentialModel()
PRACTICES = ["school", "company", "government", "knowledge_institute", "sector_body", "other"]
MECHANISMS = [None, "identification", "coordination", "reflection", "transformation"]
unit = st.floats(min_value=0, max_value=1)


@given(st.sampled_from(MECHANISMS), st.sampled_from(MECHANISMS), unit, unit, unit)
def test_a_deeper_mechanism_never_lowers_the_score(
    first: str | None, second: str | None, boundary: float, themes: float, activity: float
) -> None:
    shallow, deep = sorted([first, second], key=lambda m: MECHANISMS.index(m))
    low = MODEL.score(
        boundary=boundary, mechanism=MODEL.mechanism([shallow]), themes=themes, activity=activity
    )
    high = MODEL.score(
        boundary=boundary, mechanism=MODEL.mechanism([deep]), themes=themes, activity=activity
    )
    assert high.total >= low.total


@given(st.sampled_from(PRACTICES), st.sampled_from(PRACTICES), unit, unit, unit)
def test_inside_one_practice_never_outscores_across(
    own: str, other: str, mechanism: float, themes: float, activity: float
) -> None:
    inside = MODEL.score(
        boundary=MODEL.boundary(own, "mbo", own, "mbo"),
        mechanism=mechanism,
        themes=themes,
        activity=activity,
    )
    across = MODEL.score(
        boundary=MODEL.boundary(own, "mbo", other, "mbo"),
        mechanism=mechanism,
        themes=themes,
        activity=activity,
    )
    assert inside.total <= across.total


@given(st.sampled_from(PRACTICES), st.sampled_from(PRACTICES))
def test_boundary_is_symmetric_and_bounded(a: str, b: str) -> None:
    assert MODEL.boundary(a, None, b, None) == MODEL.boundary(b, None, a, None)
    assert 0 <= MODEL.boundary(a, None, b, None) <= 1
    assert (MODEL.boundary(a, None, b, None) == 0) == (a == b)


@given(unit, unit, unit, unit)
def test_score_stays_between_zero_and_one(b: float, m: float, t: float, a: float) -> None:
    assert 0 <= MODEL.score(boundary=b, mechanism=m, themes=t, activity=a).total <= 1


@given(st.integers(min_value=0, max_value=6), st.integers(min_value=0, max_value=6))
def test_more_shared_themes_never_lower(fewer: int, more: int) -> None:
    fewer, more = sorted((fewer, more))
    assert MODEL.themes({f"t{i}": False for i in range(more)}) >= MODEL.themes(
        {f"t{i}": False for i in range(fewer)}
    )


@pytest.fixture
def demo(demo_store: SQLiteStore) -> PotentialGraph:
    import datetime as dt

    graph = filter_view(demo_store.load_graph("demo"))
    return PotentialGraph(graph, at=dt.date(2024, 1, 1))


def test_hand_worked_hop_between_two_schools(demo: PotentialGraph) -> None:
    # ROC Midden-Nederland and Noorderpoort: both schools in mbo (boundary 0);
    # collaborates_with at the level of reflection (0.75); they share the theme
    # flexibilisering through the network they are members of (1 theme: 1/3);
    # the tie runs since 2017 with frequency 4 (activity 0.5 × 1 + 0.5 × 1 = 1).
    # (The document's example sentence is this hop's: test_potential_document.py.)
    # potential = 0.35 × 0 + 0.25 × 0.75 + 0.20 × 1/3 + 0.20 × 1 = 0.4542
    score = demo.hop_score("roc-midden-nederland", "noorderpoort")
    assert (score.boundary, score.mechanism, score.activity) == (0.0, 0.75, 1.0)
    assert score.themes == pytest.approx(1 / 3)
    assert score.total == pytest.approx(0.4542, abs=1e-4)
    sentence = demo.explain("roc-midden-nederland", "noorderpoort")
    assert sentence == (
        "ROC Midden-Nederland → Noorderpoort: within school practice, via theme "
        "flexibilisering, through Netwerk Flexibilisering mbo, at the level of reflection, "
        "running since 2017"
    )


def test_hand_worked_hop_across_a_boundary(demo: PotentialGraph) -> None:
    # CINOP (knowledge_institute) and ROC Midden-Nederland (school): boundary 0.5;
    # CINOP facilitates the network at the level of coordination (0.5); shared theme
    # flexibilisering (1/3); no frequency recorded (0.5), running (1): activity 0.75.
    # 0.35 × 0.5 + 0.25 × 0.5 + 0.20 × 1/3 + 0.20 × 0.75 = 0.5167
    score = demo.hop_score("cinop", "roc-midden-nederland")
    assert score.total == pytest.approx(0.5167, abs=1e-4)
    assert "crosses knowledge_institute→school" in demo.explain("cinop", "roc-midden-nederland")


def test_paths_are_ranked_and_explained(demo: PotentialGraph) -> None:
    result = learning_paths(demo, "roc-midden-nederland", "cinop", k=3)
    assert [row["names"] for row in result.rows][:2] == [
        ["ROC Midden-Nederland", "CINOP"],
        ["ROC Midden-Nederland", "Noorderpoort", "CINOP"],
    ]
    assert all(len(row["steps"]) == row["hops"] for row in result.rows)
    assert result.rows[1]["steps"][1]["explanation"].startswith(
        "Noorderpoort → CINOP: crosses school→knowledge_institute"
    )


def test_no_path_between_separate_networks(demo: PotentialGraph) -> None:
    assert learning_paths(demo, "ilse-hartgers", "nikki-willems").rows == []


def test_paths_need_actors(demo: PotentialGraph) -> None:
    with pytest.raises(ValueError, match="theme"):
        learning_paths(demo, "examinering", "cinop")


def test_recommendations_cross_boundaries_with_reasons(demo: PotentialGraph) -> None:
    # Noorderpoort's network: CINOP (knowledge institute, facilitates the network it
    # is a member of) and Ilse Hartgers (who works at ROC Midden-Nederland, a school
    # in mbo: no boundary) share only the network with it; MBO Digitaal shares a
    # theme but no path (not a candidate). CINOP: 0.45 × 0.5 + 0.35 × 1/3 + 0.20 × 1 = 0.5417.
    result = recommendations(demo, "noorderpoort")
    assert [row["id"] for row in result.rows] == ["cinop", "ilse-hartgers"]
    first = result.rows[0]
    assert first["score"] == pytest.approx(0.5417, abs=1e-4)
    assert first["reasons"] == [
        "would cross school→knowledge_institute",
        "shares theme flexibilisering",
        "already meets in Netwerk Flexibilisering mbo",
    ]
    direct = {"roc-midden-nederland", "zwaan-zwart"}
    assert not direct & {row["id"] for row in result.rows}


def test_tie_potentials_sorted(demo: PotentialGraph) -> None:
    rows = tie_potentials(demo).rows
    values = [row["potential"] for row in rows]
    assert values == sorted(values, reverse=True) and len(rows) == 22


def test_recommendation_reasons_are_structured(demo: PotentialGraph) -> None:
    first = recommendations(demo, "noorderpoort").rows[0]
    assert first["why"] == [
        {
            "code": "would_cross",
            "crossing": {
                "code": "crosses_practices",
                "from": "school",
                "to": "knowledge_institute",
            },
        },
        {"code": "shares_themes", "names": ["flexibilisering"]},
        {"code": "meets_in", "names": ["Netwerk Flexibilisering mbo"]},
    ]


def test_hop_reasons_are_structured(demo: PotentialGraph) -> None:
    result = learning_paths(demo, "roc-midden-nederland", "cinop", k=3)
    step = result.rows[1]["steps"][1]
    assert step["why"]["from"] == "Noorderpoort" and step["why"]["to"] == "CINOP"
    assert step["why"]["crossing"] == {
        "code": "crosses_practices",
        "from": "school",
        "to": "knowledge_institute",
    }
    assert step["why"]["when"]["code"] in ("running", "running_since")


def test_hop_reasons_say_what_the_sentence_says(demo: PotentialGraph) -> None:
    from graph.analysis.reasons import hop_reasons

    score = demo.hop_score("roc-midden-nederland", "noorderpoort")
    assert hop_reasons(demo, "roc-midden-nederland", "noorderpoort", score) == {
        "from": "ROC Midden-Nederland",
        "to": "Noorderpoort",
        "crossing": {"code": "within_practice", "practice": "school"},
        "themes": ["flexibilisering"],
        "objects": [],
        "contexts": ["Netwerk Flexibilisering mbo"],
        "mechanism": "reflection",
        "when": {"code": "running_since", "year": 2017},
    }
