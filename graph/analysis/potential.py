"""Learning potential: the structural potential for boundary crossing of ties, paths
and absent ties. The model, its defaults and its sources are in
``docs/learning-potential.md``; every number there is a field of
:class:`PotentialModel` here.

Examples
--------
>>> m = PotentialModel()
>>> m.boundary("school", "mbo", "company", "bouw")
1.0
>>> m.boundary("school", "mbo", "school", "hbo")
0.25
>>> round(m.score(boundary=1.0, mechanism=0.5, themes=1 / 3, activity=0.75).total, 4)
0.6917
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph.analysis.result import Result
from graph.analysis.views import (
    ACTOR_KINDS,
    CONTEXT_KINDS,
    MAX_CONTEXT_SIZE,
    _date,
    practice_of,
)

__all__ = [
    "Hop",
    "PotentialGraph",
    "PotentialModel",
    "Score",
    "learning_paths",
    "recommendations",
    "tie_potentials",
]

_ORG_TYPES = ("school", "company", "government", "knowledge_institute", "sector_body", "other")


def _default_distances() -> dict[frozenset[str], float]:
    table = {
        ("school", "company"): 1.0,
        ("school", "government"): 0.75,
        ("school", "knowledge_institute"): 0.5,
        ("school", "sector_body"): 0.5,
        ("company", "government"): 0.75,
        ("company", "knowledge_institute"): 0.75,
        ("company", "sector_body"): 0.5,
        ("government", "knowledge_institute"): 0.5,
        ("government", "sector_body"): 0.5,
        ("knowledge_institute", "sector_body"): 0.5,
    }
    out = {frozenset(pair): value for pair, value in table.items()}
    for org_type in _ORG_TYPES:
        if org_type != "other":
            out.setdefault(frozenset((org_type, "other")), 0.5)
    return out


@dataclass(frozen=True)
class Score:
    """A tie's potential and the four components it is made of (each 0–1)."""

    total: float
    boundary: float
    mechanism: float
    themes: float
    activity: float


@dataclass(frozen=True)
class PotentialModel:
    """Every number of the model; see ``docs/learning-potential.md``."""

    weights: Mapping[str, float] = field(
        default_factory=lambda: {
            "boundary": 0.35,
            "mechanism": 0.25,
            "themes": 0.20,
            "activity": 0.20,
        }
    )
    distances: Mapping[frozenset[str], float] = field(default_factory=_default_distances)
    other_sector: float = 0.25
    unknown_practice: float = 0.25
    mechanism_scores: Mapping[str, float] = field(
        default_factory=lambda: {
            "identification": 0.25,
            "coordination": 0.5,
            "reflection": 0.75,
            "transformation": 1.0,
        }
    )
    boundary_object_weight: float = 1.5
    themes_saturation: float = 3.0
    half_life_years: float = 2.0
    frequency_saturation: float = 4.0
    unknown_frequency: float = 0.5
    hop_penalty: float = 0.1
    recommendation_weights: Mapping[str, float] = field(
        default_factory=lambda: {"boundary": 0.45, "themes": 0.35, "proximity": 0.20}
    )
    #: networks or activities with more members are not expanded into member-to-member hops
    max_context_size: int = MAX_CONTEXT_SIZE

    def boundary(
        self, practice_a: str, sector_a: str | None, practice_b: str, sector_b: str | None
    ) -> float:
        """Distance between two practices (0 = the same practice)."""
        if "unknown" in (practice_a, practice_b):
            return self.unknown_practice
        if practice_a == practice_b:
            if sector_a and sector_b and sector_a != sector_b:
                return self.other_sector
            return 0.0
        return self.distances.get(frozenset((practice_a, practice_b)), 0.5)

    def mechanism(self, mechanisms: Iterable[str | None]) -> float:
        """The deepest mechanism's score, 0 when none is recorded."""
        return max((self.mechanism_scores.get(m or "", 0.0) for m in mechanisms), default=0.0)

    def themes(self, shared: Mapping[str, bool]) -> float:
        """``shared``: theme id → whether it is a boundary object."""
        weighted = sum(self.boundary_object_weight if bo else 1.0 for bo in shared.values())
        return min(1.0, weighted / self.themes_saturation)

    def recency(self, ended: dt.date | None, at: dt.date) -> float:
        if ended is None or ended >= at:
            return 1.0
        years = (at - ended).days / 365.25
        return float(0.5 ** (years / self.half_life_years))

    def activity(self, recency: float, frequency: float | None) -> float:
        freq = (
            self.unknown_frequency
            if frequency is None
            else min(1.0, frequency / self.frequency_saturation)
        )
        return 0.5 * recency + 0.5 * freq

    def score(self, *, boundary: float, mechanism: float, themes: float, activity: float) -> Score:
        total_weight = sum(self.weights.values())
        parts = {
            "boundary": boundary,
            "mechanism": mechanism,
            "themes": themes,
            "activity": activity,
        }
        total = sum(self.weights[k] * v for k, v in parts.items()) / total_weight
        return Score(total, boundary, mechanism, themes, activity)


