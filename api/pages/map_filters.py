"""The map page's filters: every field of the workspace as choices in the page's
language (kind, practice, sector, tie type, theme), a date typed the Dutch way, and a
refusal said in the page's language that names the value and the choices.

A choice may arrive as a checkbox (the parameter repeated) or as a comma list (a saved
view, a link); kinds and tie types also by their Dutch or English names, practices by
their label, themes by name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request

from api.i18n import language, vocabulary_label
from api.pages.common import say
from api.services.maps import MapChoices
from api.services.options import date_option
from graph.errors import GrenswerkError
from graph.vocabulary import node_kinds, relationship_types

__all__ = ["LIST_FILTERS", "PageFilters", "filter_groups", "page_filters"]

#: the filters that take several values (checkboxes)
LIST_FILTERS = ("kinds", "practices", "sectors", "types", "theme")


@dataclass
class PageFilters:
    """The map page's query, checked: lists of internal values, a date, and what was
    refused (in the page's language)."""

    color_by: str = "kind"
    size_by: str = ""
    chosen: dict[str, list[str]] = field(default_factory=dict)
    at: dt.date | None = None
    at_text: str = ""
    highlight: str = ""
    view: str = ""
    problems: list[str] = field(default_factory=list)

    def joined(self, name: str) -> str | None:
        """A filter as the map service takes it: a comma list, or ``None``."""
        return ",".join(self.chosen.get(name, [])) or None

    def query(self) -> dict[str, str]:
        """The filters as a page's query (comma lists), without empty ones."""
        out = {"color_by": self.color_by, "size_by": self.size_by}
        out |= {name: ",".join(values) for name, values in self.chosen.items()}
        out["at"] = self.at.isoformat() if self.at else ""
        return {k: v for k, v in out.items() if v}


def _values(request: Request, name: str) -> list[str]:
    out: list[str] = []
    for raw in request.query_params.getlist(name):
        out += [part.strip() for part in raw.split(",") if part.strip()]
    return list(dict.fromkeys(out))


def _pick(given: list[str], known: dict[str, str]) -> tuple[list[str], list[str]]:
    """``given`` as the internal values of ``known`` (any spelling → value, folded to
    lower case); the values that match none."""
    found, unknown = [], []
    for value in given:
        match = known.get(value.lower())
        if match is None:
            unknown.append(value)
        elif match not in found:
            found.append(match)
    return found, unknown


def _spellings(request: Request, choices: MapChoices) -> dict[str, dict[str, str]]:
    lang = language(request)
    out: dict[str, dict[str, str]] = {}
    for name, values, context in (
        ("kinds", choices.kinds, "node kind"),
        ("practices", choices.practices, "org type"),
        ("types", choices.types, "relationship type"),
    ):
        known = {}
        for value in values:
            for spelling in (
                value,
                vocabulary_label(value, "nl", context),
                vocabulary_label(value, "en", context),
                vocabulary_label(value, lang, context),
            ):
                known[spelling.lower()] = value
        out[name] = known
    out["sectors"] = {s.lower(): s for s in choices.sectors}
    out["theme"] = {t.lower(): t for t, _ in choices.themes}
    out["theme"] |= {n.lower(): t for t, n in choices.themes}
    return out


def _named(name: str, value: str) -> str | None:
    """A kind or tie type the workspace does not hold, by either language's name, as
    its internal value (it filters to nothing, but it is no mistake)."""
    parse = {"kinds": node_kinds, "types": relationship_types}.get(name)
    if parse is None:
        return None
    try:
        return parse([value])[0]
    except ValueError:
        return None


def page_filters(request: Request, choices: MapChoices) -> PageFilters:
    """The map page's filters from the request's query, checked against ``choices``."""
    filters = PageFilters(
        color_by=request.query_params.get("color_by", "kind") or "kind",
        size_by=request.query_params.get("size_by", ""),
        highlight=request.query_params.get("highlight", ""),
        view=request.query_params.get("view", ""),
    )
    spellings = _spellings(request, choices)
    offered = filter_groups(request, choices, PageFilters())
    for name in LIST_FILTERS:
        given = _values(request, name)
        found, unknown = _pick(given, spellings[name])
        for value in list(unknown):
            internal = _named(name, value)
            if internal is not None:  # a real kind or type the workspace does not hold
                unknown.remove(value)
                if internal not in found:
                    found.append(internal)
        if found:
            filters.chosen[name] = found
        if unknown:
            group = next(g for g in offered if g["name"] == name)
            filters.problems.append(
                say(
                    request,
                    "%(filter)s: %(values)s is not one of the choices; choose from %(choices)s.",
                    filter=group["title"],
                    values=", ".join(repr(v) for v in unknown),
                    choices=", ".join(o["label"] for o in group["options"]) or "—",
                )
            )
    filters.at_text = request.query_params.get("at", "").strip()
    if filters.at_text:
        try:
            filters.at = date_option(filters.at_text, "at")
        except GrenswerkError:
            filters.problems.append(
                say(
                    request,
                    "Date: %(value)r is not a date; write it as day-month-year, e.g. 01-09-2024.",
                    value=filters.at_text,
                )
            )
    return filters


def filter_groups(
    request: Request, choices: MapChoices, filters: PageFilters
) -> list[dict[str, Any]]:
    """The choices of each filter for the page's form, labelled in its language, with
    the chosen ones ticked; filters with nothing to choose are left out."""
    lang = language(request)

    def options(values: Any, context: str | None, name: str) -> list[dict[str, Any]]:
        chosen = set(filters.chosen.get(name, []))
        return [
            {
                "value": value,
                "label": vocabulary_label(value, lang, context) if context else label,
                "checked": value in chosen,
            }
            for value, label in values
        ]

    groups = [
        (
            "kinds",
            say(request, "Kinds"),
            options(((k, k) for k in choices.kinds), "node kind", "kinds"),
        ),
        (
            "practices",
            say(request, "Practices"),
            options(((p, p) for p in choices.practices), "org type", "practices"),
        ),
        (
            "sectors",
            say(request, "Sectors"),
            options(((s, s) for s in choices.sectors), None, "sectors"),
        ),
        (
            "types",
            say(request, "Types of tie"),
            options(((t, t) for t in choices.types), "relationship type", "types"),
        ),
        ("theme", say(request, "Themes"), options(choices.themes, None, "theme")),
    ]
    out = []
    for name, title, listed in groups:
        if not listed:
            continue
        listed.sort(key=lambda o: str(o["label"]).lower())
        ticked = [o["label"] for o in listed if o["checked"]]
        out.append(
            {
                "name": name,
                "title": title,
                "options": listed,
                "summary": ", ".join(ticked) if ticked else say(request, "all"),
            }
        )
    return out
