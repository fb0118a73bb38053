"""Whole-command benchmark: ``grenswerk`` as a person runs it from the shell, each
command a new process, against a baseline process run in turn with it (A B A B …).

- ``grenswerk --help`` against a bare ``python -c pass`` (target ≤ 0.3 s);
- ``grenswerk stats`` on a 10 000-node workspace against a bare ``sqlite3`` count of the
  same rows (target ≤ 1 s);
- ``grenswerk analyse centrality --measures betweenness`` (exact) on the same workspace
  against one igraph call on one core on the same graph, read from the same ties in a
  CSV file (target: ours ≥ 2× faster); the values are checked equal;
- the first centrality answer (default measures) on a 20 000-node workspace (target ≤ 10
  s; sampled with its ε and δ printed, unless exact is asked for);
- ``grenswerk import`` of 200 000 ties among 30 000 nodes into an empty store against a
  bare ``sqlite3.executemany`` of the same ties from the same CSV file (target: ≥ 0.5 of
  its throughput).

The workspaces come from bench/analysis.py's generator (10 000 and 20 000 nodes, about
five ties per node), the import files from bench/import.py's. Each command runs once
first (not counted: it writes the graph snapshot a later run reads), then ``--runs``
times. Printed per command: the median wall-clock and CPU seconds (user + system of the
process and its workers) and the peak memory (largest resident set of the process or a
worker) of ours and of the baseline, and the median of the per-pair ratios. On a shared
machine read the CPU seconds; take the wall-clock figures when it is idle (the load
average is printed first).

    python bench/commands.py [--runs 3] [--only help,stats,betweenness,sampled,import]
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
GRENSWERK = str(Path(sys.executable).with_name("grenswerk"))


def _bench_module(name: str) -> Any:
    """Another benchmark of this folder as a module (its generators)."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", HERE / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@dataclass
class Run:
    wall: float
    cpu: float
    peak_mb: float
    output: str


#: runs each command and reports what the kernel accounted to it. The benchmark's own
#: process grows to hundreds of MB (the generated workspaces); a child forked from it
#: starts with that resident set counted in its peak (Linux keeps the larger of the
#: forked copy's and the new program's), so even ``python -c pass`` showed 492 MB. This
#: small process is started first, and every measured command is forked from it.
SPAWNER = r"""
import json, os, subprocess, sys, time
for line in sys.stdin:
    ask = json.loads(line)
    start = time.perf_counter()
    process = subprocess.Popen(ask["argv"], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, env=ask["env"], cwd=ask["cwd"])
    output = process.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(process.pid, 0)
    print(json.dumps({"wall": time.perf_counter() - start,
                      "cpu": usage.ru_utime + usage.ru_stime, "kb": usage.ru_maxrss,
                      "code": os.waitstatus_to_exitcode(status), "output": output}),
          flush=True)
"""

_spawner: subprocess.Popen[str] | None = None


