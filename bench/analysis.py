"""Analysis benchmark: our implementation against pure networkx, in one process.

Path-based measures count steps on both sides (Grenswerk's default; ``--path-weighted``
is the other choice). For generated workspace graphs of 1 000, 10 000 and 100 000
nodes (about five ties per node, heavy-tailed degrees: Barabási–Albert; organisations
of six practices and people working at them; a few hundred networks and themes), it
times every analysis through ``run_analysis`` (view building included) and the
networkx function that computes the same measure. Where networkx would take more
than ten minutes it is not run: its time is estimated from a sample of sources and
marked ``est.``; where networkx has no equivalent the cell says so (learning
potential is compared with the hop-by-hop scoring it replaced, kept in the tests).

Exact betweenness (up to 20 000 nodes) is also compared with one igraph call on one
core, on the same graph, values checked equal (target: ours, on every core, ≥ 1.7×
faster). Peak memory (resident, this process and its workers) is printed per size.
The machine may be shared: the CPU seconds of this process are printed beside the
wall-clock ones.

    python bench/analysis.py [--sizes 1000,10000,100000] [--seed 1] [--networkx-budget 600]
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np

# this file is bench/analysis.py: the repository's root on the path (tests/ too)
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graph.analysis import parallel  # noqa: E402
from graph.analysis.potential import PotentialGraph  # noqa: E402
from graph.analysis.registry import AnalysisOptions, run_analysis  # noqa: E402
from graph.analysis.result import to_igraph  # noqa: E402
from graph.analysis.subgraphs import actor_graph, filter_view, simple_graph  # noqa: E402
from tests.graph.analysis.test_potential_batch import reference_tie_potentials  # noqa: E402

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


def sampled(graph: nx.Graph, k: int) -> list[Any]:
    """``k`` nodes drawn at random (seeded): the first ``k`` would be the generator's
    hubs, whose per-node cost is far above the average."""
    return random.Random(1).sample(list(graph), k)


def nx_estimate(
    graph: nx.Graph,
    full: Callable[[], Any],
    partial: Callable[[int], Any],
    n: int,
    budget: float | None = None,
) -> tuple[float, bool]:
    """Time networkx: in full when a sampled run predicts it fits the budget."""
    budget = OTHER_BUDGET if budget is None else budget
    k = min(n, 50)
    sample = timed(lambda: partial(k))
    estimate = sample * n / k
    if estimate <= budget and n <= 20_000:
        return timed(full), False
    return estimate, True


def main() -> None:
    global BUDGET, OTHER_BUDGET
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--networkx-budget",
        type=float,
        default=BUDGET,
        help="seconds networkx may take for exact betweenness (a tenth for the others)",
    )
    args = parser.parse_args()
    BUDGET, OTHER_BUDGET = args.networkx_budget, args.networkx_budget / 10
    sizes = [int(s) for s in args.sizes.split(",")]
    summary_rows = [bench_size(n, args.seed) for n in sizes]
    print("\n== whole suite")
    for n, m, total in summary_rows:
        target = {10_000: 10.0, 100_000: 30.0}.get(n)  # issue 14; issue 24 for 100 000
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
    ours_cpu: dict[str, float] = {}
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
    cpu_start = time.process_time()
    for label, options in suite:
        name = label.split(":")[0]
        start, cpu_before = time.perf_counter(), time.process_time()
        meta = run_analysis(name, graph, options).meta
        ours[label] = time.perf_counter() - start
        ours_cpu[label] = time.process_time() - cpu_before
        if "betweenness_sample" in meta:
            notes[label] = f"sampled, {meta['betweenness_sample']} sources"
        if "distance_sample" in meta:
            notes[label] = f"sampled, {meta['distance_sample']} pivots"
        if "betweenness_error" in meta:
            bound = meta["betweenness_error"]
            notes[label] += f"; ε = {bound['epsilon']:.3f}, δ = {bound['delta']}"
    cpu = time.process_time() - cpu_start
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
                nx.closeness_centrality(simple, u=u, distance=None) for u in sampled(simple, k)
            ],
            n,
        ),
        "centrality:harmonic": nx_estimate(
            simple,
            lambda: nx.harmonic_centrality(simple, distance=None),
            lambda k: nx.harmonic_centrality(simple, sources=sampled(simple, k), distance=None),
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
                nx.constraint(simple, nodes=sampled(simple, k), weight="weight"),
                nx.effective_size(simple, nodes=sampled(simple, k), weight="weight"),
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
        "potential": previous_potential(view, notes),
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
    print(f"{'analysis':<26}{'ours (s)':>10}{'ours CPU':>10}{'baseline (s)':>15}{'ratio':>9}  note")
    for label, _ in suite:
        ref = reference.get(label)
        mine = ours[label]
        if ref is None:
            print(
                f"{label:<26}{mine:>10.3f}{ours_cpu[label]:>10.3f}{'—':>15}{'—':>9}  "
                f"{notes.get(label, 'no networkx equivalent or skipped (> budget)')}"
            )
            continue
        seconds, estimated = ref
        shown = f"{'est. ' if estimated else ''}{seconds:.3f}"
        ratio = seconds / mine if mine > 0 else float("inf")
        print(
            f"{label:<26}{mine:>10.3f}{ours_cpu[label]:>10.3f}{shown:>15}{ratio:>8.1f}×  "
            f"{notes.get(label, '')}"
        )
    total = sum(ours.values())
    print(f"{'whole suite (ours)':<26}{total:>10.2f}   (CPU of this process: {cpu:.2f} s)")
    if exact_b is not None:
        ref_b = reference["centrality:betweenness"]
        assert ref_b is not None
        print(
            f"exact betweenness: ours {exact_b:.3f} s, networkx "
            f"{'est. ' if ref_b[1] else ''}{ref_b[0]:.2f} s, ratio "
            f"{ref_b[0] / exact_b:.1f}× (target ≥ 20×)"
        )
        one_core, same = igraph_one_core(simple, n)
        print(
            f"exact betweenness: ours {exact_b:.3f} s on {parallel.workers_for(n, None, None)} "
            f"process(es), igraph on one core {one_core:.3f} s, ratio {one_core / exact_b:.2f}× "
            f"(target ≥ 1.7×); largest difference of the values {same:.1e}"
        )
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory: {own:,.0f} MB resident (largest worker {workers:,.0f} MB)")
    return n, graph.number_of_edges(), total


def previous_potential(view: nx.MultiDiGraph, notes: dict[str, str]) -> tuple[float, bool]:
    """The hop-by-hop scoring that the batch scoring replaced, on the same view."""
    start, cpu = time.perf_counter(), time.process_time()
    reference_tie_potentials(PotentialGraph(view))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    notes["potential"] = f"baseline: the previous hop-by-hop scoring, {cpu:.3f} s CPU"
    return seconds, False


def igraph_one_core(simple: nx.Graph, n: int) -> tuple[float, float]:
    """Exact betweenness by one igraph call (one core), and the largest difference from
    ours on the same graph."""
    g, _ = to_igraph(simple)
    start = time.perf_counter()
    reference = np.array(g.betweenness(directed=False))
    seconds = time.perf_counter() - start
    mine = np.array(parallel.betweenness(g, directed=False, weights=None))
    return seconds, float(np.abs(mine - reference).max()) if n else 0.0


if __name__ == "__main__":
    main()
