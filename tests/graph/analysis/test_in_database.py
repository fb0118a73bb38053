"""Centrality and communities inside Neo4j (Graph Data Science) against the in-process
engine, on the real server with OpenGDS 2.13 (docs/analyses.md gives the tolerances).

Centralities are compared value by value: the same rows (ids and names, in order), the
same columns, every value within 1e-9 (PageRank: GDS runs to 1e-10 per round and is
normalised to sum 1). Communities are compared as partitions: modularity at least 97 % of
the in-process one, and a normalised mutual information of at least 0.5 with it (the
in-process Leiden's own runs with other seeds are as far apart as 0.74 on voorbeeld-roc
and 0.63 on the 10 000-node map, unweighted), since two implementations of Louvain or
Leiden find different partitions of about the same quality.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import igraph as ig
import neo4j
import pytest

from graph.analysis.cache import GDS_INPUT, AnalysisCache
from graph.analysis.communities import spread_over_communities
from graph.analysis.registry import AnalysisOptions, _simple
from graph.analysis.result import Result, to_igraph
from graph.errors import GrenswerkError, NotSupported
from graph.store.base import Store
from graph.store.neo4j import analytics as gds_side
from graph.store.sqlite import SQLiteStore
from importers import ImportOptions, import_paths
from tests.conftest import DEMO_DIR, Neo4jTarget, open_neo4j_store
from tests.graph.analysis.regional import regional

pytestmark = pytest.mark.neo4j

FIVE = ("degree", "betweenness", "closeness", "harmonic", "pagerank")
#: every value of a centrality column: GDS against the in-process engine (raw
#: betweenness runs to 10⁷ on 10 000 nodes: there 1e-12 of it)
ABSOLUTE = 1e-9
RELATIVE = 1e-12
#: communities: the modularity GDS's partition reaches, relative to the in-process one
MODULARITY = 0.03
#: communities: the least normalised mutual information of the two partitions
NMI = 0.5


@pytest.fixture(scope="module")
def gds_store(neo4j_target: Neo4jTarget) -> Iterator[Store]:
    """The real server, emptied, with the demo and voorbeeld-roc workspaces."""
    store = open_neo4j_store(neo4j_target)
    import_paths(
        store,
        [DEMO_DIR / "demo-nodes.csv", DEMO_DIR / "demo-relationships.csv"],
        ImportOptions("demo"),
    )
    import_paths(store, sorted((DEMO_DIR / "voorbeeld").glob("*.csv")), ImportOptions("roc"))
    yield store
    store.close()


def projections(target: Neo4jTarget) -> list[str]:
    """The in-memory graphs GDS holds now."""
    auth = (target.user, target.password or "")
    with (
        neo4j.GraphDatabase.driver(target.uri, auth=auth) as driver,
        driver.session(database=target.database) as session,
    ):
        return [r["graphName"] for r in session.run("CALL gds.graph.list() YIELD graphName")]


def both(store: Store, workspace: str, name: str, **options: Any) -> tuple[Result, Result]:
    """The analysis in process and in GDS, with the same options."""
    cache = AnalysisCache()
    local = cache.run(store, workspace, name, AnalysisOptions(engine="local", **options))
    gds = cache.run(store, workspace, name, AnalysisOptions(engine="gds", **options))
    assert (local.meta["engine"], gds.meta["engine"]) == ("local", "gds")
    return local, gds


def assert_same_centralities(local: Result, gds: Result) -> None:
    assert [(r["id"], r["name"]) for r in gds.rows] == [(r["id"], r["name"]) for r in local.rows]
    assert [list(r) for r in gds.rows] == [list(r) for r in local.rows]  # columns, in order
    for mine, theirs in zip(local.rows, gds.rows, strict=True):
        for column, value in mine.items():
            if column not in ("id", "name"):
                assert math.isclose(theirs[column], value, rel_tol=RELATIVE, abs_tol=ABSOLUTE), (
                    mine["id"],
                    column,
                    value,
                    theirs[column],
                )
    for key in ("nodes", "directed", "weighted", "path_weighted"):
        assert gds.meta[key] == local.meta[key], key


@pytest.mark.parametrize(
    ("workspace", "options", "isolated"),
    [
        ("demo", {}, 0),
        ("demo", {"directed": True, "at": dt.date(2019, 6, 1)}, 4),
        (
            "demo",
            {
                "kinds": ("organisation", "person", "theme", "network", "activity"),
                "themes": ("flexibilisering", "flexscan", "manifest-in-wording", "llo"),
            },
            0,
        ),
        ("roc", {"weighted": False, "types": ("partners_with", "works_at", "member_of")}, 60),
        ("roc", {"directed": True}, 13),
    ],
    ids=["demo", "demo-directed-at", "demo-kinds-themes", "roc-unweighted-types", "roc-directed"],
)
def test_centralities_equal_in_process(
    gds_store: Store, workspace: str, options: Any, isolated: int
) -> None:
    """Every value as in process, isolated nodes (no tie in the view) included."""
    local, gds = both(gds_store, workspace, "centrality", measures=FIVE, **options)
    assert len(local.rows) >= 15
    assert sum(r["degree"] == 0 for r in gds.rows) == isolated
    assert gds.meta["pagerank_converged"] is True
    assert_same_centralities(local, gds)


def nmi(a: Result, b: Result) -> float:
    return float(
        ig.compare_communities(
            [r["community"] for r in a.rows], [r["community"] for r in b.rows], method="nmi"
        )
    )


@pytest.mark.parametrize(
    ("workspace", "options"),
    [
        ("demo", {}),
        ("demo", {"method": "louvain"}),
        ("roc", {"resolution": 0.5, "seed": 3}),
        ("roc", {"weighted": False}),
        ("roc", {"method": "louvain"}),
        ("roc", {"at": dt.date(2021, 6, 1), "types": ("partners_with", "works_at", "member_of")}),
        (
            "demo",
            {
                "kinds": ("organisation", "person", "theme", "network", "activity"),
                "themes": ("flexibilisering", "flexscan", "manifest-in-wording", "llo"),
            },
        ),
    ],
    ids=[
        "demo-leiden",
        "demo-louvain",
        "roc-leiden-resolution",
        "roc-unweighted",
        "roc-louvain",
        "roc-at-types",
        "demo-kinds-themes",
    ],
)
def test_communities_as_good_as_in_process(gds_store: Store, workspace: str, options: Any) -> None:
    local, gds = both(gds_store, workspace, "communities", **options)
    assert [(r["id"], r["name"]) for r in gds.rows] == [(r["id"], r["name"]) for r in local.rows]
    assert [list(r) for r in gds.rows] == [list(r) for r in local.rows]
    quality = local.meta["modularity"]
    assert gds.meta["modularity"] >= quality * (1 - MODULARITY), (gds.meta, local.meta)
    assert nmi(local, gds) >= NMI
    assert gds.meta["count"] == len(gds.meta["sizes"]) == len({r["community"] for r in gds.rows})
    assert gds.meta["sizes"] == sorted(gds.meta["sizes"], reverse=True)
    sizes = [sum(r["community"] == c for r in gds.rows) for c in range(gds.meta["count"])]
    assert sizes == gds.meta["sizes"]  # numbered by size, largest first
    # participation, bridges and modularity of GDS's communities, from the ties GDS
    # streams back, equal those of the same communities on the in-process view
    view = _simple(gds_store.load_graph(workspace), AnalysisOptions(**options))
    membership = {r["id"]: r["community"] for r in gds.rows}
    spread = spread_over_communities(view, membership)
    for row in gds.rows:
        expected = spread[row["id"]]
        for key in ("community", "bridges", "communities_reached"):
            assert row[key] == expected[key], (row, expected)
        assert math.isclose(row["participation"], expected["participation"], abs_tol=1e-12)
    g, ids = to_igraph(view)
    weights = "weight" if options.get("weighted", True) else None
    resolution = options.get("resolution", 1.0)
    again = g.modularity([membership[i] for i in ids], weights=weights, resolution=resolution)
    assert math.isclose(gds.meta["modularity"], again, abs_tol=1e-12)


@pytest.mark.parametrize(
    ("name", "options", "named"),
    [
        ("centrality", {"measures": ("pagerank", "eigenvector")}, "eigenvector:"),
        ("centrality", {"path_weighted": True, "measures": ("betweenness",)}, "path_weighted:"),
        ("centrality", {"path_weighted": True, "measures": ("closeness",)}, "path_weighted:"),
        ("centrality", {"path_weighted": True, "measures": ("harmonic",)}, "path_weighted:"),
        ("centrality", {"project": "organisation", "measures": ("degree",)}, "project:"),
        ("communities", {"directed": True}, "directed:"),
        ("communities", {"method": "louvain", "resolution": 0.5}, "resolution:"),
        ("communities", {"method": "louvain", "seed": 2}, "seed:"),
        ("summary", {}, "summary runs in this process only"),
        ("brokerage", {}, "brokerage runs in this process only"),
    ],
)
def test_what_gds_cannot_honour_is_refused(
    gds_store: Store, neo4j_target: Neo4jTarget, name: str, options: Any, named: str
) -> None:
    """Asked for GDS, an option it cannot honour is refused with the option named (never
    ignored); with engine auto the same analysis runs in process and says why."""
    cache = AnalysisCache(gds_min_nodes=1)
    with pytest.raises(GrenswerkError, match="engine gds cannot honour") as refused:
        cache.run(gds_store, "demo", name, AnalysisOptions(engine="gds", **options))
    assert named in str(refused.value)
    auto = cache.run(gds_store, "demo", name, AnalysisOptions(**options))
    assert auto.meta["engine"] == "local"
    assert named in auto.meta["engine_reason"]
    assert projections(neo4j_target) == []


def test_the_path_weighted_default_is_no_refusal(gds_store: Store) -> None:
    """path_weighted without weights (weighted=false) counts hops: nothing to refuse;
    PageRank and degree with path_weighted neither."""
    cache = AnalysisCache()
    for options in (
        {"path_weighted": True, "weighted": False, "measures": ("betweenness",)},
        {"path_weighted": True, "measures": ("degree", "pagerank")},
    ):
        result = cache.run(
            gds_store, "demo", "centrality", AnalysisOptions(engine="gds", **options)
        )
        assert result.meta["engine"] == "gds"


def test_auto_uses_gds_from_the_threshold(gds_store: Store, neo4j_target: Neo4jTarget) -> None:
    options = AnalysisOptions(measures=("degree", "pagerank"))
    below = AnalysisCache().run(gds_store, "demo", "centrality", options)
    assert below.meta["engine"] == "local"
    # the workspace's nodes (79), sources included: the view has 74
    assert below.meta["engine_reason"] == "79 nodes, fewer than the 50000 from which auto uses GDS"
    above = AnalysisCache(gds_min_nodes=79).run(gds_store, "demo", "centrality", options)
    assert above.meta["engine"] == "gds"
    assert above.meta["engine_reason"] == "79 nodes, at least the 79 from which auto uses GDS"
    assert above.meta["gds_version"] == "2.13.9"
    view = _simple(gds_store.load_graph("demo"), options)
    assert above.meta["projection"] == {"nodes": 74, "ties": view.number_of_edges()}
    assert projections(neo4j_target) == []  # dropped after use
    # provenance: the workspace version is the input, no hash of a graph never loaded
    assert above.meta["provenance"]["input_sha256"] == GDS_INPUT
    assert above.meta["provenance"]["workspace_version"] == gds_store.version("demo")
    assert below.meta["provenance"]["input_sha256"].startswith("sha256:")
    assert above.meta["computed"] == below.meta["computed"] == "exact"


def test_the_projection_is_dropped_when_a_measure_fails(
    gds_store: Store, neo4j_target: Neo4jTarget, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(session: Any, graph: str, *args: Any) -> None:
        assert graph in projections(neo4j_target)  # it was there while the measure ran
        session.run(
            "CALL gds.pageRank.mutate($graph, {mutateProperty: 'x', dampingFactor: 2})", graph=graph
        ).consume()

    monkeypatch.setitem(gds_side._MEASURES, "pagerank", broken)
    with pytest.raises(GrenswerkError, match="Graph Data Science"):
        AnalysisCache().run(
            gds_store, "demo", "centrality", AnalysisOptions(engine="gds", measures=FIVE)
        )
    assert projections(neo4j_target) == []


def test_an_unknown_theme_is_refused_as_in_process(gds_store: Store) -> None:
    messages = []
    for engine in ("local", "gds"):
        with pytest.raises(GrenswerkError) as refused:
            AnalysisCache().run(
                gds_store,
                "demo",
                "centrality",
                AnalysisOptions(engine=engine, themes=("stages",), measures=FIVE),
            )
        messages.append(str(refused.value))
    assert messages[0] == messages[1]
    assert messages[0].startswith("no theme 'stages' in this workspace; themes are given by id:")


def test_the_capability_is_declared(gds_store: Store, tmp_path: Path) -> None:
    assert gds_store.capabilities.in_database_analytics is True
    assert SQLiteStore(":memory:").capabilities.in_database_analytics is False
    assert gds_side.supported_gds("2.13.9") and not gds_side.supported_gds("2.12.0")
    with pytest.raises(NotSupported, match="cannot run analyses inside its database"):
        AnalysisCache().run(
            SQLiteStore(":memory:"), "w", "centrality", AnalysisOptions(engine="gds")
        )


def test_without_gds_the_store_says_so(
    neo4j_target: Neo4jTarget, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server whose ``gds.version()`` fails (no GDS) opens a store without the
    capability, and auto runs in process."""
    from graph.store.neo4j import Neo4jStore, cypher

    monkeypatch.setattr(cypher, "GDS_VERSION", "RETURN gds.nothing() AS version")
    store = Neo4jStore(neo4j_target.uri, neo4j_target.user, neo4j_target.password)
    try:
        assert store.gds_version is None
        assert store.capabilities.in_database_analytics is False
        assert Neo4jStore.capabilities.in_database_analytics is False  # the class's unchanged
    finally:
        store.close()


