"""In-database analytics on Neo4j with Graph Data Science (GDS 2.x): the store's side of
:class:`~graph.store.analytics.InDatabaseAnalytics`, mixed into
:class:`~graph.store.neo4j.Neo4jStore`.

One call projects the view (:data:`~graph.store.neo4j.cypher.analytics.PROJECT_VIEW`)
under a name of its own, runs each measure on it (``mutate``: the values stay in the
projection), streams the values back by GDS node id, and drops the projection in a
``finally`` (in a fresh session, so a broken one does not keep it). Every statement is
a constant of :mod:`graph.store.neo4j.cypher`; every setting travels as a parameter.

The numbers are those :data:`graph.store.analytics.MEASURES` fixes:

* GDS's betweenness on an undirected projection already divides by 2 (each pair once);
* GDS's PageRank leaks a dangling node's rank instead of spreading it; normalised to
  sum 1 it *is* the PageRank that spreads it uniformly (the linear-system form of
  PageRank, e.g. Del Corso, Gullì & Romani 2005), which networkx and igraph compute;
  it runs until no node's rank changes by more than 1e-10, at most 1000 rounds;
* GDS's closeness gives (r − 1) / Σd, and with ``useWassermanFaust`` also
  (r − 1)² / (Σd (n − 1)): their ratio gives r − 1 exactly (an integer), and so Σd;
* GDS's harmonic centrality is Σ 1/d / (n − 1).
"""

from __future__ import annotations

import contextlib
import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from graph.model import SYMMETRIC_TYPES, RelType
from graph.store.analytics import AnalyticsAnswer, AnalyticsView, Measure
from graph.store.neo4j import cypher

__all__ = ["GDS_CONCURRENCY", "PAGERANK", "Neo4jAnalytics", "supported_gds"]

#: Threads per algorithm (OpenGDS allows at most 4); fixed, so that a seeded sample
#: of betweenness sources is the same from run to run.
GDS_CONCURRENCY = 4
#: PageRank's settings: networkx's damping; rounds until every change is below the
#: tolerance (GDS's default, 20 rounds and 1e-7, stops far from the fixed point).
PAGERANK = {"dampingFactor": 0.85, "maxIterations": 1000, "tolerance": 1e-10}
#: Louvain's and Leiden's rounds (GDS's defaults; the in-process Leiden runs at most 10).
COMMUNITY_LEVELS = 10
#: One analysis in GDS at a time from this process: each uses all of GDS's threads, and
#: two at once can find its task queue full (IllegalThreadStateException).
_ONE_AT_A_TIME = threading.Lock()


def supported_gds(version: str | None) -> bool:
    """Whether this GDS version has every procedure used here (2.13 or a later 2.x).

    >>> supported_gds("2.13.9"), supported_gds("2.6.0"), supported_gds(None)
    (True, False, False)
    """
    if not version:
        return False
    parts = version.split(".")
    try:
        major, minor = int(parts[0]), int(parts[1])
    except (ValueError, IndexError):
        return False
    return major == 2 and minor >= 13


