"""The map's legends and words: a line per colour group (the group without a value
says which kinds it holds, never a bare dash), what size means (three shapes with their
values, or that all are the same), and the map's words when the caller gives none.

>>> size_legend({"a": 0.0, "b": 2.0}, ["a", "b"], "graad", DEFAULT_LABELS, str)["items"]
[{'size': 8.0, 'value': '0.0'}, {'size': 24.0, 'value': '1.0'}, {'size': 40.0, 'value': '2.0'}]
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import networkx as nx

from visualizations.palette import NONE

#: ``translate(context, text)``: a vocabulary value's label in the page's language
Translate = Callable[[str, str], str]

__all__ = ["DEFAULT_LABELS", "LARGE", "SMALL", "legend", "size_legend"]

#: the smallest and largest shape when sized by a measure (layout units)
SMALL, LARGE = 8, 40
#: the map's words when the caller gives none (the pages pass their language's)
DEFAULT_LABELS = {
    "community": "groep rond {name}",
    "empty": "Geen onderdelen passen bij deze filters.",
    "cluster": "groep rond {name}\n{count} onderdelen",
    "cluster_title": "{parts}. Klik om de groep te openen.",
    "cluster_kind": "groep",
    "cluster_legend": "groep (dikke rand): klik om te openen",
    "count.organisation": "{count} organisaties",
    "count.organisation.1": "1 organisatie",
    "count.person": "{count} personen",
    "count.person.1": "1 persoon",
    "count.activity": "{count} activiteiten",
    "count.activity.1": "1 activiteit",
    "count.source": "{count} bronnen",
    "count.source.1": "1 bron",
    "none.sector": "geen sector: {kinds}",
    "none.org_type": "geen praktijk: {kinds}",
    "kinds.organisation": "organisaties",
    "kinds.person": "personen",
    "kinds.network": "netwerken",
    "kinds.theme": "thema's",
    "kinds.activity": "activiteiten",
    "kinds.source": "bronnen",
    "size_title": "Grootte: {measure}",
    "size_same": "Grootte: alle vormen even groot",
    "field.sector": "sector",
    "field.role": "rol",
    "field.date": "datum",
    "field.since": "sinds",
    "field.until": "tot",
}


def _community_names(
    graph: nx.MultiDiGraph, communities: dict[str, int], template: str
) -> dict[str, str]:
    """Each community's name: its best-connected member in the view (ties by name)."""
    best: dict[str, tuple[int, str]] = {}
    for node in graph.nodes:
        group = str(communities.get(node, "?"))
        name = str(graph.nodes[node].get("name", node))
        rank = (-graph.degree(node), name)
        if group not in best or rank < best[group]:
            best[group] = rank
    return {group: template.format(name=name) for group, (_, name) in best.items()}


def legend(
    graph: nx.MultiDiGraph,
    groups: dict[str, str],
    kinds_in: dict[str, list[str]],
    color_by: str,
    communities: dict[str, int] | None,
    words: dict[str, str],
    translate: Translate,
) -> list[dict[str, Any]]:
    """A line per group; the group without a value says which kinds it holds
    ("geen sector: personen, thema's"), never a bare dash."""
    names = (
        _community_names(graph, communities or {}, words["community"])
        if color_by == "community"
        else {}
    )
    vocabulary = {"kind": "node kind", "org_type": "org type"}.get(color_by, "")
    legend = []
    for group, colour in groups.items():
        if group == NONE:
            held = ", ".join(words.get(f"kinds.{k}", k) for k in kinds_in.get(group, []))
            label = words.get(f"none.{color_by}", "{kinds}").format(kinds=held)
        else:
            label = (
                names.get(group)
                or words.get(f"{color_by}.{group}")
                or (translate(vocabulary, group) if vocabulary else group)
            )
        legend.append({"group": group, "label": label, "color": colour})
    return legend


def size_legend(
    sizes: dict[str, float] | None,
    shown: list[str],
    measure: str,
    words: dict[str, str],
    number: Callable[[float], str],
) -> dict[str, Any]:
    """What size means: three shapes (smallest, middle, largest) with their values, or
    a sentence that all shapes are the same size."""
    values = sorted(sizes.get(n, 0.0) for n in shown) if sizes else []
    if not values or values[-1] <= values[0]:
        return {"title": words["size_same"], "items": []}
    low, top = values[0], values[-1]
    middle = (low + top) / 2
    return {
        "title": words["size_title"].format(measure=measure),
        "items": [
            {
                "size": round(SMALL + (LARGE - SMALL) * (v - low) / (top - low), 2),
                "value": number(v),
            }
            for v in (low, middle, top)
        ],
    }
