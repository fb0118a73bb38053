"""Pictures and reports for meetings: the map as PNG or SVG, and PDF reports of a
workspace and of one organisation or person, in Dutch (default) or English.

The map is drawn on the server (:mod:`visualizations.static_map`) at the positions of
the web map (:func:`visualizations.maps.build_map`'s seeded layout). A report is an
HTML page (Jinja2, every string escaped) turned into PDF by WeasyPrint; its charts are
matplotlib SVG and its map a PNG, both embedded as ``data:`` URIs (nothing is fetched).

All the report's words are in :func:`api.services.report_labels.labels` (one table,
``nl`` and ``en``), to move to the Babel catalogues in one step.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import jinja2
import networkx as nx

from api.i18n import format_number, translations, vocabulary_label
from api.services.counts import kinds_sentence
from api.services.maps import workspace_positions
from api.services.options import analysis_options
from api.services.profiles import node_profile, ordinal
from api.services.report_figures import figures, sources
from api.services.report_labels import Lang, labels
from graph.analysis.cache import AnalysisCache
from graph.analysis.ego import ego_network
from graph.analysis.registry import AnalysisOptions
from graph.analysis.subgraphs import filter_view
from graph.errors import GrenswerkError
from graph.store.base import Store
from visualizations.maps import build_map
from visualizations.static_map import bar_chart, draw_map

__all__ = [
    "MapQuery",
    "best_new_ties",
    "brokers",
    "chart_uri",
    "communities",
    "map_picture",
    "node_report_pdf",
    "pdf_of",
    "workspace_report_html",
    "workspace_report_pdf",
]

_ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")
#: the report's map, in inches: about the size it is printed (a page of A4 less its
#: margins), so that its names print at about their size in the PNG export (11 pt)
REPORT_MAP_INCHES = (9.0, 11.5)


@dataclass(frozen=True)
class MapQuery:
    """The filters and options of a map (those of ``/map``)."""

    color_by: str = "kind"
    size_by: str | None = None
    kinds: str | None = None
    types: str | None = None
    themes: str | None = None
    at: dt.date | None = None
    highlight: str | None = None


def format_date(day: dt.date, lang: Lang) -> str:
    """``1 september 2024`` / ``1 September 2024``.

    >>> format_date(dt.date(2024, 9, 1), "nl")
    '1 september 2024'
    """
    return f"{day.day} {labels(lang)['months'].split()[day.month - 1]} {day.year}"


def _subtitle(query: MapQuery, lang: Lang, today: dt.date) -> str:
    words = labels(lang)
    text = words["made_on"].format(date=format_date(today, lang))
    if query.at:
        text += ", " + words["situation_on"].format(date=format_date(query.at, lang))
    return text


def _translate_legend(data: dict[str, Any], lang: Lang) -> None:
    context = {"kind": "node kind", "org_type": "org type"}.get(data["color_by"])
    for item in data["legend"]:
        item["group"] = vocabulary_label(str(item["group"]), lang, context)


def map_data(store: Store, cache: AnalysisCache, workspace: str, query: MapQuery) -> dict[str, Any]:
    """The map's nodes (with the web map's positions), edges and legend for ``query``;
    a misspelt option raises :class:`~api.services.options.BadOptions` or
    :class:`GrenswerkError`, as ``/map`` does."""
    graph = cache.graph(store, workspace)
    o = analysis_options(kinds=query.kinds, types=query.types, themes=query.themes, at=query.at)
    try:
        view = filter_view(graph, kinds=o.kinds, types=o.types, themes=o.themes, at=o.at)
        sizes = communities = None
        if query.size_by:
            sized = o.model_copy(update={"measures": (query.size_by,)})
            rows = cache.run(store, workspace, "centrality", sized).rows
            sizes = {r["id"]: float(r.get(query.size_by) or 0.0) for r in rows}
        if query.color_by == "community":
            rows = cache.run(store, workspace, "communities", o).rows
            communities = {r["id"]: r["community"] for r in rows}
        path = [n for n in (query.highlight or "").split(",") if n]
        return build_map(
            view,
            color_by=query.color_by,
            sizes=sizes,
            communities=communities,
            highlight_nodes=set(path),
            highlight_edges=set(zip(path, path[1:], strict=False)),
            positions=workspace_positions(graph),  # where the web map has each node
        )
    except ValueError as exc:
        raise GrenswerkError(str(exc)) from None


def map_picture(
    store: Store,
    cache: AnalysisCache,
    workspace: str,
    query: MapQuery,
    *,
    fmt: Literal["png", "svg"],
    lang: Lang = "nl",
    today: dt.date | None = None,
    size: tuple[float, float] | None = None,
) -> bytes:
    """The map of a workspace view as PNG or SVG, with title, date and legend; ``size``
    in inches for a report's page (the names at their size, as many as fit)."""
    data = map_data(store, cache, workspace, query)
    _translate_legend(data, lang)
    if size is not None:
        size = _fitted(data, size)
    return draw_map(
        data,
        title=labels(lang)["map_title"].format(workspace=workspace),
        subtitle=_subtitle(query, lang, today or dt.date.today()),
        legend_title=labels(lang)["legend"],
        fmt=fmt,
        size=size,
    )


