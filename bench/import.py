"""Import benchmark: a national-scale synthetic network into the embedded store.

Generates (seeded) about 70 schools, 50 000 companies, 5 000 people, 300 themes, 200
networks and 500 000 relationships with a heavy-tailed degree distribution (schools and
themes chosen by Zipf-like weights, companies' partnership counts Pareto-distributed),
writes them as our CSV files, and times ``grenswerk import`` of those files into a
fresh SQLite store, in a child process so that its peak memory is its own.

Baseline, in the same run: inserting the same rows with plain ``sqlite3.executemany``
into a bare table (no validation, no merge, no indexes but the primary key): the floor
any store on SQLite can reach. The ratio says what validation, entity resolution,
merging and indexes cost on top.

Two paths are timed: the bulk path (``importers.bulk``, what an import of our CSV
files takes) and, for comparison, the row path (one model object per row, what an
import took before and still takes for other formats or files with a problem), each
as a first import into a fresh store and as a re-import of the same files.

Each run prints its wall-clock seconds (plan, write, total), the throughput and its
ratio to the baseline, its peak memory (MB, the child's maximum resident set) and its
CPU seconds (user + system of the child: on a shared machine the steadier figure).

The bulk path reads a relationship file column by column (``importers.columns``),
encodes the rows column-wise, and writes them without SQLite's per-row foreign-key
check (every end is checked first), the secondary indexes built after the rows on a
first import, and the change log's records stored batch by batch in the same
transaction (table ``change_parts``) rather than held until the commit.

    python bench/import.py [--relationships 500000] [--seed 7] [--no-row-path]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SURNAMES = (
    "de Vries",
    "Jansen",
    "van Dijk",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "van der Linden",
    "Kok",
    "Jacobs",
    "de Haan",
    "Vermeulen",
    "van den Berg",
    "van der Heijden",
    "Schouten",
)
TRADES = (
    "Installatietechniek",
    "Bouw",
    "Zorg",
    "Logistiek",
    "Techniek",
    "Metaal",
    "Elektro",
    "Schilders",
    "Hoveniers",
    "Kinderopvang",
    "Horeca",
    "Bakkerij",
    "Autoschade",
    "ICT",
    "Transport",
    "Thuiszorg",
    "Makelaardij",
    "Administratie",
    "Printservice",
    "Catering",
)
FORMS = ("BV", "Groep", "& Zonen", "Holding", "Nederland", "Services", "Partners", "")
CITIES = (
    "Amsterdam",
    "Rotterdam",
    "Utrecht",
    "Groningen",
    "Zwolle",
    "Tilburg",
    "Eindhoven",
    "Arnhem",
    "Nijmegen",
    "Leeuwarden",
    "Maastricht",
    "Den Bosch",
    "Breda",
    "Almere",
    "Amersfoort",
    "Apeldoorn",
    "Enschede",
    "Haarlem",
    "Leiden",
    "Delft",
)
SYLLABLES = (
    "ber",
    "ka",
    "lin",
    "do",
    "ve",
    "mar",
    "sto",
    "ren",
    "hui",
    "zen",
    "tra",
    "ko",
    "wi",
    "lo",
    "gen",
    "ap",
    "rus",
    "del",
    "fi",
    "mo",
    "ste",
    "ha",
    "nu",
    "pol",
)
MECHANISMS = ("identification", "coordination", "reflection", "transformation")


def generate(
    out: Path, n_rels: int, seed: int, companies: int = 50_000
) -> tuple[Path, Path, int, int]:
    """Our two CSV files: ``companies`` companies (50 000: 55 570 nodes in all) and
    ``n_rels`` relationships; the paths and the counts of nodes and relationships."""
    rng = random.Random(seed)
    schools = [f"s{i}" for i in range(70)]
    companies_ = [f"c{i}" for i in range(companies)]
    people = [f"p{i}" for i in range(5_000)]
    themes = [f"t{i}" for i in range(300)]
    networks = [f"n{i}" for i in range(200)]
    nodes_path = out / "nodes.csv"
    with nodes_path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "kind", "name", "org_type", "sector", "since"])
        for i, s in enumerate(schools):
            w.writerow([s, "organisation", f"ROC {CITIES[i % 20]} {i}", "school", "mbo", ""])
        for c in companies_:
            made_up = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
            name = (
                f"{rng.choice(SURNAMES)} {made_up.capitalize()} {rng.choice(TRADES)} "
                f"{rng.choice(FORMS)} {rng.choice(CITIES)}"
            )
            w.writerow(
                [
                    c,
                    "organisation",
                    " ".join(name.split()),
                    "company",
                    rng.choice(TRADES).lower(),
                    "",
                ]
            )
        for i, p in enumerate(people):
            w.writerow([p, "person", f"Persoon {i}", "", "", ""])
        for i, t in enumerate(themes):
            w.writerow([t, "theme", f"thema {i}", "", "", ""])
        for i, n in enumerate(networks):
            w.writerow([n, "network", f"netwerk {i}", "", "", f"20{10 + i % 15}-01-01"])
    n_nodes = len(schools) + len(companies_) + len(people) + len(themes) + len(networks)

    school_w = [1 / (r + 1) ** 0.8 for r in range(len(schools))]
    theme_w = [1 / (r + 1) for r in range(len(themes))]
    seen: set[tuple[str, str, str]] = set()
    rows: list[list[object]] = []

    def add(kind: str, a: str, b: str, symmetric: bool = False, **extra: object) -> None:
        key = (kind, *sorted((a, b))) if symmetric else (kind, a, b)
        if a == b or key in seen or len(rows) >= n_rels:
            return
        seen.add(key)  # type: ignore[arg-type]
        rows.append(
            [
                a,
                b,
                kind,
                extra.get("mechanism", ""),
                extra.get("strength", ""),
                extra.get("since", ""),
            ]
        )

    for p in people:  # everyone works somewhere
        employer = rng.choice(schools) if rng.random() < 0.4 else rng.choice(companies_)
        add("works_at", p, employer)
    targets = {"partners_with": 150_000, "works_on": 120_000, "member_of": 25_000}
    limit = len(rows) + targets["partners_with"] * n_rels // 500_000
    while len(rows) < limit:
        c = rng.choice(companies_)
        for _ in range(min(30, int(rng.paretovariate(1.6)))):
            add(
                "partners_with",
                rng.choices(schools, school_w)[0],
                c,
                True,
                strength=rng.randint(1, 5),
                since=f"20{rng.randint(10, 24)}-09-01",
            )
    limit = len(rows) + targets["works_on"] * n_rels // 500_000
    while len(rows) < limit:
        actor = rng.choice(companies_) if rng.random() < 0.8 else rng.choice(people)
        add("works_on", actor, rng.choices(themes, theme_w)[0])
    limit = len(rows) + targets["member_of"] * n_rels // 500_000
    while len(rows) < limit:
        member = rng.choice(companies_) if rng.random() < 0.7 else rng.choice(schools)
        add("member_of", member, rng.choices(networks, [1 / (r + 1) ** 0.7 for r in range(200)])[0])
    actors = companies_ + people
    while len(rows) < n_rels:
        a = rng.choice(actors)
        for _ in range(min(50, int(rng.paretovariate(1.4)))):
            add(
                "collaborates_with",
                a,
                rng.choice(actors),
                True,
                mechanism=rng.choice(MECHANISMS),
                strength=rng.randint(1, 5),
            )
    rels_path = out / "relationships.csv"
    with rels_path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["from", "to", "type", "mechanism", "strength", "since"])
        w.writerows(rows)
    return nodes_path, rels_path, n_nodes, len(rows)


CHILD = r"""
import json, resource, sys, time
from pathlib import Path
import importers.plan
from graph.store.sqlite import SQLiteStore
from importers import ImportOptions, plan_paths, apply_plan
if sys.argv[1] == "rows":  # the row path: every row a model object
    importers.plan.bulk_eligible = lambda files: False