def start_spawner() -> None:
    """The small process the commands are run from (before anything big is made)."""
    global _spawner
    _spawner = subprocess.Popen(
        [sys.executable, "-c", SPAWNER],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def run(argv: list[str], env: dict[str, str] | None = None) -> Run:
    """One process, timed from outside: wall clock, and the CPU and peak memory the
    kernel accounted to it (and to the workers it waited for)."""
    if _spawner is None:
        start_spawner()
    assert _spawner is not None and _spawner.stdin and _spawner.stdout
    ask = {"argv": argv, "env": {**os.environ, **(env or {})}, "cwd": str(ROOT)}
    _spawner.stdin.write(json.dumps(ask) + "\n")
    _spawner.stdin.flush()
    done = json.loads(_spawner.stdout.readline())
    if done["code"] != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({done['code']}):\n{done['output'][-2000:]}")
    return Run(done["wall"], done["cpu"], done["kb"] / 1024, done["output"])


@dataclass
class Pair:
    """A command of ours and its baseline, run in turn."""

    label: str
    ours: list[str]
    baseline: list[str] | None
    target: str
    met: Callable[[float, float | None], bool]
    prepare: Callable[[], None] = lambda: None
    runs: dict[str, list[Run]] = field(default_factory=lambda: {"ours": [], "baseline": []})


def measure(pair: Pair, count: int) -> None:
    pair.prepare()
    run(pair.ours)  # the warm-up: writes the snapshot a later run reads
    for _ in range(count):
        pair.prepare()
        pair.runs["ours"].append(run(pair.ours))
        if pair.baseline is not None:
            pair.runs["baseline"].append(run(pair.baseline))


def report(pair: Pair) -> str:
    ours = pair.runs["ours"]
    wall = statistics.median(r.wall for r in ours)
    cpu = statistics.median(r.cpu for r in ours)
    peak = max(r.peak_mb for r in ours)
    line = f"{pair.label:<40}{wall:>8.2f}{cpu:>8.2f}{peak:>7.0f}"
    base_wall: float | None = None
    if pair.runs["baseline"]:
        base = pair.runs["baseline"]
        base_wall = statistics.median(r.wall for r in base)
        ratio = statistics.median(b.wall / o.wall for o, b in zip(ours, base, strict=True))
        cpu_ratio = statistics.median(b.cpu / o.cpu for o, b in zip(ours, base, strict=True))
        line += (
            f"{base_wall:>8.2f}{statistics.median(r.cpu for r in base):>8.2f}"
            f"{max(r.peak_mb for r in base):>7.0f}{ratio:>8.2f}{cpu_ratio:>8.2f}"
        )
    else:
        line += f"{'—':>8}{'—':>8}{'—':>7}{'—':>8}{'—':>8}"
    verdict = "met" if pair.met(wall, base_wall) else "NOT met"
    return f"{line}  {pair.target}: {verdict}"


def workspace_files(n: int, seed: int, out: Path, data: Path, name: str) -> tuple[Path, Path]:
    """bench/analysis.py's workspace of ``n`` nodes, stored as workspace ``name`` in the
    embedded store in ``data`` (as bench/api.py stores it: its generator mixes kinds
    that an import would refuse) and written as two CSV files for the baselines."""
    graph = _bench_module("analysis").workspace(n, seed)
    store_graph(graph, data, name)
    nodes, ties = out / f"nodes-{n}.csv", out / f"ties-{n}.csv"
    with nodes.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "kind", "name", "org_type", "sector"])
        for node, data in graph.nodes(data=True):
            writer.writerow(
                [node, data["kind"], data["name"], data.get("org_type", ""), data.get("sector", "")]
            )
    with ties.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["from", "to", "type", "strength", "since", "mechanism"])
        for u, v, data in graph.edges(data=True):
            writer.writerow(
                [u, v, data["type"], data["strength"], data["since"], data["mechanism"]]
            )
    return nodes, ties


def store_graph(graph: Any, data: Path, name: str) -> None:
    sys.path.insert(0, str(ROOT))
    from graph.model import Node, Relationship
    from graph.store.sqlite import SQLiteStore

    data.mkdir(parents=True, exist_ok=True)
    store = SQLiteStore(data / "grenswerk.sqlite3")
    try:
        nodes = [Node(id=i, workspace=name, **dict(d)) for i, d in graph.nodes(data=True)]
        ties = [
            Relationship(
                workspace=name,
                type=d["type"],
                source=u,
                target=v,
                strength=d["strength"],
                since=d["since"],
                mechanism=d["mechanism"],
                id=f"r{i}",
            )
            for i, (u, v, d) in enumerate(graph.edges(data=True))
        ]
        store.upsert(name, nodes, ties)
    finally:
        store.close()


#: one igraph call on one core, on the graph of the ties in a CSV file (undirected, each
#: pair of ends once: the graph the analysis computes on); prints the values as JSON
IGRAPH = r"""
import csv, json, sys
import igraph as ig
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))[1:]
names = {}
with open(sys.argv[2], newline="", encoding="utf-8") as f:
    for row in list(csv.reader(f))[1:]:
        names.setdefault(row[0], len(names))
pairs = {tuple(sorted((names[a], names[b]))) for a, b, *_ in rows if a != b}
g = ig.Graph(n=len(names), edges=sorted(pairs), directed=False)
values = g.betweenness(directed=False)
print(json.dumps(dict(zip(names, values))))
"""

#: the floor of ``stats``: the counts by kind and by type, straight from SQLite
COUNTS = r"""
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for row in db.execute("SELECT kind, count(*) FROM nodes WHERE workspace = ? GROUP BY kind",
                      (sys.argv[2],)):
    print(*row)
for row in db.execute("SELECT type, count(*) FROM relationships WHERE workspace = ? "
                      "GROUP BY type", (sys.argv[2],)):
    print(*row)
"""


