"""The map and small charts drawn on the server (matplotlib, Agg backend, no display):
pictures for meetings, as PNG or SVG, and charts for the PDF reports.

:func:`draw_map` draws the nodes and edges of :func:`visualizations.maps.build_map` at
the positions the web map uses (``x``/``y`` of each node; vis-network's y axis points
down, so the picture is flipped to match), with organisations and people labelled (on
a crowded map at most :data:`MAX_LABELS`, the largest or best connected, none covering
another), a legend, a title and
a date. SVG text stays text (``svg.fonttype: none``), so a reader
can search it and matplotlib escapes it as XML.

Examples
--------
>>> data = {"nodes": [{"id": "a", "label": "A & B", "kind": "organisation",
...                    "color": "#1f77b4", "x": 0.0, "y": 0.0, "size": 14}],
...         "edges": [], "legend": [{"group": "organisation", "color": "#1f77b4"}]}
>>> svg = draw_map(data, title="T", subtitle="1 januari 2025", fmt="svg").decode()
>>> "A &amp; B" in svg and "<svg" in svg
True
"""

from __future__ import annotations

import io
import threading
from collections import Counter
from collections.abc import Sequence
from typing import Any, Literal

import matplotlib as mpl
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure

__all__ = ["MAP_WIDTH_PX", "MAX_LABELS", "bar_chart", "draw_map"]

#: the PNG's width in pixels (the figure is 20 inches at 100 dpi)
MAP_WIDTH_PX = 2000
_DPI = 100
#: the size of the names on the map, in points (15 px at 100 dpi)
_LABEL_PT = 11
#: at most this many names on a map (a 2 000-node map with every name is unreadable)
MAX_LABELS = 150
#: kinds whose names are written on the map
_LABELLED = ("organisation", "person")
_MARKERS = {
    "box": "s",
    "dot": "o",
    "hexagon": "h",
    "diamond": "D",
    "triangle": "^",
    "square": "s",
}
#: matplotlib's settings are global: one drawing at a time, so no request sees
#: another's settings half restored
_DRAWING = threading.Lock()
#: text stays text in SVG; a fixed id salt, so the same map gives the same SVG
_RC: Any = {"svg.fonttype": "none", "font.family": "DejaVu Sans", "svg.hashsalt": "grenswerk"}


def _save(fig: Figure, fmt: Literal["png", "svg"]) -> bytes:
    buffer = io.BytesIO()
    FigureCanvasAgg(fig)
    fig.savefig(buffer, format=fmt, dpi=_DPI, metadata={"Date": None} if fmt == "svg" else None)
    return buffer.getvalue()


def _draw_edges(ax: Any, data: dict[str, Any], pos: dict[str, tuple[float, float]]) -> None:
    plain: list[tuple[Any, Any]] = []
    marked: list[tuple[Any, Any]] = []
    for edge in data["edges"]:
        if edge["from"] in pos and edge["to"] in pos:
            segment = (pos[edge["from"]], pos[edge["to"]])
            (marked if edge.get("width", 1) > 1 else plain).append(segment)
    ax.add_collection(LineCollection(plain, colors="#9aa5b1", linewidths=0.6, zorder=1))
    if marked:
        ax.add_collection(LineCollection(marked, colors="#d62728", linewidths=3, zorder=2))


def _to_label(
    ax: Any, nodes: Sequence[dict[str, Any]], pos: dict[str, Any], degree: Counter[str]
) -> list[dict[str, Any]]:
    """The organisations and people to name: at most :data:`MAX_LABELS`, the largest
    (then the best connected) first, each only where its name covers none already
    placed and is not cut at the picture's edge (on a sparse map: all of them)."""
    actors = [n for n in nodes if n.get("kind") in _LABELLED]
    actors.sort(key=lambda n: (-float(n.get("size", 14)), -degree[n["id"]], str(n["label"])))
    placed: list[tuple[float, float, float, float]] = []
    chosen = []
    char, line = 0.6 * _LABEL_PT * _DPI / 72, 1.4 * _LABEL_PT * _DPI / 72
    width, height = ax.figure.bbox.width, ax.figure.bbox.height
    for node in actors:
        x, y = ax.transData.transform(pos[node["id"]])
        half = char * len(str(node["label"])) / 2
        box = (x - half, y, x + half, y + 2 * line)
        inside = box[0] >= 0 and box[2] <= width and box[3] <= height  # not cut at an edge
        if inside and not any(_overlap(box, other) for other in placed):
            placed.append(box)
            chosen.append(node)
            if len(chosen) == MAX_LABELS:
                break
    return chosen


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _draw_nodes(ax: Any, nodes: Sequence[dict[str, Any]], pos: dict[str, Any]) -> None:
    by_marker: dict[str, list[dict[str, Any]]] = {}
    for node in nodes:
        by_marker.setdefault(_MARKERS.get(node.get("shape", "dot"), "o"), []).append(node)
    for marker, group in by_marker.items():
        ax.scatter(
            [pos[n["id"]][0] for n in group],
            [pos[n["id"]][1] for n in group],
            s=[(0.8 * float(n.get("size", 14))) ** 2 for n in group],
            c=[n["color"] for n in group],
            marker=marker,
            edgecolors="#333333",
            linewidths=[2.0 if n.get("borderWidth") else 0.4 for n in group],
            zorder=3,
        )


