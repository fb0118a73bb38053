"""Charts of change over time: the series of ``analyse change --over`` as PNG or SVG
(matplotlib, the same settings and lock as :mod:`visualizations.static_map`), and a
node's degree over the years as a small inline SVG for its page (built by hand: a few
hundred bytes, no script, every text escaped).

Examples
--------
>>> svg = sparkline([("2019-01-01", 0.0), ("2020-01-01", 2.0), ("2021-01-01", 3.0)],
...                 label="<b>graad</b>")
>>> svg.startswith("<svg") and "&lt;b&gt;" in svg and "<b>" not in svg
True
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any, Literal

import matplotlib as mpl
from matplotlib.figure import Figure

from visualizations.static_map import _DRAWING, _RC, _save

__all__ = ["change_chart", "sparkline"]


def change_chart(
    rows: Sequence[dict[str, Any]], *, title: str, fmt: Literal["png", "svg"] = "png"
) -> bytes:
    """Nodes and ties at each date (lines) and the ties gained and lost since the date
    before (bars), from the rows of :func:`graph.analysis.change_series.series`.

    >>> rows = [{"date": "2019-01-01", "nodes": 3, "ties": 1, "ties_gained": 0,
    ...          "ties_lost": 0}, {"date": "2020-01-01", "nodes": 4, "ties": 3,
    ...          "ties_gained": 2, "ties_lost": 0}]
    >>> change_chart(rows, title="demo", fmt="svg")[:5]
    b'<?xml'
    """
    labels = [str(r["date"]) for r in rows]
    with _DRAWING, mpl.rc_context(_RC):
        fig = Figure(figsize=(8, 4.5), dpi=100)
        top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=(2, 1))
        top.plot(labels, [r["nodes"] for r in rows], marker="o", label="nodes")
        top.plot(labels, [r["ties"] for r in rows], marker="o", label="ties")
        top.set_title(title, loc="left", fontsize=11, fontweight="bold")
        top.legend(frameon=False, fontsize=9)
        positions = range(len(labels))
        bottom.bar([p - 0.2 for p in positions], [r["ties_gained"] for r in rows], 0.4,
                   label="ties gained", color="#2ca02c")  # fmt: skip
        bottom.bar([p + 0.2 for p in positions], [-r["ties_lost"] for r in rows], 0.4,
                   label="ties lost", color="#d62728")  # fmt: skip
        bottom.axhline(0, color="#555", linewidth=0.8)
        bottom.legend(frameon=False, fontsize=9, loc="upper left", ncols=2)
        bottom.set_xticks(list(positions), labels, rotation=45, ha="right", fontsize=8)
        for ax in (top, bottom):
            ax.spines[["top", "right"]].set_visible(False)
        fig.tight_layout()
        return _save(fig, fmt)


def sparkline(
    points: Sequence[tuple[str, float]], *, label: str, width: int = 240, height: int = 60
) -> str:
    """A small line chart (inline SVG) of ``points`` (date, value), with the first and
    last year and the highest value written; ``label`` is its accessible name."""
    if not points:
        return ""
    values = [v for _, v in points]
    high = max(max(values), 1.0)
    left, right, top, bottom = 4, width - 4, 12, height - 14
    step = (right - left) / max(len(points) - 1, 1)
    coords = [(left + i * step, bottom - (v / high) * (bottom - top)) for i, v in enumerate(values)]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    dots = "".join(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2"/>' for x, y in coords)
    first, last = escape(points[0][0][:4]), escape(points[-1][0][:4])
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sparkline" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(label)}"><title>{escape(label)}</title>'
        f'<polyline fill="none" stroke="currentColor" stroke-width="1.5" points="{line}"/>'
        f'<g fill="currentColor">{dots}</g>'
        f'<text x="{left}" y="{height - 2}" font-size="10">{first}</text>'
        f'<text x="{right}" y="{height - 2}" font-size="10" text-anchor="end">{last}</text>'
        f'<text x="{left}" y="10" font-size="10">{escape(_number(high))}</text></svg>'
    )


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2g}"