def _fitted(data: dict[str, Any], size: tuple[float, float]) -> tuple[float, float]:
    """``size`` (width, largest height) in inches, its height cut to the layout's shape
    so that a wide network leaves no empty band below it (at least 60% of the width)."""
    xs = [float(n["x"]) for n in data["nodes"] if "x" in n]
    ys = [float(n["y"]) for n in data["nodes"] if "y" in n]
    if len(xs) < 2 or max(xs) == min(xs):
        return size
    shape = (max(ys) - min(ys)) / (max(xs) - min(xs))
    height = size[0] * 0.98 * shape / 0.9 + 0.6  # the axes' share of the figure, the title
    return size[0], min(size[1], max(0.6 * size[0], height))


def _data_uri(content: bytes | str, mime: str) -> str:
    raw = content.encode("utf-8") if isinstance(content, str) else content
    return f"data:{mime};base64,{base64.b64encode(raw).decode('ascii')}"


def chart_uri(counts: dict[str, int], title: str) -> str | None:
    return _data_uri(bar_chart(counts, title=title), "image/svg+xml") if counts else None


def _environment(lang: str) -> jinja2.Environment:
    """The report templates with the catalogues of ``lang`` (as the pages have them):
    ``_``/``ngettext``/``pgettext`` and the ``label`` filter for vocabulary values, so
    the structured reasons render through the pages' own ``reasons.html``."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parents[1] / "templates"),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    env.filters["label"] = lambda value, vocabulary=None: vocabulary_label(
        str(getattr(value, "value", value)), lang, vocabulary
    )
    env.filters["number"] = lambda value, digits=None: format_number(value, lang, digits)
    env.filters["kinds"] = lambda by_kind: kinds_sentence(by_kind, lang)
    return env


def _html(template: str, **context: Any) -> str:
    """A report's HTML (what :func:`pdf_of` lays out on A4 pages)."""
    return _environment(str(context.get("lang", "nl"))).get_template(template).render(**context)


def pdf_of(html: str) -> bytes:
    """A report's HTML as PDF (WeasyPrint)."""
    import weasyprint  # loads pango on first use, not when the app starts

    pdf: bytes = weasyprint.HTML(string=html).write_pdf()
    return pdf


def brokers(
    store: Store, cache: AnalysisCache, workspace: str, words: dict[str, str]
) -> list[dict[str, Any]]:
    """The ten organisations and people most often between two others who are not tied,
    each with its main role (``role``, its code ``code``), the count (``total``) and its
    share of all such positions in the workspace (``share``, 0 to 1)."""
    rows = cache.run(store, workspace, "brokerage", AnalysisOptions()).rows
    everything = sum(r["total"] for r in rows) or 1
    found: list[dict[str, Any]] = []
    for row in sorted(rows, key=lambda r: (-r["total"], r["name"])):
        if row["total"] <= 0 or len(found) == 10:
            break
        best = max(_ROLES, key=lambda role: row[role])
        found.append(
            {"id": row["id"], "name": row["name"], "role": words[best], "code": best}
            | {"total": row["total"], "share": row["total"] / everything}
        )
    return found


def communities(
    store: Store, cache: AnalysisCache, workspace: str, graph: nx.MultiDiGraph
) -> list[dict[str, Any]]:
    rows = cache.run(store, workspace, "communities", AnalysisOptions()).rows
    groups: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(row["community"], []).append(row)
    named = []
    for members in sorted(groups.values(), key=len, reverse=True)[:12]:
        members.sort(key=lambda r: _centrality_key(graph, r))
        named.append({"name": members[0]["name"], "size": len(members), "members": members[:6]})
    return named


def _centrality_key(graph: nx.MultiDiGraph, row: dict[str, Any]) -> tuple[bool, int, str]:
    """Organisations and people first, then the most ties: a community's name-giver."""
    data = graph.nodes[row["id"]] if row["id"] in graph else {}
    actor = data.get("kind") in ("organisation", "person")
    return (not actor, -graph.degree(row["id"]) if data else 0, str(row["name"]))


def _number(value: float, lang: Lang) -> str:
    """Three decimals, with a decimal comma in Dutch.

    >>> _number(0.0422, "nl"), _number(0.0422, "en")
    ('0,042', '0.042')
    """
    text = f"{value:.3f}"
    return text.replace(".", ",") if lang == "nl" else text


