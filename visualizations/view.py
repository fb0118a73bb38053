"""What a map on screen shows, worked out on the server the way map.js does, so a
picture (:mod:`visualizations.view_picture`) shows exactly the view on screen: the
filters (already in the map's data), the focus with its steps, the rest dimmed or
hidden, the themes layer, a route, which clusters are open, where nodes were dragged,
the part of the map in the window, and the names written.

Examples
--------
>>> data = {"nodes": [
...     {"id": "a", "label": "A", "kind": "organisation", "x": 0, "y": 0, "size": 14,
...      "color": "#0072B2", "shape": "square", "rank": 0},
...     {"id": "b", "label": "B", "kind": "person", "x": 90, "y": 0, "size": 14,
...      "color": "#E69F00", "shape": "dot", "rank": 1},
...     {"id": "t", "label": "T", "kind": "theme", "x": 0, "y": 90, "size": 14,
...      "color": "#CC79A7", "shape": "diamond", "rank": 2}],
...     "edges": [{"from": "b", "to": "a", "color": "#8a96a3", "width": 1},
...               {"from": "a", "to": "t", "color": "#8a96a3", "width": 1}],
...     "clusters": []}
>>> shown = drawn_view(data, ViewState(focus="b", depth=1, hide=True))
>>> sorted(n["id"] for n in shown.nodes)
['a', 'b']
>>> [n["id"] for n in drawn_view(data, ViewState(themes=False)).nodes]
['a', 'b']
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from visualizations.labels import SIDES, place_labels

__all__ = ["DIM", "DrawnView", "ViewState", "drawn_view"]

#: the colour of a dimmed node (map.js's DIM) and tie
DIM, DIM_EDGE, EDGE_COLOR = "#e3e6ea", "#eef0f2", "#8a96a3"
#: the whole map in a window of this many px, without a window given
SCREEN = (1400, 800)
MAX_FOCUS_SCALE, MARGIN = 1.5, 0.9


@dataclass(frozen=True)
class ViewState:
    """The view on screen beyond the map's filters: ``box`` is the part of the map in
    the window (map units: left, top, right, bottom), ``screen`` the window's size in
    px; ``names``, if given, the ids whose names the screen writes, each with its side
    (:data:`visualizations.labels.SIDES`)."""

    focus: str | None = None
    depth: int = 2
    hide: bool = False
    themes: bool = True
    route: bool = True
    opened: frozenset[str] = frozenset()
    box: tuple[float, float, float, float] | None = None
    screen: tuple[int, int] = SCREEN
    names: tuple[tuple[str, str], ...] | None = None


@dataclass
class DrawnView:
    """What the picture draws: nodes and clusters (``sx``/``sy`` in px of the window,
    ``radius`` in px, ``color``), ties (ends in px), names (text, the shape's x, y and
    radius in px, the side), and the window's size."""

    nodes: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)
    labels: list[tuple[str, float, float, float, str]] = field(default_factory=list)
    width: int = SCREEN[0]
    height: int = SCREEN[1]


def _within(neighbours: dict[str, list[str]], start: str, depth: int, skip: set[str]) -> set[str]:
    found, frontier = {start}, [start]
    for _ in range(depth):
        nxt = []
        for node in frontier:
            for other in neighbours.get(node, []):
                if other not in found and other not in skip:
                    found.add(other)
                    nxt.append(other)
        frontier = nxt
    return found


def _fit(
    points: list[tuple[float, float, float]], screen: tuple[int, int], cap: float | None
) -> tuple[float, float, float, float]:
    """The window's box that fits ``points`` (x, y, radius) as map.js's zoomTo does."""
    x0 = min(p[0] - p[2] for p in points)
    x1 = max(p[0] + p[2] for p in points)
    y0 = min(p[1] - p[2] for p in points)
    y1 = max(p[1] + p[2] for p in points)
    scale = min(screen[0] / max(x1 - x0, 1e-9), screen[1] / max(y1 - y0, 1e-9)) * MARGIN
    if cap is not None:
        scale = min(scale, cap)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    half_w, half_h = screen[0] / scale / 2, screen[1] / scale / 2
    return (cx - half_w, cy - half_h, cx + half_w, cy + half_h)


