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

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
import pyvis

from visualizations.clusters import (
    CLUSTER_ABOVE,
    CLUSTER_MIN,
    CLUSTERED_KINDS,
    make_clusters,
)
from visualizations.labels import LABEL_PX
from visualizations.layout import layout
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

VIS_DIR = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
#: Our own script for the map (served as /static/maps/map.js, or inlined in a download).
MAP_ASSETS = Path(__file__).parent / "static"
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
Translate = Callable[[str, str], str]


def _as_is(context: str, text: str) -> str:
    return text


#: names: dark text with a white stroke, :data:`LABEL_PX` px on screen at any zoom
FONT = {"size": LABEL_PX, "color": "#1a1a1a", "strokeWidth": 4, "strokeColor": "#ffffff"}
EDGE_COLOR = "#8a96a3"
#: maps with more nodes hide their ties while being dragged or zoomed
HIDE_EDGES_ABOVE = 300
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

_TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=jinja2.select_autoescape(["html"]),
)


def safe_json(value: Any) -> str:
    """JSON that can stand inside a <script> element: no ``<``, ``>`` or ``&``."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


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


def _legend(
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


def _size_legend(
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
    legend = _legend(graph, groups, kinds_in, color_by, communities, words, translate)
    clusters = make_clusters(graph, nodes, communities, words)
    if clusters:
        legend.append({"group": "cluster", "label": words["cluster_legend"], "color": "#ffffff"})
    measure = translate("measure", size_by) if size_by else ""
    return {
        "nodes": nodes,
        "edges": _edges(graph, highlight_edges or set(), said),
        "legend": legend,
        "size_legend": _size_legend(sizes, shown, measure, words, number),
        "options": _options(graph.number_of_nodes()),
        "clusters": clusters,
        "color_by": color_by,
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


def page_data(data: dict[str, Any]) -> dict[str, Any]:
    """The map for the page, packed: nodes as columns in order of ``rank`` (so a
    node's index is its names' priority), ties as columns of node indices and an
    index into their kinds (type and title), clusters' members as node indices.
    map.js unpacks it (about a fifth of one object per node and tie)."""
    nodes = sorted(data["nodes"], key=lambda n: n["rank"])
    index = {n["id"]: i for i, n in enumerate(nodes)}
    groups = {item["group"]: i for i, item in enumerate(data["legend"])}
    kinds: dict[tuple[str, str, str], int] = {}
    tie_kind = []
    for e in data["edges"]:
        tie_kind.append(kinds.setdefault((e["type"], e["title"], e["arrows"]), len(kinds)))
    packed_nodes = {
        "id": [n["id"] for n in nodes],
        "label": [n["label"] for n in nodes],
        "title": [n["title"] for n in nodes],
        "group": [groups.get(n["group"], -1) for n in nodes],
        "kind": [n["kind"] for n in nodes],
        # whole units: vis-network keeps a position as a whole number
        "x": [round(n["x"]) for n in nodes],
        "y": [round(n["y"]) for n in nodes],
        "size": [n["size"] for n in nodes],
        "route": [i for i, n in enumerate(nodes) if n.get("borderWidth")],
    }
    return {
        "packed": 1,
        "nodes": packed_nodes,
        "edges": {
            "from": [index[e["from"]] for e in data["edges"]],
            "to": [index[e["to"]] for e in data["edges"]],
            "kind": tie_kind,
            "route": [i for i, e in enumerate(data["edges"]) if e["width"] > 1],
        },
        "tie_kinds": [{"type": t, "title": title, "arrows": a} for (t, title, a) in kinds],
        "shapes": KIND_SHAPES,
        "highlight": HIGHLIGHT,
        "edge_color": EDGE_COLOR,
        "legend": data["legend"],
        "size_legend": data.get("size_legend"),
        "clusters": [{**c, "members": [index[m] for m in c["members"]]} for c in data["clusters"]],
        "options": data["options"],
        "color_by": data["color_by"],
        "labels": data["labels"],
    }


@cache
def _asset(name: str) -> str:
    return (VIS_DIR / name).read_text(encoding="utf-8")


def render_map(
    data: dict[str, Any],
    *,
    title: str,
    inline: bool = False,
    static_prefix: str = "/static",
    node_link: str | None = None,
    fragment: bool = False,
    date: str = "",
    lang: str = "nl",
    packed: str | None = None,
    page: dict[str, Any] | None = None,
) -> str:
    """The map as an HTML page (``inline``: one self-contained file; ``fragment``: only
    the map's part, to sit inside another page). A whole page carries the title, the
    ``date`` and the explanation in ``data["labels"]["explain"]`` above the map.
    ``packed`` is :func:`page_data` as :func:`safe_json` when the caller keeps it;
    ``page`` what belongs to this page only (saved views, where to save them)."""
    template = _TEMPLATES.get_template("map_body.html" if fragment else "map.html")
    extra = {**(page or {}), "node_link": node_link or "", "exports": not inline}
    return template.render(
        title=title,
        date=date,
        labels=data.get("labels") or DEFAULT_LABELS,
        empty=not data["nodes"],
        views=bool(extra.get("views")),
        views_write=bool(extra.get("views_save")),
        exports=extra["exports"] and bool(extra.get("export_base")),
        data_json=packed if packed is not None else safe_json(page_data(data)),
        page_json=safe_json(extra),
        inline=inline,
        vis_js=_asset("vis-network.min.js") if inline else None,
        map_js=(MAP_ASSETS / "map.js").read_text(encoding="utf-8") if inline else None,
        labels_js=(MAP_ASSETS / "labels.js").read_text(encoding="utf-8") if inline else None,
        vis_css=_asset("vis-network.css") if inline else None,
        static_prefix=static_prefix,
        node_link=node_link,
        legend=data["legend"],
        size_legend=data.get("size_legend"),
        lang=lang,
    )
