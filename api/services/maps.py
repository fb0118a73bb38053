"""Maps of a workspace view as HTML (served, downloaded, or a fragment of a page).

Positions are computed once and kept per workspace in the store
(:func:`workspace_positions`): a reload shows the same picture, a filtered map keeps
every node where the whole map has it, and when the network changes the known nodes
stay where they were and new ones start beside their neighbours
(:func:`visualizations.layout.extend_layout`). The map of a workspace version and its
options is built once and kept packed beside the cached graph, so a big map is served
at once the next time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx

from api.i18n import format_number, known_language, translator
from api.services.map_words import kind_names, map_labels
from api.services.options import analysis_options, date_option, split_list
from graph.analysis.cache import AnalysisCache
from graph.analysis.registry import AnalysisOptions
from graph.analysis.subgraphs import filter_view
from graph.errors import GrenswerkError, StoreUnavailable
from graph.store.base import Store
from graph.views import parse_moved
from visualizations.filters import MapChoices, around, map_choices
from visualizations.layout import Positions, extend_layout
from visualizations.maps import build_map, page_data, render_map, safe_json

__all__ = [
    "MapChoices",
    "MapOptions",
    "MapView",
    "map_data",
    "map_html",
    "map_labels",
    "map_view",
    "workspace_choices",
    "workspace_positions",
]


@dataclass(frozen=True)
class MapView:
    """A rendered map and what it shows."""

    html: str
    data: dict[str, Any]
    nodes: int
    relationships: int


@dataclass(frozen=True)
class MapOptions:
    """What a map shows: colour, size, filters (comma lists, English or Dutch names of
    kinds and types; practices and sectors as stored; theme ids), a date, a route
    (node ids in order) and dragged positions (``id:x:y`` pairs)."""

    color_by: str = "kind"
    size_by: str | None = None
    kinds: str | None = None
    types: str | None = None
    themes: str | None = None
    practices: str | None = None
    sectors: str | None = None
    at: dt.date | None = None
    highlight: str | None = None
    moved: str | None = None


#: the layout of each cached workspace graph (one per version), gone with the graph
_LAYOUTS: weakref.WeakKeyDictionary[nx.MultiDiGraph, Positions] = weakref.WeakKeyDictionary()
#: the whole workspace as the map shows it unfiltered (no sources), per cached graph
_WHOLE: weakref.WeakKeyDictionary[nx.MultiDiGraph, nx.MultiDiGraph] = weakref.WeakKeyDictionary()
#: built maps per cached graph: (options, language) → the map and its packed JSON
_BUILT: weakref.WeakKeyDictionary[nx.MultiDiGraph, OrderedDict[Any, tuple[dict[str, Any], str]]] = (
    weakref.WeakKeyDictionary()
)
_BUILT_PER_GRAPH = 8
_LOCK = threading.Lock()


def workspace_positions(
    graph: nx.MultiDiGraph, store: Store | None = None, workspace: str = ""
) -> Positions:
    """The whole workspace's layout, once per cached graph (= version): the positions
    kept in ``store`` for the nodes it still has, new nodes placed beside their
    neighbours; kept again when anything changed (a store that cannot write now is
    not an error: the layout is the same the next time)."""
    kept = _LAYOUTS.get(graph)
    if kept is not None:
        return dict(kept)
    whole = _whole(graph)
    stored = store.get_positions(workspace) if store is not None else {}
    kept = extend_layout(whole, stored)
    if store is not None and kept != stored:
        with contextlib.suppress(StoreUnavailable, OSError):
            store.put_positions(workspace, kept)
    _LAYOUTS[graph] = kept
    return dict(kept)


def workspace_choices(store: Store, cache: AnalysisCache, workspace: str) -> MapChoices:
    """What the workspace's map can be filtered by: its kinds, practices, sectors, tie
    types and themes."""
    return map_choices(cache.graph(store, workspace))


def _whole(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The workspace without its sources, once per cached graph (read, never changed)."""
    whole = _WHOLE.get(graph)
    if whole is None:
        whole = _WHOLE[graph] = filter_view(graph)
    return whole


def _filtered(
    graph: nx.MultiDiGraph, options: MapOptions
) -> tuple[nx.MultiDiGraph, AnalysisOptions]:
    o = analysis_options(
        kinds=options.kinds, types=options.types, themes=options.themes, at=options.at
    )
    if o.kinds or o.types or o.themes is not None or o.at:
        view = filter_view(graph, kinds=o.kinds, types=o.types, themes=o.themes, at=o.at)
    else:  # unfiltered: the whole workspace, built once
        view = _whole(graph)
    view = around(view, split_list(options.practices), split_list(options.sectors))
    return view, o


def map_data(
    store: Store,
    cache: AnalysisCache,
    workspace: str,
    options: MapOptions,
    lang: str = "nl",
) -> dict[str, Any]:
    """The map of ``options`` (nodes at their kept positions, ties, legends) in
    ``lang``. A misspelt option raises :class:`~api.services.options.BadOptions` or
    :class:`GrenswerkError` naming it."""
    return _built(store, cache, workspace, options, known_language(lang))[0]


