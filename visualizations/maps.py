"""Interactive maps of a workspace: vis-network (the library pyvis drives), served from
our own files, never from a CDN.

:func:`build_map` turns a view of the graph into nodes, edges, a legend and
vis-network options: colour by kind, org_type, sector or community; size by any
centrality; a path or an ego network highlighted. Above ``layout_threshold`` nodes (by
default always) the layout is computed on the server (igraph, seeded) and physics is
off, so a reload shows the same picture, the server-drawn PNG/SVG
(:mod:`visualizations.static_map`) uses the same positions, and a 10 000-node map
opens and pans smoothly. :func:`render_map` writes the HTML: with ``inline=True`` one
self-contained file (the vis-network script and styles inside it), otherwise pages
that load them from our static route.

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

import igraph as ig
import jinja2
import networkx as nx
import pyvis

__all__ = [
    "COLOR_BY",
    "MAP_ASSETS",
    "VIS_DIR",
    "Translate",
    "build_map",
    "render_map",
    "safe_json",
]

#: ``translate(context, text)``: a vocabulary value's label (contexts ``node kind``,
#: ``org type``, ``activity type``, ``relationship type``, ``mechanism``) or a message
#: of the map (context ``map``) in the page's language. The web app passes its
#: catalogues in (:func:`api.i18n.translator`); without one, text is shown as it is.
Translate = Callable[[str, str], str]


def _as_is(context: str, text: str) -> str:
    return text


VIS_DIR = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
#: Our own script for the map (served as /static/maps/map.js, or inlined in a download).
MAP_ASSETS = Path(__file__).parent / "static"
COLOR_BY = ("kind", "org_type", "sector", "community")
PALETTE = [
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
    "#393b79",
    "#637939",
    "#8c6d31",
    "#843c39",
]
KIND_COLORS = {
    "person": "#e377c2",
    "organisation": "#1f77b4",
    "network": "#2ca02c",
    "theme": "#ff7f0e",
    "activity": "#9467bd",
    "source": "#7f7f7f",
}
KIND_SHAPES = {
    "person": "dot",
    "organisation": "box",
    "network": "hexagon",
    "theme": "diamond",
    "activity": "triangle",
    "source": "square",
}
HIGHLIGHT = "#d62728"
_LAYOUT_LOCK = threading.Lock()

_TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=jinja2.select_autoescape(["html"]),
)


def safe_json(value: Any) -> str:
    """JSON that can stand inside a <script> element: no ``<``, ``>`` or ``&``."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


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


def _layout(graph: nx.MultiDiGraph, seed: int = 1) -> dict[str, tuple[float, float]]:
    ids = list(graph.nodes)
    index = {n: i for i, n in enumerate(ids)}
    g = ig.Graph(n=len(ids), edges=list({(index[u], index[v]) for u, v in graph.edges() if u != v}))
    # igraph draws from the generator it is given; seeding the module ``random`` is not
    # enough in the server's worker threads, so each layout gets its own, under a lock
    with _LAYOUT_LOCK:
        ig.set_random_number_generator(random.Random(seed))
        try:
            # Fruchterman-Reingold, on large graphs with its grid approximation (10 000
            # nodes in well under a second, where DrL takes a minute)
            layout = g.layout_fruchterman_reingold(niter=300, grid=len(ids) > 1000)
        finally:
            ig.set_random_number_generator(random)
    coords = layout.coords
    xs = [c[0] for c in coords] or [0.0]
    ys = [c[1] for c in coords] or [0.0]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    scale = 40 * math.sqrt(len(ids)) / span
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {n: ((x - cx) * scale, (y - cy) * scale) for n, (x, y) in zip(ids, coords, strict=True)}


