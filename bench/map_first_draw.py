"""Map benchmark, whole processes as a manager meets them: from the click on a
workspace to the drawn map, and frames per second while moving, for a 10 000-node
workspace in Chromium (headless, no GPU: a pessimistic stand-in for a laptop).

For each variant the same generated workspace (bench/analysis.py's generator, our CSV
files) is imported with ``grenswerk import`` into a fresh data folder, a server key is
made with ``grenswerk keys create``, and ``grenswerk serve`` runs as its own process.
Playwright on /usr/bin/chromium logs in, opens the workspaces page and clicks the
workspace, and times until the map is drawn (``data-drawn``: vis-network's first
drawing) and settled (``data-stable``: fitted, names written, ready). Three clicks:

- ``first``: the first map after the import (the server loads the graph; the new map
  computes and keeps the layout here, once);
- ``again``: the next click (everything in memory);
- ``restart``: the first click after ``grenswerk serve`` is started again (the graph
  from its snapshot; the new map reads the kept layout from the store).

Then frames per second idle and while dragging and zooming (bench/map_fps.py's
gestures), and the server's peak memory (VmHWM). Baseline in the same run: the map as
it is at ``--baseline-rev`` (git archive of that commit, run from its own tree with the
same interpreter and packages). Targets (issue 24): click to drawn canvas ≤ 2 s, at
least 60 frames/s while moving.

    python bench/map_first_draw.py [--nodes 10000] [--seconds 6] [--baseline-rev main]
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import os
import re
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]

from playwright.sync_api import Page, sync_playwright  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
VIEWPORT = {"width": 1400, "height": 900}
WORKSPACE = "groot"


def _module(name: str, path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_csv(n: int, seed: int, folder: Path) -> tuple[Path, Path, int]:
    """bench/analysis.py's workspace as our CSV files; the number of ties."""
    graph = _module("bench_analysis", HERE / "analysis.py").workspace(n, seed)
    nodes, ties = folder / "nodes.csv", folder / "relationships.csv"
    with nodes.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "kind", "name", "org_type", "sector"])
        for node, data in graph.nodes(data=True):
            w.writerow(
                [node, data["kind"], data["name"], data.get("org_type", ""), data.get("sector", "")]
            )
    sys.path.insert(0, str(ROOT))
    from graph.model import RELATIONSHIP_ENDPOINTS, NodeKind, RelType

    count = 0
    with ties.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["from", "type", "to", "mechanism", "strength", "since"])
        for u, v, data in graph.edges(data=True):
            sources, targets = RELATIONSHIP_ENDPOINTS[RelType(data["type"])]
            fits = NodeKind(graph.nodes[u]["kind"]) in sources and (
                NodeKind(graph.nodes[v]["kind"]) in targets
            )
            kind = data["type"] if fits else "related_to"  # e.g. a theme to a theme
            w.writerow([u, kind, v, data["mechanism"], data["strength"], data["since"]])
            count += 1
    return nodes, ties, count


def tree_of(rev: str, into: Path) -> Path:
    """The source tree of ``rev`` (git archive), to run that version's own code."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", rev], check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def grenswerk(tree: Path, data: Path, *args: str) -> str:
    """``grenswerk ARGS`` run from ``tree`` with its data in ``data``; its output."""
    env = {**os.environ, "PYTHONPATH": str(tree), "GRENSWERK_DATA_DIR": str(data)}
    code = "import sys; from cli.app import main; sys.argv[0] = 'grenswerk'; main()"
    done = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, cwd=tree, capture_output=True, text=True
    )
    if done.returncode:
        raise SystemExit(f"grenswerk {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def served(tree: Path, data: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """``grenswerk serve`` from ``tree`` until the block ends."""
    port = _port()
    env = {**os.environ, "PYTHONPATH": str(tree), "GRENSWERK_DATA_DIR": str(data)}
    code = "import sys; from cli.app import main; sys.argv[0] = 'grenswerk'; main()"
    process = subprocess.Popen(
        [sys.executable, "-c", code, "serve", "--port", str(port)],
        env=env,
        cwd=tree,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                raise SystemExit("the server did not start") from None
            time.sleep(0.1)
    try:
        yield url, process
    finally:
        process.terminate()
        process.wait(timeout=30)


def peak_mb(process: subprocess.Popen[bytes]) -> float:
    """The process's peak resident memory so far (VmHWM), in MB."""
    status = Path(f"/proc/{process.pid}/status").read_text()
    found = re.search(r"VmHWM:\s+(\d+) kB", status)
    return int(found.group(1)) / 1024 if found else float("nan")