def test_workspaces_stored_before_the_fields_get_them(
    gds_store: Store, neo4j_target: Neo4jTarget
) -> None:
    """A workspace stored before the view's fields (since, until, date, strength) were
    kept gets them from its JSON when the store opens, once: the date filter and the
    weights in GDS then equal those in process."""
    from graph.store.neo4j import Neo4jStore

    import_paths(gds_store, sorted((DEMO_DIR / "voorbeeld").glob("*.csv")), ImportOptions("old"))
    auth = (neo4j_target.user, neo4j_target.password or "")
    forget = [
        "MATCH (w:Workspace {name: 'old'}) REMOVE w.view_fields",
        "MATCH (n:Node {workspace: 'old'}) REMOVE n.since, n.until, n.date",
        "MATCH (:Node {workspace: 'old'})-[r]->() REMOVE r.since, r.until, r.strength",
    ]
    count = (
        "MATCH (:Node {workspace: 'old'})-[r]->() WHERE r.strength IS NOT NULL RETURN count(r) AS n"
    )
    with (
        neo4j.GraphDatabase.driver(neo4j_target.uri, auth=auth) as driver,
        driver.session(database=neo4j_target.database) as session,
    ):
        for statement in forget:
            session.run(statement).consume()
        assert session.run(count).single()["n"] == 0
        reopened = Neo4jStore(neo4j_target.uri, neo4j_target.user, neo4j_target.password)
        try:
            assert session.run(count).single()["n"] > 0
            marked = "MATCH (w:Workspace {name: 'old'}) RETURN w.view_fields AS mark"
            assert session.run(marked).single()["mark"] == 1
            options = {"measures": ("degree", "pagerank"), "at": dt.date(2021, 6, 1)}
            local, gds = both(reopened, "old", "centrality", **options)
            assert_same_centralities(local, gds)
        finally:
            reopened.delete_workspace("old")
            reopened.close()


