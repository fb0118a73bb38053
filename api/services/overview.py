"""The manager's start page of a workspace, as data: what the network holds, who is
most central, who connects the practices, the communities, who stands alone, which
practices have no ties, and the best new ties (each with its reasons).

The same building blocks make the workspace report (:mod:`api.services.reports`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from api.i18n import vocabulary_label
from api.services.counts import NetworkCounts, counts_sentence, kinds_sentence
from api.services.report_labels import Lang, labels
from api.services.reports import best_new_ties, brokers, chart_uri, communities
from graph.analysis.cache import AnalysisCache
from graph.analysis.registry import AnalysisOptions
from graph.analysis.subgraphs import actor_graph, filter_view
from graph.model import OrgType
from graph.store.base import Store

__all__ = ["Overview", "workspace_overview"]


@dataclass
class Overview:
    """What the overview page shows."""

    counts: dict[str, int]
    organisations: int
    #: the workspace's counts in a sentence (api.services.counts), and its nodes by kind
    counted: str = ""
    by_kind: str = ""
    charts: list[str] = field(default_factory=list)
    central: list[dict[str, Any]] = field(default_factory=list)
    brokers: list[dict[str, Any]] = field(default_factory=list)
    communities: list[dict[str, Any]] = field(default_factory=list)
    isolated: list[str] = field(default_factory=list)
    practices_without_ties: list[str] = field(default_factory=list)
    new_ties: list[dict[str, Any]] = field(default_factory=list)
    fictional: bool = False


def workspace_overview(
    store: Store, cache: AnalysisCache, workspace: str, lang: Lang = "nl"
) -> Overview:
    """The overview of ``workspace`` with its labels in ``lang``.

    >>> from graph.store.sqlite import SQLiteStore
    >>> from importers import ImportOptions, import_paths
    >>> from pathlib import Path
    >>> store = SQLiteStore(":memory:")
    >>> _ = import_paths(store, [Path("graph/data")], ImportOptions("demo"))
    >>> found = workspace_overview(store, AnalysisCache(), "demo")
    >>> found.organisations, found.central[0]["rank"], found.central[0]["of"]
    (12, 1, 12)
    """
    words = labels(lang)
    graph = cache.graph(store, workspace)
    kinds = Counter(str(d.get("kind")) for _, d in graph.nodes(data=True))
    orgs = {n: d for n, d in graph.nodes(data=True) if d.get("kind") == "organisation"}
    unknown = words["unknown"]
    by_type = Counter(
        vocabulary_label(str(d["org_type"]), lang, "org type") if d.get("org_type") else unknown
        for d in orgs.values()
    )
    by_sector = Counter(str(d.get("sector") or unknown) for d in orgs.values())
    charts = [
        c
        for c in (
            chart_uri(by_type, words["by_org_type"]),
            chart_uri(by_sector, words["by_sector"]),
        )
        if c
    ]
    centrality = cache.run(store, workspace, "centrality", AnalysisOptions(measures=("degree",)))
    ranked = sorted(
        (r for r in centrality.rows if r["id"] in orgs), key=lambda r: (-r["degree"], r["name"])
    )
    central = [
        {"id": r["id"], "name": r["name"], "degree": int(r["degree"]), "rank": i + 1}
        | {"of": len(ranked)}
        for i, r in enumerate(ranked[:5])
    ]
    # alone: no direct tie to a person or organisation and no shared network or
    # activity (the same "connected" as brokerage and the path finder use)
    actors = actor_graph(filter_view(graph))
    isolated = sorted(
        str(orgs[n].get("name", n)) for n in orgs if n not in actors or actors.degree(n) == 0
    )
    tied_types = {
        str(orgs[n].get("org_type"))
        for n in orgs
        if graph.degree(n) > 0 and orgs[n].get("org_type")
    }
    present = {str(d.get("org_type")) for d in orgs.values() if d.get("org_type")}
    without = sorted(
        vocabulary_label(t.value, lang, "org type")
        for t in OrgType
        if t.value in present and t.value not in tied_types
    )
    return Overview(
        counts={k: v for k, v in sorted(kinds.items()) if k != "source"},
        organisations=len(orgs),
        counted=counts_sentence(NetworkCounts.of_graph(graph), lang),
        by_kind=kinds_sentence(dict(kinds), lang),
        charts=charts,
        central=central,
        brokers=brokers(store, cache, workspace, words)[:5],
        communities=communities(store, cache, workspace, graph)[:6],
        isolated=isolated,
        practices_without_ties=without,
        new_ties=best_new_ties(store, cache, workspace, graph)[:5],
        fictional=any((d.get("properties") or {}).get("fictional") is True for d in orgs.values()),
    )
