"""Interactive maps of a workspace: vis-network (the library pyvis drives), served from
our own files, never from a CDN.

:func:`build_map` turns a view of the graph into nodes, edges, a legend and vis-network
options: colour by kind, org_type, sector or community; size by any centrality; a path
or an ego network highlighted. The layout is computed on the server (igraph, seeded: the
same graph gives the same picture, and the services keep it per workspace version) and
physics is off, so a reload shows the same map. Big maps get a level of detail
(docs/maps.md): labels drawn only where readable, ties hidden while moving, and, above
:data:`CLUSTER_ABOVE` nodes, communities collapsed into clusters (:func:`_clusters`)
that map.js makes with vis-network's clustering and opens on click. Colours come from
Okabe and Ito's colour-blind-safe palette; labels are dark with a white stroke. map.js
adds search, focus (1–3 steps), hover, the themes layer and the table of what is shown.
:func:`render_map` writes the HTML: with ``inline=True`` one self-contained file (the
vis-network script and styles inside it, with a title, the date, the legend and a short
explanation), otherwise pages that load them from our static route.

pyvis provides the options model and the vis-network build it ships; the node and
edge lists are built here, because pyvis's ``add_node``/``add_edge`` check membership
in lists (quadratic time) and would take minutes for 10 000 nodes.

Every string from the data reaches the page as JSON inside a ``<script
type="application/json">`` block with ``<``, ``>`` and ``&`` escaped, and the page
shows it with ``textContent``; vis-network draws labels on a canvas and treats string
tooltips as plain text.

Examples
--------
>>> g = nx.MultiDiGraph()
>>> g.add_node("a", kind="organisation", name="<img src=x onerror=alert(1)>")
>>> data = build_map(g)
>>> data["nodes"][0]["label"]
'<img src=x onerror=alert(1)>'
>>> "<img" in safe_json(data)
False
"""

from __future__ import annotations

import json
import math
import random
import threading
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
import pyvis

from graph.analysis.igraph_import import ig

__all__ = [
    "COLOR_BY",
    "MAP_ASSETS",
    "OKABE_ITO",
    "VIS_DIR",
    "Translate",
    "build_map",
    "contrast",
    "layout",
    "render_map",
    "safe_json",
]

VIS_DIR = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
#: Our own script for the map (served as /static/maps/map.js, or inlined in a download).
MAP_ASSETS = Path(__file__).parent / "static"
COLOR_BY = ("kind", "org_type", "sector", "community")
#: Okabe & Ito's colour-blind-safe palette (Color Universal Design, 2008)
OKABE_ITO = (
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#F0E442",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
    "#000000",
)
#: the path highlight; the groups use the other seven colours
HIGHLIGHT = "#D55E00"
#: Paul Tol's "muted" scheme, also colour-blind safe: for groups past Okabe–Ito's seven
TOL_MUTED = (
    "#332288",
    "#88CCEE",
    "#44AA99",
    "#117733",
    "#999933",
    "#DDCC77",
    "#CC6677",
    "#882255",
    "#AA4499",
)
#: Okabe–Ito first, then Tol's muted: 16 distinct colours before one repeats
PALETTE = [c for c in OKABE_ITO if c != HIGHLIGHT] + list(TOL_MUTED)
KIND_COLORS = {
    "organisation": "#0072B2",
    "person": "#E69F00",
    "network": "#009E73",
    "theme": "#CC79A7",
    "activity": "#56B4E9",
    "source": "#000000",
}
#: shapes that take their ``size`` and draw the label below (so "size by" shows, and
#: the label sits on the light background with its stroke)
KIND_SHAPES = {
    "person": "dot",
    "organisation": "square",
    "network": "hexagon",
    "theme": "diamond",
    "activity": "triangle",
    "source": "star",
}
#: ``translate(context, text)``: a vocabulary value's label (contexts ``node kind``,
#: ``org type``, ``activity type``, ``relationship type``, ``mechanism``) or a message
#: of the map (context ``map``) in the page's language. The web app passes its
#: catalogues in (:func:`api.i18n.translator`); without one, text is shown as it is.
Translate = Callable[[str, str], str]


def _as_is(context: str, text: str) -> str:
    return text


_LAYOUT_LOCK = threading.Lock()

