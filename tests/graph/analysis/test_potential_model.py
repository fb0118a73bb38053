"""Learning potential on small hand-built graphs: each rule of docs/learning-potential.md
that the code once did otherwise."""

from __future__ import annotations

import datetime as dt
from typing import Any

import networkx as nx
import pytest

from graph.analysis.potential import PotentialGraph
from graph.analysis.potential_model import PotentialModel, model_from_json
from graph.analysis.recommend import recommendations
from graph.analysis.registry import AnalysisOptions

AT = dt.date(2024, 1, 1)


def build(nodes: dict[str, dict[str, Any]], ties: list[tuple[str, str, dict[str, Any]]]) -> Any:
    graph = nx.MultiDiGraph()
    for node, attrs in nodes.items():
        graph.add_node(node, name=node.upper(), **attrs)
    for u, v, attrs in ties:
        graph.add_edge(u, v, **attrs)
    return graph


def school(sector: str | None = None) -> dict[str, Any]:
    return {"kind": "organisation", "org_type": "school", **({"sector": sector} if sector else {})}


def test_a_missing_sector_is_no_boundary() -> None:
    graph = build(
        {"a": school("mbo"), "b": school()},
        [("a", "b", {"type": "collaborates_with"})],
    )
    pg = PotentialGraph(graph, at=AT)
    assert pg.hop_score("a", "b").boundary == 0.0
    assert "within school practice" in pg.explain("a", "b")


def test_a_person_s_practice_is_the_running_employer() -> None:
    graph = build(
        {
            "p": {"kind": "person"},
            "s": school("mbo"),
            "c": {"kind": "organisation", "org_type": "company"},
        },
        [
            ("p", "s", {"type": "works_at", "since": "2012-01-01"}),
            ("p", "c", {"type": "works_at", "since": "2018-01-01", "until": "2019-01-01"}),
        ],
    )
    pg = PotentialGraph(graph, at=AT)
    assert (pg.practice["p"], pg.sector.get("p")) == ("school", "mbo")
    ended = PotentialGraph(graph, at=dt.date(2018, 6, 1))  # both ran: the latest since
    assert ended.practice["p"] == "company"


def test_a_past_activity_does_not_count_as_running() -> None:
    graph = build(
        {"a": school(), "b": school(), "meeting": {"kind": "activity", "date": "2018-01-01"}},
        [
            ("a", "meeting", {"type": "participates_in"}),
            ("b", "meeting", {"type": "participates_in"}),
        ],
    )
    pg = PotentialGraph(graph, at=AT)
    recency = 0.5 ** (((AT - dt.date(2018, 1, 1)).days / 365.25) / 2)
    assert pg.hop_score("a", "b").activity == pytest.approx(0.5 * recency + 0.5 * 0.5)
    assert pg.explain("a", "b").endswith("ended in 2018")


def test_nested_contexts_pass_on_their_themes() -> None:
    graph = build(
        {
            "a": school(),
            "b": school(),
            "network": {"kind": "network"},
            "meeting": {"kind": "activity"},
            "t": {"kind": "theme"},
        },
        [
            ("meeting", "network", {"type": "part_of"}),
            ("network", "t", {"type": "addresses"}),
            ("a", "meeting", {"type": "participates_in"}),
            ("b", "t", {"type": "works_on"}),
            ("b", "a", {"type": "collaborates_with"}),
        ],
    )
    pg = PotentialGraph(graph, at=AT)
    assert pg.shared_themes("a", "b") == {"t": False}


def recommendation_graph() -> Any:
    """x – y (direct), y – z (direct), z – w (direct): w is three hops from x; m shares
    only a network with x; far shares a theme with x and nothing else."""
    org = {"kind": "organisation", "org_type": "company"}
    return build(
        {
            "x": school(),
            "y": org,
            "z": org,
            "w": org,
            "m": org,
            "far": org,
            "net": {"kind": "network"},
            "t": {"kind": "theme"},
        },
        [
            ("x", "y", {"type": "collaborates_with"}),
            ("y", "z", {"type": "collaborates_with"}),
            ("z", "w", {"type": "collaborates_with"}),
            ("x", "net", {"type": "member_of"}),
            ("m", "net", {"type": "member_of"}),
            ("x", "t", {"type": "works_on"}),
            ("far", "t", {"type": "works_on"}),
        ],
    )


def test_recommendation_candidates_are_within_the_cutoff() -> None:
    pg = PotentialGraph(recommendation_graph(), at=AT)
    rows = {r["id"]: r for r in recommendations(pg, "x").rows}
    assert set(rows) == {"m", "z", "w"}  # not y (a direct tie), not far (unreachable)
    assert {k: rows[k]["hops"] for k in rows} == {"m": 1, "z": 2, "w": 3}
    assert rows["m"]["reasons"][-1] == "already meets in NET"
    assert {k: rows[k]["proximity"] for k in rows} == {"m": 1.0, "z": 1.0, "w": 0.5}
    closer = PotentialModel(recommendation_cutoff=2, proximities={1: 1.0, 2: 0.25})
    near = recommendations(PotentialGraph(recommendation_graph(), closer, at=AT), "x").rows
    assert {r["id"]: r["proximity"] for r in near} == {"m": 1.0, "z": 0.25}


def test_a_recommendation_has_the_potential_the_tie_would_have() -> None:
    model = PotentialModel()
    pg = PotentialGraph(recommendation_graph(), model, at=AT)
    row = next(r for r in recommendations(pg, "x").rows if r["id"] == "z")
    expected = (0.35 * 1.0 + 0.25 * 0 + 0.20 * 0 + 0.20 * 0.5) / 1.0
    assert row["potential"] == pytest.approx(expected)
    assert row["score"] == pytest.approx(0.45 * 1.0 + 0.35 * 0 + 0.20 * 1.0)


def test_every_number_can_be_set_and_a_bad_one_is_named() -> None:
    model = model_from_json('{"hop_penalty": 0.3, "weights": {"boundary": 1}}')
    assert model.hop_penalty == 0.3 and model.weights["mechanism"] == 0.25
    same = model_from_json('{"weights": {"boundary": 1}, "hop_penalty": 0.3}')
    assert same == model and hash(same) == hash(model)  # options stay hashable
    assert hash(AnalysisOptions(weights=model)) == hash(AnalysisOptions(weights=same))
    for text, message in (
        ('{"weights": {"boundry": 1}}', "weights: unknown boundry; use boundary"),
        ('{"hop_penalty": -1}', "hop_penalty: Input should be greater than or equal to 0"),
        ('{"proximities": {"4": 0.1}}', "give one for each of 1 to 3 hops"),
        ('{"distances": {"school": {"company": 0.5}, "company": {"school": 0.9}}}', "0.5"),
        ('{"weights": {"boundary": 0.5,}}', "line 1, column 30"),
    ):
        with pytest.raises(ValueError, match=message.replace("(", r"\(")):
            model_from_json(text)
