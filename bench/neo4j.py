"""Neo4j benchmark on the real server: import, first load, and GDS against in process.

Starts its own Neo4j 5.26 with OpenGDS 2.13 (tests/neo4j/server.py; ``make neo4j-deps``
first), with a heap sized for it, and generates a workspace with bench/analysis.py's
generator (100 000 nodes, about 500 000 ties: Barabási–Albert, organisations, people,
networks and themes, strengths and dates), written as the CSV files an advisor imports.
Each measured step runs in a child process of its own; beside its time it prints the
peak memory of that process (and of its worker processes) and the peak resident memory
of the Neo4j JVM while the step ran (sampled from /proc every 0.1 s). Every ratio is
against a baseline measured in the same run, on the same server:

1. **import**: the CSV files through the store (``grenswerk import``'s plan and write:
   validation, the change log, one transaction) against a bare ``UNWIND $rows CREATE``
   of the same rows (nodes, then ties matched on an index of the nodes' ids), batches
   of 10 000 as the store sends them, one transaction; then the same files into a second
   workspace, on a server whose indexes now hold the first one's ties (where a ``MERGE``
   of each tie took 380 s for 20 000 ties, ``CREATE_RELATIONSHIPS``);
2. **first load** of the workspace into the analysing process: from the stored rows
   (which writes the graph snapshot), then from that snapshot, against a bare read of
   the same rows (the two statements the load sends, their rows only taken in);
3. **betweenness and PageRank**: in GDS (``engine=gds``: the projection of the view,
   the algorithm, the values streamed back, the projection dropped) against in process
   (``engine=local``: the graph loaded from its snapshot, then the measure). Exact
   betweenness on 100 000 nodes takes hours in either engine, so both sample ``--sample``
   sources (the in-process default above 20 000 nodes); GDS draws its own sources, so
   the two estimates are compared by rank (the top 20 they share, and Spearman's rank
   correlation), PageRank value by value.

The machine may be shared: the load average and the busiest other processes are
printed before and after, and ``--repeat`` runs step 3 again.

    python bench/neo4j.py [--nodes 100000] [--heap 6g] [--sample 500] [--repeat 1]
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(ROOT))

from graph.model import RELATIONSHIP_ENDPOINTS, NodeKind, RelType  # noqa: E402
from tests.neo4j import server as neo4j_server  # noqa: E402
from tests.neo4j.server import Neo4jServer  # noqa: E402

WORKSPACE = "national"

PRELUDE = r"""
import json, os, resource, sys, time
from pathlib import Path
def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
def peaks():
    # VmHWM: this process's own peak (ru_maxrss keeps the parent's across fork and exec)
    status = Path("/proc/self/status").read_text().splitlines()
    own = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"peak_mb": own, "workers_mb": workers.ru_maxrss / 1024,
            "workers_cpu": workers.ru_utime + workers.ru_stime}
URI, PASSWORD = os.environ["BENCH_URI"], os.environ["BENCH_PASSWORD"]
"""

IMPORT = (
    PRELUDE
    + r"""
from graph.store.neo4j import Neo4jStore
from importers import ImportOptions, apply_plan, plan_paths
store = Neo4jStore(URI, "neo4j", PASSWORD)
c0, t0 = cpu(), time.perf_counter()
plan = plan_paths(store, [Path(p) for p in sys.argv[1:]], ImportOptions(os.environ["BENCH_WS"]))
t1 = time.perf_counter()
result = apply_plan(store, plan)
t2 = time.perf_counter()
assert not plan.problems, plan.problems[:3]
print(json.dumps({"total": t2 - t0, "plan": t1 - t0, "write": t2 - t1,
                  "nodes": result.nodes_created, "rels": result.relationships_created,
                  "cpu": cpu() - c0, **peaks()}))
"""
)

BARE = (
    PRELUDE
    + r"""
import csv, neo4j
def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))
nodes, ties = rows(sys.argv[1]), rows(sys.argv[2])
NODES = "UNWIND $rows AS row CREATE (:Bare {id: row.id, kind: row.kind, name: row.name})"
TIES = ("UNWIND $rows AS row MATCH (a:Bare {id: row.from}) MATCH (b:Bare {id: row.to}) "
        "CREATE (a)-[:BARE {type: row.type, strength: row.strength, since: row.since, "
        "mechanism: row.mechanism}]->(b)")
