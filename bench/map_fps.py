"""Map benchmark: frames per second of a big map in headless Chromium (no GPU: a
pessimistic stand-in for a manager's laptop), while panning and zooming.

A generated workspace (bench/analysis.py's generator: heavy-tailed degrees, about five
ties per node) is drawn as a self-contained HTML file, opened in Playwright on
/usr/bin/chromium, and moved with the same scripted gestures for every variant (a mouse
drag there and back, a wheel turn in and out, repeated for ``--seconds``). Frames are
counted with ``requestAnimationFrame`` in the page. For each variant it prints the time
to build the HTML, the time to a drawn, ready canvas, frames per second idle and while
moving, and the peak memory of the Python side while building (tracemalloc).

Variants, in one run on the same graph and positions:

- ``current``: the map as it was at ``--baseline-rev`` (git), the baseline;
- ``bare vis-network``: the same nodes and positions with vis-network's defaults,
  physics off and edges hidden while dragging and zooming;
- ``new``: our map as it opens (big maps clustered, labels above a zoom threshold,
  edges hidden while moving);
- ``new, every cluster opened``: our map with every cluster opened (the level of detail
  of labels and ties alone, every node drawn).

Target (issue 14): at least 30 frames/s while moving at 10 000 nodes.

    python bench/map_fps.py [--nodes 10000] [--seconds 6] [--seed 3]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tarfile
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(ROOT))

import networkx as nx  # noqa: E402
from playwright.sync_api import Page, sync_playwright  # noqa: E402

from visualizations import maps, page  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
#: the map before level of detail (issue 14): the baseline measured in the same run
BASELINE_REV = "aaf33fb"
VIEWPORT = {"width": 1280, "height": 860}

COUNT_FRAMES = """() => { window.__frames = 0;
  const tick = () => { window.__frames++; requestAnimationFrame(tick); };
  requestAnimationFrame(tick); }"""
FRAMES = "() => [window.__frames, performance.now()]"
OPEN_ALL = """() => { const m = window.grenswerkMap, net = m.network;
  net.body.nodeIndices.filter(id => net.isCluster(id)).forEach(id => m.openGroup(id));
  return net.body.nodeIndices.length; }"""

BARE = """<!doctype html><html><head><meta charset="utf-8"><style>{css}</style>
<style>html, body, #map {{ margin: 0; width: 100%; height: 100%; }}</style></head>
<body><div id="map"></div><script>{vis}</script><script>
var data = {data};
var network = new vis.Network(document.getElementById("map"),
  {{nodes: new vis.DataSet(data.nodes), edges: new vis.DataSet(data.edges)}},
  {{physics: {{enabled: false}}, layout: {{improvedLayout: false}}, edges: {{smooth: false}},
    interaction: {{hideEdgesOnDrag: true, hideEdgesOnZoom: true}}}});
network.once("afterDrawing", function () {{
  document.body.dataset.stable = "yes"; }});
