"""A picture of exactly the view on screen (:func:`visualizations.view.drawn_view`) as
PNG, SVG or PDF: the window's part of the map at the window's size in px (twice as
sharp in a PNG), its names where the screen writes them, with a title, what the view
shows (date, filters, focus) and the legend of colours and sizes below the map.

Text stays text in SVG and PDF (searchable, escaped by matplotlib); each shape of the SVG
carries its node's id (``node-<id>``), so what was drawn can be checked.

Examples
--------
>>> from visualizations.view import DrawnView
>>> shown = DrawnView(nodes=[{"id": "a", "sx": 50, "sy": 40, "radius": 8, "shape": "square",
...                           "color": "#0072B2", "label": "A & B"}],
...                   labels=[("A & B", 50, 40, 8, "below")], width=200, height=120)
>>> svg = view_picture(shown, title="T", lines=["1 januari 2026"], legend=[], fmt="svg")
>>> b"A &amp; B" in svg and b'id="node-a"' in svg
True
"""

from __future__ import annotations

import io
import math
import threading
from collections.abc import Sequence
from typing import Any, Literal

import matplotlib as mpl
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.patches import Circle, Polygon, Rectangle, RegularPolygon

from visualizations.labels import LABEL_PX, LINE_PX, PAD, label_box
from visualizations.view import DrawnView

__all__ = ["view_picture"]

_DPI = 100
_PT = 72 / _DPI  # points per px
#: one picture at a time: matplotlib's settings are global
_DRAWING = threading.Lock()
_RC: Any = {
    "svg.fonttype": "none",
    "pdf.fonttype": 42,
    "font.family": "DejaVu Sans",
    "svg.hashsalt": "grenswerk",
}
_HEADER_PX = 76
_LEGEND_ROW_PX = 22
Format = Literal["png", "svg", "pdf"]


def _shape(item: dict[str, Any]) -> Any:
    x, y, r = item["sx"], item["sy"], max(item["radius"], 1.5)
    shape = item.get("shape", "dot")
    if shape == "square":
        return Rectangle((x - r, y - r), 2 * r, 2 * r)
    if shape in ("diamond", "triangle", "hexagon"):
        sides = {"diamond": 4, "triangle": 3, "hexagon": 6}[shape]
        turn = {"diamond": 0.0, "triangle": math.pi, "hexagon": math.pi / 6}[shape]
        return RegularPolygon((x, y), sides, radius=r, orientation=turn)
    if shape == "star":
        points = [
            (
                x + (r if k % 2 == 0 else r / 2.2) * math.sin(math.pi * k / 5),
                y - (r if k % 2 == 0 else r / 2.2) * math.cos(math.pi * k / 5),
            )
            for k in range(10)
        ]
        return Polygon(points, closed=True)
    return Circle((x, y), r)


def _legend_rows(legend: Sequence[dict[str, Any]], width: float) -> list[list[dict[str, Any]]]:
    rows: list[list[dict[str, Any]]] = [[]]
    used = 0.0
    for item in legend:
        need = 30 + 7.5 * len(str(item["label"]))
        if rows[-1] and used + need > width - 20:
            rows.append([])
            used = 0.0
        rows[-1].append({**item, "at": used})
        used += need
    return [row for row in rows if row]


def view_picture(
    view: DrawnView,
    *,
    title: str,
    lines: Sequence[str],
    legend: Sequence[dict[str, Any]],
    sizes: dict[str, Any] | None = None,
    fmt: Format = "png",
) -> bytes:
    """The picture of ``view`` with ``title``, ``lines`` under it (what the view shows)
    and ``legend`` (label and colour) and ``sizes`` (:func:`build_map`'s size legend)
    below the map."""
    w, h = view.width, view.height
    rows = _legend_rows([*legend, *([{"label": sizes["title"], "color": ""}] if sizes else [])], w)
    header = _HEADER_PX + 16 * max(len(lines) - 1, 0)
    band = 12 + _LEGEND_ROW_PX * len(rows)
    total = header + h + band
    with _DRAWING, mpl.rc_context(_RC):
        fig = Figure(figsize=(w / _DPI, total / _DPI), dpi=_DPI)
        ax = fig.add_axes((0, band / total, 1, h / total))
        ax.set_xlim(0, w)
        ax.set_ylim(h, 0)
        ax.set_axis_off()
        ax.add_patch(Rectangle((0, 0), w, h, facecolor="white", edgecolor="#ccd0d6", lw=1))
        if view.edges:
            ax.add_collection(
                LineCollection(
                    [(e["a"], e["b"]) for e in view.edges],
                    colors=[e["color"] for e in view.edges],
                    linewidths=[float(e["width"]) * _PT for e in view.edges],
                    zorder=1,
                )
            )
        for item in view.nodes:
            patch = _shape(item)
            patch.set_facecolor(item["color"])
            patch.set_edgecolor("#1a1a1a" if item.get("cluster") else "#3d4650")
            patch.set_linewidth((4 if item.get("cluster") or item.get("borderWidth") else 1) * _PT)
            patch.set_zorder(2)
            patch.set_gid(f"node-{item['id']}")
            ax.add_patch(patch)
        # a light box behind a name instead of the screen's white stroke: a stroke
        # (a path effect) would turn the text of an SVG or PDF into paths
        halo = {"boxstyle": "square,pad=0.12", "fc": "white", "ec": "none", "alpha": 0.8}
        for text, x, y, radius, side in view.labels:
            parts = str(text).split("\n")
            box = label_box(x, y, radius, [0.0] * len(parts), side)
            top = box[1] + PAD
            at, ha = {"right": (box[0] + PAD, "left"), "left": (box[2] - PAD, "right")}.get(
                side, (x, "center")
            )
            for i, line in enumerate(parts):
                ax.text(
                    at,
                    top + LINE_PX * i + LINE_PX / 2,
                    line,
                    ha=ha,
                    va="center",
                    fontsize=LABEL_PX * _PT,
                    color="#1a1a1a",
                    zorder=3,
                    bbox=halo,
                    clip_on=True,
                )
        fig.text(10 / w, 1 - 30 / total, title, fontsize=20 * _PT * 1.3, fontweight="bold")
        for i, line in enumerate(lines):
            fig.text(10 / w, 1 - (54 + 16 * i) / total, line, fontsize=13 * _PT, color="#333333")
        for r, row in enumerate(rows):
            y = (band - 16 - _LEGEND_ROW_PX * r) / total
            for item in row:
                x = (10 + item["at"]) / w
                if item["color"]:
                    fig.patches.append(
                        Rectangle(
                            (x, y - 5 / total),
                            12 / w,
                            12 / total,
                            transform=fig.transFigure,
                            facecolor=item["color"],
                            edgecolor="#3d4650",
                            lw=0.8,
                        )
                    )
                    x += 18 / w
                label = str(item["label"])
                if not item["color"] and sizes and sizes.get("items"):
                    label += ": " + ", ".join(str(s["value"]) for s in sizes["items"])
                fig.text(x, y, label, fontsize=12 * _PT, va="center", color="#1a1a1a")
        buffer = io.BytesIO()
        FigureCanvasAgg(fig)
        metadata: Any = (
            {"Date": None} if fmt == "svg" else ({"CreationDate": None} if fmt == "pdf" else None)
        )
        fig.savefig(buffer, format=fmt, dpi=2 * _DPI if fmt == "png" else _DPI, metadata=metadata)
        return buffer.getvalue()
