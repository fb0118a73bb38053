"""Interactive maps of a workspace: vis-network (the library pyvis ships), served from
our own files, never from a CDN.

:func:`build_map` turns a view of the graph into nodes, edges, a legend (colours and
sizes) and vis-network options: colour by kind, org_type, sector or community
(:mod:`visualizations.palette`); size by any centrality; a path highlighted. Positions
come from the server (:mod:`visualizations.layout`: computed once, then kept per
workspace) and physics is off, so the map holds still and draws at once. Every node
carries its ``rank`` (most ties first): map.js writes names in that order where they
fit, never two on top of each other (:mod:`visualizations.labels`). Big maps open with
their communities collapsed into clusters (:mod:`visualizations.clusters`).
:func:`page_data` packs a map compactly (columns, not one object per node) for the
page; :func:`render_map` writes the HTML: with ``inline=True`` one self-contained file
(the vis-network script and styles inside it, with a title, the date, the legend and a
short explanation), otherwise pages that load them from our static route.

Every string from the data reaches the page as JSON inside a ``<script
type="application/json">`` block with ``<``, ``>`` and ``&`` escaped; map.js shows it
with ``textContent`` or draws it on the canvas, and tooltips are plain text.

Examples
--------
>>> g = nx.MultiDiGraph()
>>> g.add_node("a", kind="organisation", name="<img src=x onerror=alert(1)>")
>>> data = build_map(g)
>>> data["nodes"][0]["label"]
'<img src=x onerror=alert(1)>'
>>> "<img" in safe_json(page_data(data))
False
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import networkx as nx

from visualizations.clusters import (
    CLUSTER_ABOVE,
    CLUSTER_MIN,
    CLUSTERED_KINDS,
    make_clusters,
)
from visualizations.labels import LABEL_PX
from visualizations.layout import layout
from visualizations.legend import DEFAULT_LABELS, LARGE, SMALL, size_legend
from visualizations.legend import legend as make_legend
from visualizations.page import MAP_ASSETS, VIS_DIR, page_data, render_map, safe_json
from visualizations.palette import HIGHLIGHT, KIND_COLORS, NONE, OKABE_ITO, PALETTE, group_colours

__all__ = [
    "CLUSTERED_KINDS",
    "CLUSTER_ABOVE",
    "CLUSTER_MIN",
    "COLOR_BY",
    "DEFAULT_LABELS",
    "HIDE_EDGES_ABOVE",
    "KIND_COLORS",
    "MAP_ASSETS",
    "OKABE_ITO",
    "PALETTE",
    "VIS_DIR",
    "Translate",
    "build_map",
    "contrast",
    "layout",
    "page_data",
    "render_map",
    "safe_json",
]

COLOR_BY = ("kind", "org_type", "sector", "community")
#: shapes that take their ``size`` (so "size by" shows); map.js writes the name below
KIND_SHAPES = {
    "person": "dot",
    "organisation": "square",
    "network": "hexagon",
    "theme": "diamond",
    "activity": "triangle",
    "source": "star",
}
#: ``translate(context, text)``: a vocabulary value's label (contexts ``node kind``,
#: ``org type``, ``activity type``, ``relationship type``, ``mechanism``, ``measure``)
#: or a message of the map (context ``map``) in the page's language. The web app passes
#: its catalogues in (:func:`api.i18n.translator`); without one, text is shown as it is.
Translate = Callable[[str, str], str]  # as visualizations.legend's


def _as_is(context: str, text: str) -> str:
    return text


#: names: dark text with a white stroke, :data:`LABEL_PX` px on screen at any zoom
FONT = {"size": LABEL_PX, "color": "#1a1a1a", "strokeWidth": 4, "strokeColor": "#ffffff"}
EDGE_COLOR = "#8a96a3"
#: maps with more nodes hide their ties while being dragged or zoomed
HIDE_EDGES_ABOVE = 300


def contrast(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio of two ``#rrggbb`` colours.

    >>> round(contrast("#000000", "#ffffff"), 1)
    21.0
    """

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


class _Words:
    """Tooltips and tie titles, each translated once per map (10 000 nodes share a few
    dozen kinds, practices and tie types)."""

    def __init__(self, translate: Translate) -> None:
        self.translate = translate
        self.seen: dict[tuple[str, str], str] = {}

    def __call__(self, context: str, text: str) -> str:
        key = (context, text)
        if key not in self.seen:
            self.seen[key] = self.translate(context, text)
        return self.seen[key]


def _tooltip(data: dict[str, Any], words: _Words, fields: dict[str, str]) -> str:
    parts = [str(data.get("name", ""))]
    kind = str(data.get("kind"))
    if kind == "organisation":
        detail = words("org type", str(data["org_type"])) if data.get("org_type") else ""
    else:
        at = data.get("activity_type")
        detail = words("activity type", str(at)) if at else ""
    parts.append(words("node kind", kind) + (f" ({detail})" if detail else ""))
    for key, name in fields.items():
        if data.get(key):
            parts.append(f"{name}: {data[key]}")
    return "\n".join(parts)


def _group(node: str, data: dict[str, Any], color_by: str, communities: dict[str, int]) -> str:
    if color_by == "kind":
        return str(data.get("kind", "?"))
    if color_by == "community":
        return str(communities.get(node, "?"))
    return str(data.get(color_by) or NONE)


def _size(node: str, sizes: dict[str, float] | None, low: float, top: float) -> float:
    if not sizes or top <= low:
        return 14
    return round(SMALL + (LARGE - SMALL) * (sizes.get(node, low) - low) / (top - low), 2)


def _edge_title(data: dict[str, Any], words: _Words) -> str:
    title = words("relationship type", str(data.get("type", "")))
    mechanism = data.get("mechanism")
    return title + (f" ({words('mechanism', str(mechanism))})" if mechanism else "")


