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

#: the map's words (search, focus, layers, table, legend, download), by language
_LABELS: dict[str, dict[str, str]] = {
    "nl": {
        "community": "groep rond {name}",
        "empty": "Geen knopen passen bij deze filters. Kies andere soorten of een andere datum.",
        "open": "Open de pagina van deze knoop",
        "search": "Zoek",
        "search_hint": "naam van een organisatie of persoon",
        "not_found": "Geen knoop met die naam op de kaart.",
        "depth": "Stappen",
        "hide_rest": "Verberg de rest",
        "clear_focus": "Wis focus",
        "themes_layer": "Thema's tonen",
        "legend": "Legenda",
        "table": "De kaart als tabel",
        "name": "Naam",
        "kind": "Soort",
        "group": "Groep",
        "ties": "Relaties",
        "from": "Van",
        "type": "Soort relatie",
        "to": "Naar",
        "date": "Datum",
        "views": "Weergaven",
        "view_name": "Naam van deze weergave",
        "save_view": "Bewaar weergave",
        "view_saved": "Weergave bewaard.",
        "delete_view": "Verwijder weergave",
        "explain": "Elke vorm is een organisatie (vierkant), persoon (rondje), netwerk "
        "(zeshoek), thema (ruit) of activiteit (driehoek); een lijn is een relatie. Kleur "
        "naar: {color_by}. Grootte naar: {size_by}. Zoek een naam om die met zijn buren "
        "te zien; onder de kaart staat alles ook als tabel.",
    },
    "en": {
        "community": "group around {name}",
        "empty": "No nodes match these filters. Choose other kinds or another date.",
        "open": "Open the page of this node",
        "search": "Search",
        "search_hint": "name of an organisation or person",
        "not_found": "No node by that name on the map.",
        "depth": "Steps",
        "hide_rest": "Hide the rest",
        "clear_focus": "Clear focus",
        "themes_layer": "Show themes",
        "legend": "Legend",
        "table": "The map as a table",
        "name": "Name",
        "kind": "Kind",
        "group": "Group",
        "ties": "Ties",
        "from": "From",
        "type": "Type of tie",
        "to": "To",
        # level of detail (Dutch: visualizations.maps.DEFAULT_LABELS)
        "cluster": "group around {name}\n{count} nodes",
        "cluster_title": "{parts}. Click to open the group.",
        "cluster_kind": "group",
        "cluster_legend": "group (thick border): click to open",
        "count.organisation": "{count} organisations",
        "count.organisation.1": "1 organisation",
        "count.person": "{count} people",
        "count.person.1": "1 person",
        "count.activity": "{count} activities",
        "count.activity.1": "1 activity",
        "count.source": "{count} sources",
        "count.source.1": "1 source",
        "date": "Date",
        "views": "Views",
        "view_name": "Name of this view",
        "save_view": "Save view",
        "view_saved": "View saved.",
        "delete_view": "Delete view",
        "explain": "Each shape is an organisation (square), person (dot), network "
        "(hexagon), theme (diamond) or activity (triangle); a line is a tie. Colour by: "
        "{color_by}. Size by: {size_by}. Search a name to see it with its neighbours; "
        "below the map everything is also shown as a table.",
    },
}


def map_labels(lang: str = "nl") -> dict[str, str]:
    """The map's words in ``lang`` (Dutch for an unknown language)."""
    return dict(_LABELS.get(lang, _LABELS["nl"]))


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
    """The HTML of :func:`map_view` (its keyword options are the same)."""
    return map_view(store, cache, workspace, **options).html


def _communities(
    store: Store, cache: AnalysisCache, workspace: str, options: AnalysisOptions
) -> dict[str, int]:
    result = cache.run(store, workspace, "communities", options)
    return {r["id"]: r["community"] for r in result.rows}