@dataclass
class Hop:
    """What joins two actors: direct ties and shared networks or activities."""

    ties: list[dict[str, Any]] = field(default_factory=list)
    contexts: list[str] = field(default_factory=list)


class PotentialGraph:
    """The actors of a workspace view, the hops between them and what each shares."""

    def __init__(
        self,
        graph: nx.MultiDiGraph,
        model: PotentialModel | None = None,
        at: dt.date | None = None,
    ) -> None:
        self.graph = graph
        self.model = model or PotentialModel()
        self.at = at or dt.date.today()
        self.practice = practice_of(graph, "org_type")
        self.sector = practice_of(graph, "sector")
        self.actors = [n for n, d in graph.nodes(data=True) if d.get("kind") in ACTOR_KINDS]
        actor_set = set(self.actors)
        self.themes: dict[str, dict[str, bool]] = defaultdict(dict)
        context_themes: dict[str, dict[str, bool]] = defaultdict(dict)
        members: dict[str, set[str]] = defaultdict(set)
        self.context_ties: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        self.hops: dict[frozenset[str], Hop] = {}
        self.hop_graph: nx.Graph | None = None
        for u, v, data in graph.edges(data=True):
            ku, kv = graph.nodes[u].get("kind"), graph.nodes[v].get("kind")
            if kv == "theme" and ku in ACTOR_KINDS:
                self.themes[u][v] = self._boundary_object(v)
            elif kv == "theme" and ku in CONTEXT_KINDS:
                context_themes[u][v] = self._boundary_object(v)
            elif ku in ACTOR_KINDS and kv in ACTOR_KINDS and u != v:
                self._hop(u, v).ties.append(data)
            elif ku in ACTOR_KINDS and kv in CONTEXT_KINDS:
                members[v].add(u)
                self.context_ties[(u, v)].append(data)
            elif kv in ACTOR_KINDS and ku in CONTEXT_KINDS:
                members[u].add(v)
                self.context_ties[(v, u)].append(data)
        # contexts inside contexts (an activity part of a network) share their themes
        for actor in actor_set:
            for context in [c for (a, c) in self.context_ties if a == actor]:
                self.themes[actor].update(context_themes.get(context, {}))
        self.context_members = members
        for context, people in members.items():
            if len(people) > self.model.max_context_size:
                continue
            for a, b in itertools.combinations(sorted(people), 2):
                self._hop(a, b).contexts.append(context)

    def _boundary_object(self, theme: str) -> bool:
        value = self.graph.nodes[theme].get("properties", {}).get("boundary_object")
        return value is True or str(value).lower() in ("true", "ja", "yes", "1")

    def _hop(self, a: str, b: str) -> Hop:
        key = frozenset((a, b))
        if key not in self.hops:
            self.hops[key] = Hop()
        return self.hops[key]

    def name(self, node: str) -> str:
        return str(self.graph.nodes[node].get("name", node))

    def shared_themes(self, a: str, b: str) -> dict[str, bool]:
        mine, theirs = self.themes.get(a, {}), self.themes.get(b, {})
        return {t: bo for t, bo in mine.items() if t in theirs}

    def boundary(self, a: str, b: str) -> float:
        return self.model.boundary(
            self.practice.get(a, "unknown"),
            self.sector.get(a),
            self.practice.get(b, "unknown"),
            self.sector.get(b),
        )

    def hop_score(self, a: str, b: str) -> Score:
        hop = self.hops.get(frozenset((a, b)), Hop())
        ties = list(hop.ties)
        for context in hop.contexts:
            ties.extend(self.context_ties.get((a, context), []))
            ties.extend(self.context_ties.get((b, context), []))
        mechanism = self.model.mechanism(t.get("mechanism") for t in ties)
        recency = max((self._recency(t) for t in ties), default=1.0)
        for context in hop.contexts:
            recency = max(recency, self._recency(self.graph.nodes[context]))
        frequencies = [
            float(value)
            for t in hop.ties
            if (value := t.get("frequency") or t.get("strength")) is not None
        ]
        activity = self.model.activity(recency, max(frequencies) if frequencies else None)
        return self.model.score(
            boundary=self.boundary(a, b),
            mechanism=mechanism,
            themes=self.model.themes(self.shared_themes(a, b)),
            activity=activity,
        )

    def _recency(self, attrs: Mapping[str, Any]) -> float:
        ended = _date(attrs.get("until"))
        if ended is None and attrs.get("kind") == "activity":
            ended = _date(attrs.get("date"))
        return self.model.recency(ended, self.at)

    def explain(self, a: str, b: str, score: Score | None = None) -> str:
        """A sentence a manager can read: what the hop crosses, via what, how deep."""
        score = score or self.hop_score(a, b)
        pa, pb = self.practice.get(a, "unknown"), self.practice.get(b, "unknown")
        parts = [f"{self.name(a)} → {self.name(b)}:"]
        if "unknown" in (pa, pb):
            parts.append("practice of one side unknown")
        elif pa != pb:
            parts.append(f"crosses {pa}→{pb}")
        elif score.boundary > 0:
            parts.append(f"crosses {self.sector.get(a)}→{self.sector.get(b)} within {pa}")
        else:
            parts.append(f"within {pa} practice")
        shared = self.shared_themes(a, b)
        if shared:
            themes = [t for t, bo in shared.items() if not bo]
            objects = [t for t, bo in shared.items() if bo]
            said = []
            if themes:
                said.append(_listing("theme", [self.name(t) for t in sorted(themes)]))
            if objects:
                said.append(_listing("boundary object", [self.name(t) for t in sorted(objects)]))
            parts.append("via " + " and ".join(said))
        hop = self.hops.get(frozenset((a, b)), Hop())
        if hop.contexts:
            parts.append("through " + ", ".join(self.name(c) for c in sorted(hop.contexts)[:3]))
        mechanism = _mechanism_name(self.model, score.mechanism)
        parts.append(
            f"at the level of {mechanism}" if mechanism else "no learning mechanism recorded"
        )
        return " ".join(parts[:1]) + " " + ", ".join(parts[1:])