window.grenswerkMap = {{network: network}};
</script></body></html>"""


def generated(n: int, seed: int) -> nx.MultiDiGraph:
    """bench/analysis.py's workspace generator (the same graphs as the other benchmarks)."""
    spec = importlib.util.spec_from_file_location("bench_analysis", HERE / "analysis.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    made: nx.MultiDiGraph = module.workspace(n, seed)
    graph = nx.MultiDiGraph()  # keys are the ties' ids in the app: unique
    graph.add_nodes_from(made.nodes(data=True))
    for i, (u, v, data) in enumerate(made.edges(data=True)):
        graph.add_edge(u, v, key=f"r{i}", **data)
    return graph


def baseline_module(rev: str, into: Path) -> ModuleType:
    """visualizations/maps.py (with its templates and map.js) as it was at ``rev``."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", rev, "visualizations"],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    spec = importlib.util.spec_from_file_location("baseline_maps", into / "visualizations/maps.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def measured(build: Callable[[], str]) -> tuple[str, float, float]:
    """The HTML, the seconds it took, and the peak MB traced in a second build."""
    start = time.perf_counter()
    html = build()
    seconds = time.perf_counter() - start
    tracemalloc.start()
    build()
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return html, seconds, peak


def map_page(module: Any, graph: nx.MultiDiGraph, positions: dict[str, Any]) -> str:
    data = module.build_map(graph, positions=positions)
    return str(module.render_map(data, title="bench", inline=True, date="bench"))


def bare_page(graph: nx.MultiDiGraph, positions: dict[str, Any]) -> str:
    nodes = [
        {"id": n, "label": str(d.get("name", n)), "x": positions[n][0], "y": positions[n][1]}
        for n, d in graph.nodes(data=True)
    ]
    edges = [{"from": u, "to": v} for u, v in graph.edges()]
    return BARE.format(
        css=page._asset("vis-network.css"),
        vis=page._asset("vis-network.min.js"),
        data=json.dumps({"nodes": nodes, "edges": edges}).replace("<", "\\u003c"),
    )


def gestures(page: Page, seconds: float) -> None:
    """Drag there and back, wheel in and out, until ``seconds`` have passed."""
    cx, cy = VIEWPORT["width"] / 2, VIEWPORT["height"] / 2 + 40
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        for (x0, y0), (x1, y1), wheel in (
            ((cx, cy), (cx + 160, cy + 90), -240),
            ((cx + 160, cy + 90), (cx, cy), 240),
        ):
            page.mouse.move(x0, y0)
            page.mouse.down()
            page.mouse.move(x1, y1, steps=12)
            page.mouse.up()
            for _ in range(3):
                page.mouse.wheel(0, wheel / 3)


def fps(page: Page, seconds: float, move: bool) -> float:
    page.evaluate(COUNT_FRAMES)
    page.wait_for_timeout(200)
    frames0, t0 = page.evaluate(FRAMES)
    if move:
        gestures(page, seconds)
    else:
        page.wait_for_timeout(seconds * 1000)
    frames1, t1 = page.evaluate(FRAMES)
    return float((frames1 - frames0) / ((t1 - t0) / 1000))


def run_variant(browser: Any, path: Path, seconds: float, prepare: str | None) -> dict[str, Any]:
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    start = time.perf_counter()
    page.goto(path.as_uri(), timeout=300_000)
    page.wait_for_function("document.body.dataset.stable === 'yes'", timeout=120_000)
    drawn = time.perf_counter() - start
    shown = page.evaluate(prepare) if prepare else None
    page.wait_for_timeout(500)
    result = {
        "drawn": drawn,
        "idle": fps(page, min(seconds, 3.0), move=False),
        "moving": fps(page, seconds, move=True),
        "shown": shown
        if shown is not None
        else page.evaluate("window.grenswerkMap.network.body.nodeIndices.length"),
    }
    context.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=6.0)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--baseline-rev", default=BASELINE_REV)
    parser.add_argument("--only", default="", help="comma-separated variant numbers (1-4)")
    args = parser.parse_args()
    t0 = time.perf_counter()
    graph = generated(args.nodes, args.seed)
    positions = maps.layout(graph)
    print(
        f"{graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} ties "
        f"(generated and laid out in {time.perf_counter() - t0:.1f} s; the layout is kept "
        "per workspace version by the app, so it is not in the build times)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        old = baseline_module(args.baseline_rev, folder / "baseline")
        variants: list[tuple[str, Callable[[], str], str | None]] = [
            (f"current ({args.baseline_rev})", lambda: map_page(old, graph, positions), None),
            ("bare vis-network", lambda: bare_page(graph, positions), None),
            ("new", lambda: map_page(maps, graph, positions), None),
            ("new, every cluster opened", lambda: map_page(maps, graph, positions), OPEN_ALL),
        ]
        wanted = {int(i) for i in args.only.split(",") if i} or set(range(1, len(variants) + 1))
        rows = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=FLAGS
            )
            for number, (label, build, prepare) in enumerate(variants, start=1):
                if number not in wanted:
                    continue
                html, seconds, peak = measured(build)
                path = folder / f"variant{number}.html"
                path.write_text(html, encoding="utf-8")
                result = run_variant(browser, path, args.seconds, prepare)
                rows.append((label, seconds, peak, len(html) / 1e6, result))
                print(f"  measured {label}", file=sys.stderr)
            browser.close()
    print(
        f"{'variant':<34}{'build s':>8}{'MB html':>8}{'peak MB':>8}{'drawn s':>8}"
        f"{'shown':>7}{'fps idle':>9}{'fps moving':>11}"
    )
    for label, seconds, peak, size, r in rows:
        print(
            f"{label:<34}{seconds:>8.2f}{size:>8.1f}{peak:>8.0f}{r['drawn']:>8.2f}"
            f"{r['shown']:>7}{r['idle']:>9.1f}{r['moving']:>11.1f}"
        )
    base = rows[0][4]["moving"] if rows and 1 in wanted else None
    for label, *_, r in rows:
        ratio = f"{r['moving'] / base:.1f}× the current map" if base else ""
        verdict = "met" if r["moving"] >= 30 else "NOT met"
        print(f"{label}: {r['moving']:.1f} frames/s moving, {ratio}; target ≥ 30: {verdict}")


if __name__ == "__main__":
    main()
