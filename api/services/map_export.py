"""The map's PNG, SVG and PDF: exactly the view on screen (filters, focus, what is
dimmed or hidden, open clusters, dragged nodes, the part of the map in the window and
the names written), with a title, what the view shows in words, and the legends.
The map page's links carry the view (map.js ``exportQuery``); without a window the
whole map is drawn, as it first opens."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from api.i18n import format_date_for, known_language, translator, vocabulary_label
from api.services.maps import MapOptions, map_data
from api.services.options import split_list
from graph.analysis.cache import AnalysisCache
from graph.errors import GrenswerkError
from graph.store.base import Store
from graph.vocabulary import node_kinds, relationship_types
from visualizations.view import ViewState, drawn_view
from visualizations.view_picture import view_picture

__all__ = ["ViewRequest", "view_export"]

MAX_SCREEN = (2560, 1600)


@dataclass(frozen=True)
class ViewRequest:
    """The view on screen as a link gives it (text, checked by :func:`view_state`)."""

    focus: str | None = None
    depth: int = 2
    hide: bool = False
    themes_layer: bool = True
    route: bool = True
    box: str | None = None
    screen: str | None = None
    opened: str | None = None
    names: str | None = None


def _numbers(text: str, count: int, what: str) -> list[float]:
    try:
        values = [float(v) for v in text.replace("x", ",").split(",")]
    except ValueError:
        values = []
    if len(values) != count or any(v != v or abs(v) > 1e8 for v in values):
        raise GrenswerkError(
            f"{what}: give {count} numbers, e.g. {'0,0,800,600' if count == 4 else '1280x700'}"
        )
    return values


def view_state(request: ViewRequest) -> ViewState:
    """The view of a link, checked: a window of at most :data:`MAX_SCREEN` px, a box
    with its right and bottom beyond its left and top."""
    screen = (1400, 800)
    if request.screen:
        w, h = _numbers(request.screen, 2, "screen")
        screen = (int(min(max(w, 200), MAX_SCREEN[0])), int(min(max(h, 150), MAX_SCREEN[1])))
    box = None
    if request.box:
        x0, y0, x1, y1 = _numbers(request.box, 4, "box")
        if x1 <= x0 or y1 <= y0:
            raise GrenswerkError("box: give left, top, right and bottom, right beyond left")
        box = (x0, y0, x1, y1)
    names = None
    if request.names is not None:
        pairs = [pair.rpartition(":") for pair in request.names.split(",") if pair]
        names = tuple((node or side, side if node else "below") for node, _, side in pairs)[:5000]
    return ViewState(
        focus=request.focus or None,
        depth=min(max(request.depth, 1), 3),
        hide=request.hide,
        themes=request.themes_layer,
        route=request.route,
        opened=frozenset(c for c in (request.opened or "").split(",") if c),
        box=box,
        screen=screen,
        names=names,
    )


def _lines(
    data: dict[str, Any], options: MapOptions, state: ViewState, lang: str, today: dt.date
) -> list[str]:
    """What the view shows, in words: the date, the filters, the focus or route."""
    translate = translator(lang)
    lines = [translate("map", "Made on {date}").format(date=format_date_for(today, lang))]
    parts = []
    kinds = ",".join(node_kinds(split_list(options.kinds) or ()))
    types = ",".join(relationship_types(split_list(options.types) or ()))
    for name, values, context in (
        (translate("map", "Kinds"), kinds, "node kind"),
        (translate("map", "Practices"), options.practices, "org type"),
        (translate("map", "Sectors"), options.sectors, None),
        (translate("map", "Types of tie"), types, "relationship type"),
        (translate("map", "Themes"), options.themes, None),
    ):
        if values:
            shown = [
                vocabulary_label(v, lang, context) if context else v for v in values.split(",")
            ]
            parts.append(f"{name}: {', '.join(shown)}")
    if options.at:
        parts.append(translate("map", "on {date}").format(date=format_date_for(options.at, lang)))
    if parts:
        lines.append(" · ".join(parts))
    names = {n["id"]: n["label"] for n in data["nodes"]}
    if state.focus in names:
        steps = (
            translate("map", "Around {name}, 1 step")
            if state.depth == 1
            else translate("map", "Around {name}, {depth} steps")
        )
        text = steps.format(name=names[state.focus], depth=state.depth)
        if state.hide:
            text += "; " + translate("map", "the rest hidden")
        lines.append(text)
    elif state.route and any(n.get("borderWidth") for n in data["nodes"]):
        route = [n["id"] for n in data["nodes"] if n.get("borderWidth")]
        ordered = [n for n in (options.highlight or "").split(",") if n in route] or route
        lines.append(
            translate("map", "Learning route: {route}").format(
                route=" → ".join(names[n] for n in ordered)
            )
        )
    if not state.themes:
        lines.append(translate("map", "Themes not shown"))
    return lines


def _groups(nodes: list[dict[str, Any]]) -> set[str]:
    """The legend's groups of what is drawn ("cluster" for a closed cluster)."""
    return {"cluster" if n.get("cluster") else str(n.get("group")) for n in nodes}


def view_export(
    store: Store,
    cache: AnalysisCache,
    workspace: str,
    options: MapOptions,
    request: ViewRequest,
    *,
    fmt: Literal["png", "svg", "pdf"],
    lang: str = "nl",
    today: dt.date | None = None,
) -> bytes:
    """The picture of the view: ``options`` the map's filters (as the map page),
    ``request`` the view on screen. A bad value raises :class:`GrenswerkError` (or the
    filters' :class:`~api.services.options.BadOptions`) naming it."""
    lang = known_language(lang)
    state = view_state(request)
    data = map_data(store, cache, workspace, options, lang)
    shown = drawn_view(data, state)
    translate = translator(lang)
    return view_picture(
        shown,
        title=translate("map", "Map of {workspace}").format(workspace=workspace),
        lines=_lines(data, options, state, lang, today or dt.date.today()),
        legend=[i for i in data["legend"] if i["group"] in _groups(shown.nodes)],
        sizes=data.get("size_legend"),
        fmt=fmt,
    )
