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


def _igraph(graph: nx.MultiDiGraph, ids: list[str]) -> ig.Graph:
    index = {n: i for i, n in enumerate(ids)}
    pairs = {tuple(sorted((index[u], index[v]))) for u, v in graph.edges() if u != v}
    return ig.Graph(n=len(ids), edges=sorted(pairs))


def layout(graph: nx.MultiDiGraph, seed: int = 1) -> Positions:
    """Positions of every node, the same for the same graph (seeded, in sorted order).

    Fruchterman–Reingold (igraph; on large graphs its grid approximation: 10 000 nodes
    in about a second), centred and scaled to :data:`SPACING` units per node on a side.
    """
    ids = sorted(graph.nodes, key=str)
    g = _igraph(graph, ids)
    with seeded(seed):
        coords = g.layout_fruchterman_reingold(niter=300, grid=len(ids) > 1000).coords
    xs = [c[0] for c in coords] or [0.0]
    ys = [c[1] for c in coords] or [0.0]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    scale = SPACING * math.sqrt(len(ids)) / span
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {
        n: (round((x - cx) * scale, 2), round((y - cy) * scale, 2))
        for n, (x, y) in zip(ids, coords, strict=True)
    }


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