def _wait(page: Page, flag: str, timeout: float = 300.0) -> float:
    """Poll (from here: the pages' CSP forbids Playwright's in-page polling) until
    ``document.body.dataset[flag]`` is "yes"; the time it was seen."""
    deadline = time.perf_counter() + timeout
    while page.evaluate(f"document.body && document.body.dataset.{flag}") != "yes":
        if time.perf_counter() > deadline:
            raise SystemExit(f"the map was not {flag} in {timeout:.0f} s")
        page.wait_for_timeout(10)
    return time.perf_counter()


def click_to_map(page: Page, url: str) -> tuple[float, float]:
    """From the workspaces page, click the workspace: seconds to drawn and to settled."""
    page.goto(url + "/")
    link = page.locator(f'a[href="/w/{WORKSPACE}"]').first
    start = time.perf_counter()
    link.click()
    page.wait_for_url(f"**/w/{WORKSPACE}", timeout=300_000)
    drawn = _wait(page, "drawn")
    stable = _wait(page, "stable")
    return drawn - start, stable - start


def measure(browser: Any, tree: Path, data: Path, seconds: float) -> dict[str, Any]:
    """The three clicks, frames per second and the server's peak memory of one variant."""
    fps = _module("bench_map_fps", HERE / "map_fps.py")
    key = grenswerk(tree, data, "keys", "create", "--all", "--role", "admin", "--label", "bench")
    token = re.search(r"gw_[A-Za-z0-9_-]+", key)
    assert token, key
    result: dict[str, Any] = {}
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    with served(tree, data) as (url, server):
        page.goto(url + "/login")
        page.fill("input[name=key]", token.group(0))
        page.click("button[type=submit]")
        page.wait_for_url(url + "/")
        result["first"] = click_to_map(page, url)
        result["again"] = click_to_map(page, url)
        page.wait_for_timeout(500)
        result["idle"] = fps.fps(page, min(seconds, 3.0), move=False)
        result["moving"] = fps.fps(page, seconds, move=True)
        result["shown"] = page.evaluate("window.grenswerkMap.network.body.nodeIndices.length")
        result["peak"] = peak_mb(server)
    with served(tree, data) as (url, server):
        page.goto(url + "/login")
        page.fill("input[name=key]", token.group(0))
        page.click("button[type=submit]")
        page.wait_for_url(url + "/")
        result["restart"] = click_to_map(page, url)
        result["peak"] = max(result["peak"], peak_mb(server))
    context.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=6.0)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--baseline-rev", default="main")
    args = parser.parse_args()
    rev = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", args.baseline_rev],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        nodes, ties, count = write_csv(args.nodes, args.seed, folder)
        print(f"{args.nodes:,} nodes, {count:,} ties (bench/analysis.py, seed {args.seed})")
        variants = [
            (f"main ({rev})", tree_of(args.baseline_rev, folder / "baseline")),
            ("this branch", ROOT),
        ]
        rows = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=FLAGS
            )
            for label, tree in variants:
                data = folder / f"data-{len(rows)}"
                data.mkdir()
                start = time.perf_counter()
                grenswerk(tree, data, "import", str(nodes), str(ties), "--workspace", WORKSPACE)
                imported = time.perf_counter() - start
                result = measure(browser, tree, data, args.seconds)
                rows.append((label, imported, result))
                print(f"  measured {label}", file=sys.stderr)
            browser.close()
    print(
        f"{'variant':<22}{'import s':>9}{'first click s':>15}{'again s':>9}{'restart s':>11}"
        f"{'shown':>7}{'fps idle':>9}{'fps moving':>11}{'server MB':>11}"
    )
    for label, imported, r in rows:
        print(
            f"{label:<22}{imported:>9.1f}{r['first'][1]:>15.2f}{r['again'][1]:>9.2f}"
            f"{r['restart'][1]:>11.2f}{r['shown']:>7}{r['idle']:>9.1f}{r['moving']:>11.1f}"
            f"{r['peak']:>11.0f}"
        )
    print("(click to settled map; to vis-network's first drawing:")
    for label, _, r in rows:
        print(
            f"  {label}: first {r['first'][0]:.2f} s, again {r['again'][0]:.2f} s, "
            f"restart {r['restart'][0]:.2f} s)"
        )
    (base_label, _, base), (label, _, new) = rows
    for name in ("first", "again", "restart"):
        ratio = base[name][1] / new[name][1]
        verdict = "met" if new[name][1] <= 2 else "NOT met"
        print(
            f"{name} click: {new[name][1]:.2f} s against {base[name][1]:.2f} s ({ratio:.1f}× "
            f"faster than {base_label}); target ≤ 2 s: {verdict}"
        )
    verdict = "met" if new["moving"] >= 60 else "NOT met"
    print(
        f"moving: {new['moving']:.1f} frames/s against {base['moving']:.1f}; target ≥ 60: {verdict}"
    )


if __name__ == "__main__":
    main()