store = SQLiteStore(sys.argv[2])
files = [Path(p) for p in sys.argv[3:]]
def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
c0 = cpu()
t0 = time.perf_counter()
plan = plan_paths(store, files, ImportOptions("national"))
t1 = time.perf_counter()
result = apply_plan(store, plan)
t2 = time.perf_counter()
assert not plan.problems, plan.problems[:3]
print(json.dumps({"plan": t1 - t0, "write": t2 - t1, "total": t2 - t0,
                  "nodes": result.nodes_created, "rels": result.relationships_created,
                  "version": result.version, "path": type(plan.relationships).__name__,
                  "suggestions": len(plan.suggestions) + plan.suggestions_more,
                  "shown": len(plan.suggestions),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "cpu": cpu() - c0}))
"""

BASELINE = r"""
import csv, json, resource, sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("PRAGMA journal_mode = WAL"); db.execute("PRAGMA synchronous = NORMAL")
db.execute("CREATE TABLE r (a TEXT, b TEXT, type TEXT, data TEXT, PRIMARY KEY (a, b, type))")
usage = resource.getrusage(resource.RUSAGE_SELF)
c0 = usage.ru_utime + usage.ru_stime
t0 = time.perf_counter()
with open(sys.argv[2], newline="", encoding="utf-8") as f:
    rows = [(r[0], r[1], r[2], ",".join(r[3:])) for r in list(csv.reader(f))[1:]]
