"""Maps of a workspace view as HTML (served, downloaded, or a fragment of a page).

The layout is computed once per workspace version, on the whole workspace, and kept
beside the cached graph: a reload shows the same picture, and a filtered map keeps every
node where the whole map has it.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx

from api.i18n import known_language, translator
from api.services.options import analysis_options, date_option
from graph.analysis.cache import AnalysisCache
from graph.analysis.registry import AnalysisOptions
from graph.analysis.subgraphs import filter_view
from graph.errors import GrenswerkError
from graph.store.base import Store
from visualizations.maps import build_map, layout, render_map

__all__ = ["MapView", "map_html", "map_labels", "map_view", "workspace_positions"]


def map_labels(lang: str = "nl") -> dict[str, str]:
    """The map's words (search, focus, layers, table, legend, groups, download) in
    ``lang``, from the message catalogues (context ``map``; Dutch for an unknown
    language)."""
    translate = translator(lang if lang in ("nl", "en") else "nl")
    return {
        "community": translate("map", "group around {name}"),
        "empty": translate(
            "map", "No nodes match these filters. Choose other kinds or another date."
        ),
        "open": translate("map", "Open the page of this node"),
        "search": translate("map", "Search"),
        "search_hint": translate("map", "name of an organisation or person"),
        "not_found": translate("map", "No node by that name on the map."),
        "depth": translate("map", "Steps"),
        "hide_rest": translate("map", "Hide the rest"),
        "clear_focus": translate("map", "Clear focus"),
        "themes_layer": translate("map", "Show themes"),
        "legend": translate("map", "Legend"),
        "table": translate("map", "The map as a table"),
        "name": translate("map", "Name"),
        "kind": translate("map", "Kind"),
        "group": translate("map", "Group"),
        "ties": translate("map", "Ties"),
        "from": translate("map", "From"),
        "type": translate("map", "Type of tie"),
        "to": translate("map", "To"),
        "cluster": translate("map", "group around {name}\n{count} nodes"),
        "cluster_title": translate("map", "{parts}. Click to open the group."),
        "cluster_kind": translate("map", "group"),
        "cluster_legend": translate("map", "group (thick border): click to open"),
        "count.organisation": translate("map", "{count} organisations"),
        "count.organisation.1": translate("map", "1 organisation"),
        "count.person": translate("map", "{count} people"),
        "count.person.1": translate("map", "1 person"),
        "count.activity": translate("map", "{count} activities"),
        "count.activity.1": translate("map", "1 activity"),
        "count.source": translate("map", "{count} sources"),
        "count.source.1": translate("map", "1 source"),
        "date": translate("map", "Date"),
        "views": translate("map", "Views"),
        "view_name": translate("map", "Name of this view"),
        "save_view": translate("map", "Save view"),
        "view_saved": translate("map", "View saved."),
        "delete_view": translate("map", "Delete view"),
        "explain": translate(
            "map",
            "Each shape is an organisation (square), person (dot), network (hexagon), theme "
            "(diamond) or activity (triangle); a line is a tie. Colour by: {color_by}. Size "
            "by: {size_by}. Search a name to see it with its neighbours; below the map "
            "everything is also shown as a table.",
        ),
    }


@dataclass(frozen=True)
class MapView:
    """A rendered map and what it shows."""

    html: str
    data: dict[str, Any]
    nodes: int
    relationships: int


#: the layout of each cached workspace graph (one per version), gone with the graph
_LAYOUTS: weakref.WeakKeyDictionary[nx.MultiDiGraph, dict[str, tuple[float, float]]] = (
    weakref.WeakKeyDictionary()
)


def workspace_positions(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """The whole workspace's layout, computed once per cached graph (= version)."""
    kept = _LAYOUTS.get(graph)
    if kept is None:
        kept = _LAYOUTS[graph] = layout(filter_view(graph))
    return dict(kept)


def map_view(
    store: Store,
    cache: AnalysisCache,
    workspace: str,
    *,
    color_by: str = "kind",
    size_by: str | None = None,
    kinds: str | None = None,
    themes: str | None = None,
    at: dt.date | None = None,
    at_text: str | None = None,
    highlight: str | None = None,
    inline: bool = False,
    types: str | None = None,
    node_link: str | None = None,
    fragment: bool = False,
    lang: str = "nl",
    today: str | None = None,
    views: bool = False,
    saved: Sequence[tuple[str, str]] = (),
    save_to: str = "",
) -> MapView:
    """The map of a workspace view (shared by the API and the web pages).

    Kinds, types and themes are checked as an analysis's are (English or Dutch names):
    a misspelt one raises :class:`~api.services.options.BadOptions` (or a
    :class:`GrenswerkError`) that names it and the accepted ones. ``at_text`` is a date
    as typed (ISO or day-first). A view with no nodes carries a visible message.
    ``views`` offers the workspace's saved views (``saved``: name and query string) in
    a list to open; ``save_to`` (a page's form address, for analysts and up) offers
    saving the view (colour, size, filters, focus, layers) under a name, and deleting.
    """
    lang = known_language(lang)
    translate = translator(lang)
    graph = cache.graph(store, workspace)
    when = at or date_option(at_text, "at")
    o = view_options = analysis_options(kinds=kinds, types=types, themes=themes, at=when)
    labels = map_labels(lang)
    labels["explain"] = labels["explain"].format(color_by=color_by, size_by=size_by or "—")
    try:
        view = filter_view(graph, kinds=o.kinds, types=o.types, themes=o.themes, at=o.at)
        sizes = communities = None
        if size_by:
            sized = view_options.model_copy(update={"measures": (size_by,)})
            result = cache.run(store, workspace, "centrality", sized)
            sizes = {r["id"]: float(r.get(size_by) or 0.0) for r in result.rows}
        if color_by == "community":
            communities = _communities(store, cache, workspace, view_options)
        path = [n for n in (highlight or "").split(",") if n]
        data = build_map(
            view,
            color_by=color_by,
            sizes=sizes,
            communities=communities,
            highlight_nodes=set(path),
            highlight_edges=set(zip(path, path[1:], strict=False)),
            positions=workspace_positions(graph),
            translate=translate,
            labels=labels,
        )
    except ValueError as exc:
        raise GrenswerkError(str(exc)) from None
    data["views"] = workspace if views else ""
    data["saved_views"] = [{"name": n, "query": q} for n, q in saved] if views else []
    data["views_save"] = save_to if views else ""
    html = render_map(
        data,
        title=f"Grenswerk: {workspace}",
        inline=inline,
        node_link=node_link,
        fragment=fragment,
        date=today or dt.date.today().isoformat(),
        lang=lang,
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
