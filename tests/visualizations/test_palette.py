"""The map's colours stay apart for up to twelve groups, with normal vision and with
simulated deuteranopia and protanopia (CIEDE2000 between every pair)."""

from __future__ import annotations

import itertools

import pytest

from tests.visualizations.colour import ciede2000, hex_to_lab
from visualizations.maps import build_map
from visualizations.palette import HIGHLIGHT, KIND_COLORS, NO_VALUE, OKABE_ITO, PALETTE

#: the smallest CIEDE2000 difference two group colours may have (Okabe–Ito's own
#: orange and yellow are 11.6 apart with deuteranopia: the extension keeps to that)
MIN_DIFFERENCE = 11.0
VISIONS = ("normal", "deuteranopia", "protanopia")


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [  # Sharma, Wu & Dalal (2005), Table 1: pairs 1, 7, 17, 25 and 34
        ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
        ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
        ((50.0, 2.5, 0.0), (56.0, -27.0, -3.0), 31.9030),
        ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
        ((22.7233, 20.0904, -46.6940), (23.0331, 14.9730, -42.5619), 2.0373),
    ],
)
def test_ciede2000_gives_the_published_differences(
    first: tuple[float, float, float], second: tuple[float, float, float], expected: float
) -> None:
    assert round(ciede2000(first, second), 4) == expected


def closest_pair(colours: list[str], vision: str) -> tuple[float, str, str]:
    labs = {c: hex_to_lab(c, vision) for c in colours}
    return min((ciede2000(labs[a], labs[b]), a, b) for a, b in itertools.combinations(labs, 2))


@pytest.mark.parametrize("vision", VISIONS)
def test_twelve_groups_route_and_no_value_stay_apart(vision: str) -> None:
    colours = [*PALETTE[:12], HIGHLIGHT, NO_VALUE]
    assert len(set(colours)) == 14
    difference, a, b = closest_pair(colours, vision)
    print(f"{vision}: closest pair {a} / {b}, CIEDE2000 {difference:.1f}")
    assert difference >= MIN_DIFFERENCE, (vision, a, b, difference)


@pytest.mark.parametrize("vision", VISIONS)
def test_the_colours_of_the_kinds_stay_apart(vision: str) -> None:
    difference, a, b = closest_pair([*KIND_COLORS.values(), HIGHLIGHT], vision)
    assert difference >= MIN_DIFFERENCE, (vision, a, b, difference)


def test_the_palette_starts_with_okabe_ito_without_the_route_colour() -> None:
    assert PALETTE[:7] == tuple(c for c in OKABE_ITO if c != HIGHLIGHT)


def test_twelve_sectors_get_twelve_colours_and_no_sector_is_grey_and_named() -> None:
    import networkx as nx

    g = nx.MultiDiGraph()
    for i in range(12):
        g.add_node(f"o{i}", kind="organisation", name=f"Org {i}", sector=f"sector {i:02d}")
    g.add_node("p", kind="person", name="Piet")
    g.add_node("t", kind="theme", name="Stages")
    data = build_map(g, color_by="sector")
    legend = {item["group"]: item for item in data["legend"]}
    assert len({legend[f"sector {i:02d}"]["color"] for i in range(12)}) == 12
    none = [item for item in data["legend"] if item["color"] == NO_VALUE]
    assert len(none) == 1 and "—" not in none[0]["label"]
    assert none[0]["label"] == "geen sector: personen, thema's"