db.execute("BEGIN"); db.executemany("INSERT OR REPLACE INTO r VALUES (?, ?, ?, ?)", rows)
db.execute("COMMIT")
t1 = time.perf_counter()
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"total": t1 - t0, "rels": len(rows), "peak_mb": usage.ru_maxrss / 1024,
                  "cpu": usage.ru_utime + usage.ru_stime - c0}))
"""


def run(code: str, *args: str) -> dict[str, float]:
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run(
        [sys.executable, "-c", code, *args], cwd=root, check=True, capture_output=True, text=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--relationships", type=int, default=500_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--no-row-path", action="store_true", help="time only the bulk path (the row path is slow)"
    )
    args = parser.parse_args()
    runs: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        t0 = time.perf_counter()
        nodes_path, rels_path, n_nodes, n_rels = generate(out, args.relationships, args.seed)
        print(
            f"generated {n_nodes:,} nodes and {n_rels:,} relationships "
            f"in {time.perf_counter() - t0:.1f} s (seed {args.seed})"
        )
        files = (str(nodes_path), str(rels_path))
        runs["bulk"] = run(CHILD, "bulk", str(out / "bulk.sqlite3"), *files)
        runs["base"] = run(BASELINE, str(out / "baseline.sqlite3"), str(rels_path))
        runs["bulk again"] = run(CHILD, "bulk", str(out / "bulk.sqlite3"), *files)
        if not args.no_row_path:
            runs["rows"] = run(CHILD, "rows", str(out / "rows.sqlite3"), *files)
            runs["rows again"] = run(CHILD, "rows", str(out / "rows.sqlite3"), *files)
    report(runs, n_rels)


def report(runs: dict[str, dict[str, float]], n_rels: int) -> None:
    """The table of the runs, the ratios against the baseline and the targets."""
    base_rate = n_rels / runs["base"]["total"]
    print()
    print(
        f"{'run':<44}{'plan s':>8}{'write s':>9}{'total s':>9}{'rels/s':>10}{'ratio':>7}"
        f"{'MB':>6}{'CPU s':>7}"
    )
    names = {
        "bulk": "grenswerk import, bulk path",
        "bulk again": "re-import, bulk path (changes nothing)",
        "rows": "grenswerk import, row path (before)",
        "rows again": "re-import, row path (before)",
    }
    for key, label in names.items():
        if key not in runs:
            continue
        r = runs[key]
        rate = n_rels / r["total"]
        print(
            f"{label:<44}{r['plan']:>8.2f}{r['write']:>9.2f}{r['total']:>9.2f}{rate:>10,.0f}"
            f"{rate / base_rate:>7.2f}{r['peak_mb']:>6.0f}{r['cpu']:>7.2f}"
        )
    base = runs["base"]
    print(
        f"{'baseline: bare sqlite3 executemany':<44}{'':>8}{'':>9}{base['total']:>9.2f}"
        f"{base_rate:>10,.0f}{1:>7.2f}{base['peak_mb']:>6.0f}{base['cpu']:>7.2f}"
    )
    bulk, again = runs["bulk"], runs["bulk again"]
    rate = n_rels / bulk["total"]
    print()
    print(
        f"ratio bulk import / baseline (throughput): {rate / base_rate:.2f} "
        f"(target >= 0.5: {'met' if rate / base_rate >= 0.5 else 'NOT met'}); "
        f"{rate:,.0f} relationships/s (target >= 100,000: "
        f"{'met' if rate >= 100_000 else 'NOT met'})"
    )
    print(
        f"peak memory of the bulk import: {bulk['peak_mb']:.0f} MB "
        f"(target <= 700 MB: {'met' if bulk['peak_mb'] <= 700 else 'NOT met'})"
    )
    print(
        f"re-import changed nothing: version {again['version']:.0f} after it, "
        f"{again['rels']:.0f} relationships created; paths: {bulk['path']} / "
        f"{runs.get('rows', {}).get('path', '-')}"
    )
    print(
        f"near-duplicate suggestions: {bulk['suggestions']:,.0f} found, the "
        f"{bulk['shown']:.0f} likeliest shown, "
        f"'and {bulk['suggestions'] - bulk['shown']:,.0f} more'"
    )


if __name__ == "__main__":
    main()