with neo4j.GraphDatabase.driver(URI, auth=("neo4j", PASSWORD)) as driver:
    with driver.session() as session:
        session.run("CREATE INDEX bare_id IF NOT EXISTS FOR (n:Bare) ON (n.id)").consume()
        session.run("CALL db.awaitIndexes(300)").consume()
    c0, t0 = cpu(), time.perf_counter()
    def work(tx):
        for statement, batch in ((NODES, nodes), (TIES, ties)):
            for i in range(0, len(batch), 10_000):
                tx.run(statement, rows=batch[i:i + 10_000]).consume()
    with driver.session() as session:
        session.execute_write(work)
    t1 = time.perf_counter()
    print(json.dumps({"total": t1 - t0, "nodes": len(nodes), "rels": len(ties),
                      "cpu": cpu() - c0, **peaks()}))
    with driver.session() as session:  # not timed: the next steps run on the store's rows
        session.run("MATCH (n:Bare) CALL { WITH n DETACH DELETE n } "
                    "IN TRANSACTIONS OF 10000 ROWS").consume()
        session.run("DROP INDEX bare_id").consume()
"""
)

LOAD = (
    PRELUDE
    + r"""
from graph.store.neo4j import Neo4jStore
store = Neo4jStore(URI, "neo4j", PASSWORD, snapshots=Path(sys.argv[1]))
c0, t0 = cpu(), time.perf_counter()
graph = store.load_graph(os.environ["BENCH_WS"])
t1 = time.perf_counter()
print(json.dumps({"total": t1 - t0, "nodes": graph.number_of_nodes(),
                  "rels": graph.number_of_edges(), "cpu": cpu() - c0, **peaks()}))
"""
)

FLOOR = (
    PRELUDE
    + r"""
import neo4j
from graph.store.neo4j import cypher
workspace = os.environ["BENCH_WS"]
with neo4j.GraphDatabase.driver(URI, auth=("neo4j", PASSWORD)) as driver:
    c0, t0 = cpu(), time.perf_counter()
    def work(tx):
        nodes = [r["data"] for r in tx.run(cypher.LIST_NODES, workspace=workspace)]
        ties = [r["data"] for r in tx.run(cypher.LIST_RELATIONSHIPS, workspace=workspace)]
        return len(nodes), len(ties)
    with driver.session(fetch_size=10_000) as session:
        n, m = session.execute_read(work)
    t1 = time.perf_counter()
print(json.dumps({"total": t1 - t0, "nodes": n, "rels": m, "cpu": cpu() - c0, **peaks()}))
"""
)

ANALYSE = (
    PRELUDE
    + r"""
from graph.analysis.cache import AnalysisCache
from graph.analysis.registry import AnalysisOptions
from graph.store.neo4j import Neo4jStore
engine, measure, sample, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
workspace = os.environ["BENCH_WS"]
store = Neo4jStore(URI, "neo4j", PASSWORD, snapshots=Path(sys.argv[5]))
cache = AnalysisCache()
c0, t0 = cpu(), time.perf_counter()
if engine == "local":
    cache.graph(store, workspace)  # from the snapshot
t1 = time.perf_counter()
options = AnalysisOptions(engine=engine, measures=(measure,), sample_size=sample)
result = cache.run(store, workspace, "centrality", options)
t2 = time.perf_counter()
Path(out).write_text(json.dumps([[r["id"], r[measure]] for r in result.rows]))
meta = {k: result.meta.get(k) for k in ("engine", "betweenness_sample", "pagerank_iterations")}
print(json.dumps({"total": t2 - t0, "load": t1 - t0, "measure": t2 - t1, "cpu": cpu() - c0,
                  "nodes": len(result.rows), **meta, **peaks()}))
