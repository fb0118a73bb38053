"""The map's colours: distinguishable with every common form of colour blindness.

The first seven group colours are Okabe and Ito's colour-blind-safe palette (Color
Universal Design, 2008) without vermillion, which marks a learning route. Five more
extend it to twelve: chosen one by one from a grid of sRGB colours (lightness L* 30–80)
as the colour farthest (CIEDE2000) from every colour already chosen, from the route's
vermillion and from the grey of "no value", under normal vision and simulated
deuteranopia and protanopia (Machado, Oliveira & Fernandes 2009).
``tests/visualizations/test_palette.py`` checks the result: every pair of the twelve
(with the route colour and the grey) differs by at least 11 CIEDE2000 units in each of
the three visions; Paul Tol's extension used before had a pair at 3.5.

A group without a value (no sector, for instance) is grey, :data:`NO_VALUE`, and the
legend says what it holds, so the grey never takes a colour of the twelve.

>>> len(PALETTE), len(set(PALETTE)), HIGHLIGHT in PALETTE
(12, 12, False)
>>> group_colours({"zorg", "bouw", NONE}, "sector")[NONE] == NO_VALUE
True
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = [
    "HIGHLIGHT",
    "KIND_COLORS",
    "NONE",
    "NO_VALUE",
    "OKABE_ITO",
    "PALETTE",
    "group_colours",
]

#: Okabe & Ito's colour-blind-safe palette (Color Universal Design, 2008)
OKABE_ITO = (
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#F0E442",  # yellow
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#000000",  # black
)
#: a learning route (and only a route) is vermillion
HIGHLIGHT = "#D55E00"
#: the checked extension: dark green, pale olive, brown, plum, mauve
EXTENSION = ("#335544", "#BBCC99", "#993300", "#773366", "#886677")
#: twelve group colours, in the order groups get them
PALETTE = tuple(c for c in OKABE_ITO if c != HIGHLIGHT) + EXTENSION
#: the group of nodes without a value for the colouring (e.g. no sector)
NONE = ""
NO_VALUE = "#BBBBBB"
KIND_COLORS = {
    "organisation": "#0072B2",
    "person": "#E69F00",
    "network": "#009E73",
    "theme": "#CC79A7",
    "activity": "#56B4E9",
    "source": "#000000",
}


def _order(group: str) -> tuple[int, float, str]:
    return (0, float(group), "") if group.isdigit() else (1, 0.0, group)


def group_colours(found: Iterable[str], color_by: str) -> dict[str, str]:
    """A colour per group, in a fixed order (numbers by value, then by name), the same
    on every load; kinds keep their own colour, the group without a value is grey.
    Past twelve groups the colours repeat (a community colouring of a big map)."""
    colours: dict[str, str] = {}
    given = 0
    for group in sorted(set(found), key=_order):
        if group == NONE:
            colours[group] = NO_VALUE
        elif color_by == "kind" and group in KIND_COLORS:
            colours[group] = KIND_COLORS[group]
        else:
            colours[group] = PALETTE[given % len(PALETTE)]
            given += 1
    return colours