def _listing(label: str, names: list[str]) -> str:
    shown = names[:3]
    more = f" and {len(names) - 3} more" if len(names) > 3 else ""
    plural = "s" if len(names) > 1 else ""
    return f"{label}{plural} " + ", ".join(shown) + more


def _mechanism_name(model: PotentialModel, value: float) -> str | None:
    for name, score in model.mechanism_scores.items():
        if value and abs(score - value) < 1e-9:
            return name
    return None


def tie_potentials(pg: PotentialGraph) -> Result:
    """Every hop between two actors with its potential and explanation, best first."""
    scored = []
    for key in pg.hops:
        a, b = sorted(key)
        scored.append((pg.hop_score(a, b), a, b))
    scored.sort(key=lambda item: (-item[0].total, item[1], item[2]))
    rows: list[dict[str, Any]] = []
    for score, a, b in scored:
        rows.append(
            {
                "source": a,
                "source_name": pg.name(a),
                "target": b,
                "target_name": pg.name(b),
                "potential": score.total,
                "boundary": score.boundary,
                "mechanism": score.mechanism,
                "themes": score.themes,
                "activity": score.activity,
                "explanation": pg.explain(a, b, score),
            }
        )
    meta = {"hops": len(scored), "at": pg.at.isoformat(), "weights": dict(pg.model.weights)}
    return Result("potential", rows, meta)


