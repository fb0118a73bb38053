"""Where each node of a map stands: computed on the server, once, then kept.

:func:`layout` lays a whole graph out (Fruchterman–Reingold, igraph, seeded, nodes in
sorted order: the same graph gives the same picture). :func:`extend_layout` keeps a
stored layout when the network changes: every node it knows stays exactly where it was,
a new node starts beside the nodes it is tied to, and a new node without placed
neighbours goes to the emptiest spot inside the map, so the map's frame (and so every
other node on screen) stays where it was. The services keep the result per workspace
in the store (:meth:`graph.store.base.Store.put_positions`).

Examples
--------
>>> g = nx.MultiDiGraph()
>>> g.add_edges_from([("a", "b"), ("b", "c")])
[0, 0]
>>> first = layout(g)
>>> g.add_edge("c", "d")
0
>>> again = extend_layout(g, first)
>>> all(again[n] == first[n] for n in first)
True
"""

from __future__ import annotations

import math
import random
import statistics
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

import igraph as ig
import networkx as nx

__all__ = ["SPACING", "Positions", "extend_layout", "layout", "seeded"]

Positions = dict[str, tuple[float, float]]

#: layout units per node on a side of the map
SPACING = 90
_LOCK = threading.Lock()


@contextmanager
def seeded(seed: int) -> Iterator[None]:
    """igraph's random numbers from a generator of its own, under a lock: seeding the
    module ``random`` is not enough in the server's worker threads."""
    with _LOCK:
        ig.set_random_number_generator(random.Random(seed))
        try:
            yield
        finally:
            ig.set_random_number_generator(random)


def _pairs(graph: nx.MultiDiGraph, ids: list[str]) -> list[tuple[int, int]]:
    """The ties among ``ids`` as pairs of their indices (each pair once, no loops),
    read from the adjacency (not through a subgraph view: 50 000 ties in a blink)."""
    index = {n: i for i, n in enumerate(ids)}
    pairs = set()
    for u, ends in graph.adj.items():
        a = index.get(u)
        if a is None:
            continue
        for v in ends:
            b = index.get(v)
            if b is not None and a != b:
                pairs.add((a, b) if a < b else (b, a))
    return sorted(pairs)


def _igraph(graph: nx.MultiDiGraph, ids: list[str]) -> ig.Graph:
    return ig.Graph(n=len(ids), edges=_pairs(graph, ids))


def _fr(count: int, pairs: list[tuple[int, int]], seed: int) -> list[tuple[float, float]]:
    """Fruchterman–Reingold of ``count`` nodes tied by ``pairs`` (igraph; its grid
    approximation on large graphs), scaled to :data:`SPACING` units per node on a side
    and centred."""
    if count == 1:
        return [(0.0, 0.0)]
    g = ig.Graph(n=count, edges=pairs)
    degree = g.degree()
    # a tie pulls less the busier its busiest end: a hub's partners spread out around it
    # by their other ties, instead of piling up on it
    weights = [1.0 / max(degree[a], degree[b], 1) for a, b in g.get_edgelist()]
    with seeded(seed):
        coords = g.layout_fruchterman_reingold(
            niter=500 if count <= 1000 else 300, grid=count > 1000, weights=weights or None
        ).coords
    xs = [c[0] for c in coords]
    ys = [c[1] for c in coords]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    scale = SPACING * math.sqrt(count) / span
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return [((x - cx) * scale, (y - cy) * scale) for x, y in coords]


#: at most this much is a map stretched sideways, to give names room
WIDE = 1.6
#: graphs up to this size get their shapes pushed apart (above it clusters stand for them)
SPREAD_UP_TO = 2000
#: no two shapes closer than this (layout units; a shape is 14 across its middle)
ROOM = 36.0