class Neo4jAnalytics:
    """Measures of a view, computed by GDS next to the data."""

    #: the GDS version the server answered at open (``None``: no GDS)
    gds_version: str | None = None

    def _errors(self, action: str) -> Any:
        raise NotImplementedError  # provided by Neo4jStore

    def _session(self, *, fetch_size: int = 1000, **options: Any) -> Any:
        raise NotImplementedError  # provided by Neo4jStore

    def _read(self, query: str, **params: Any) -> list[Any]:
        raise NotImplementedError  # provided by Neo4jStore

    def count_nodes(self, workspace: str) -> int:
        return int(self._read(cypher.COUNT_VIEW_NODES, workspace=workspace)[0]["nodes"])

    def theme_ids(self, workspace: str) -> list[str]:
        return [r["id"] for r in self._read(cypher.THEME_IDS, workspace=workspace)]

    def analyse_in_database(
        self,
        workspace: str,
        view: AnalyticsView,
        measures: Sequence[Measure],
        *,
        edges: bool = False,
    ) -> AnalyticsAnswer:
        graph = f"grenswerk-{uuid.uuid4().hex}"
        with (
            _ONE_AT_A_TIME,
            self._errors("the analysis in Graph Data Science"),
            self._projected(workspace, graph, view) as (session, answer, index),
        ):
            if not index:  # an empty view: GDS projects nothing (and needs no drop)
                answer.edges = ([], [], []) if edges else None
                return answer
            for measure in measures:
                _MEASURES[measure.name](session, graph, measure, index, answer, view)
            if edges:
                sources, targets, weights = [], [], []
                for record in session.run(cypher.PROJECTION_EDGES, graph=graph):
                    sources.append(index[record["source"]])
                    targets.append(index[record["target"]])
                    weights.append(record["weight"])
                answer.edges = (sources, targets, weights)
            return answer

    @contextlib.contextmanager
    def _projected(
        self, workspace: str, graph: str, view: AnalyticsView
    ) -> Iterator[tuple[Any, AnalyticsAnswer, dict[int, int]]]:
        """The view projected as ``graph`` (a session, the answer's nodes and GDS's node
        ids by position); dropped when the block ends, however it ends."""
        try:
            # no warnings about a date property no element of the database has yet
            with self._session(fetch_size=10_000, notifications_min_severity="OFF") as session:
                record = session.run(cypher.PROJECT_VIEW, _view_parameters(workspace, graph, view))
                size = record.single()
                ids, names, index = [], [], {}
                if size["nodes"] is None:  # no row to aggregate: nothing was projected
                    size = {"nodes": 0, "relationships": 0}
                else:
                    for i, row in enumerate(
                        session.run(cypher.PROJECTION_NODES, graph=graph, workspace=workspace)
                    ):
                        ids.append(row["id"])
                        names.append(row["name"] if row["name"] is not None else row["id"])
                        index[row["node"]] = i
                facts = {
                    "gds_version": self.gds_version,
                    # GDS counts an undirected tie once each way
                    "projection": {
                        "nodes": size["nodes"],
                        "ties": size["relationships"] // (1 if view.directed else 2),
                    },
                }
                yield session, AnalyticsAnswer(ids, names, facts=facts), index
        finally:
            self._drop(graph)

    def _drop(self, graph: str) -> None:
        """Drop a projection in a session of its own; a server that cannot be reached has
        lost its projections anyway (they live in its memory)."""
        with contextlib.suppress(Exception), self._session() as session:
            session.run(cypher.DROP_PROJECTION, graph=graph).consume()


def _view_parameters(workspace: str, graph: str, view: AnalyticsView) -> dict[str, Any]:
    return {
        "workspace": workspace,
        "graph": graph,
        "kinds": list(view.kinds) if view.kinds else None,
        "types": [cypher.REL_TYPES[RelType(t)] for t in view.types] if view.types else None,
        "themes": list(view.themes) if view.themes is not None else None,
        "at": view.at.isoformat() if view.at is not None else None,
        "directed": view.directed,
        "symmetric": sorted(cypher.REL_TYPES[t] for t in SYMMETRIC_TYPES),
    }


def _values(session: Any, graph: str, prop: str, index: dict[int, int]) -> list[float]:
    """One property of every projected node, in the answer's order."""
    out = [0.0] * len(index)
    for record in session.run(cypher.NODE_PROPERTY, graph=graph, property=prop):
        out[index[record["node"]]] = record["value"]
    return out


def _mutate(session: Any, graph: str, name: str, config: dict[str, Any]) -> Any:
    return session.run(cypher.MUTATE[name], graph=graph, config=config).single()


def _weight(measure: Measure, prop: str) -> dict[str, str]:
    return {"relationshipWeightProperty": prop} if measure.settings.get("weighted") else {}


def _degree(
    session: Any,
    graph: str,
    measure: Measure,
    index: dict[int, int],
    answer: AnalyticsAnswer,
    view: AnalyticsView,
) -> None:
    weighted = bool(measure.settings.get("weighted"))
    sides = {"out": "NATURAL", "in": "REVERSE"} if view.directed else {"all": "NATURAL"}
    counts: dict[str, list[float]] = {}
    strengths: dict[str, list[float]] = {}
    for side, orientation in sides.items():
        base = {"orientation": orientation, "concurrency": GDS_CONCURRENCY}
        _mutate(session, graph, "degree", {**base, "mutateProperty": f"degree_{side}"})
        counts[side] = _values(session, graph, f"degree_{side}", index)
        if weighted:
            config = {**base, "mutateProperty": f"strength_{side}", **_weight(measure, "weight")}
            _mutate(session, graph, "degree", config)
            strengths[side] = _values(session, graph, f"strength_{side}", index)
    if view.directed:
        answer.columns["in_degree"] = counts["in"]
        answer.columns["out_degree"] = counts["out"]
        answer.columns["degree"] = [a + b for a, b in zip(counts["in"], counts["out"], strict=True)]
        if weighted:
            both = zip(strengths["in"], strengths["out"], strict=True)
            answer.columns["strength"] = [a + b for a, b in both]
    else:
        answer.columns["degree"] = counts["all"]
        if weighted:
            answer.columns["strength"] = strengths["all"]


