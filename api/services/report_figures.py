"""The figures of the workspace report, each in a sentence, and its sources by their
titles (:mod:`api.services.reports`)."""

from __future__ import annotations

import re
from typing import Any

import networkx as nx

from api.i18n import format_number, translations
from api.services.counts import NetworkCounts, counts_sentence, kinds_sentence
from api.services.report_labels import Lang
from graph.analysis.stats import graph_stats

__all__ = ["figures", "source_title", "sources"]

#: what a file name looks like (a text import names its document after the file)
_FILE_NAME = re.compile(r"^[\w.-]+\.(txt|md|pdf|docx?|html?|csv|xlsx)$", re.IGNORECASE)


def source_title(data: dict[str, Any]) -> str:
    """A source document's title: its name, or, where the name is a file name (as a
    text import gives it), its description (the import puts the first line there).

    >>> source_title({"name": "000_e6b8.txt", "description": "Netwerk Flexibilisering"})
    'Netwerk Flexibilisering'
    >>> source_title({"name": "Jaarverslag 2024"})
    'Jaarverslag 2024'
    """
    name = str(data.get("name") or "")
    description = str(data.get("description") or "").strip()
    if description and (not name or _FILE_NAME.match(name)):
        return description
    return name


def sources(graph: nx.MultiDiGraph) -> list[str]:
    """The titles of the workspace's source documents, in order."""
    return sorted(
        (source_title(d) for _, d in graph.nodes(data=True) if d.get("kind") == "source"),
        key=str.casefold,
    )


def figures(graph: nx.MultiDiGraph, lang: Lang) -> list[tuple[str, str]]:
    """The report's overview: each figure in a sentence that says what it counts."""
    t = translations(lang)
    stats = graph_stats(graph)
    counts = NetworkCounts.of_graph(graph)
    parts = stats["components"]
    density = stats["density"]
    return [
        (
            t.gettext("Size"),
            t.gettext("This network holds %(counted)s.")
            % {"counted": counts_sentence(counts, lang)},
        ),
        (t.gettext("By kind"), kinds_sentence(stats["by_kind"], lang) + "."),
        (
            t.gettext("Separate parts"),
            t.ngettext(
                "%(num)s part: every node can reach every other through the ties.",
                "%(num)s parts with no tie between them; the largest holds %(largest)s nodes.",
                parts,
            )
            % {
                "num": format_number(parts, lang),
                "largest": format_number(stats["largest_component"], lang),
            },
        ),
        (
            t.gettext("Density"),
            t.gettext(
                "%(value)s on a scale from 0 to 1: %(percent)s of all possible pairs of "
                "nodes have a tie."
            )
            % {
                "value": format_number(density, lang, 3),
                "percent": format_number(100 * density, lang, 1) + "%",
            },
        ),
    ]