def build_map(
    graph: nx.MultiDiGraph,
    *,
    color_by: str = "kind",
    sizes: dict[str, float] | None = None,
    communities: dict[str, int] | None = None,
    highlight_nodes: set[str] | None = None,
    highlight_edges: set[tuple[str, str]] | None = None,
    layout_threshold: int = 0,
    translate: Translate = _as_is,
) -> dict[str, Any]:
    """Nodes, edges, legend and options for vis-network; ``translate`` gives the
    labels of the vocabulary in tooltips and legend (see :data:`Translate`)."""
    if color_by not in COLOR_BY:
        raise ValueError(f"unknown colouring {color_by!r}; use one of {', '.join(COLOR_BY)}")
    highlight_nodes = highlight_nodes or set()
    highlight_edges = highlight_edges or set()
    groups: dict[str, str] = {}
    positions = _layout(graph) if graph.number_of_nodes() > layout_threshold else {}
    top = max(sizes.values(), default=0.0) if sizes else 0.0
    nodes = []
    for node, data in graph.nodes(data=True):
        if color_by == "kind":
            group = str(data.get("kind", "?"))
        elif color_by == "community":
            group = str((communities or {}).get(node, "?"))
        else:
            group = str(data.get(color_by) or "—")
        if group not in groups:
            groups[group] = (KIND_COLORS.get(group) if color_by == "kind" else None) or PALETTE[
                len(groups) % len(PALETTE)
            ]
        item: dict[str, Any] = {
            "id": node,
            "label": str(data.get("name", node)),
            "title": _tooltip(data, translate),
            "group": group,
            "kind": data.get("kind"),
            "color": HIGHLIGHT if node in highlight_nodes else groups[group],
            "shape": KIND_SHAPES.get(str(data.get("kind")), "dot"),
            "size": 10 + 30 * (sizes.get(node, 0.0) / top) if sizes and top > 0 else 14,
        }
        if node in highlight_nodes:
            item["borderWidth"] = 4
        if node in positions:
            item["x"], item["y"] = positions[node]
        nodes.append(item)
    edges = []
    for u, v, key, data in graph.edges(keys=True, data=True):
        on_path = (u, v) in highlight_edges or (v, u) in highlight_edges
        edges.append(
            {
                "id": key,
                "from": u,
                "to": v,
                "title": _edge_title(data, translate),
                "color": HIGHLIGHT if on_path else "#9aa5b1",
                "width": 4 if on_path else 1,
                "arrows": "to"
                if data.get("type") not in ("partners_with", "collaborates_with")
                else "",
            }
        )
    big = bool(positions)
    options = {
        "physics": {"enabled": not big, "stabilization": {"iterations": 150}},
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
        },
        "nodes": {"font": {"size": 12}},
        "edges": {"smooth": not big},
        "layout": {"improvedLayout": not big and graph.number_of_nodes() < 150},
    }
    vocabulary = {"kind": "node kind", "org_type": "org type"}.get(color_by, "")
    legend = [
        {"group": g, "label": translate(vocabulary, g) if vocabulary else g, "color": c}
        for g, c in groups.items()
    ]
    return {
        "nodes": nodes,
        "edges": edges,
        "legend": legend,
        "options": options,
        "color_by": color_by,
        "server_layout": big,
    }


def _edge_title(data: dict[str, Any], translate: Translate) -> str:
    title = translate("relationship type", str(data.get("type", "")))
    mechanism = data.get("mechanism")
    return title + (f" ({translate('mechanism', str(mechanism))})" if mechanism else "")


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
    translate: Translate = _as_is,
    lang: str = "nl",
) -> str:
    """The map as an HTML page (``inline``: one self-contained file; ``fragment``: only
    the map's part, to sit inside another page); ``translate`` and ``lang``: the
    language of its words (see :data:`Translate`)."""
    template = _TEMPLATES.get_template("map_body.html" if fragment else "map.html")
    return template.render(
        title=title,
        data_json=safe_json({**data, "node_link": node_link or ""}),
        inline=inline,
        vis_js=_asset("vis-network.min.js") if inline else None,
        map_js=(MAP_ASSETS / "map.js").read_text(encoding="utf-8") if inline else None,
        vis_css=_asset("vis-network.css") if inline else None,
        static_prefix=static_prefix,
        node_link=node_link,
        legend=data["legend"],
        lang=lang,
        labels={
            "legend": translate("map", "Legend"),
            "open": translate("map", "Open the page of this node"),
        },
    )