#: labels: dark text with a white stroke, 14 px at scale 1 (map.js keeps them ≥ 12 px)
FONT = {"size": 14, "color": "#1a1a1a", "strokeWidth": 4, "strokeColor": "#ffffff"}
EDGE_COLOR = "#8a96a3"
#: layout units per node on a side of the map
SPACING = 90
#: a label is drawn only where it is at least this many px on screen (it fades in over
#: the px below); map.js grows labels or zooms in so the first view shows them ≥ 13 px
LABEL_MIN_PX = 13
#: maps with more nodes hide their ties while being dragged or zoomed
HIDE_EDGES_ABOVE = 300
#: maps with more nodes open with their communities collapsed into clusters
CLUSTER_ABOVE = 1000
#: a community with fewer organisations and people stays open
CLUSTER_MIN = 10
#: kinds that go into a cluster (networks and themes stay: landmarks, and a layer)
CLUSTERED_KINDS = frozenset({"organisation", "person", "activity", "source"})
#: a cluster's border (its fill: the colour most of its members have)
CLUSTER_BORDER = "#1a1a1a"
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


def _tooltip(data: dict[str, Any], translate: Translate = _as_is) -> str:
    parts = [str(data.get("name", ""))]
    kind = str(data.get("kind"))
    if kind == "organisation":
        detail = translate("org type", str(data["org_type"])) if data.get("org_type") else ""
    else:
        at = data.get("activity_type")
        detail = translate("activity type", str(at)) if at else ""
    parts.append(translate("node kind", kind) + (f" ({detail})" if detail else ""))
    fields = {
        "sector": translate("map", "sector"),
        "role": translate("map", "role"),
        "date": translate("map", "date"),
        "since": translate("map", "since"),
        "until": translate("map", "until"),
    }
    for key, name in fields.items():
        if data.get(key):
            parts.append(f"{name}: {data[key]}")
    return "\n".join(parts)