def _built(
    store: Store, cache: AnalysisCache, workspace: str, options: MapOptions, lang: str
) -> tuple[dict[str, Any], str]:
    graph = cache.graph(store, workspace)
    key = (options, lang)
    with _LOCK:
        found = _BUILT.get(graph, OrderedDict()).get(key)
    if found is not None:
        return found
    translate = translator(lang)
    labels = map_labels(lang) | kind_names(lang)
    labels["explain"] = labels["explain"].format(
        color_by=translate("colour by", options.color_by),
        size_by=translate("measure", options.size_by) if options.size_by else labels["same_size"],
    )
    positions = workspace_positions(graph, store, workspace)
    try:
        moved = parse_moved(options.moved or "")
        view, o = _filtered(graph, options)
        sizes = communities = None
        if options.size_by:
            sized = o.model_copy(update={"measures": (options.size_by,)})
            result = cache.run(store, workspace, "centrality", sized)
            sizes = {r["id"]: float(r.get(options.size_by) or 0.0) for r in result.rows}
        if options.color_by == "community":
            communities = _communities(store, cache, workspace, o)
        path = [n for n in (options.highlight or "").split(",") if n]
        data = build_map(
            view,
            color_by=options.color_by,
            sizes=sizes,
            size_by=options.size_by or "",
            communities=communities,
            highlight_nodes=set(path),
            highlight_edges=set(zip(path, path[1:], strict=False)),
            positions={**positions, **{n: p for n, p in moved.items() if n in view}},
            translate=translate,
            labels=labels,
            number=_numbers(lang),
        )
    except ValueError as exc:
        raise GrenswerkError(str(exc)) from None
    built = (data, safe_json(page_data(data)))
    with _LOCK:
        kept = _BUILT.setdefault(graph, OrderedDict())
        kept[key] = built
        while len(kept) > _BUILT_PER_GRAPH:
            kept.popitem(last=False)
    return built


def _numbers(lang: str) -> Callable[[float], str]:
    def number(value: float) -> str:
        return format_number(round(value, 3) if abs(value) < 10 else round(value, 1), lang)

    return number


def map_view(
    store: Store,
    cache: AnalysisCache,
    workspace: str,
    *,
    color_by: str = "kind",
    size_by: str | None = None,
    kinds: str | None = None,
    themes: str | None = None,
    practices: str | None = None,
    sectors: str | None = None,
    at: dt.date | None = None,
    at_text: str | None = None,
    highlight: str | None = None,
    moved: str | None = None,
    inline: bool = False,
    types: str | None = None,
    node_link: str | None = None,
    fragment: bool = False,
    lang: str = "nl",
    today: str | None = None,
    views: bool = False,
    saved: Sequence[tuple[str, str]] = (),
    save_to: str = "",
    export_base: str = "",
    export_query: str = "",
) -> MapView:
    """The map of a workspace view (shared by the API and the web pages).

    Kinds, types and themes are checked as an analysis's are (English or Dutch names):
    a misspelt one raises :class:`~api.services.options.BadOptions` (or a
    :class:`GrenswerkError`) that names it and the accepted ones. ``at_text`` is a date
    as typed (ISO or day-first). A view with no nodes carries a visible message.
    ``moved`` places dragged nodes (a saved view's). ``views`` offers the workspace's
    saved views (``saved``: name and query string) in a list to open; ``save_to`` (a
    page's form address, for analysts and up) offers saving the view (colour, size,
    filters, focus, layers, dragged nodes) under a name, and deleting. ``export_base``
    (``/api/workspaces/<w>/map``) and ``export_query`` (the map's filters) make the
    PNG, SVG and PDF links of the view on screen.
    """
    lang = known_language(lang)
    options = MapOptions(
        color_by=color_by,
        size_by=size_by,
        kinds=kinds,
        types=types,
        themes=themes,
        practices=practices,
        sectors=sectors,
        at=at or date_option(at_text, "at"),
        highlight=highlight,
        moved=moved,
    )
    data, packed = _built(store, cache, workspace, options, lang)
    page = {
        "views": workspace if views else "",
        "saved_views": [{"name": n, "query": q} for n, q in saved] if views else [],
        "views_save": save_to if views else "",
        "moved": moved or "",
        "export_base": export_base,
        "export_query": export_query,
    }
    html = render_map(
        data,
        title=f"Grenswerk: {workspace}",
        inline=inline,
        node_link=node_link,
        fragment=fragment,
        date=today or dt.date.today().isoformat(),
        lang=lang,
        packed=packed,
        page=page,
    )
    return MapView(html, data, len(data["nodes"]), len(data["edges"]))


def map_html(store: Store, cache: AnalysisCache, workspace: str, **options: Any) -> str:
    """The HTML of :func:`map_view` (its keyword options are the same), drawn once per
    workspace version, options and day (the page names the day) and then served from the
    cache: drawing it again for each request was the soak's costliest cached read."""
    options.setdefault("today", dt.date.today().isoformat())
    what = ("map", tuple(sorted((name, repr(value)) for name, value in options.items())))
    return cache.derived(
        store, workspace, what, lambda: map_view(store, cache, workspace, **options).html
    )


def _communities(
    store: Store, cache: AnalysisCache, workspace: str, options: AnalysisOptions
) -> dict[str, int]:
    result = cache.run(store, workspace, "communities", options)
    return {r["id"]: r["community"] for r in result.rows}