"""
)


class JvmWatch:
    """The resident memory of a process, sampled every 0.1 s: the peak since the last
    :meth:`reset`."""

    def __init__(self, pid: int) -> None:
        self.path = Path(f"/proc/{pid}/status")
        self.peak = 0
        self.cpu_at_reset = 0.0
        self._stop = threading.Event()
        threading.Thread(target=self._run, daemon=True).start()

    def rss_mb(self) -> float:
        for line in self.path.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def _run(self) -> None:
        while not self._stop.wait(0.1):
            try:
                self.peak = max(self.peak, int(self.rss_mb()))
            except OSError:
                return

    def reset(self) -> None:
        self.peak = int(self.rss_mb())
        self.cpu_at_reset = self.cpu()

    def cpu(self) -> float:
        """The process's CPU seconds so far (user and system)."""
        fields = self.path.with_name("stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        self._stop.set()


def child(code: str, args: list[str], env: dict[str, str], watch: JvmWatch) -> dict[str, Any]:
    """Run one step in a child process; its JSON line, with the JVM's peak beside it."""
    watch.reset()
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise SystemExit(f"a step failed:\n{done.stderr[-3000:]}")
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    found["jvm_mb"] = watch.peak
    found["jvm_cpu"] = watch.cpu() - watch.cpu_at_reset
    return found


def generator() -> Any:
    spec = importlib.util.spec_from_file_location("bench_analysis", HERE / "analysis.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.workspace


def allowed(rel_type: str, source: NodeKind, target: NodeKind) -> str:
    """The generator's type where the vocabulary allows it between these kinds (a theme
    works on no theme), else ``related_to``, which joins any two."""
    sources, targets = RELATIONSHIP_ENDPOINTS[RelType(rel_type)]
    return rel_type if source in sources and target in targets else "related_to"


def write_csv(n: int, seed: int, out: Path) -> tuple[Path, Path, int, int]:
    """The generated workspace as the two CSV files an import reads."""
    graph = generator()(n, seed)
    nodes_path, ties_path = out / "nodes.csv", out / "relationships.csv"
    with nodes_path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "kind", "name", "org_type", "sector"])
        for node, data in graph.nodes(data=True):
            w.writerow(
                [node, data["kind"], data["name"], data.get("org_type", ""), data.get("sector", "")]
            )
    with ties_path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["from", "to", "type", "strength", "since", "mechanism"])
        for u, v, data in graph.edges(data=True):
            kinds = (NodeKind(graph.nodes[u]["kind"]), NodeKind(graph.nodes[v]["kind"]))
            rel_type = allowed(data["type"], *kinds)
            w.writerow([u, v, rel_type, int(data["strength"]), data["since"], data["mechanism"]])
    return nodes_path, ties_path, graph.number_of_nodes(), graph.number_of_edges()


def machine() -> str:
    """The load average and the five busiest processes other than this one's."""
    load = Path("/proc/loadavg").read_text().split()[:3]
    top = subprocess.run(
        ["ps", "-eo", "pcpu,rss,comm", "--sort=-pcpu"], capture_output=True, text=True
    ).stdout.splitlines()[1:6]
    busy = "; ".join(" ".join(line.split()) for line in top)
    return f"load average {' '.join(load)} (2 cores); busiest (%CPU RSS-kB command): {busy}"


def spearman(a: list[float], b: list[float]) -> float:
    ra = np.argsort(np.argsort(a)).astype(float)
    rb = np.argsort(np.argsort(b)).astype(float)
    return float(np.corrcoef(ra, rb)[0, 1])