def layout(graph: nx.MultiDiGraph, seed: int = 1) -> dict[str, tuple[float, float]]:
    """Positions of every node, the same for the same graph (seeded, in sorted order).

    Fruchterman–Reingold (igraph; on large graphs its grid approximation: 10 000 nodes
    in well under a second), centred and scaled to about 40 units per node on a side.
    """
    ids = sorted(graph.nodes, key=str)
    index = {n: i for i, n in enumerate(ids)}
    pairs = {tuple(sorted((index[u], index[v]))) for u, v in graph.edges() if u != v}
    g = ig.Graph(n=len(ids), edges=sorted(pairs))
    # igraph draws from the generator it is given; seeding the module ``random`` is not
    # enough in the server's worker threads, so each layout gets its own, under a lock
    with _LAYOUT_LOCK:
        ig.set_random_number_generator(random.Random(seed))
        try:
            coords = g.layout_fruchterman_reingold(niter=300, grid=len(ids) > 1000).coords
        finally:
            ig.set_random_number_generator(random)
    xs = [c[0] for c in coords] or [0.0]
    ys = [c[1] for c in coords] or [0.0]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    scale = SPACING * math.sqrt(len(ids)) / span
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {
        n: (round((x - cx) * scale, 2), round((y - cy) * scale, 2))
        for n, (x, y) in zip(ids, coords, strict=True)
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


def _group(node: str, data: dict[str, Any], color_by: str, communities: dict[str, int]) -> str:
    if color_by == "kind":
        return str(data.get("kind", "?"))
    if color_by == "community":
        return str(communities.get(node, "?"))
    return str(data.get(color_by) or "—")


def _group_colours(found: set[str], color_by: str) -> dict[str, str]:
    """A colour per group, in a fixed order (numbers by value), the same on every load."""

    def order(group: str) -> tuple[int, float, str]:
        return (0, float(group), "") if group.isdigit() else (1, 0.0, group)

    colours: dict[str, str] = {}
    for group in sorted(found, key=order):
        fixed = KIND_COLORS.get(group) if color_by == "kind" else None
        colours[group] = fixed or PALETTE[len(colours) % len(PALETTE)]
    return colours


def _size(node: str, sizes: dict[str, float] | None, top: float) -> float:
    if not sizes or top <= 0:
        return 14
    return round(8 + 32 * (sizes.get(node, 0.0) / top), 2)


def _edge_title(data: dict[str, Any], translate: Translate) -> str:
    title = translate("relationship type", str(data.get("type", "")))
    mechanism = data.get("mechanism")
    return title + (f" ({translate('mechanism', str(mechanism))})" if mechanism else "")


def _edges(
    graph: nx.MultiDiGraph,
    highlight_edges: set[tuple[str, str]],
    translate: Translate = _as_is,
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
                "title": _edge_title(data, translate),
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
    translate: Translate = _as_is,
) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": node,
        "label": str(data.get("name", node)),
        "title": _tooltip(data, translate),
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
    communities: dict[str, int] | None = None,
    highlight_nodes: set[str] | None = None,
    highlight_edges: set[tuple[str, str]] | None = None,
    positions: dict[str, tuple[float, float]] | None = None,
    labels: dict[str, str] | None = None,
    translate: Translate = _as_is,
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
    sizes
        A measure per node: nodes (organisations among them) are sized by it.
    positions
        Where each node stands (e.g. kept per workspace version); a node without one
        gets the seeded :func:`layout` of ``graph``. Physics is off: the map holds still.
    labels
        The words of the map in the page's language, passed on to the page and map.js;
        ``labels["kind.organisation"]`` (etc.) names a legend group.
    translate
        The labels of the vocabulary in tooltips, tie titles and legend, in the page's
        language (see :data:`Translate`).
    """
    if color_by not in COLOR_BY:
        raise ValueError(f"unknown colouring {color_by!r}; use one of {', '.join(COLOR_BY)}")
    highlight_nodes = highlight_nodes or set()
    words = {**DEFAULT_LABELS, **(labels or {})}
    if positions is None or any(n not in positions for n in graph.nodes):
        positions = {**layout(graph), **(positions or {})}
    ordered = sorted(graph.nodes(data=True), key=lambda item: str(item[0]))
    top = max(sizes.values(), default=0.0) if sizes else 0.0
    groups = _group_colours(
        {_group(n, d, color_by, communities or {}) for n, d in ordered}, color_by
    )
    nodes = [
        _node(
            node,
            data,
            group=_group(node, data, color_by, communities or {}),
            colours=groups,
            at=positions[node],
            size=_size(node, sizes, top),
            highlighted=node in highlight_nodes,
            translate=translate,
        )
        for node, data in ordered
    ]
    names = (
        _community_names(graph, communities or {}, words["community"])
        if color_by == "community"
        else {}
    )
    vocabulary = {"kind": "node kind", "org_type": "org type"}.get(color_by, "")
    legend = [
        {
            "group": g,
            "label": names.get(g)
            or words.get(f"{color_by}.{g}")
            or (translate(vocabulary, g) if vocabulary else g),
            "color": c,
        }
        for g, c in groups.items()
    ]
    clusters = _clusters(graph, nodes, communities, words)
    if clusters:
        legend.append({"group": "cluster", "label": words["cluster_legend"], "color": "#ffffff"})
    return {
        "nodes": nodes,
        "edges": _edges(graph, highlight_edges or set(), translate),
        "legend": legend,
        "options": _options(graph.number_of_nodes()),
        "clusters": clusters,
        "color_by": color_by,
        "server_layout": True,
        "labels": words,
    }


def _options(count: int) -> dict[str, Any]:
    """vis-network's options for a map of ``count`` nodes: physics off, ties hidden while
    moving a big map, labels drawn only where they are readable."""
    big = count > HIDE_EDGES_ABOVE
    return {
        "physics": {"enabled": False},
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
        },
        "nodes": {
            "font": dict(FONT),
            "scaling": {"label": {"drawThreshold": LABEL_MIN_PX}},
        },
        "edges": {"smooth": False},
        "layout": {"improvedLayout": False},
    }


def _grouped(graph: nx.MultiDiGraph, seed: int = 1) -> dict[str, int]:
    """Communities of the view (igraph's Leiden, seeded, nodes in sorted order)."""
    ids = sorted(graph.nodes, key=str)
    index = {n: i for i, n in enumerate(ids)}
    pairs = {tuple(sorted((index[u], index[v]))) for u, v in graph.edges() if u != v}
    g = ig.Graph(n=len(ids), edges=sorted(pairs))
    with _LAYOUT_LOCK:
        ig.set_random_number_generator(random.Random(seed))
        try:
            # Leiden (modularity, two rounds): on 10 000 nodes a tenth of Louvain's time
            found = g.community_leiden(objective_function="modularity", n_iterations=2)
            membership = found.membership
        finally:
            ig.set_random_number_generator(random)
    return dict(zip(ids, membership, strict=True))


def _inside(kinds: list[str], words: dict[str, str]) -> str:
    """What a cluster holds, in words: "250 organisaties, 62 personen"."""
    counts = {kind: kinds.count(kind) for kind in sorted(set(kinds), key=kinds.index)}
    parts = []
    for kind, count in sorted(counts.items(), key=lambda item: -item[1]):
        template = words.get(f"count.{kind}.1" if count == 1 else f"count.{kind}", "{count}")
        parts.append(template.format(count=count))
    return ", ".join(parts)


def _clusters(
    graph: nx.MultiDiGraph,
    nodes: list[dict[str, Any]],
    communities: dict[str, int] | None,
    words: dict[str, str],
) -> list[dict[str, Any]]:
    """The clusters a big map opens with: per community (the given ones, or Leiden's),
    its organisations, people, activities and sources (not those on a highlighted path),
    when at least :data:`CLUSTER_MIN`; named after the best-connected member, saying what is inside
    (in ``words``' language), at the members' mean position, coloured as most of them.
    """
    if graph.number_of_nodes() <= CLUSTER_ABOVE:
        return []
    groups = communities if communities else _grouped(graph)
    members: dict[str, list[dict[str, Any]]] = {}
    for node in nodes:  # in sorted order: clusters and their members read the same each run
        if node["kind"] in CLUSTERED_KINDS and node["id"] in groups and "borderWidth" not in node:
            members.setdefault(str(groups[node["id"]]), []).append(node)
    clusters = []
    for number, inside in sorted(members.items(), key=lambda item: (-len(item[1]), item[0])):
        if len(inside) < CLUSTER_MIN:
            continue
        colours = [str(n["color"]) for n in inside]
        best = min(inside, key=lambda n: (-graph.degree(n["id"]), str(n["label"])))
        label = words["cluster"].format(name=best["label"], count=len(inside))
        clusters.append(
            {
                "id": f"cluster:{number}",
                "label": label,
                "title": label.replace("\n", ": ", 1)
                + "\n"
                + words["cluster_title"].format(parts=_inside([n["kind"] for n in inside], words)),
                "members": [n["id"] for n in inside],
                "x": sum(n["x"] for n in inside) / len(inside),
                "y": sum(n["y"] for n in inside) / len(inside),
                "size": round(12 + 6 * math.sqrt(len(inside)), 2),
                "color": max(sorted(set(colours)), key=colours.count),
            }
        )
    return _spread(clusters, nodes)


def _spread(clusters: list[dict[str, Any]], nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Clusters on a ring at 60 % of the map's radius, in the order of the directions of
    their members' mean positions from the centre, evenly spaced: those means lie close
    to the centre, where the clusters would hide each other (and the networks and
    themes, which stay out of clusters)."""
    if not clusters:
        return clusters
    cx = sum(n["x"] for n in nodes) / len(nodes)
    cy = sum(n["y"] for n in nodes) / len(nodes)
    ring = 0.6 * max(math.hypot(n["x"] - cx, n["y"] - cy) for n in nodes)
    ordered = sorted(clusters, key=lambda c: (math.atan2(c["y"] - cy, c["x"] - cx), c["id"]))
    start = math.atan2(ordered[0]["y"] - cy, ordered[0]["x"] - cx)
    for i, c in enumerate(ordered):
        angle = start + 2 * math.pi * i / len(ordered)
        c["x"] = round(cx + ring * math.cos(angle), 2)
        c["y"] = round(cy + ring * math.sin(angle), 2)
    return clusters


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
) -> str:
    """The map as an HTML page (``inline``: one self-contained file; ``fragment``: only
    the map's part, to sit inside another page). A whole page carries the title, the
    ``date`` and the explanation in ``data["labels"]["explain"]`` above the map."""
    template = _TEMPLATES.get_template("map_body.html" if fragment else "map.html")
    return template.render(
        title=title,
        date=date,
        labels=data.get("labels") or DEFAULT_LABELS,
        empty=not data["nodes"],
        views=bool(data.get("views")),
        views_write=bool(data.get("views_save")),
        data_json=safe_json({**data, "node_link": node_link or ""}),
        inline=inline,
        vis_js=_asset("vis-network.min.js") if inline else None,
        map_js=(MAP_ASSETS / "map.js").read_text(encoding="utf-8") if inline else None,
        vis_css=_asset("vis-network.css") if inline else None,
        static_prefix=static_prefix,
        node_link=node_link,
        legend=data["legend"],
        lang=lang,
    )
