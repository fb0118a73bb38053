"""Soak benchmark: ``grenswerk serve`` on the demo workspaces under mixed reads and
writes from several clients for a long while (issue 21, point 10).

Every few seconds it prints the server's memory (resident, the server and its analysis
workers together), the requests done and the p50/p95 latency of reads and of writes in
that interval; at the end the memory after warm-up against the last and the highest,
and p50/p95 over the whole run. Each write (a PATCH of a node's description) makes a
new version of its workspace, so what is cached for old versions must go: the memory
must stay flat after warm-up. Targets (issue 21): under 500 MB on the demo workspaces;
reads p95 under 250 ms on a quiet machine.

The mix, per client, each round: a map, an analysis (centrality, brokerage,
communities, potential, summary, in turn), a node page, a search and (one time in
four) a write. Latency depends on what else the machine runs: say so beside the figures;
the server's CPU time a request is printed too, which does not.

    python bench/soak.py [--minutes 10] [--clients 8] [--every 15]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
GRENSWERK = Path(sys.executable).parent / "grenswerk"
WORKSPACES = ("demo", "voorbeeld-roc")
ANALYSES = ("centrality", "brokerage", "communities", "potential", "summary")


def rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` and every process below it, in MB."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            children.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo.extend(children.get(current, []))
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def cpu_s(pid: int) -> float:
    """CPU seconds (user and system) ``pid`` has used so far, with its waited-for children."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(v) for v in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def _run(*args: str, data: Path) -> str:
    done = subprocess.run(
        [str(GRENSWERK), "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def _key(data: Path) -> str:
    made = _run("keys", "create", "--all", "--role", "admin", "--label", "soak", data=data)
    return next(word for word in made.split() if word.startswith("gw_"))


class Recorder:
    """Latencies (ms) and errors, by kind, for the current interval and the run."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.interval: dict[str, list[float]] = {"read": [], "write": []}
        self.run: dict[str, list[float]] = {"read": [], "write": []}
        self.by_what: dict[str, list[float]] = {}
        self.errors: dict[str, int] = {}

    def add(self, kind: str, what: str, ms: float) -> None:
        with self.lock:
            self.interval[kind].append(ms)
            self.run[kind].append(ms)
            self.by_what.setdefault(what, []).append(ms)

    def error(self, what: str) -> None:
        with self.lock:
            self.errors[what] = self.errors.get(what, 0) + 1

    def take(self) -> dict[str, list[float]]:
        with self.lock:
            taken, self.interval = self.interval, {"read": [], "write": []}
        return taken


def _p(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _client(
    url: str, key: str, nodes: dict[str, list[str]], record: Recorder, stop: threading.Event
) -> None:
    rng = random.Random(threading.get_ident())
    headers = {"Authorization": f"Bearer {key}"}
    with httpx.Client(base_url=url, headers=headers, timeout=120) as http:
        turn = 0

        def timed(kind: str, what: str, method: str, path: str, **given: object) -> None:
            start = time.perf_counter()
            try:
                response = http.request(method, path, **given)  # type: ignore[arg-type]
            except httpx.HTTPError as exc:
                record.error(f"{what}: {type(exc).__name__}")
                return
            record.add(kind, what, (time.perf_counter() - start) * 1000)
            if response.status_code >= 400:
                record.error(f"{what}: {response.status_code}")

        while not stop.is_set():
            turn += 1
            w = rng.choice(WORKSPACES)
            node = rng.choice(nodes[w])
            base = f"/api/workspaces/{w}"
            analysis = ANALYSES[turn % len(ANALYSES)]
            timed("read", "map", "GET", f"{base}/map")
            timed("read", analysis, "GET", f"{base}/analyses/{analysis}?limit=20")
            timed("read", "node page", "GET", f"/w/{w}/node/{node}")
            timed("read", "search", "GET", f"{base}/nodes", params={"q": node[:4]})
            if rng.random() < 0.25:
                body = {"description": f"soak {time.time():.3f}"}
                timed("write", "patch", "PATCH", f"{base}/nodes/{node}", json=body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="how long (default 10)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (default 8)")
    parser.add_argument("--every", type=float, default=15.0, help="seconds between lines")
    parser.add_argument("--warm-up", type=float, default=60.0, help="seconds before the baseline")
    args = parser.parse_args()

    data = Path(tempfile.mkdtemp(prefix="grenswerk-soak-"))
    _run("demo", data=data)
    key = _key(data)
    port = 8000 + os.getpid() % 1000
    server = subprocess.Popen(
        [str(GRENSWERK), "--data-dir", str(data), "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{url}/health", timeout=2)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise SystemExit("the server did not start") from None
                time.sleep(0.2)
        headers = {"Authorization": f"Bearer {key}"}
        nodes = {
            w: [
                n["id"]
                for n in httpx.get(
                    f"{url}/api/workspaces/{w}/nodes?limit=1000", headers=headers, timeout=60
                ).json()
            ]
            for w in WORKSPACES
        }
        record, stop = Recorder(), threading.Event()
        clients = [
            threading.Thread(target=_client, args=(url, key, nodes, record, stop), daemon=True)
            for _ in range(args.clients)
        ]
        print(
            f"soak: grenswerk serve on {', '.join(WORKSPACES)} ({sum(map(len, nodes.values()))} "
            f"nodes), {args.clients} clients, {args.minutes:g} min; cores {os.cpu_count()}, "
            f"load average {os.getloadavg()[0]:.1f} at the start"
        )
        print(
            f"{'time s':>7} {'RSS MB':>7} {'reads':>6} {'p50 ms':>7} {'p95 ms':>7} "
            f"{'writes':>6} {'p50 ms':>7} {'p95 ms':>7}"
        )
        started, cpu_started = time.monotonic(), cpu_s(server.pid)
        print(f"{0:7.0f} {rss_mb(server.pid):7.0f}")
        for client in clients:
            client.start()
        end = started + args.minutes * 60
        memory: list[tuple[float, float]] = []
        while time.monotonic() < end:
            time.sleep(min(args.every, max(0.0, end - time.monotonic())))
            now = time.monotonic() - started
            mb = rss_mb(server.pid)
            memory.append((now, mb))
            got = record.take()
            r, w = got["read"], got["write"]
            print(
                f"{now:7.0f} {mb:7.0f} {len(r):6d} {_p(r, 0.5):7.0f} {_p(r, 0.95):7.0f} "
                f"{len(w):6d} {_p(w, 0.5):7.0f} {_p(w, 0.95):7.0f}",
                flush=True,
            )
        stop.set()
        for client in clients:
            client.join(timeout=120)
        busy = cpu_s(server.pid) - cpu_started
        wall = time.monotonic() - started
        after = [mb for t, mb in memory if t >= args.warm_up] or [mb for _, mb in memory]
        reads, writes = record.run["read"], record.run["write"]
        print(
            f"memory after warm-up ({args.warm_up:g} s): {after[0]:.0f} MB; last "
            f"{after[-1]:.0f} MB; highest {max(after):.0f} MB; lowest {min(after):.0f} MB"
        )
        print(
            f"reads {len(reads)}: p50 {_p(reads, 0.5):.0f} ms, p95 {_p(reads, 0.95):.0f} ms "
            f"(median of all {statistics.median(reads) if reads else float('nan'):.0f} ms); "
            f"writes {len(writes)}: p50 {_p(writes, 0.5):.0f} ms, p95 {_p(writes, 0.95):.0f} ms"
        )
        print(
            "by request: "
            + "; ".join(
                f"{what} p50 {_p(ms, 0.5):.0f} / p95 {_p(ms, 0.95):.0f} ms"
                for what, ms in sorted(record.by_what.items())
            )
        )
        done = len(reads) + len(writes)
        print(
            f"server CPU: {busy:.0f} s in {wall:.0f} s ({busy / wall:.2f} cores), "
            f"{1000 * busy / max(done, 1):.1f} ms a request: what the requests cost whatever "
            "else the machine runs (the latencies above include the wait for a core)"
        )
        print(
            f"errors: {record.errors or 'none'}; load average at the end {os.getloadavg()[0]:.1f}"
        )
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
