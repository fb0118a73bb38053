"""Change over time, the per-version cache and every analysis by name."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import networkx as nx
import pytest

from graph.analysis.cache import AnalysisCache
from graph.analysis.change import changes
from graph.analysis.registry import ANALYSES, AnalysisOptions, run_analysis
from graph.analysis.result import Result
from graph.analysis.subgraphs import filter_view, simple_graph
from graph.errors import GrenswerkError
from graph.model import Node
from graph.store.sqlite import SQLiteStore


def test_demo_change_between_2017_and_2023(demo_store: SQLiteStore) -> None:
    graph = demo_store.load_graph("demo")
    result = changes(graph, dt.date(2017, 1, 1), dt.date(2023, 1, 1))
    gained = {t["id"] for t in result.meta["ties_gained"]}
    assert result.meta["ties_lost_count"] == 0
    assert result.meta["ties_gained_count"] == len(gained) > 0
    assert "netwerk-flexibilisering-mbo" in result.meta["nodes_gained"]  # started Oct 2017
    assert all(r["change"] != 0 for r in result.rows)
    with pytest.raises(ValueError, match="before the first"):
        changes(graph, dt.date(2023, 1, 1), dt.date(2017, 1, 1))


def test_brokerage_change() -> None:
    # a (school) – b (company) from 2010; b – c (government) from 2020. In 2021 b sits
    # on the open two-paths a→b→c and c→b→a, each linking two groups it belongs to
    # neither of: 2 liaisons, where in 2015 it had none. a and c broker nothing.
    graph = nx.MultiDiGraph()
    for node, org_type in (("a", "school"), ("b", "company"), ("c", "government")):
        graph.add_node(node, kind="organisation", org_type=org_type, name=node.upper())
    graph.add_edge("a", "b", key="ab", type="partners_with", since="2010-01-01")
    graph.add_edge("b", "c", key="bc", type="partners_with", since="2020-01-01")
    result = changes(graph, dt.date(2015, 1, 1), dt.date(2021, 1, 1), measure="brokerage")
    assert result.rows == [
        {"id": "b", "name": "B", "brokerage_before": 0.0, "brokerage_after": 2.0, "change": 2.0}
    ]
    assert [t["id"] for t in result.meta["ties_gained"]] == ["bc"]
    assert result.meta["ties_lost"] == []


def test_cache_follows_the_version(demo_store: SQLiteStore) -> None:
    cache = AnalysisCache()
    first = cache.run(demo_store, "demo", "centrality")
    assert cache.run(demo_store, "demo", "centrality") is first
    assert (cache.hits, cache.misses) == (1, 1)
    other = cache.run(demo_store, "demo", "centrality", AnalysisOptions(measures=("degree",)))
    assert other is not first
    demo_store.upsert("demo", [Node(id="new", kind="theme", name="nieuw", workspace="demo")])
    again = cache.run(demo_store, "demo", "centrality")
    assert again is not first and again.meta["workspace_version"] == 2


OPTIONS = {
    "paths": AnalysisOptions(source="roc-midden-nederland", target="cinop"),
    "recommend": AnalysisOptions(node="noorderpoort"),
    "change": AnalysisOptions(before=dt.date(2017, 1, 1), after=dt.date(2023, 1, 1)),
}


def _summary(result: Result, simple: nx.Graph) -> None:
    # the demo without its 5 sources and mentioned_in ties; checked against networkx
    meta = result.meta
    assert (meta["nodes"], meta["ties"]) == (74, 114) == (len(simple), simple.number_of_edges())
    assert meta["components"] == nx.number_connected_components(simple) == 3
    assert meta["largest_component"] == 49
    assert meta["density"] == pytest.approx(nx.density(simple))


def _centrality(result: Result, simple: nx.Graph) -> None:
    rows = {r["id"]: r for r in result.rows}
    assert len(rows) == 74
    betweenness = nx.betweenness_centrality(simple, weight=None)
    pagerank = nx.pagerank(simple, weight="weight", tol=1e-13, max_iter=10_000)
    for node, row in rows.items():
        assert row["degree"] == simple.degree(node)
        assert row["betweenness"] == pytest.approx(betweenness[node], abs=1e-9)
        assert row["pagerank"] == pytest.approx(pagerank[node], abs=1e-9)
    assert max(rows.values(), key=lambda r: r["betweenness"])["id"] == max(
        betweenness, key=lambda n: betweenness[n]
    )


def _brokerage(result: Result, simple: nx.Graph) -> None:
    # Common Eye (knowledge_institute) ties Esther Klaster and Nikki Willems (its own
    # group, tied to each other) to the Inspectie (government): 2 representative
    # paths out, 2 gatekeeper paths in; nobody else brokers in the demo.
    rows = {r["id"]: r for r in result.rows}
    ce = rows["common-eye"]
    counted = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison", "total")
    assert [ce[k] for k in counted] == [0, 0, 2, 2, 0, 4]
    assert [r["id"] for r in result.rows if r["total"]] == ["common-eye"]


def _holes(result: Result, simple: nx.Graph) -> None:
    rows = {r["id"]: r for r in result.rows}
    effective = nx.effective_size(simple, weight="weight")
    constraint = nx.constraint(simple, weight="weight")
    for node in ("kwaliteitsnetwerk-mbo", "cinop", "common-eye"):
        assert rows[node]["effective_size"] == pytest.approx(effective[node])
        assert rows[node]["constraint"] == pytest.approx(constraint[node])
    assert rows["kwaliteitsnetwerk-mbo"]["effective_size"] == pytest.approx(3.8)


def _ei(result: Result, simple: nx.Graph) -> None:
    meta = result.meta
    assert (meta["external"], meta["internal"]) == (5, 13)
    assert meta["network"] == pytest.approx((5 - 13) / 18)
    noorderpoort = next(r for r in result.rows if r["id"] == "noorderpoort")
    assert (noorderpoort["external"], noorderpoort["internal"]) == (1, 3)
    assert noorderpoort["ei_index"] == pytest.approx(-0.5)


def _communities(result: Result, simple: nx.Graph) -> None:
    groups: dict[int, set[str]] = {}
    for row in result.rows:
        groups.setdefault(row["community"], set()).add(row["id"])
    assert result.meta["count"] == len(groups) == 5
    assert sum(len(g) for g in groups.values()) == 74
    expected = nx.community.modularity(simple, list(groups.values()), weight="weight")
    assert result.meta["modularity"] == pytest.approx(expected)
    same = {r["id"]: r["community"] for r in result.rows}
    assert same["roc-midden-nederland"] == same["noorderpoort"] == same["cinop"]


def _potential(result: Result, simple: nx.Graph) -> None:
    # CINOP (knowledge_institute) – Ilse Hartgers (works at a school): boundary 0.5,
    # coordination 0.5, 3 or more shared themes 1, running with no frequency 0.75:
    # 0.35 × 0.5 + 0.25 × 0.5 + 0.20 × 1 + 0.20 × 0.75 = 0.65
    assert len(result.rows) == result.meta["hops"] == 22
    first = result.rows[0]
    assert (first["source"], first["target"]) == ("cinop", "ilse-hartgers")
    assert first["potential"] == pytest.approx(0.65)
    values = [r["potential"] for r in result.rows]
    assert values == sorted(values, reverse=True)


def _paths(result: Result, simple: nx.Graph) -> None:
    assert [r["names"] for r in result.rows][:2] == [
        ["ROC Midden-Nederland", "CINOP"],
        ["ROC Midden-Nederland", "Noorderpoort", "CINOP"],
    ]
    # a path's potential is the mean of its hops' (test_potential.py works them out):
    # ROC–CINOP 0.5167; ROC–Noorderpoort 0.4542 and Noorderpoort–CINOP 0.5167
    assert result.rows[0]["potential"] == pytest.approx(0.5167, abs=1e-4)
    assert result.rows[1]["potential"] == pytest.approx((0.4542 + 0.5167) / 2, abs=1e-4)


def _recommend(result: Result, simple: nx.Graph) -> None:
    assert [r["id"] for r in result.rows] == ["cinop", "ilse-hartgers"]
    assert result.rows[0]["score"] == pytest.approx(0.45 * 0.5 + 0.35 / 3 + 0.20 * 1.0)


def _change(result: Result, simple: nx.Graph) -> None:
    meta = result.meta
    assert (meta["ties_before"], meta["ties_after"]) == (58, 109)
    # by the ties' own dates (issue 23): 6 gained, each with its since in the window;
    # before, 51 were "gained", 45 of them only because an end node began
    assert (meta["ties_gained_count"], meta["ties_lost_count"]) == (6, 0)
    assert meta["ties_with_new_nodes_count"] == 45
    assert all("2017-01-01" < t["since"] <= "2023-01-01" for t in meta["ties_gained"])
    assert len(result.rows) == 40
    first = result.rows[0]
    assert (first["degree_before"], first["degree_after"], first["change"]) == (0.0, 9.0, 9.0)
    changes_ = [abs(r["change"]) for r in result.rows]
    assert changes_ == sorted(changes_, reverse=True)


def _homophily(result: Result, simple: nx.Graph) -> None:
    rows = {r["statistic"]: r for r in result.rows}
    assert round(rows["ei_index"]["observed"], 4) == -0.4444
    assert (rows["ei_index"]["p_greater"], rows["ei_index"]["p_less"]) == (1.0, 0.0)
    assert round(rows["assortativity"]["observed"], 4) == 0.5174
    assert result.meta["permutations"] == 999 and result.meta["computed"].startswith("sampled")


def _ego(result: Result, simple: nx.Graph) -> None:
    assert len(result.rows) == 22
    cinop = next(r for r in result.rows if r["id"] == "cinop")
    assert (cinop["alters"], cinop["ego_density"], cinop["blau"]) == (4, 1.0, 0.0)


KNOWN: dict[str, Callable[[Result, nx.Graph], None]] = {
    "homophily": _homophily,
    "ego": _ego,
    "summary": _summary,
    "centrality": _centrality,
    "brokerage": _brokerage,
    "holes": _holes,
    "ei": _ei,
    "communities": _communities,
    "potential": _potential,
    "paths": _paths,
    "recommend": _recommend,
    "change": _change,
}


def test_every_analysis_has_known_values() -> None:
    assert set(KNOWN) == set(ANALYSES)


@pytest.mark.parametrize("name", list(ANALYSES))
def test_every_analysis_gives_known_values_on_the_demo(demo_store: SQLiteStore, name: str) -> None:
    graph = demo_store.load_graph("demo")
    result = run_analysis(name, graph, OPTIONS.get(name))
    assert result.to_json()["analysis"] == result.analysis
    KNOWN[name](result, simple_graph(filter_view(graph)))


@pytest.mark.parametrize(
    ("name", "options", "message"),
    [
        ("nonsense", None, "unknown analysis"),
        ("paths", AnalysisOptions(source="cinop"), "needs a source and a target"),
        ("paths", AnalysisOptions(source="cinop", target="nobody"), "no node 'nobody'"),
        ("recommend", None, "need a node"),
        ("recommend", AnalysisOptions(node="examinering"), "is a theme"),
        ("change", AnalysisOptions(before=dt.date(2020, 1, 1)), "two dates"),
    ],
)
def test_analysis_errors_are_messages(
    demo_store: SQLiteStore, name: str, options: AnalysisOptions | None, message: str
) -> None:
    with pytest.raises(GrenswerkError, match=message):
        run_analysis(name, demo_store.load_graph("demo"), options)


def test_projection_option(demo_store: SQLiteStore) -> None:
    result = run_analysis(
        "centrality",
        demo_store.load_graph("demo"),
        AnalysisOptions(project="organisation", measures=("degree",)),
    )
    assert result.rows and all(r["id"] for r in result.rows)
    kinds = {demo_store.get_node("demo", r["id"]).kind.value for r in result.rows}  # type: ignore[union-attr]
    assert kinds == {"organisation"}