def compare(local: Path, gds: Path) -> str:
    a = json.loads(local.read_text())
    b = json.loads(gds.read_text())
    assert [r[0] for r in a] == [r[0] for r in b], "the rows differ"
    x = [float(r[1]) for r in a]
    y = [float(r[1]) for r in b]
    top = set(np.argsort(x)[-20:]) & set(np.argsort(y)[-20:])
    diff = max(abs(p - q) for p, q in zip(x, y, strict=True))
    return (
        f"max |difference| {diff:.2e}; top 20 shared {len(top)}; "
        f"Spearman {spearman(x, y):.4f}; sums {sum(x):.4g} / {sum(y):.4g}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--heap", default="6g")
    parser.add_argument("--pagecache", default="1g")
    parser.add_argument("--sample", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument(
        "--start-timeout",
        type=float,
        default=600.0,
        help="seconds to wait for the server (the tests' 180 s is short on a busy machine)",
    )
    args = parser.parse_args()
    neo4j_server.START_TIMEOUT_S = args.start_timeout
    print(f"before: {machine()}", flush=True)
    runs: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        t0 = time.perf_counter()
        nodes_path, ties_path, n, m = write_csv(args.nodes, args.seed, out)
        print(f"generated {n:,} nodes and {m:,} ties in {time.perf_counter() - t0:.1f} s")
        server = Neo4jServer(out / "neo4j", heap=args.heap, pagecache=args.pagecache)
        t0 = time.perf_counter()
        server.start()
        assert server.pid is not None
        print(f"Neo4j started in {time.perf_counter() - t0:.1f} s (heap {args.heap})", flush=True)
        watch = JvmWatch(server.pid)
        env = {
            "BENCH_URI": server.uri,
            "BENCH_PASSWORD": server.password,
            "BENCH_WS": WORKSPACE,
        }
        snapshots = str(out / "snapshots")
        steps: list[tuple[str, str, list[str]]] = [
            ("import", IMPORT, [str(nodes_path), str(ties_path)]),
            ("import again", IMPORT, [str(nodes_path), str(ties_path)]),
            ("bare", BARE, [str(nodes_path), str(ties_path)]),
            ("load rows", LOAD, [snapshots]),
            ("load snapshot", LOAD, [snapshots]),
            ("read floor", FLOOR, []),
        ]
        try:
            for name, code, argv in steps:  # "again": a second workspace beside the first
                ws = {"BENCH_WS": f"{WORKSPACE}-2"} if name == "import again" else {}
                runs[name] = child(code, argv, {**env, **ws}, watch)
                print(f"{name}: {json.dumps(runs[name])}", flush=True)
            for round_ in range(1, args.repeat + 1):
                for measure in ("betweenness", "pagerank"):
                    for engine in ("local", "gds"):
                        key = f"{measure} {engine} {round_}"
                        values = out / f"{measure}-{engine}.json"
                        argv = [engine, measure, str(args.sample), str(values), snapshots]
                        runs[key] = child(ANALYSE, argv, env, watch)
                        print(f"{key}: {json.dumps(runs[key])}", flush=True)
                    runs[f"{measure} compare {round_}"] = {
                        "text": compare(out / f"{measure}-local.json", out / f"{measure}-gds.json")
                    }
        finally:
            watch.stop()
            hwm = [line for line in watch.path.read_text().splitlines() if "VmHWM" in line]
            server.stop()
    print(f"after: {machine()}")
    report(runs, m, args.repeat, hwm)


def report(runs: dict[str, dict[str, Any]], m: int, repeat: int, hwm: list[str]) -> None:
    print()
    print(
        f"{'step':<46}{'s':>8}{'ratio':>7}{'py CPU':>7}{'py MB':>7}{'wk CPU':>7}{'wk MB':>7}"
        f"{'JVM CPU':>8}{'JVM MB':>7}"
    )

    def line(label: str, r: dict[str, Any], base: float | None, seconds: float) -> None:
        ratio = f"{seconds / base:.2f}" if base else ""
        print(
            f"{label:<46}{seconds:>8.2f}{ratio:>7}{r['cpu']:>7.1f}{r['peak_mb']:>7.0f}"
            f"{r['workers_cpu']:>7.1f}{r['workers_mb']:>7.0f}{r['jvm_cpu']:>8.1f}{r['jvm_mb']:>7.0f}"
        )

    bare = runs["bare"]["total"]
    line(f"import {m:,} ties through the store", runs["import"], bare, runs["import"]["total"])
    again = runs["import again"]
    line("  the same into a second workspace", again, bare, again["total"])
    line("  baseline: bare UNWIND $rows CREATE", runs["bare"], bare, bare)
    floor = runs["read floor"]["total"]
    line(
        "first load from the rows (writes the snapshot)",
        runs["load rows"],
        floor,
        runs["load rows"]["total"],
    )
    line(
        "first load from the snapshot", runs["load snapshot"], floor, runs["load snapshot"]["total"]
    )
    line("  baseline: bare read of the same rows", runs["read floor"], floor, floor)
    for round_ in range(1, repeat + 1):
        for measure in ("betweenness", "pagerank"):
            local = runs[f"{measure} local {round_}"]
            gds = runs[f"{measure} gds {round_}"]
            label = f"{measure} in GDS (run {round_})"
            line(label, gds, local["total"], gds["total"])
            line(
                "  baseline: in process, graph from its snapshot",
                local,
                local["total"],
                local["total"],
            )
            print(f"{'    of which the measure alone':<46}{local['measure']:>9.2f}")
            print(f"    {runs[f'{measure} compare {round_}']['text']}")
    print()
    print("ratio: seconds / the baseline's seconds (below 1: faster than the baseline)")
    print("py: the step's Python process (CPU seconds, peak resident MB); wk: its worker")
    print("processes (in-process betweenness runs in one per core); JVM: the Neo4j server")
    print(f"(CPU seconds during the step; peak resident MB sampled every 0.1 s; {' '.join(hwm)})")
    local, gds = runs.get("betweenness local 1", {}), runs.get("betweenness gds 1", {})
    print(
        f"betweenness sources: {local.get('betweenness_sample') or 'all'} in process, "
        f"{gds.get('betweenness_sample') or 'all'} in GDS (GDS draws its own)"
    )


if __name__ == "__main__":
    main()