def _edges(
    graph: nx.MultiDiGraph, highlight_edges: set[tuple[str, str]], words: _Words
) -> list[dict[str, Any]]:
    edges = []
    for u, v, key, data in graph.edges(keys=True, data=True):
        on_path = (u, v) in highlight_edges or (v, u) in highlight_edges
        kind = str(data.get("type", ""))
        edges.append(
            {
                "id": key,
                "from": u,
                "to": v,
                "type": kind,
                "title": _edge_title(data, words),
                "color": HIGHLIGHT if on_path else EDGE_COLOR,
                "width": 4 if on_path else 1,
                "arrows": "to" if kind not in ("partners_with", "collaborates_with") else "",
            }
        )
    return edges


def _node(
    node: str,
    data: dict[str, Any],
    *,
    group: str,
    colours: dict[str, str],
    at: tuple[float, float],
    size: float,
    highlighted: bool,
    words: _Words,
    fields: dict[str, str],
) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": node,
        "label": str(data.get("name", node)),
        "title": _tooltip(data, words, fields),
        "group": group,
        "kind": data.get("kind"),
        "color": HIGHLIGHT if highlighted else colours[group],
        "shape": KIND_SHAPES.get(str(data.get("kind")), "dot"),
        "size": size,
        "x": at[0],
        "y": at[1],
    }
    if highlighted:
        item["borderWidth"] = 4
    return item


def build_map(
    graph: nx.MultiDiGraph,
    *,
    color_by: str = "kind",
    sizes: dict[str, float] | None = None,
    size_by: str = "",
    communities: dict[str, int] | None = None,
    highlight_nodes: set[str] | None = None,
    highlight_edges: set[tuple[str, str]] | None = None,
    positions: dict[str, tuple[float, float]] | None = None,
    labels: dict[str, str] | None = None,
    translate: Translate = _as_is,
    number: Callable[[float], str] = lambda value: f"{value:.3g}",
) -> dict[str, Any]:
    """Nodes, edges, legend and options for vis-network.

    Parameters
    ----------
    graph
        The view to draw.
    color_by
        ``kind``, ``org_type``, ``sector`` or ``community`` (then ``communities`` maps
        node ids to community numbers; the legend names each after its member with
        the most ties, through ``labels["community"]``, e.g. ``"groep rond {name}"``).
    sizes, size_by
        A measure per node, and its name: nodes are sized by it, and the size legend
        shows the smallest, middle and largest value (written by ``number``).
    positions
        Where each node stands (kept per workspace); a node without one gets the
        seeded :func:`~visualizations.layout.layout` of ``graph``. Physics is off.
    labels
        The words of the map in the page's language, passed on to the page and map.js.
    translate
        The labels of the vocabulary in tooltips, tie titles and legend, in the page's
        language (see :data:`Translate`).
    """
    if color_by not in COLOR_BY:
        raise ValueError(f"unknown colouring {color_by!r}; use one of {', '.join(COLOR_BY)}")
    highlight_nodes = highlight_nodes or set()
    words = {**DEFAULT_LABELS, **(labels or {})}
    said = _Words(translate)
    fields = {k: words[f"field.{k}"] for k in ("sector", "role", "date", "since", "until")}
    if positions is None or any(n not in positions for n in graph.nodes):
        positions = {**layout(graph), **(positions or {})}
    ordered = sorted(graph.nodes(data=True), key=lambda item: str(item[0]))
    member = {n: _group(n, d, color_by, communities or {}) for n, d in ordered}
    kinds_in: dict[str, list[str]] = {}
    for n, d in ordered:
        held = kinds_in.setdefault(member[n], [])
        if d.get("kind") not in held:
            held.append(str(d.get("kind")))
    groups = group_colours(member.values(), color_by)
    shown = [n for n, _ in ordered]
    values = [sizes.get(n, 0.0) for n in shown] if sizes else []
    low, top = (min(values), max(values)) if values else (0.0, 0.0)
    nodes = [
        _node(
            node,
            data,
            group=member[node],
            colours=groups,
            at=positions[node],
            size=_size(node, sizes, low, top),
            highlighted=node in highlight_nodes,
            words=said,
            fields=fields,
        )
        for node, data in ordered
    ]
    # the names' priority: a route first, then the most ties, then by name
    order = sorted(
        nodes, key=lambda n: (n["id"] not in highlight_nodes, -graph.degree(n["id"]), n["label"])
    )
    for rank, item in enumerate(order):
        item["rank"] = rank
    legend = make_legend(graph, groups, kinds_in, color_by, communities, words, translate)
    clusters = make_clusters(graph, nodes, communities, words)
    if clusters:
        legend.append({"group": "cluster", "label": words["cluster_legend"], "color": "#ffffff"})
    measure = translate("measure", size_by) if size_by else ""
    return {
        "nodes": nodes,
        "edges": _edges(graph, highlight_edges or set(), said),
        "legend": legend,
        "size_legend": size_legend(sizes, shown, measure, words, number),
        "options": _options(graph.number_of_nodes()),
        "clusters": clusters,
        "color_by": color_by,
        "shapes": KIND_SHAPES,
        "highlight": HIGHLIGHT,
        "edge_color": EDGE_COLOR,
        "server_layout": True,
        "labels": words,
    }


def _options(count: int) -> dict[str, Any]:
    """vis-network's options for a map of ``count`` nodes: physics off, ties hidden while
    moving a big map; map.js writes the names itself (vis-network gets none)."""
    big = count > HIDE_EDGES_ABOVE
    return {
        "physics": {"enabled": False},
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
        },
        "nodes": {"font": dict(FONT), "borderWidth": 1},
        "edges": {"smooth": False},
        "layout": {"improvedLayout": False},
    }