def grenswerk(data: Path, *args: str) -> list[str]:
    return [GRENSWERK, "--data-dir", str(data), *args]


def check_betweenness(pair: Pair) -> str:
    """The largest difference between our exact values and igraph's (raw, undirected)."""
    ours = {row["id"]: row["betweenness_raw"] for row in json.loads(pair.runs["ours"][0].output)}
    theirs = json.loads(pair.runs["baseline"][0].output)
    largest = max(abs(ours[k] - theirs[k]) for k in theirs)
    return f"largest difference of the exact values from igraph's: {largest:.1e}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", default="help,stats,betweenness,sampled,import")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    start_spawner()
    wanted = set(args.only.split(","))
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        data = out / "data"
        pairs: list[Pair] = []
        if "help" in wanted:
            pairs.append(
                Pair(
                    "grenswerk --help",
                    [GRENSWERK, "--help"],
                    [sys.executable, "-c", "pass"],
                    "≤ 0.3 s",
                    lambda wall, _: wall <= 0.3,
                )
            )
        if wanted & {"stats", "betweenness"}:
            nodes, ties = workspace_files(10_000, args.seed, out, data, "w10k")
            if "stats" in wanted:
                pairs.append(
                    Pair(
                        "stats, 10 000 nodes",
                        grenswerk(data, "stats", "-w", "w10k"),
                        [sys.executable, "-c", COUNTS, str(data / "grenswerk.sqlite3"), "w10k"],
                        "≤ 1 s",
                        lambda wall, _: wall <= 1.0,
                    )
                )
            if "betweenness" in wanted:
                pairs.append(
                    Pair(
                        "exact betweenness, 10 000 nodes",
                        grenswerk(
                            data,
                            "analyse",
                            "centrality",
                            "-w",
                            "w10k",
                            "--json",
                            "--measures",
                            "betweenness",
                            "--exact",
                        ),
                        [sys.executable, "-c", IGRAPH, str(ties), str(nodes)],
                        "igraph one core / ours ≥ 2",
                        lambda wall, base: base is not None and base / wall >= 2.0,
                    )
                )
        if "sampled" in wanted:
            workspace_files(20_000, args.seed, out, data, "w20k")
            pairs.append(
                Pair(
                    "first centrality, 20 000 nodes",
                    grenswerk(data, "analyse", "centrality", "-w", "w20k", "--limit", "3"),
                    None,
                    "≤ 10 s",
                    lambda wall, _: wall <= 10.0,
                )
            )
        if "import" in wanted:
            generator = _bench_module("import")
            made = out / "national"
            made.mkdir()
            nodes_n, ties_n, n_nodes, n_ties = generator.generate(
                made, 200_000, 7, companies=24_430
            )
            print(f"import files: {n_nodes:,} nodes, {n_ties:,} ties")
            fresh = out / "fresh"

            def empty() -> None:
                shutil.rmtree(fresh, ignore_errors=True)
                (out / "base.sqlite3").unlink(missing_ok=True)

            pairs.append(
                Pair(
                    "import, 200 000 ties, 30 000 nodes",
                    grenswerk(fresh, "import", str(nodes_n), str(ties_n), "-w", "national"),
                    [
                        sys.executable,
                        "-c",
                        generator.BASELINE,
                        str(out / "base.sqlite3"),
                        str(ties_n),
                    ],
                    "baseline / ours ≥ 0.5",
                    lambda wall, base: base is not None and base / wall >= 0.5,
                    prepare=empty,
                )
            )
        print(
            f"\n{'command':<40}{'wall s':>8}{'CPU s':>8}{'MB':>7}{'base s':>8}{'b. CPU':>8}"
            f"{'b. MB':>7}{'ratio':>8}{'CPU r.':>8}"
            "  (ratio: baseline's wall-clock time / ours, the median of the pairs)"
        )
        for pair in pairs:
            measure(pair, args.runs)
            print(report(pair), flush=True)
            if pair.label.startswith("exact betweenness"):
                print(f"  {check_betweenness(pair)}")
            if pair.label.startswith("first centrality"):
                tail = pair.runs["ours"][0].output.strip().splitlines()
                print("  " + "; ".join(line for line in tail if "computed" in line))
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
