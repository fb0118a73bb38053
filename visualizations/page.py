"""The map on a page: packed compactly for the browser (:func:`page_data`) and written
as HTML (:func:`render_map`): served with our own copies of vis-network and map.js, or
as one self-contained file. Nothing comes from a CDN.

Every string from the data reaches the page as JSON inside a ``<script
type="application/json">`` block with ``<``, ``>`` and ``&`` escaped (:func:`safe_json`).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import pyvis

from visualizations.legend import DEFAULT_LABELS

__all__ = ["MAP_ASSETS", "VIS_DIR", "page_data", "render_map", "safe_json"]

VIS_DIR = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
#: Our own scripts for the map (served under /static/maps/, or inlined in a download).
MAP_ASSETS = Path(__file__).parent / "static"

_TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=jinja2.select_autoescape(["html"]),
)


def safe_json(value: Any) -> str:
    """JSON that can stand inside a <script> element: no ``<``, ``>`` or ``&``."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


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
        "shapes": data["shapes"],
        "highlight": data["highlight"],
        "edge_color": data["edge_color"],
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
