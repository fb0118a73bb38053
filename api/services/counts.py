"""How many parts and ties a workspace holds: one definition, said in one sentence, on
the workspace list, the map, the overview, the report, the console command and the API.

Every node counts, source documents included; every tie counts, mentions in a source
document included. The sentence says how many of them are source documents and
mentions, and the map says what it leaves out.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from api.i18n import format_number, translations
from graph.analysis.stats import network_counts
from graph.store.base import WorkspaceInfo

if TYPE_CHECKING:  # counting what the store outlines needs no networkx
    import networkx as nx

__all__ = ["NetworkCounts", "counts_sentence", "drawn_sentence", "kinds_sentence"]


@dataclass(frozen=True)
class NetworkCounts:
    """A workspace's nodes (``sources`` of them source documents) and ties
    (``mentions`` of them mentions in a source document)."""

    nodes: int
    sources: int
    relationships: int
    mentions: int

    @classmethod
    def of_graph(cls, graph: nx.MultiDiGraph) -> NetworkCounts:
        """The counts of a loaded workspace graph."""
        return cls(**network_counts(graph))

    @classmethod
    def of_info(cls, info: WorkspaceInfo) -> NetworkCounts:
        """The counts the store gives on its list of workspaces (the same definition,
        counted by the store; tests/api/test_counts.py compares them)."""
        return cls(info.nodes, info.sources, info.relationships, info.mentions)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def counts_sentence(counts: NetworkCounts, lang: str) -> str:
    """``79 onderdelen, waarvan 5 brondocumenten, en 190 relaties, waarvan 74
    vermeldingen in een brondocument`` (what is counted, and what of it is documents).

    >>> said = counts_sentence(NetworkCounts(79, 5, 190, 74), "nl")
    >>> for part in said.split(", en "):
    ...     print(part)
    79 onderdelen, waarvan 5 brondocumenten
    190 relaties, waarvan 74 vermeldingen in een brondocument
    >>> counts_sentence(NetworkCounts(1, 0, 0, 0), "en")
    '1 node and 0 relationships'
    """
    t = translations(lang)

    def n(value: int) -> str:
        return format_number(value, lang)

    nodes = t.ngettext("%(num)s node", "%(num)s nodes", counts.nodes) % {"num": n(counts.nodes)}
    if counts.sources:
        nodes = t.ngettext(
            "%(nodes)s, of which %(num)s source document",
            "%(nodes)s, of which %(num)s source documents",
            counts.sources,
        ) % {"nodes": nodes, "num": n(counts.sources)}
    ties = t.ngettext("%(num)s relationship", "%(num)s relationships", counts.relationships) % {
        "num": n(counts.relationships)
    }
    if counts.mentions:
        ties = t.ngettext(
            "%(ties)s, of which %(num)s mention in a source document",
            "%(ties)s, of which %(num)s mentions in a source document",
            counts.mentions,
        ) % {"ties": ties, "num": n(counts.mentions)}
    joined = (
        t.gettext("%(nodes)s, and %(ties)s")
        if counts.sources
        else t.gettext("%(nodes)s and %(ties)s")
    )
    return joined % {"nodes": nodes, "ties": ties}


def drawn_sentence(nodes: int, relationships: int, counts: NetworkCounts, lang: str) -> str:
    """What the map draws of the whole: ``De kaart toont 74 onderdelen en 116 relaties;
    brondocumenten en vermeldingen staan er niet op.``

    >>> drawn_sentence(74, 116, NetworkCounts(79, 5, 190, 74), "nl")
    'De kaart toont 74 onderdelen en 116 relaties; brondocumenten en vermeldingen staan er niet op.'
    """
    t = translations(lang)
    shown = {
        "nodes": t.ngettext("%(num)s node", "%(num)s nodes", nodes)
        % {"num": format_number(nodes, lang)},
        "ties": t.ngettext("%(num)s relationship", "%(num)s relationships", relationships)
        % {"num": format_number(relationships, lang)},
    }
    if counts.sources or counts.mentions:
        return (
            t.gettext(
                "The map shows %(nodes)s and %(ties)s; source documents and mentions are not on it."
            )
            % shown
        )
    return t.gettext("The map shows %(nodes)s and %(ties)s.") % shown


def kinds_sentence(by_kind: dict[str, int], lang: str) -> str:
    """The nodes by kind, adding up to the count of :func:`counts_sentence`:
    ``12 organisaties, 10 personen, 4 netwerken, 11 activiteiten, 37 thema's en 5
    brondocumenten`` (kinds with none left out).

    >>> kinds_sentence({"organisation": 1, "person": 2, "theme": 0}, "nl")
    '1 organisatie en 2 personen'
    """
    t = translations(lang)
    forms = {
        "organisation": lambda n: t.ngettext("%(num)s organisation", "%(num)s organisations", n),
        "person": lambda n: t.ngettext("%(num)s person", "%(num)s people", n),
        "network": lambda n: t.ngettext("%(num)s network", "%(num)s networks", n),
        "activity": lambda n: t.ngettext("%(num)s activity", "%(num)s activities", n),
        "theme": lambda n: t.ngettext("%(num)s theme", "%(num)s themes", n),
        "source": lambda n: t.ngettext("%(num)s source document", "%(num)s source documents", n),
    }
    parts = [
        forms[kind](count) % {"num": format_number(count, lang)}
        for kind, count in sorted(by_kind.items(), key=lambda item: list(forms).index(item[0]))
        if count and kind in forms
    ]
    if len(parts) < 2:
        return "".join(parts)
    return t.gettext("%(list)s and %(last)s") % {"list": ", ".join(parts[:-1]), "last": parts[-1]}