def _hop_graph(pg: PotentialGraph) -> nx.Graph:
    """The actors and their hops with potential and path cost (built once per
    PotentialGraph)."""
    if pg.hop_graph is not None:
        return pg.hop_graph
    hops = nx.Graph()
    hops.add_nodes_from(pg.actors)
    for key in pg.hops:
        a, b = sorted(key)
        score = pg.hop_score(a, b)
        hops.add_edge(a, b, potential=score.total, cost=1.0 - score.total + pg.model.hop_penalty)
    pg.hop_graph = hops
    return hops


def _require_actor(pg: PotentialGraph, node: str, why: str) -> None:
    """KeyError for a node that is not there, ValueError for one that is no actor."""
    if node not in pg.graph:
        raise KeyError(f"no node {node!r}")
    if pg.graph.nodes[node].get("kind") not in ACTOR_KINDS:
        raise ValueError(f"{pg.name(node)!r} is a {pg.graph.nodes[node].get('kind')}; {why}")


def learning_paths(pg: PotentialGraph, source: str, target: str, *, k: int = 3) -> Result:
    """The k best learning-potential paths from ``source`` to ``target`` (actors)."""
    for end in (source, target):
        _require_actor(pg, end, "paths run between people and organisations")
    hops = _hop_graph(pg)
    rows: list[dict[str, Any]] = []
    if source != target and nx.has_path(hops, source, target):
        for path in itertools.islice(nx.shortest_simple_paths(hops, source, target, "cost"), k):
            steps = []
            for a, b in itertools.pairwise(path):
                score = pg.hop_score(a, b)
                steps.append(
                    {
                        "from": a,
                        "to": b,
                        "potential": score.total,
                        "explanation": pg.explain(a, b, score),
                    }
                )
            rows.append(
                {
                    "rank": len(rows) + 1,
                    "nodes": path,
                    "names": [pg.name(n) for n in path],
                    "hops": len(steps),
                    "potential": sum(s["potential"] for s in steps) / len(steps),
                    "steps": steps,
                }
            )
    meta = {"source": source, "target": target, "k": k, "found": len(rows)}
    return Result("paths", rows, meta)


def recommendations(pg: PotentialGraph, node: str) -> Result:
    """Every absent tie for ``node``, ranked by the potential they would have, with reasons."""
    _require_actor(pg, node, "recommendations are for people and organisations")
    hops = _hop_graph(pg)
    distance = nx.single_source_shortest_path_length(hops, node, cutoff=3)
    candidates = {n for n, d in distance.items() if d >= 2}
    mine = pg.themes.get(node, {})
    for actor in pg.actors:
        if (
            actor != node
            and not hops.has_edge(node, actor)
            and set(mine) & set(pg.themes.get(actor, {}))
        ):
            candidates.add(actor)
    weights = pg.model.recommendation_weights
    rows = []
    for other in candidates:
        boundary = pg.boundary(node, other)
        themes = pg.model.themes(pg.shared_themes(node, other))
        hops_away = distance.get(other)
        proximity = {2: 1.0, 3: 0.5}.get(hops_away or 0, 0.0)
        score = (
            weights["boundary"] * boundary
            + weights["themes"] * themes
            + weights["proximity"] * proximity
        ) / sum(weights.values())
        reasons = []
        pa, pb = pg.practice.get(node, "unknown"), pg.practice.get(other, "unknown")
        if boundary > 0 and "unknown" not in (pa, pb):
            reasons.append(
                f"would cross {pa}→{pb}"
                if pa != pb
                else f"would cross {pg.sector.get(node)}→{pg.sector.get(other)}"
            )
        shared = pg.shared_themes(node, other)
        if shared:
            reasons.append("shares " + _listing("theme", [pg.name(t) for t in sorted(shared)]))
        if hops_away == 2:
            brokers = sorted(set(hops[node]) & set(hops[other]))
            reasons.append("can be introduced by " + ", ".join(pg.name(b) for b in brokers[:3]))
        elif hops_away == 3:
            reasons.append("three steps away")
        rows.append(
            {
                "id": other,
                "name": pg.name(other),
                "score": score,
                "boundary": boundary,
                "themes": themes,
                "proximity": proximity,
                "hops": hops_away,
                "reasons": reasons,
            }
        )
    rows.sort(key=lambda r: (-r["score"], r["id"]))
    meta = {"node": node, "name": pg.name(node), "candidates": len(rows)}
    return Result("recommendations", rows, meta)