def _draw_labels(
    ax: Any, nodes: Sequence[dict[str, Any]], pos: dict[str, Any], degree: Counter[str]
) -> None:
    for node in _to_label(ax, nodes, pos, degree):
        ax.annotate(
            node["label"],
            pos[node["id"]],
            xytext=(0, 7),
            textcoords="offset points",
            ha="center",
            fontsize=_LABEL_PT,
            color="#111111",
            zorder=4,
            bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.7},
        )


def draw_map(
    data: dict[str, Any],
    *,
    title: str,
    subtitle: str,
    legend_title: str = "",
    fmt: Literal["png", "svg"] = "png",
    size: tuple[float, float] | None = None,
) -> bytes:
    """The map of ``data`` (from :func:`~visualizations.maps.build_map`, every node with
    ``x``/``y``) as PNG or SVG bytes, :data:`MAP_WIDTH_PX` wide; or ``size`` inches
    (width, height) at 100 dpi, for a page that shows it at about that size: the names
    keep their size, and only as many as fit without covering another are written."""
    nodes = [n for n in data["nodes"] if "x" in n and "y" in n]
    pos = {n["id"]: (float(n["x"]), -float(n["y"])) for n in nodes}
    with _DRAWING, mpl.rc_context(_RC):
        figsize = size or (MAP_WIDTH_PX / _DPI, 0.7 * MAP_WIDTH_PX / _DPI)
        fig = Figure(figsize=figsize, dpi=_DPI)
        ax = fig.add_axes((0.01, 0.01, 0.98, 0.9))
        ax.set_axis_off()
        _draw_edges(ax, data, pos)
        _draw_nodes(ax, nodes, pos)
        if pos:
            ax.margins(0.05)
            ax.set_aspect("equal", adjustable="datalim")
            ax.apply_aspect()  # the final limits, to place the names
        ends = [e["from"] for e in data["edges"]] + [e["to"] for e in data["edges"]]
        _draw_labels(ax, nodes, pos, Counter(ends))
        fig.suptitle(title, x=0.01, y=0.985, ha="left", fontsize=22, fontweight="bold")
        fig.text(0.01, 0.925, subtitle, ha="left", fontsize=13, color="#333333")
        handles = [
            mpl.patches.Patch(facecolor=item["color"], edgecolor="#333333", label=item["group"])
            for item in data["legend"]
        ]
        if handles:
            fig.legend(
                handles=handles,
                title=legend_title or None,
                loc="upper right",
                fontsize=12,
                title_fontsize=13,
                framealpha=0.9,
            )
        return _save(fig, fmt)


def bar_chart(counts: dict[str, int], *, title: str, color: str = "#1f77b4") -> str:
    """A horizontal bar chart of ``counts`` (largest on top) as SVG text, for a report.

    >>> "Sector" in bar_chart({"zorg": 3, "ICT": 1}, title="Sector")
    True
    """
    items = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    with _DRAWING, mpl.rc_context(_RC):
        fig = Figure(figsize=(6.5, 0.6 + 0.32 * max(len(items), 1)), dpi=_DPI)
        ax = fig.add_subplot()
        labels = [label for label, _ in reversed(items)]
        values = [value for _, value in reversed(items)]
        bars = ax.barh(labels, values, color=color)
        ax.bar_label(bars, padding=2, fontsize=9)
        ax.set_title(title, loc="left", fontsize=11, fontweight="bold")
        ax.tick_params(labelsize=9)
        ax.spines[["top", "right"]].set_visible(False)
        ax.xaxis.set_visible(False)
        fig.tight_layout()
        return _save(fig, "svg").decode("utf-8")
