"""How near ``grenswerk import`` is to the floor of writing what it stores.

bench/commands.py compares the import of 200 000 ties (30 000 nodes) with a bare
``sqlite3.executemany`` of the same CSV rows into a table of four short columns. What
Grenswerk stores is larger: each node's and tie's whole JSON, the tables' indexes and
the change log's records (124 MB against the bare table's 15 MB). This benchmark adds
the floor of writing exactly that: a process that inserts the rows an import stored
(read from that store first, not timed) into a fresh store of the same schema, in one
transaction, the relationships' indexes built after the rows as the bulk write does.

Printed per run, each a new process in turn: the import (wall-clock and CPU seconds,
peak MB), the bare ``executemany`` and the floor, and the ratios baseline / import and
baseline / floor (the best ratio an import that stores these bytes could reach).

    python bench/import_floor.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from commands import GRENSWERK, Run, _bench_module, run, start_spawner  # noqa: E402

#: writes the rows of the store in argv[1] into a new store argv[2] of the same schema
FLOOR = r"""
import resource, sqlite3, sys, time
from graph.store.sqlite.schema import MIGRATIONS
source = sqlite3.connect(sys.argv[1])
tables = {t: source.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
          for t in ("workspaces", "nodes", "relationships", "changes", "change_parts")}
source.close()
usage = resource.getrusage(resource.RUSAGE_SELF)
c0, t0 = usage.ru_utime + usage.ru_stime, time.perf_counter()
db = sqlite3.connect(sys.argv[2], isolation_level=None)
db.execute("PRAGMA journal_mode = WAL"); db.execute("PRAGMA synchronous = NORMAL")
for migration in MIGRATIONS:
    for statement in migration.split(";"):
        if statement.strip():
            db.execute(statement)
indexes = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                     "tbl_name = 'relationships' AND sql IS NOT NULL").fetchall()
db.execute("BEGIN IMMEDIATE")
for name, _ in indexes:
    db.execute(f'DROP INDEX "{name}"')
for table, rows in tables.items():
    if rows:
        marks = ",".join("?" * len(rows[0]))
        db.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
for _, sql in indexes:
    db.execute(sql)
db.execute("COMMIT")
db.close()
usage = resource.getrusage(resource.RUSAGE_SELF)
print(f"{time.perf_counter() - t0:.3f} {usage.ru_utime + usage.ru_stime - c0:.3f}")
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    start_spawner()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        generator = _bench_module("import")
        nodes, ties, n_nodes, n_ties = generator.generate(out, 200_000, 7, companies=24_430)
        print(f"import files: {n_nodes:,} nodes, {n_ties:,} ties")
        fresh, floor = out / "fresh", out / "floor.sqlite3"
        ours: list[Run] = []
        base: list[Run] = []
        bottom: list[tuple[float, float]] = []
        for _ in range(args.runs):
            shutil.rmtree(fresh, ignore_errors=True)
            ours.append(run([GRENSWERK, "--data-dir", str(fresh), "import", str(nodes), str(ties)]))
            (out / "base.sqlite3").unlink(missing_ok=True)
            base.append(
                run(
                    [sys.executable, "-c", generator.BASELINE, str(out / "base.sqlite3"), str(ties)]
                )
            )
            for suffix in ("", "-wal", "-shm"):
                Path(f"{floor}{suffix}").unlink(missing_ok=True)
            done = run([sys.executable, "-c", FLOOR, str(fresh / "grenswerk.sqlite3"), str(floor)])
            wall, cpu = (float(x) for x in done.output.split()[-2:])
            bottom.append((wall, cpu))
        size = (fresh / "grenswerk.sqlite3").stat().st_size / 1e6
        base_size = (out / "base.sqlite3").stat().st_size / 1e6
        median = statistics.median
        print(f"stored: {size:.0f} MB (the bare table: {base_size:.0f} MB)")
        print(f"{'':<28}{'wall s':>8}{'CPU s':>8}{'MB':>7}")
        for label, runs in (("grenswerk import", ours), ("bare executemany", base)):
            print(
                f"{label:<28}{median(r.wall for r in runs):>8.2f}"
                f"{median(r.cpu for r in runs):>8.2f}{max(r.peak_mb for r in runs):>7.0f}"
            )
        print(
            f"{'floor (its rows, written)':<28}{median(w for w, _ in bottom):>8.2f}"
            f"{median(c for _, c in bottom):>8.2f}"
        )
        ratio = median(b.wall / o.wall for o, b in zip(ours, base, strict=True))
        best = median(b.wall / f[0] for f, b in zip(bottom, base, strict=True))
        print(
            f"baseline / import: {ratio:.2f}; baseline / floor: {best:.2f} (the best an "
            "import storing these bytes could reach, before reading and checking a row)"
        )
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