def best_new_ties(
    store: Store, cache: AnalysisCache, workspace: str, graph: nx.MultiDiGraph
) -> list[dict[str, Any]]:
    """The best new ties for the five best-connected organisations and people."""
    actors = [n for n, d in graph.nodes(data=True) if d.get("kind") in ("organisation", "person")]
    actors.sort(key=lambda n: (-graph.degree(n), n))
    found: list[dict[str, Any]] = []
    for actor in actors[:5]:
        try:
            rows = cache.run(store, workspace, "recommend", AnalysisOptions(node=actor)).rows
        except GrenswerkError:
            continue
        name = graph.nodes[actor].get("name", actor)
        found += [{"from": name, **row} for row in rows[:2]]
    return sorted(found, key=lambda r: -r["score"])[:8]


def workspace_report_pdf(
    store: Store,
    cache: AnalysisCache,
    workspace: str,
    query: MapQuery,
    *,
    lang: Lang = "nl",
    today: dt.date | None = None,
) -> bytes:
    """The workspace's report as PDF: figures, charts, the map, brokers, communities,
    recommendations with their reasons, sources and the date."""
    return pdf_of(workspace_report_html(store, cache, workspace, query, lang=lang, today=today))


def workspace_report_html(
    store: Store,
    cache: AnalysisCache,
    workspace: str,
    query: MapQuery,
    *,
    lang: Lang = "nl",
    today: dt.date | None = None,
) -> str:
    """The workspace report's HTML (:func:`workspace_report_pdf` lays it out)."""
    words = labels(lang)
    graph = cache.graph(store, workspace)
    orgs = [d for _, d in graph.nodes(data=True) if d.get("kind") == "organisation"]
    unknown = words["unknown"]
    picture = map_picture(
        store, cache, workspace, query, fmt="png", lang=lang, today=today, size=REPORT_MAP_INCHES
    )
    return _html(
        "report_workspace.html",
        t=words,
        lang=lang,
        workspace=workspace,
        date=_subtitle(query, lang, today or dt.date.today()),
        figures=figures(graph, lang),
        charts=[
            chart_uri(
                Counter(
                    vocabulary_label(str(d["org_type"]), lang, "org type")
                    if d.get("org_type")
                    else unknown
                    for d in orgs
                ),
                words["by_org_type"],
            ),
            chart_uri(Counter(str(d.get("sector") or unknown) for d in orgs), words["by_sector"]),
        ],
        map_png=_data_uri(picture, "image/png"),
        brokers=brokers(store, cache, workspace, words),
        communities=communities(store, cache, workspace, graph),
        recommendations=best_new_ties(store, cache, workspace, graph),
        sources=sources(graph),
    )


def node_report_pdf(
    store: Store,
    cache: AnalysisCache,
    workspace: str,
    node_id: str,
    *,
    lang: Lang = "nl",
    today: dt.date | None = None,
) -> bytes:
    """One organisation's or person's report as PDF: its ego map, partners by
    practice, themes, role and recommendations with their reasons."""
    words = labels(lang)
    profile = node_profile(store, cache, workspace, node_id)
    whole = cache.graph(store, workspace)
    graph = filter_view(whole)  # a source document stands alone: the view leaves it out
    ego = ego_network(graph, node_id, 1) if node_id in graph else whole.subgraph([node_id])
    data = build_map(ego, highlight_nodes={node_id})
    _translate_legend(data, lang)
    date = _subtitle(MapQuery(), lang, today or dt.date.today())
    picture = draw_map(
        data, title=profile.node.name, subtitle=date, legend_title=words["legend"], fmt="png"
    )
    practices = _by_practice(profile.partners, lang)
    return pdf_of(
        _html(
            "report_node.html",
            t=words,
            lang=lang,
            workspace=workspace,
            node=profile.node,
            kind=vocabulary_label(profile.node.kind.value, lang, "node kind"),
            date=date,
            map_png=_data_uri(picture, "image/png"),
            chart=chart_uri({k: len(v) for k, v in practices.items()}, words["by_practice"]),
            practices=practices,
            themes=profile.themes,
            roles=profile.roles,
            brokerage=profile.brokerage,
            ranks=profile.ranks,
            neighbours=profile.neighbours,
            ordinal=lambda n: ordinal(n, lang),
            recommendations=profile.recommendations,
        )
    )


def _by_practice(partners: list[dict[str, Any]], lang: Lang) -> dict[str, list[dict[str, Any]]]:
    """The partners grouped by their practice (an organisation's type, else their kind),
    largest group first."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for partner in partners:
        other = partner["node"]
        practice = (
            vocabulary_label(other.kind.value, lang, "node kind")
            if other.org_type is None
            else vocabulary_label(other.org_type.value, lang, "org type")
        )
        groups.setdefault(practice, []).append(partner)
    return dict(sorted(groups.items(), key=lambda item: (-len(item[1]), item[0])))
