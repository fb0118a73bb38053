"""What a map can be filtered by: every field a workspace holds, offered as choices.

:func:`map_choices` lists the values a workspace has (kinds, practices, sectors, tie
types and themes), so a page offers them as choices in its language instead of free
text. :func:`around` is the map's filter by practice and sector: it keeps the
organisations of the chosen practices, the nodes of the chosen sectors, and what is
tied to them (the school
that works with the chosen companies, their people, networks and themes), as the
theme filter of :func:`graph.analysis.subgraphs.filter_view` keeps a theme and what is
tied to it.

Examples
--------
>>> g = nx.MultiDiGraph()
>>> g.add_node("roc", kind="organisation", org_type="school", sector="mbo")
>>> g.add_node("bakker", kind="organisation", org_type="company", sector="horeca")
>>> g.add_node("bouwer", kind="organisation", org_type="company", sector="bouw")
>>> g.add_node("piet", kind="person")
>>> _ = g.add_edge("roc", "bakker", type="partners_with")
>>> _ = g.add_edge("piet", "bouwer", type="works_at")
>>> sorted(around(g, sectors={"horeca"}).nodes)
['bakker', 'roc']
>>> map_choices(g).sectors
('bouw', 'horeca', 'mbo')
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import networkx as nx

__all__ = ["MapChoices", "around", "map_choices"]


@dataclass(frozen=True)
class MapChoices:
    """The values a workspace's map can be filtered by (internal values, sorted;
    themes as (id, name), by name)."""

    kinds: tuple[str, ...]
    practices: tuple[str, ...]
    sectors: tuple[str, ...]
    types: tuple[str, ...]
    themes: tuple[tuple[str, str], ...]


def map_choices(graph: nx.MultiDiGraph) -> MapChoices:
    """The kinds, practices (``org_type``), sectors, tie types and themes of ``graph``
    (sources and the bookkeeping ``mentioned_in`` ties left out, as on the map)."""
    kinds, practices, sectors, types = set(), set(), set(), set()
    themes = []
    for node, data in graph.nodes(data=True):
        kind = data.get("kind")
        if kind == "source":
            continue
        kinds.add(str(kind))
        if kind == "organisation" and data.get("org_type"):
            practices.add(str(data["org_type"]))
        if data.get("sector"):
            sectors.add(str(data["sector"]))
        if kind == "theme":
            themes.append((str(node), str(data.get("name", node))))
    for _, _, data in graph.edges(data=True):
        if data.get("type") and data["type"] != "mentioned_in":
            types.add(str(data["type"]))
    return MapChoices(
        tuple(sorted(kinds)),
        tuple(sorted(practices)),
        tuple(sorted(sectors, key=str.lower)),
        tuple(sorted(types)),
        tuple(sorted(themes, key=lambda t: (t[1].lower(), t[0]))),
    )


def around(
    view: nx.MultiDiGraph,
    practices: Collection[str] | None = None,
    sectors: Collection[str] | None = None,
) -> nx.MultiDiGraph:
    """``view`` narrowed to the organisations of ``practices`` and the nodes of
    ``sectors`` (both, when both are given) and every node tied to one of them, with the
    ties among those; ``view`` itself when neither is given."""
    if not practices and not sectors:
        return view
    chosen = {
        node
        for node, data in view.nodes(data=True)
        if (
            not practices
            or (data.get("kind") == "organisation" and data.get("org_type") in practices)
        )
        and (not sectors or data.get("sector") in sectors)
    }
    keep = set(chosen)
    for node in chosen:
        keep.update(nx.all_neighbors(view, node))
    return view.subgraph(keep).copy()