def _betweenness(
    session: Any,
    graph: str,
    measure: Measure,
    index: dict[int, int],
    answer: AnalyticsAnswer,
    view: AnalyticsView,
) -> None:
    config: dict[str, Any] = {
        "mutateProperty": "betweenness",
        "concurrency": GDS_CONCURRENCY,
        **_weight(measure, "distance"),
    }
    sample = measure.settings.get("sample")
    n = len(index)
    if sample is not None and n > measure.settings.get("sample_above", 0) and sample < n:
        config.update(samplingSize=int(sample), samplingSeed=int(measure.settings.get("seed", 0)))
        answer.facts["betweenness_sources"] = int(sample)
        answer.facts["betweenness_sampler"] = (
            "GDS: nodes taken in projection order, each with probability degree / "
            "largest degree, until the sample is full"
        )
    _mutate(session, graph, "betweenness", config)
    answer.columns["betweenness_raw"] = _values(session, graph, "betweenness", index)


def _pagerank(
    session: Any,
    graph: str,
    measure: Measure,
    index: dict[int, int],
    answer: AnalyticsAnswer,
    view: AnalyticsView,
) -> None:
    config = {
        "mutateProperty": "pagerank",
        "concurrency": GDS_CONCURRENCY,
        **PAGERANK,
        **_weight(measure, "weight"),
    }
    ran = _mutate(session, graph, "pagerank", config)
    scores = _values(session, graph, "pagerank", index)
    total = sum(scores)
    answer.columns["pagerank"] = [s / total for s in scores] if total else scores
    answer.facts["pagerank_iterations"] = ran["iterations"]
    answer.facts["pagerank_converged"] = ran["converged"]


def _closeness(
    session: Any,
    graph: str,
    measure: Measure,
    index: dict[int, int],
    answer: AnalyticsAnswer,
    view: AnalyticsView,
) -> None:
    n = len(index)
    base = {"concurrency": GDS_CONCURRENCY}
    _mutate(session, graph, "closeness", {**base, "mutateProperty": "closeness_plain"})
    _mutate(
        session,
        graph,
        "closeness",
        {**base, "mutateProperty": "closeness_wf", "useWassermanFaust": True},
    )
    plain = _values(session, graph, "closeness_plain", index)
    scaled = _values(session, graph, "closeness_wf", index)
    reached, farness = [], []
    for p, s in zip(plain, scaled, strict=True):
        # p = r / f and s = r² / (f (n − 1)), with r the nodes reaching it and f = Σd
        r = round(s * (n - 1) / p) if p else 0
        reached.append(float(r))
        farness.append(r / p if p else 0.0)
    answer.columns["reached"] = reached
    answer.columns["farness"] = farness


def _harmonic(
    session: Any,
    graph: str,
    measure: Measure,
    index: dict[int, int],
    answer: AnalyticsAnswer,
    view: AnalyticsView,
) -> None:
    n = len(index)
    config = {"mutateProperty": "harmonic", "concurrency": GDS_CONCURRENCY}
    _mutate(session, graph, "harmonic", config)
    answer.columns["harmonic_raw"] = [
        h * (n - 1) for h in _values(session, graph, "harmonic", index)
    ]


def _communities(method: str) -> Callable[..., None]:
    def run(
        session: Any,
        graph: str,
        measure: Measure,
        index: dict[int, int],
        answer: AnalyticsAnswer,
        view: AnalyticsView,
    ) -> None:
        # one thread: the same communities every run
        config: dict[str, Any] = {
            "mutateProperty": "community",
            "concurrency": 1,
            "maxLevels": COMMUNITY_LEVELS,
            **_weight(measure, "weight"),
        }
        if method == "leiden":
            config.update(
                gamma=float(measure.settings.get("resolution", 1.0)),
                randomSeed=int(measure.settings.get("seed", 0)),
            )
        ran = _mutate(session, graph, method, config)
        answer.columns["community"] = _values(session, graph, "community", index)
        answer.facts["levels"] = ran["levels"]
        answer.facts["count"] = ran["count"]
        if method == "leiden":
            answer.facts["converged"] = ran["converged"]

    return run


_MEASURES: dict[str, Callable[..., None]] = {
    "degree": _degree,
    "betweenness": _betweenness,
    "pagerank": _pagerank,
    "closeness": _closeness,
    "harmonic": _harmonic,
    "louvain": _communities("louvain"),
    "leiden": _communities("leiden"),
}
