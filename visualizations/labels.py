"""Which names a map writes: never two on top of each other.

The rule, the same in the browser (labels.js) and in the pictures drawn on the server
(:mod:`visualizations.view_picture`, :mod:`visualizations.static_map`): names are
written at a fixed size on screen (:data:`LABEL_PX`); in order of priority (the focus,
a route and what is lit first, then the most central: most ties) each name goes below
its shape, or else above, right or left of it (:data:`SIDES`), wherever its box touches
no box already written, covers no shape drawn (only the first :data:`FREE_OVER` names
may: the most central names stay, even in a crowd) and lies wholly on the screen; where
none is free the name is left out. Zoomed out only the most central names fit; zooming
in spreads the shapes apart and more names appear; the others show on hover.

Examples
--------
>>> width = lambda text: 7.0 * len(text)
>>> place_labels([("a", 100, 100, 5, "Alpha"), ("b", 104, 102, 5, "Beta"),
...               ("c", 300, 100, 5, "Gamma"), ("d", 103, 101, 5, "Delta")], 400, 300, width)
[('a', 'below'), ('b', 'above'), ('c', 'below')]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

__all__ = [
    "GAP",
    "LABEL_PX",
    "LINE_PX",
    "FREE_OVER",
    "PAD",
    "SIDES",
    "label_box",
    "overlapping_pairs",
    "place_labels",
]

#: names are this many px high on screen, whatever the zoom
LABEL_PX = 13
#: the height of a line of a name
LINE_PX = 16
#: px between a shape and its name
GAP = 3
#: px around a name's box that no other name may enter
PAD = 2

#: where a name may go, in order of preference
SIDES = ("below", "above", "right", "left")
#: the first names (by priority) may cover other shapes; the rest may not
FREE_OVER = 12

Box = tuple[float, float, float, float]
#: (id, x and y on screen, the shape's radius on screen, the name)
Candidate = tuple[str, float, float, float, str]


def label_box(
    x: float, y: float, radius: float, lines: Sequence[float], side: str = "below"
) -> Box:
    """The box (with :data:`PAD` around it) of a name on ``side`` of a shape at ``x``,
    ``y``: centred below or above it, or beside it, vertically centred; ``lines`` are
    the widths of its lines in px."""
    width = max(lines, default=0.0)
    height = LINE_PX * len(lines)
    if side == "below":
        left, top = x - width / 2, y + radius + GAP
    elif side == "above":
        left, top = x - width / 2, y - radius - GAP - height
    elif side == "right":
        left, top = x + radius + GAP, y - height / 2
    else:
        left, top = x - radius - GAP - width, y - height / 2
    return (left - PAD, top - PAD, left + width + PAD, top + height + PAD)


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
    shapes: Iterable[Box] = (),
) -> list[tuple[str, str]]:
    """The names written, as (id, side), in ``candidates``' order (their priority):
    each on the first of :data:`SIDES` where its box touches no box already written,
    covers none of ``shapes`` (after the first :data:`FREE_OVER` names) and lies wholly
    on the ``width`` × ``height`` screen, or left out. ``measure`` gives a line's width
    in px at :data:`LABEL_PX`."""
    placed, drawn = _Boxes(), _Boxes()
    for shape in shapes:
        drawn.add(shape)
    written = []
    for rank, (node, x, y, radius, text) in enumerate(candidates):
        widths = [measure(line) for line in str(text).split("\n")]
        for side in SIDES:
            box = label_box(x, y, radius, widths, side)
            if box[0] < 0 or box[1] < 0 or box[2] > width or box[3] > height:
                continue
            if placed.free(box) and (rank < FREE_OVER or drawn.free(box)):
                placed.add(box)
                written.append((node, side))
                break
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
