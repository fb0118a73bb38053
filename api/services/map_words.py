"""The words of the interactive map in the page's language, from the message catalogues
(context ``map``): one dict, passed to the page and to map.js in the map's data."""

from __future__ import annotations

from api.i18n import translator

__all__ = ["kind_names", "map_labels"]


def map_labels(lang: str = "nl") -> dict[str, str]:
    """The map's words (search, focus, layers, table, legends, groups, views, exports,
    download) in ``lang`` (Dutch for an unknown language)."""
    translate = translator(lang if lang in ("nl", "en") else "nl")
    words = {
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
        "ties_between": translate("map", "{count} ties between these two"),
        "count.organisation": translate("map", "{count} organisations"),
        "count.organisation.1": translate("map", "1 organisation"),
        "count.person": translate("map", "{count} people"),
        "count.person.1": translate("map", "1 person"),
        "count.activity": translate("map", "{count} activities"),
        "count.activity.1": translate("map", "1 activity"),
        "count.source": translate("map", "{count} sources"),
        "count.source.1": translate("map", "1 source"),
        "kinds.organisation": translate("map", "organisations"),
        "kinds.person": translate("map", "people"),
        "kinds.network": translate("map", "networks"),
        "kinds.theme": translate("map", "themes"),
        "kinds.activity": translate("map", "activities"),
        "kinds.source": translate("map", "sources"),
        "none.sector": translate("map", "no sector: {kinds}"),
        "none.org_type": translate("map", "no practice: {kinds}"),
        "size_title": translate("map", "Size: {measure}"),
        "size_same": translate("map", "Size: every shape the same"),
        "same_size": translate("map", "all the same"),
        "field.sector": translate("map", "sector"),
        "field.role": translate("map", "role"),
        "field.date": translate("map", "date"),
        "field.since": translate("map", "since"),
        "field.until": translate("map", "until"),
        "date": translate("map", "Date"),
        "views": translate("map", "Views"),
        "no_view": translate("map", "(choose a view)"),
        "view_name": translate("map", "Name of this view"),
        "save_view": translate("map", "Save view"),
        "view_saved": translate("map", "View saved."),
        "delete_view": translate("map", "Delete view"),
        "moved": translate("map", "Moved. The place is kept while this page is open."),
        "moved_save": translate(
            "map", "Moved. Save a view to keep the place; the exports show it already."
        ),
        "export": translate("map", "This view as"),
        "explain": translate(
            "map",
            "Each shape is an organisation (square), person (dot), network (hexagon), theme "
            "(diamond) or activity (triangle); a line is a tie. Colour by: {color_by}. Size "
            "by: {size_by}. Names that do not fit are left out: hover over a shape, or zoom "
            "in. Search a name to see it with its neighbours; below the map everything is "
            "also shown as a table.",
        ),
    }
    return words


def kind_names(lang: str = "nl") -> dict[str, str]:
    """The kinds' names for the map's table (``kind.organisation``: "organisatie")."""
    translate = translator(lang if lang in ("nl", "en") else "nl")
    kinds = ("organisation", "person", "network", "theme", "activity", "source")
    return {f"kind.{kind}": translate("node kind", kind) for kind in kinds}
