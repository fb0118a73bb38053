"""Which names a map writes: never two on top of each other.

The rule, the same in the browser (map.js, ``placeLabels``) and in the pictures drawn on
the server (:mod:`visualizations.static_map`): names are written at a fixed size on
screen (:data:`LABEL_PX`), centred below their shape; in order of priority (a route,
the focus and what is lit first, then the most central: most ties) each name is written
only where its box touches no box already written. Zoomed out only the most central
names fit; zooming in spreads the shapes apart and more names appear; the others show
on hover.

Examples
--------
>>> width = lambda text: 7.0 * len(text)
>>> place_labels([("a", 100, 100, 5, "Alpha"), ("b", 104, 102, 5, "Beta"),
...               ("c", 300, 100, 5, "Gamma")], 400, 300, width)
['a', 'c']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

__all__ = ["GAP", "LABEL_PX", "LINE_PX", "PAD", "label_box", "overlapping_pairs", "place_labels"]

#: names are this many px high on screen, whatever the zoom
LABEL_PX = 13
#: the height of a line of a name
LINE_PX = 16
#: px between a shape and its name
GAP = 3
#: px around a name's box that no other name may enter
PAD = 2

Box = tuple[float, float, float, float]
#: (id, x and y on screen, the shape's radius on screen, the name)
Candidate = tuple[str, float, float, float, str]


def label_box(x: float, y: float, radius: float, lines: Sequence[float]) -> Box:
    """The box of a name centred below a shape at ``x``, ``y``; ``lines`` are the
    widths of its lines in px."""
    width = max(lines, default=0.0)
    top = y + radius + GAP
    return (x - width / 2 - PAD, top - PAD, x + width / 2 + PAD, top + LINE_PX * len(lines) + PAD)


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


class _Boxes:
    """Placed boxes in square cells of 64 px."""

    CELL = 64.0

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[Box]] = {}

    def _keys(self, box: Box) -> Iterable[tuple[int, int]]:
        for i in range(int(box[0] // self.CELL), int(box[2] // self.CELL) + 1):
            for j in range(int(box[1] // self.CELL), int(box[3] // self.CELL) + 1):
                yield i, j

    def free(self, box: Box) -> bool:
        return not any(_overlap(box, o) for key in self._keys(box) for o in self.cells.get(key, ()))

    def add(self, box: Box) -> None:
        for key in self._keys(box):
            self.cells.setdefault(key, []).append(box)


def place_labels(
    candidates: Iterable[Candidate],
    width: float,
    height: float,
    measure: Callable[[str], float],
) -> list[str]:
    """The ids whose names are written, in ``candidates``' order (their priority):
    a name whose box would touch one already written, or does not lie wholly on the
    ``width`` × ``height`` screen, is left out. ``measure`` gives a line's width in px
    at :data:`LABEL_PX`."""
    placed = _Boxes()
    written = []
    for node, x, y, radius, text in candidates:
        lines = list(str(text).split("\n")) or [""]
        box = label_box(x, y, radius, [measure(line) for line in lines])
        if box[0] < 0 or box[1] < 0 or box[2] > width or box[3] > height:
            continue
        if placed.free(box):
            placed.add(box)
            written.append(node)
    return written


def overlapping_pairs(boxes: Sequence[Box]) -> int:
    """How many pairs of ``boxes`` overlap (by more than half a pixel each way).

    >>> overlapping_pairs([(0, 0, 10, 10), (5, 5, 15, 15), (20, 0, 30, 10)])
    1
    """
    count = 0
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if min(a[2], b[2]) - max(a[0], b[0]) > 0.5 and min(a[3], b[3]) - max(a[1], b[1]) > 0.5:
                count += 1
    return count
