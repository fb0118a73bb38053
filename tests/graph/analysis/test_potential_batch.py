"""The batch scoring of hops (numpy, shared parts computed once) gives exactly what
the hop-by-hop implementation gave: the same rows, in the same order, with the same
floats and sentences, on the demo, on voorbeeld-roc and on random graphs."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.analysis.potential import (
    PotentialGraph,
    explain_hops,
    hop_graph,
    score_hops,
    tie_potentials,
)
from graph.analysis.potential_model import PotentialModel
from graph.analysis.result import Result
from graph.analysis.subgraphs import filter_view
from graph.store.sqlite import SQLiteStore
from importers import ImportOptions, import_paths

VOORBEELD = Path(__file__).parents[3] / "graph" / "data" / "voorbeeld"
AT = dt.date(2024, 6, 1)


def reference_tie_potentials(pg: PotentialGraph) -> Result:
    """The implementation before the batch scoring (hop by hop), kept as the reference."""
    scored = []
    for key in pg.hops:
        a, b = sorted(key)
        scored.append((pg.hop_score(a, b), a, b))
    scored.sort(key=lambda item: (-item[0].total, item[1], item[2]))
    rows: list[dict[str, Any]] = []
    for score, a, b in scored:
        rows.append(
            {
                "source": a,
                "source_name": pg.name(a),
                "target": b,
                "target_name": pg.name(b),
                "potential": score.total,
                "boundary": score.boundary,
                "mechanism": score.mechanism,
                "themes": score.themes,
                "activity": score.activity,
                "explanation": pg.explain(a, b, score),
            }
        )
    meta = {"hops": len(scored), "at": pg.at.isoformat(), "weights": dict(pg.model.weights)}
    return Result("potential", rows, meta)


def reference_hop_edges(pg: PotentialGraph) -> dict[tuple[str, str], tuple[float, float]]:
    out = {}
    for key in pg.hops:
        a, b = sorted(key)
        score = pg.hop_score(a, b)
        out[(a, b)] = (score.total, 1.0 - score.total + pg.model.hop_penalty)
    return out


def assert_same(pg: PotentialGraph) -> None:
    new, old = tie_potentials(pg), reference_tie_potentials(pg)
    assert new.rows == old.rows  # floats compared exactly, order included
    assert new.meta == old.meta
    edges = {
        tuple(sorted((a, b))): (d["potential"], d["cost"])
        for a, b, d in hop_graph(pg).edges(data=True)
    }
    assert edges == reference_hop_edges(pg)
    table = score_hops(pg)
    for i, (a, b) in enumerate(table.pairs):
        assert table.score(i) == pg.hop_score(a, b)
    # the sentences built for all hops at once are those of explain(), hop by hop
    order = list(range(len(table.pairs)))[::-1]
    expected = [pg.explain(*table.pairs[i], table.score(i), table.spans[i]) for i in order]
    assert explain_hops(pg, table, order) == expected


def test_same_as_hop_by_hop_on_the_demo(demo_store: SQLiteStore) -> None:
    pg = PotentialGraph(filter_view(demo_store.load_graph("demo")), at=AT)
    assert len(pg.hops) > 10
    assert_same(pg)


def test_same_as_hop_by_hop_on_voorbeeld_roc(sqlite_store: SQLiteStore) -> None:
    import_paths(sqlite_store, [VOORBEELD], ImportOptions("voorbeeld-roc"))
    graph = filter_view(sqlite_store.load_graph("voorbeeld-roc"))
    assert len(PotentialGraph(graph, at=AT).hops) > 100
    for at in (AT, dt.date(2020, 1, 1)):
        assert_same(PotentialGraph(graph, at=at))
    model = PotentialModel(theme_weight=0.3, boundary_object_weight=0.7, themes_saturation=2.0)
    assert_same(PotentialGraph(graph, model, at=AT))


KINDS = ["person", "organisation", "organisation", "network", "activity", "theme"]
MECHANISMS = [None, "identification", "coordination", "reflection", "transformation", "x"]


def random_workspace(seed: int, n: int, m: int) -> nx.MultiDiGraph:
    """Actors, contexts and themes with random ties, dates, strengths and mechanisms."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    for i in range(n):
        kind = rng.choice(KINDS)
        attrs: dict[str, Any] = {"kind": kind, "name": f"{kind} {i}"}
        if kind == "organisation":
            attrs["org_type"] = rng.choice(["school", "company", "government", None])
            attrs["sector"] = rng.choice(["zorg", "bouw", None])
        if kind == "theme" and rng.random() < 0.5:
            attrs["properties"] = {"boundary_object": rng.choice([True, "ja", "nee"])}
        if kind == "activity" and rng.random() < 0.7:
            attrs["date"] = f"{rng.randint(2015, 2025)}-0{rng.randint(1, 9)}-01"
        g.add_node(f"n{i}", **attrs)
    nodes = list(g)
    for j in range(m):
        u, v = rng.sample(nodes, 2) if n > 1 else (nodes[0], nodes[0])
        ku, kv = g.nodes[u]["kind"], g.nodes[v]["kind"]
        if ku == "person" and kv == "organisation" and rng.random() < 0.5:
            rel = "works_at"
        elif ku in ("network", "activity") and kv in ("network", "activity"):
            rel = "part_of"
        else:
            rel = rng.choice(["collaborates_with", "member_of", "works_on", "partners_with"])
        attrs = {"type": rel}
        if rng.random() < 0.6:
            attrs["since"] = f"{rng.randint(2010, 2024)}-01-01"
        if rng.random() < 0.3:
            attrs["until"] = f"{rng.randint(2012, 2026)}-06-30"
        if rng.random() < 0.6:
            attrs["strength"] = float(rng.randint(1, 5))
        if rng.random() < 0.2:
            attrs["frequency"] = float(rng.randint(1, 12))
        mechanism = rng.choice(MECHANISMS)
        if mechanism:
            attrs["mechanism"] = mechanism
        g.add_edge(u, v, key=f"r{j}", **attrs)
    return g


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), st.integers(2, 40), st.integers(0, 120))
def test_same_as_hop_by_hop_on_random_graphs(seed: int, n: int, m: int) -> None:
    assert_same(PotentialGraph(random_workspace(seed, n, m), at=AT))


@pytest.mark.parametrize("seed", [1, 2])
def test_same_as_hop_by_hop_on_larger_random_graphs(seed: int) -> None:
    graph = random_workspace(seed, 400, 2000)
    pg = PotentialGraph(graph, PotentialModel(max_context_size=12), at=AT)
    assert len(pg.hops) > 500
    assert_same(pg)


def test_the_ties_are_read_in_the_graphs_order() -> None:
    from graph.analysis.potential import _edges

    graph = random_workspace(9, 40, 200)
    assert [(u, v, id(d)) for u, v, d in _edges(graph)] == [
        (u, v, id(d)) for u, v, d in graph.edges(data=True)
    ]
    simple = nx.gnm_random_graph(20, 40, seed=1)
    assert list(_edges(simple)) == list(simple.edges(data=True))  # type: ignore[arg-type]