def _apart(points: list[list[float]], room: float = ROOM) -> None:
    """Push apart the nodes closer than ``room`` to each other, along the line between
    them (a few rounds, in a grid of cells), so no shape covers another."""
    for _round in range(12):
        cells: dict[tuple[int, int], list[int]] = {}
        for i, (x, y) in enumerate(points):
            cells.setdefault((int(x // room), int(y // room)), []).append(i)
        moved = False
        for (cx, cy), here in sorted(cells.items()):
            near = [
                j
                for dx in (-1, 0, 1)
                for dy in (-1, 0, 1)
                for j in cells.get((cx + dx, cy + dy), ())
            ]
            for i in here:
                for j in near:
                    if j <= i:
                        continue
                    dx = points[j][0] - points[i][0]
                    dy = points[j][1] - points[i][1]
                    distance = math.hypot(dx, dy)
                    if distance >= room:
                        continue
                    if distance < 1e-6:  # on one spot: apart along a fixed, per-pair angle
                        angle = (i * 7 + j * 13) % 360 * math.pi / 180
                        dx, dy, distance = math.cos(angle), math.sin(angle), 1.0
                    push = (room - distance) / 2 / distance
                    points[i][0] -= dx * push
                    points[i][1] -= dy * push
                    points[j][0] += dx * push
                    points[j][1] += dy * push
                    moved = True
        if not moved:
            break


#: a first view is about twice as wide as high: the map is packed and stretched to it
SCREEN_ASPECT = 2.0


def _shelves(
    laid: list[tuple[list[str], list[tuple[float, float]], float, float]], width: float
) -> tuple[Positions, float, float]:
    """The parts in rows no wider than ``width`` (left to right, top to bottom), and
    the width and height of the whole."""
    gap = 0.6 * SPACING
    placed: Positions = {}
    x = y = row = used = 0.0
    for part, inner, w, h in laid:
        if x > 0 and x + w > width:
            x, y, row = 0.0, y + row + gap, 0.0
        right = max(p[0] for p in inner)
        for node, (px, py) in zip(part, inner, strict=True):
            placed[node] = (x + (w - right) / 2 + px, y + py)
        used = max(used, x + w)
        x += w + gap
        row = max(row, h)
    return placed, used, y + row


def layout(graph: nx.MultiDiGraph, seed: int = 1) -> Positions:
    """Positions of every node, the same for the same graph (seeded, in sorted order).

    Each connected part is laid out by Fruchterman–Reingold (igraph; on large graphs
    its grid approximation: 10 000 nodes in about a second) at :data:`SPACING` units
    per node on a side, a tie pulling less the busier its busiest end (so a hub's
    partners spread around it by their other ties instead of piling up on it). The
    parts, largest first, are packed in rows (a single node with room for its name) to
    a whole about :data:`SCREEN_ASPECT` times wider than high, stretched sideways (at
    most :data:`WIDE` times) where it is not: names are wide. Up to
    :data:`SPREAD_UP_TO` nodes, shapes closer than :data:`ROOM` are pushed apart.
    """
    ids = sorted(graph.nodes, key=str)
    if not ids:
        return {}
    parts = sorted(
        (sorted(c, key=str) for c in nx.weakly_connected_components(graph)),
        key=lambda c: (-len(c), c[0]),
    )
    part_of = {n: k for k, part in enumerate(parts) for n in part}
    local = {n: i for part in parts for i, n in enumerate(part)}
    ties: list[set[tuple[int, int]]] = [set() for _ in parts]
    for u, ends in graph.adj.items():  # each part's ties, in one pass
        for v in ends:
            if u != v:
                a, b = local[u], local[v]
                ties[part_of[u]].add((a, b) if a < b else (b, a))
    laid = []
    for part, pairs in zip(parts, ties, strict=True):
        inner = _fr(len(part), sorted(pairs), seed)
        x0 = min(p[0] for p in inner)
        y0 = min(p[1] for p in inner)
        w = max(3 * SPACING, max(p[0] for p in inner) - x0)
        h = max(0.8 * SPACING, max(p[1] for p in inner) - y0)
        laid.append((part, [(x - x0, y - y0) for x, y in inner], w, h))
    widest = max(w for _, _, w, _ in laid)
    total = sum(w for _, _, w, _ in laid) + 0.6 * SPACING * len(laid)
    best = None
    for k in range(21):  # the row width whose whole is closest to a screen's shape
        width = widest + (total - widest) * k / 20
        placed, w, h = _shelves(laid, width)
        score = (abs(math.log(w / max(h, 1.0) / SCREEN_ASPECT)), w * h)
        if best is None or score < best[0]:
            best = (score, placed, w, h)
        if total <= widest:
            break
    assert best is not None
    _, placed, w, h = best
    stretch = min(max(SCREEN_ASPECT * h / max(w, 1.0), 1.0), WIDE)
    points = [[placed[n][0] * stretch, placed[n][1]] for n in ids]
    if 1 < len(ids) <= SPREAD_UP_TO:
        _apart(points)
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {n: (round(p[0] - cx, 2), round(p[1] - cy, 2)) for n, p in zip(ids, points, strict=True)}


def _step(graph: nx.MultiDiGraph, placed: Mapping[str, tuple[float, float]]) -> float:
    """The usual length of a tie in ``placed`` (the median), or :data:`SPACING`."""
    lengths = [
        math.dist(placed[u], placed[v])
        for u, v in graph.edges()
        if u != v and u in placed and v in placed
    ]
    return statistics.median(lengths) if lengths else float(SPACING)


class _Grid:
    """Placed points in square cells, to find the nearest one quickly."""

    def __init__(self, cell: float) -> None:
        self.cell = cell
        self.cells: dict[tuple[int, int], list[tuple[float, float]]] = {}

    def add(self, point: tuple[float, float]) -> None:
        key = (int(point[0] // self.cell), int(point[1] // self.cell))
        self.cells.setdefault(key, []).append(point)

    def nearest(self, point: tuple[float, float], rings: int = 2) -> float:
        """The distance to the nearest point within ``rings`` cells (else that far)."""
        cx, cy = int(point[0] // self.cell), int(point[1] // self.cell)
        best = (rings + 1) * self.cell
        for dx in range(-rings, rings + 1):
            for dy in range(-rings, rings + 1):
                for other in self.cells.get((cx + dx, cy + dy), ()):
                    best = min(best, math.dist(point, other))
        return best


def _beside(anchors: list[tuple[float, float]], grid: _Grid, step: float) -> tuple[float, float]:
    """A free spot at about ``step`` from the mean of ``anchors``: of twelve directions
    at one, then two steps, the one farthest from every placed point."""
    mx = sum(a[0] for a in anchors) / len(anchors)
    my = sum(a[1] for a in anchors) / len(anchors)
    best, where = -1.0, (mx, my)
    for distance in (step, 2 * step):
        for k in range(12):
            angle = 2 * math.pi * k / 12
            spot = (mx + distance * math.cos(angle), my + distance * math.sin(angle))
            room = grid.nearest(spot)
            if room > best + 1e-9:
                best, where = room, spot
        if best >= 0.8 * step:
            break
    return where


def _emptiest(
    grid: _Grid, box: tuple[float, float, float, float], step: float
) -> tuple[float, float]:
    """The spot inside ``box`` farthest from every placed point (on a grid of spots)."""
    x0, y0, x1, y1 = box
    across = max(2, min(24, int(max(x1 - x0, y1 - y0) / step) + 1))
    best, where = -1.0, ((x0 + x1) / 2, (y0 + y1) / 2)
    for i in range(across + 1):
        for j in range(across + 1):
            spot = (x0 + (x1 - x0) * i / across, y0 + (y1 - y0) * j / across)
            room = grid.nearest(spot, rings=3)
            if room > best + 1e-9:
                best, where = room, spot
    return where


#: at most this many new groups (unconnected to the known nodes) are fitted into the
#: map's empty spots; more go in a row below it
_FITTED = 20


def _waves(
    graph: nx.MultiDiGraph, placed: Positions, waiting: list[str], grid: _Grid, step: float
) -> list[str]:
    """Place each node of ``waiting`` beside its placed neighbours, wave after wave;
    the nodes that never get a placed neighbour."""
    while waiting:
        later = []
        for node in waiting:
            anchors = sorted(
                {placed[m] for m in nx.all_neighbors(graph, node) if m in placed and m != node}
            )
            if not anchors:
                later.append(node)
                continue
            spot = _beside(anchors, grid, 0.6 * step)
            placed[node] = (round(spot[0], 2), round(spot[1], 2))
            grid.add(spot)
        if len(later) == len(waiting):
            return later
        waiting = later
    return []


def extend_layout(graph: nx.MultiDiGraph, known: Mapping[str, tuple[float, float]]) -> Positions:
    """The positions of ``graph``'s nodes, keeping those of ``known`` exactly.

    Nodes of ``known`` that are no longer in ``graph`` are dropped. A new node is
    placed beside its placed neighbours (in waves: a node tied only to other new nodes
    waits until one of them is placed), at the free-most of twelve directions. New
    nodes with no tie to a known node are laid out among themselves (:func:`layout`),
    and each such group goes to the emptiest spot inside the frame of the known nodes
    (after :data:`_FITTED` groups, in a row below it). Without any known node this is
    :func:`layout`. The same graph and ``known`` give the same positions.
    """
    kept: Positions = {n: (float(x), float(y)) for n, (x, y) in known.items() if n in graph}
    if not kept:
        return layout(graph)
    new = sorted((n for n in graph.nodes if n not in kept), key=str)
    if not new:
        return kept
    step = _step(graph, kept)
    grid = _Grid(step)
    for point in kept.values():
        grid.add(point)
    xs = [p[0] for p in kept.values()]
    ys = [p[1] for p in kept.values()]
    box = (min(xs), min(ys), max(xs), max(ys))
    placed = dict(kept)
    rest = _waves(graph, placed, new, grid, step)
    groups = sorted(
        (sorted(c, key=str) for c in nx.weakly_connected_components(graph.subgraph(rest))),
        key=lambda c: (-len(c), c[0]),
    )
    row_x = box[0]
    for number, members in enumerate(groups):
        inner = layout(graph.subgraph(members))
        scale = step / _step(graph.subgraph(members), inner) if len(members) > 1 else 1.0
        if number < _FITTED:
            cx, cy = _emptiest(grid, box, step)
        else:
            cx, cy = row_x, box[3] + 2 * step
            row_x += step * (1 + math.sqrt(len(members)))
        for node in members:
            x, y = inner[node]
            spot = (cx + x * scale, cy + y * scale)
            placed[node] = (round(spot[0], 2), round(spot[1], 2))
            grid.add(spot)
    return placed
