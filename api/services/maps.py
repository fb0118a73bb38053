"""Maps of a workspace view as HTML (served, downloaded, or a fragment of a page)."""

from __future__ import annotations

import datetime as dt

from api.i18n import known_language, translator
from api.services.options import analysis_options
from graph.analysis.cache import AnalysisCache
from graph.analysis.registry import AnalysisOptions
from graph.analysis.subgraphs import filter_view
from graph.errors import GrenswerkError
from graph.store.base import Store
from visualizations.maps import build_map, render_map

__all__ = ["map_html"]


def map_html(
    store: Store,
    cache: AnalysisCache,
    workspace: str,
    *,
    color_by: str = "kind",
    size_by: str | None = None,
    kinds: str | None = None,
    themes: str | None = None,
    at: dt.date | None = None,
    highlight: str | None = None,
    inline: bool = False,
    types: str | None = None,
    node_link: str | None = None,
    fragment: bool = False,
    lang: str = "nl",
) -> str:
    """The map of a workspace view (shared by the API and the web pages).

    Kinds, types and themes are checked as an analysis's are: a misspelt one raises
    :class:`~api.services.options.BadOptions` (or a :class:`GrenswerkError`) that names
    it and the accepted ones. ``lang``: the language of its labels (``nl`` or ``en``).
    """
    lang = known_language(lang)
    translate = translator(lang)
    graph = cache.graph(store, workspace)
    view_options = analysis_options(kinds=kinds, types=types, themes=themes, at=at)
    o = view_options
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
            translate=translate,
        )
    except ValueError as exc:
        raise GrenswerkError(str(exc)) from None
    title = f"Grenswerk: {workspace}"
    return render_map(
        data,
        title=title,
        inline=inline,
        node_link=node_link,
        fragment=fragment,
        translate=translate,
        lang=lang,
    )


def _communities(
    store: Store, cache: AnalysisCache, workspace: str, options: AnalysisOptions
) -> dict[str, int]:
    result = cache.run(store, workspace, "communities", options)
    return {r["id"]: r["community"] for r in result.rows}
