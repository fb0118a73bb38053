"""Analysis benchmark: our implementation against pure networkx, in one process.

Path-based measures count steps on both sides (Grenswerk's default; ``--path-weighted``
is the other choice). For generated workspace graphs of 1 000, 10 000 and 100 000
nodes (about five ties per node, heavy-tailed degrees: Barabási–Albert; organisations
of six practices and people working at them; a few hundred networks and themes), it
times every analysis through ``run_analysis`` (view building included) and the
networkx function that computes the same measure. Where networkx would take more
than ten minutes it is not run: its time is estimated from a sample of sources and
marked ``est.``; where networkx has no equivalent the cell says so.

    python bench/analysis.py [--sizes 1000,10000,100000] [--seed 1]
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
import time
from collections.abc import Callable
from typing import Any

import networkx as nx

from graph.analysis.registry import AnalysisOptions, run_analysis
from graph.analysis.subgraphs import actor_graph, filter_view, simple_graph

ORG_TYPES = (
    "school",
    "company",
    "company",
    "company",
    "government",
    "knowledge_institute",
    "sector_body",
)
BUDGET = 600.0  # seconds networkx may take for exact betweenness (the 20x target)
OTHER_BUDGET = 60.0  # for the other measures; beyond, their time is estimated


def workspace(n: int, seed: int) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    base = nx.barabasi_albert_graph(n, 5, seed=seed)
    graph = nx.MultiDiGraph()
    ids = {node: f"n{node}" for node in base}
    n_contexts = max(10, n // 500)
    for node in base:
        if node < n_contexts:
            graph.add_node(ids[node], kind="network", name=f"netwerk {node}")
        elif node < 2 * n_contexts:
            graph.add_node(ids[node], kind="theme", name=f"thema {node}")
        elif rng.random() < 0.2:
            graph.add_node(ids[node], kind="person", name=f"persoon {node}")
        else:
            graph.add_node(
                ids[node],
                kind="organisation",
                name=f"organisatie {node}",
                org_type=rng.choice(ORG_TYPES),
                sector=rng.choice("ABCDEFGH"),
            )
    for raw_u, raw_v in base.edges():
        u, v = ids[raw_u], ids[raw_v]
        ku, kv = graph.nodes[u]["kind"], graph.nodes[v]["kind"]
        if kv == "theme" or ku == "theme":
            a, b = (u, v) if kv == "theme" else (v, u)
            rel = "works_on"
        elif kv == "network" or ku == "network":
            a, b = (u, v) if kv == "network" else (v, u)
            rel = "member_of"
        else:
            a, b, rel = u, v, "collaborates_with"
        year = rng.randint(2012, 2024)
        graph.add_edge(
            a,
            b,
            type=rel,
            strength=float(rng.randint(1, 5)),
            since=f"{year}-01-01",
            mechanism=rng.choice(
                ["identification", "coordination", "reflection", "transformation"]
            ),
        )
    return graph


def timed(func: Callable[[], Any]) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def nx_estimate(
    graph: nx.Graph,
    full: Callable[[], Any],
    partial: Callable[[int], Any],
    n: int,
    budget: float = OTHER_BUDGET,
) -> tuple[float, bool]:
    """Time networkx: in full when a sampled run predicts it fits the budget."""
    k = min(n, 50)
    sample = timed(lambda: partial(k))
    estimate = sample * n / k
    if estimate <= budget and n <= 20_000:
        return timed(full), False
    return estimate, True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    summary_rows = [bench_size(n, args.seed) for n in sizes]
    print("\n== whole suite")
    for n, m, total in summary_rows:
        target = {10_000: 10.0, 100_000: 60.0}.get(n)
        verdict = (
            ""
            if target is None
            else (f"  target ≤ {target:.0f} s: {'met' if total <= target else 'NOT met'}")
        )
        print(f"{n:>8,} nodes {m:>9,} ties: {total:7.2f} s{verdict}")


def bench_size(n: int, seed: int) -> tuple[int, int, float]:
    """Every analysis on one generated graph, ours and networkx's; prints a table."""
    t0 = time.perf_counter()
    graph = workspace(n, seed)
    print(
        f"\n== {n:,} nodes, {graph.number_of_edges():,} ties "
        f"(generated in {time.perf_counter() - t0:.1f} s)"
    )
    view = filter_view(graph)
    simple = simple_graph(view)
    actors = actor_graph(view)
    first_node = next(iter(actors))
    second_node = list(actors)[len(actors) // 2]
    ours: dict[str, float] = {}
    notes: dict[str, str] = {}
    suite = [
        ("summary", AnalysisOptions()),
        ("centrality:degree", AnalysisOptions(measures=("degree",))),
        ("centrality:betweenness", AnalysisOptions(measures=("betweenness",))),
        ("centrality:closeness", AnalysisOptions(measures=("closeness",))),
        ("centrality:harmonic", AnalysisOptions(measures=("harmonic",))),
        ("centrality:eigenvector", AnalysisOptions(measures=("eigenvector",))),
        ("centrality:pagerank", AnalysisOptions(measures=("pagerank",))),
        ("brokerage", AnalysisOptions()),
        ("holes", AnalysisOptions()),
        ("ei", AnalysisOptions()),
        ("communities:leiden", AnalysisOptions(method="leiden")),
        ("communities:louvain", AnalysisOptions(method="louvain")),
        ("potential", AnalysisOptions()),
        ("paths", AnalysisOptions(source=first_node, target=second_node)),
        ("recommend", AnalysisOptions(node=first_node)),
        ("change", AnalysisOptions(before=dt.date(2016, 1, 1), after=dt.date(2022, 1, 1))),
    ]
    for label, options in suite:
        name = label.split(":")[0]
        start = time.perf_counter()
        meta = run_analysis(name, graph, options).meta
        ours[label] = time.perf_counter() - start
        if "betweenness_sample" in meta:
            notes[label] = f"sampled, {meta['betweenness_sample']} sources"
        if "distance_sample" in meta:
            notes[label] = f"sampled, {meta['distance_sample']} pivots"
    exact_b = (
        timed(
            lambda: run_analysis(
                "centrality",
                graph,
                AnalysisOptions(measures=("betweenness",), sample_threshold=10**9),
            )
        )
        if n <= 20_000
        else None
    )
    reference: dict[str, tuple[float, bool] | None] = {
        "summary": (
            timed(lambda: (nx.density(simple), list(nx.connected_components(simple)))),
            False,
        ),
        "centrality:degree": (timed(lambda: nx.degree_centrality(simple)), False),
        "centrality:betweenness": nx_estimate(
            simple,
            lambda: nx.betweenness_centrality(simple, weight=None),
            lambda k: nx.betweenness_centrality(simple, k=k, weight=None, seed=1),
            n,
            BUDGET,
        ),
        "centrality:closeness": nx_estimate(
            simple,
            lambda: nx.closeness_centrality(simple, distance=None),
            lambda k: [
                nx.closeness_centrality(simple, u=u, distance=None) for u in list(simple)[:k]
            ],
            n,
        ),
        "centrality:harmonic": nx_estimate(
            simple,
            lambda: nx.harmonic_centrality(simple, distance=None),
            lambda k: nx.harmonic_centrality(simple, sources=list(simple)[:k], distance=None),
            n,
        ),
        "centrality:eigenvector": (
            timed(lambda: nx.eigenvector_centrality_numpy(simple, weight="weight")),
            False,
        ),
        "centrality:pagerank": (timed(lambda: nx.pagerank(simple, weight="weight")), False),
        "brokerage": None,
        "holes": nx_estimate(
            simple,
            lambda: (
                nx.constraint(simple, weight="weight"),
                nx.effective_size(simple, nodes=list(simple), weight="weight"),
            ),
            lambda k: (
                nx.constraint(simple, nodes=list(simple)[:k], weight="weight"),
                nx.effective_size(simple, nodes=list(simple)[:k], weight="weight"),
            ),
            n,
        ),
        "ei": None,
        "communities:leiden": None,
        "communities:louvain": (
            timed(lambda: nx.community.louvain_communities(simple, weight="weight", seed=1)),
            False,
        )
        if n <= 20_000
        else None,
        "potential": None,
        "paths": (
            timed(
                lambda: list(
                    itertools.islice(
                        nx.shortest_simple_paths(
                            actors, first_node, second_node, weight="distance"
                        ),
                        3,
                    )
                )
            )
            if nx.has_path(actors, first_node, second_node)
            else 0.0,
            False,
        ),
        "recommend": None,
        "change": None,
    }
    print(f"{'analysis':<26}{'ours (s)':>10}{'networkx (s)':>15}{'ratio':>9}  note")
    for label, _ in suite:
        ref = reference.get(label)
        mine = ours[label]
        if ref is None:
            print(
                f"{label:<26}{mine:>10.3f}{'—':>15}{'—':>9}  "
                f"{notes.get(label, 'no networkx equivalent or skipped (> budget)')}"
            )
            continue
        seconds, estimated = ref
        shown = f"{'est. ' if estimated else ''}{seconds:.3f}"
        ratio = seconds / mine if mine > 0 else float("inf")
        print(f"{label:<26}{mine:>10.3f}{shown:>15}{ratio:>8.1f}×  {notes.get(label, '')}")
    total = sum(ours.values())
    print(f"{'whole suite (ours)':<26}{total:>10.2f}")
    if exact_b is not None:
        ref_b = reference["centrality:betweenness"]
        assert ref_b is not None
        print(
            f"exact betweenness: ours {exact_b:.3f} s, networkx "
            f"{'est. ' if ref_b[1] else ''}{ref_b[0]:.2f} s, ratio "
            f"{ref_b[0] / exact_b:.1f}× (target ≥ 20×)"
        )
    return n, graph.number_of_edges(), total


if __name__ == "__main__":
    main()