def drawn_view(
    data: dict[str, Any],
    state: ViewState,
    moved: dict[str, tuple[float, float]] | None = None,
    measure: Callable[[str], float] | None = None,
) -> DrawnView:
    """The nodes, ties and names ``state`` shows of the map ``data`` (from
    :func:`~visualizations.maps.build_map`), in px of the window; ``measure`` gives a
    name's width in px (for the names the server chooses when ``state.names`` is
    not given)."""
    moved = moved or {}
    base = {n["id"]: n for n in data["nodes"]}
    neighbours: dict[str, list[str]] = {n: [] for n in base}
    for e in data["edges"]:
        neighbours[e["from"]].append(e["to"])
        neighbours[e["to"]].append(e["from"])
    themes = {n for n, item in base.items() if item["kind"] == "theme"}
    route = {n for n, item in base.items() if item.get("borderWidth")}
    clusters = {c["id"]: c for c in data.get("clusters", [])}
    cluster_of = {}
    for cid, c in clusters.items():
        if cid not in state.opened:
            for m in c["members"]:
                cluster_of[m] = cid
    focus = state.focus if state.focus in base else None
    if focus and focus in cluster_of:
        for m in clusters[cluster_of[focus]]["members"]:
            cluster_of.pop(m, None)
    lit: set[str] | None = None
    if focus:
        lit = _within(neighbours, focus, state.depth, set() if state.themes else themes)
    elif state.route and route:
        lit = set(route)
    hide_rest = bool(focus and state.hide)

    def look(node: str) -> str:
        if not state.themes and node in themes:
            return "hidden"
        if lit is not None and node not in lit:
            return "hidden" if hide_rest else "dim"
        return "on"

    items: dict[str, dict[str, Any]] = {}
    for cid, c in clusters.items():
        if not any(cluster_of.get(m) == cid for m in c["members"]):
            continue
        on = lit is None or any(m in lit for m in c["members"])
        state_look = "on" if on else ("hidden" if hide_rest else "dim")
        if state_look != "hidden":
            items[cid] = {
                "id": cid,
                "label": c["label"],
                "x": c["x"],
                "y": c["y"],
                "size": c["size"],
                "shape": "dot",
                "cluster": True,
                "color": DIM if state_look == "dim" else c["color"],
                "look": state_look,
            }
    for node, item in base.items():
        if node in cluster_of:
            continue
        node_look = look(node)
        if node_look == "hidden":
            continue
        x, y = moved.get(node, (item["x"], item["y"]))
        items[node] = {
            **item,
            "x": x,
            "y": y,
            "look": node_look,
            "color": DIM if node_look == "dim" else item["color"],
        }
    box = state.box
    if box is None:  # the first view: the whole map, as map.js opens it
        whole = [n for n in base.values() if not n.get("borderWidth")] if not route else []
        points = (
            [(*moved.get(n["id"], (n["x"], n["y"])), float(n["size"])) for n in whole]
            or [(base[n]["x"], base[n]["y"], float(base[n]["size"])) for n in route]
            or [(0.0, 0.0, 1.0)]
        )
        box = _fit(points, state.screen, MAX_FOCUS_SCALE)
    scale = state.screen[0] / max(box[2] - box[0], 1e-9)

    def px(x: float, y: float) -> tuple[float, float]:
        return (x - box[0]) * scale, (y - box[1]) * scale

    view = DrawnView(width=state.screen[0], height=state.screen[1])
    for item in items.values():
        sx, sy = px(item["x"], item["y"])
        view.nodes.append({**item, "sx": sx, "sy": sy, "radius": float(item["size"]) * scale})

    def lit_end(end: str) -> bool:
        return items[end]["look"] == "on" if end in clusters else lit is None or end in lit

    between: dict[tuple[str, str], int] = {}
    for e in data["edges"]:
        a, b = cluster_of.get(e["from"], e["from"]), cluster_of.get(e["to"], e["to"])
        if a == b or a not in items or b not in items:
            continue
        if a == e["from"] and b == e["to"]:
            colour = e["color"] if lit_end(a) and lit_end(b) else DIM_EDGE
            view.edges.append(_tie(px, items[a], items[b], colour, e.get("width", 1)))
        else:
            pair = (a, b) if a < b else (b, a)
            between[pair] = between.get(pair, 0) + 1
    for (a, b), count in sorted(between.items()):
        colour = EDGE_COLOR if lit_end(a) and lit_end(b) else DIM_EDGE
        view.edges.append(_tie(px, items[a], items[b], colour, min(1 + math.log2(count), 6)))
    drawn = {n["id"]: n for n in view.nodes}
    if state.names is not None:
        chosen = [(n, side) for n, side in state.names if n in drawn and side in SIDES]
    else:
        shapes = [
            (
                n["sx"] - n["radius"],
                n["sy"] - n["radius"],
                n["sx"] + n["radius"],
                n["sy"] + n["radius"],
            )
            for n in view.nodes
            if n["look"] == "on"
        ]
        chosen = place_labels(
            _candidates(drawn, focus, route, lit), *state.screen, measure or _rough, shapes
        )
    for node, side in chosen:
        n = drawn[node]
        view.labels.append((str(n["label"]), n["sx"], n["sy"], n["radius"], side))
    return view


def _tie(
    px: Callable[[float, float], tuple[float, float]],
    a: dict[str, Any],
    b: dict[str, Any],
    colour: str,
    width: float,
) -> dict[str, Any]:
    return {"a": px(a["x"], a["y"]), "b": px(b["x"], b["y"]), "color": colour, "width": width}


def _rough(text: str) -> float:
    return 7.2 * len(text)


def _candidates(
    drawn: dict[str, dict[str, Any]], focus: str | None, route: set[str], lit: set[str] | None
) -> list[tuple[str, float, float, float, str]]:
    """The names in map.js's order: the focus, the closed clusters, the route, then the
    rest by rank; a dimmed node has no name."""

    def item(n: dict[str, Any]) -> tuple[str, float, float, float, str]:
        return (n["id"], n["sx"], n["sy"], n["radius"], str(n["label"]))

    on = [n for n in drawn.values() if n["look"] == "on"]
    first = [item(drawn[focus])] if focus in drawn and drawn[focus]["look"] == "on" else []
    first += [item(n) for n in on if n.get("cluster")]
    people = sorted(
        (n for n in on if not n.get("cluster") and n["id"] != focus), key=lambda n: n["rank"]
    )
    first += [item(n) for n in people if n["id"] in route]
    return first + [item(n) for n in people if n["id"] not in route]
