"""The workspace report as a manager takes it to a board (issue 22): no near-empty page,
no table row split over two pages, nothing cut off at a page's bottom, the sources by
their titles, and a map whose names print at a readable size by the PNG's label rule.

The pages are measured in WeasyPrint's own layout of the report's HTML (the layout its
PDF is written from): the part of each page's content area that holds text or a
picture, and the pages each table row lands on."""

from __future__ import annotations

import base64
import re
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import weasyprint

from api.services.report_figures import source_title
from api.services.reports import REPORT_MAP_INCHES, MapQuery, workspace_report_html
from graph.analysis.cache import AnalysisCache
from importers import ImportOptions, import_paths
from tests.api.conftest import Env
from tests.api.test_reports import _pdf_text, _squeeze

VOORBEELD = Path(__file__).parents[2] / "graph" / "data" / "voorbeeld"
#: a page with less of its content area filled is near-empty
NEAR_EMPTY = 0.15
#: the size of the names on the map, in points, in the PNG (visualizations.static_map)
LABEL_PT = 11
#: a file name where a title belongs
FILE_NAME = re.compile(r"\b[\w-]+\.(txt|md|pdf|docx?)\b", re.IGNORECASE)


@dataclass
class Page:
    fill: float  # the share of the content area's height down to its lowest content
    overflow: bool  # content runs past the content area's bottom
    rows: set[int] = field(default_factory=set)  # the table rows on it (by element)
    images: list[tuple[float, str]] = field(default_factory=list)  # (width in px, src)


def _boxes(box: Any) -> Any:
    """The boxes of a page's content; a table's header row, repeated on each page its
    table runs over, left out."""
    if type(box).__name__ == "MarginBox" or getattr(box, "is_header", False):
        return
    yield box
    for child in getattr(box, "children", None) or []:
        yield from _boxes(child)


def pages(html: str) -> list[Page]:
    """Each page of ``html`` laid out on A4 as the report's PDF is."""
    found = []
    for laid in weasyprint.HTML(string=html).render().pages:
        page_box = laid._page_box  # noqa: SLF001 - WeasyPrint's layout, read only
        top, height = page_box.content_box_y(), page_box.height
        bottom, page = top, Page(0.0, False)
        for box in _boxes(page_box):
            kind = type(box).__name__
            if kind in ("TextBox", "InlineReplacedBox", "BlockReplacedBox"):
                bottom = max(bottom, box.position_y + box.margin_height())
            if kind in ("InlineReplacedBox", "BlockReplacedBox"):
                page.images.append((box.width, str(box.element.get("src", ""))))
            if kind == "TableRowBox":
                page.rows.add(id(box.element))
        page.fill = (bottom - top) / height
        page.overflow = bottom > top + height + 1
        found.append(page)
    return found


def problems(laid: list[Page]) -> list[str]:
    """What a manager would see wrong: near-empty pages, split rows, cut-off content."""
    said = [f"page {i}: {p.fill:.0%} filled" for i, p in enumerate(laid, 1) if p.fill < NEAR_EMPTY]
    said += [f"page {i}: content cut off" for i, p in enumerate(laid, 1) if p.overflow]
    for i, (page, following) in enumerate(zip(laid, laid[1:], strict=False), 1):
        if page.rows & following.rows:
            said.append(f"pages {i} and {i + 1}: a table row split over both")
    return said


def _report(env: Env, workspace: str, lang: str) -> str:
    if workspace != "demo" and workspace not in {w.name for w in env.store.workspaces()}:
        import_paths(env.store, [VOORBEELD], ImportOptions(workspace))
    return workspace_report_html(env.store, AnalysisCache(), workspace, MapQuery(), lang=lang)  # type: ignore[arg-type]


def test_the_checks_see_a_near_empty_page_a_split_row_and_a_cut_picture() -> None:
    """The checks are not blind: each fault, made on purpose, is found."""
    style = "<style>@page { size: A4; margin: 16mm 14mm; }</style>"
    near_empty = style + "<p>x</p>" * 60 + '<p style="break-before: page">alleen dit</p>'
    assert any("filled" in p for p in problems(pages(near_empty)))
    tall = "<br>".join(["regel"] * 40)
    split = style + f"<p>{'<br>' * 40}</p><table><tr><td>{tall}</td></tr></table>"
    assert any("split" in p for p in problems(pages(split)))
    kept = split.replace("<tr>", '<tr style="break-inside: avoid">')
    assert not any("split" in p for p in problems(pages(kept)))
    svg = base64.b64encode(b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
    picture = f'<img src="data:image/svg+xml;base64,{svg.decode()}" style="height: 400mm">'
    assert any("cut off" in p for p in problems(pages(style + "<p>x</p>" + picture)))
    assert problems(pages(style + "<p>x</p>" * 20)) == []


@pytest.mark.slow
@pytest.mark.parametrize("workspace", ["demo", "voorbeeld-roc"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_report_has_no_near_empty_page_and_no_split_row(
    env: Env, workspace: str, lang: str
) -> None:
    laid = pages(_report(env, workspace, lang))
    assert len(laid) >= 2
    assert problems(laid) == []


def test_the_report_lists_sources_by_their_titles(env: Env) -> None:
    text = _pdf_text(
        env.client.get("/api/workspaces/demo/report.pdf", headers=env.as_("viewer")).content
    )
    sources = text.split(_squeeze("Bronnen"))[-1]
    assert _squeeze("Netwerk Flexibilisering (CINOP)") in sources
    assert not FILE_NAME.search(sources), sources
    assert source_title({"name": "000_e6b82f96423c3582.txt", "description": "Titel"}) == "Titel"


def test_the_reports_map_prints_its_names_readably(env: Env) -> None:
    """The map is drawn at about the size it is printed, so the PNG's label rule (names
    at 11 pt, only those that fit) gives names of at least 7 pt on paper."""
    laid = pages(_report(env, "voorbeeld-roc", "nl"))
    maps = [(w, src) for p in laid for w, src in p.images if src.startswith("data:image/png")]
    assert len(maps) == 1
    shown_px, src = maps[0]
    png = base64.b64decode(src.split(",", 1)[1])
    width_px = struct.unpack(">I", png[16:20])[0]
    assert width_px == round(REPORT_MAP_INCHES[0] * 100)
    printed_pt = LABEL_PT * (shown_px / 96) / (width_px / 100)
    assert printed_pt >= 7, printed_pt