@pytest.mark.slow
def test_a_regional_map_of_10000_nodes(gds_store: Store) -> None:
    """Exact betweenness, closeness, harmonic, PageRank and degree, and Leiden, on a
    generated map of 10 000 nodes and about 15 800 ties (tests/graph/analysis/regional.py):
    both engines, the same tolerances."""
    nodes, ties = regional("regio")
    gds_store.upsert("regio", nodes, ties)
    try:
        local, gds = both(gds_store, "regio", "centrality", measures=FIVE)
        assert len(gds.rows) == 10_000 and "betweenness_sample" not in gds.meta
        assert_same_centralities(local, gds)
        local, gds = both(gds_store, "regio", "communities")
        assert gds.meta["modularity"] >= local.meta["modularity"] * (1 - MODULARITY)
        assert nmi(local, gds) >= NMI
    finally:
        gds_store.delete_workspace("regio")


def test_the_console_says_gds_ran(
    gds_store: Store, neo4j_target: Neo4jTarget, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`grenswerk analyse … --engine gds` on Neo4j: the table, then engine: gds."""
    from typer.testing import CliRunner

    from cli.app import app

    monkeypatch.setenv("GRENSWERK_STORE", "neo4j")
    monkeypatch.setenv("GRENSWERK_NEO4J_URI", neo4j_target.uri)
    monkeypatch.setenv("GRENSWERK_NEO4J_USER", neo4j_target.user)
    monkeypatch.setenv("GRENSWERK_NEO4J_PASSWORD", neo4j_target.password or "")
    args = ["--data-dir", str(tmp_path), "analyse", "centrality", "-w", "demo"]
    done = CliRunner().invoke(app, [*args, "--engine", "gds", "--measures", "degree,pagerank"])
    assert done.exit_code == 0, done.output
    assert "engine: gds" in done.output and "gds_version: 2.13.9" in done.output
    assert f"input {GDS_INPUT}, grenswerk" in done.output
    done = CliRunner().invoke(app, [*args, "--engine", "gds"])
    assert done.exit_code == 1
    assert "engine gds cannot honour what was asked: eigenvector:" in done.output


def test_an_empty_view_gives_no_rows_in_both(gds_store: Store, neo4j_target: Neo4jTarget) -> None:
    """Source documents are never in a view: asking for them alone leaves no node, and
    GDS projects nothing (an aggregation over no rows) instead of failing."""
    local, gds = both(gds_store, "demo", "centrality", kinds=("source",), measures=FIVE)
    assert local.rows == gds.rows == []
    assert local.meta["nodes"] == gds.meta["nodes"] == 0
    local, gds = both(gds_store, "demo", "communities", kinds=("source",))
    assert local.rows == gds.rows == []
    assert (gds.meta["count"], gds.meta["modularity"]) == (0, 0.0)
    assert projections(neo4j_target) == []


def test_auto_runs_in_process_when_gds_fails(
    gds_store: Store, neo4j_target: Neo4jTarget, monkeypatch: pytest.MonkeyPatch
) -> None:
    """auto chose GDS and GDS failed: in process, and the reason says so; asked for
    GDS, the failure is the answer."""

    def broken(session: Any, graph: str, *args: Any) -> None:
        session.run(
            "CALL gds.pageRank.mutate($graph, {mutateProperty: 'x', dampingFactor: 2})",
            graph=graph,
        ).consume()

    monkeypatch.setitem(gds_side._MEASURES, "pagerank", broken)
    options = {"measures": ("degree", "pagerank")}
    result = AnalysisCache(gds_min_nodes=1).run(
        gds_store, "demo", "centrality", AnalysisOptions(**options)
    )
    assert result.meta["engine"] == "local"
    assert result.meta["engine_reason"].startswith("GDS failed, so in process: Neo4j refused")
    assert "dampingFactor" in result.meta["engine_reason"]
    with pytest.raises(GrenswerkError, match="dampingFactor"):
        AnalysisCache().run(
            gds_store, "demo", "centrality", AnalysisOptions(engine="gds", **options)
        )
    assert projections(neo4j_target) == []
