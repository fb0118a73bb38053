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
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any

import networkx as nx
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator
from pydantic import Field as PydanticField

from graph.analysis.reasons import hop_reasons, recommendation_reasons
from graph.analysis.result import Result
from graph.analysis.subgraphs import (
    ACTOR_KINDS,
    CONTEXT_KINDS,
    MAX_CONTEXT_SIZE,
    _date,
    active_at,
)
from graph.model import Mechanism, OrgType

__all__ = [
    "COMPONENTS",
    "Hop",
    "PotentialGraph",
    "PotentialModel",
    "Score",
    "learning_paths",
    "model_from_json",
    "practices",
    "recommendations",
    "tie_potentials",
]

_ORG_TYPES = tuple(t.value for t in OrgType)
COMPONENTS = ("boundary", "mechanism", "themes", "activity")


def _default_distances() -> dict[str, dict[str, float]]:
    """The distance table of the document, upper triangle (row → column)."""
    return {
        "school": {
            "company": 1.0,
            "government": 0.75,
            "knowledge_institute": 0.5,
            "sector_body": 0.5,
            "other": 0.5,
        },
        "company": {
            "government": 0.75,
            "knowledge_institute": 0.75,
            "sector_body": 0.5,
            "other": 0.5,
        },
        "government": {"knowledge_institute": 0.5, "sector_body": 0.5, "other": 0.5},
        "knowledge_institute": {"sector_body": 0.5, "other": 0.5},
        "sector_body": {"other": 0.5},
    }


@dataclass(frozen=True)
class Score:
    """A tie's potential and the four components it is made of (each 0–1)."""

    total: float
    boundary: float
    mechanism: float
    themes: float
    activity: float


Unit = Annotated[float, PydanticField(ge=0, le=1)]
NonNegative = Annotated[float, PydanticField(ge=0)]


class PotentialModel(BaseModel):
    """Every number of the model; see ``docs/learning-potential.md``.

    Made from JSON (``--weights FILE.json`` on the CLI, ``weights=`` in the API): a
    field left out keeps its default; a table (``weights``, ``distances``,
    ``mechanism_scores``, ``activity_weights``, ``recommendation_weights``,
    ``proximities``) given in part keeps the default of the entries left out.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    weights: dict[str, NonNegative] = PydanticField(
        default_factory=lambda: {
            "boundary": 0.35,
            "mechanism": 0.25,
            "themes": 0.20,
            "activity": 0.20,
        },
        description="a tie's score: the weight of each component (normalised to sum to 1)",
    )
    distances: dict[str, dict[str, Unit]] = PydanticField(
        default_factory=_default_distances,
        description="boundary: the distance between two org_types (either order)",
    )
    other_sector: Unit = PydanticField(
        default=0.25, description="boundary: same org_type, other sector"
    )
    unknown_practice: Unit = PydanticField(default=0.25, description="boundary: either end unknown")
    mechanism_scores: dict[str, Unit] = PydanticField(
        default_factory=lambda: {
            "identification": 0.25,
            "coordination": 0.5,
            "reflection": 0.75,
            "transformation": 1.0,
        },
        description="mechanism: the score of each learning mechanism",
    )
    boundary_object_weight: NonNegative = PydanticField(
        default=1.5, description="themes: what a shared boundary object counts"
    )
    theme_weight: NonNegative = PydanticField(
        default=1.0, description="themes: what any other theme counts"
    )
    themes_saturation: float = PydanticField(
        default=3.0, gt=0, description="themes: the weighted count that scores 1"
    )
    activity_weights: dict[str, NonNegative] = PydanticField(
        default_factory=lambda: {"recency": 0.5, "frequency": 0.5},
        description="activity: the weight of recency and of frequency (normalised)",
    )
    half_life_years: float = PydanticField(
        default=2.0,
        gt=0,
        description="activity: years after its end in which a tie's recency halves",
    )
    frequency_saturation: float = PydanticField(
        default=4.0, gt=0, description="activity: the frequency that scores 1"
    )
    unknown_frequency: Unit = PydanticField(
        default=0.5, description="activity: no frequency recorded"
    )
    hop_penalty: NonNegative = PydanticField(
        default=0.1, description="paths: the cost added per hop"
    )
    max_context_size: int = PydanticField(
        default=MAX_CONTEXT_SIZE,
        ge=2,
        description="a network or activity with more members is not a hop between them",
    )
    recommendation_weights: dict[str, NonNegative] = PydanticField(
        default_factory=lambda: {"boundary": 0.45, "themes": 0.35, "proximity": 0.20},
        description="recommendations: the weight of each part (normalised)",
    )
    recommendation_cutoff: int = PydanticField(
        default=3, ge=1, description="recommendations: candidates are at most this many hops away"
    )
    proximities: dict[int, Unit] = PydanticField(
        default_factory=lambda: {1: 1.0, 2: 1.0, 3: 0.5},
        description="recommendations: proximity by hops away",
    )
    recommendation_activity: Unit = PydanticField(
        default=0.5, description="recommendations: the activity a tie not yet made is given"
    )

    @model_validator(mode="before")
    @classmethod
    def _merge_tables(cls, data: Any) -> Any:
        """Tables given in part keep the default of the entries left out."""
        if not isinstance(data, dict):
            return data
        merged = dict(data)
        for name, field_info in cls.model_fields.items():
            given = data.get(name)
            if not isinstance(given, dict) or field_info.default_factory is None:
                continue
            default = field_info.default_factory()  # type: ignore[call-arg]
            if name == "distances":
                table = {row: dict(columns) for row, columns in default.items()}
                for row, columns in given.items():
                    if not isinstance(columns, dict):
                        raise ValueError(f"distances: {row!r} needs a table of org_types")
                    table.setdefault(str(row), {}).update(columns)
                merged[name] = table
            else:
                merged[name] = {**default, **{str(k): v for k, v in given.items()}}
        if isinstance(data.get("proximities"), dict) and "recommendation_cutoff" in data:
            # the defaults beyond a shorter cutoff fall away; given ones are checked
            cutoff = data["recommendation_cutoff"]
            given = {str(k) for k in data["proximities"]}
            merged["proximities"] = {
                k: v
                for k, v in merged["proximities"].items()
                if k in given or not str(k).isdigit() or int(k) <= int(cutoff)
            }
        return merged

    @model_validator(mode="after")
    def _check_tables(self) -> PotentialModel:
        _keys("weights", self.weights, COMPONENTS)
        _keys("mechanism_scores", self.mechanism_scores, tuple(m.value for m in Mechanism))
        _keys("activity_weights", self.activity_weights, ("recency", "frequency"))
        _keys(
            "recommendation_weights",
            self.recommendation_weights,
            ("boundary", "themes", "proximity"),
        )
        for weights in (self.weights, self.activity_weights, self.recommendation_weights):
            _total(weights)
        for row, columns in self.distances.items():
            _keys("distances", {row: 0, **columns}, _ORG_TYPES)
        for a, b in itertools.combinations(_ORG_TYPES, 2):
            there, back = self.distances.get(a, {}).get(b), self.distances.get(b, {}).get(a)
            if there is None and back is None:
                raise ValueError(f"distances: no distance between {a} and {b}")
            if there is not None and back is not None and there != back:
                raise ValueError(f"distances: {a}→{b} is {there} but {b}→{a} is {back}")
        wanted = set(range(1, self.recommendation_cutoff + 1))
        if set(self.proximities) != wanted:
            raise ValueError(
                f"proximities: give one for each of 1 to {self.recommendation_cutoff} hops "
                f"(the recommendation_cutoff), not {sorted(self.proximities)}"
            )
        return self

    def __hash__(self) -> int:  # its tables are dicts: hashed by its JSON
        return hash(self.model_dump_json())

    def distance(self, org_type_a: str, org_type_b: str) -> float:
        """The table's distance between two different org_types (either order)."""
        there = self.distances.get(org_type_a, {}).get(org_type_b)
        return there if there is not None else self.distances.get(org_type_b, {})[org_type_a]

    def boundary(
        self, practice_a: str, sector_a: str | None, practice_b: str, sector_b: str | None
    ) -> float:
        """Distance between two practices (0 = the same practice); a missing sector on
        either end counts as the same sector."""
        if "unknown" in (practice_a, practice_b):
            return self.unknown_practice
        if practice_a == practice_b:
            if sector_a and sector_b and sector_a != sector_b:
                return self.other_sector
            return 0.0
        return self.distance(practice_a, practice_b)

    def mechanism(self, mechanisms: Iterable[str | None]) -> float:
        """The deepest mechanism's score, 0 when none is recorded."""
        return max((self.mechanism_scores.get(m or "", 0.0) for m in mechanisms), default=0.0)

    def themes(self, shared: Mapping[str, bool]) -> float:
        """``shared``: theme id → whether it is a boundary object."""
        weighted = sum(
            self.boundary_object_weight if bo else self.theme_weight for bo in shared.values()
        )
        return min(1.0, weighted / self.themes_saturation)

    def recency(self, ended: dt.date | None, at: dt.date) -> float:
        """1 while running (``ended`` none or not before ``at``), else halving every
        ``half_life_years`` after the end."""
        if ended is None or ended >= at:
            return 1.0
        years = (at - ended).days / 365.25
        return float(0.5 ** (years / self.half_life_years))

    def activity(self, recency: float, frequency: float | None) -> float:
        """Recency and frequency (``None``: not recorded), weighted."""
        freq = (
            self.unknown_frequency
            if frequency is None
            else min(1.0, frequency / self.frequency_saturation)
        )
        w = self.activity_weights
        return (w["recency"] * recency + w["frequency"] * freq) / _total(w)

    def score(self, *, boundary: float, mechanism: float, themes: float, activity: float) -> Score:
        """The weighted sum of the four components."""
        parts = {
            "boundary": boundary,
            "mechanism": mechanism,
            "themes": themes,
            "activity": activity,
        }
        total = sum(self.weights[k] * v for k, v in parts.items()) / _total(self.weights)
        return Score(total, boundary, mechanism, themes, activity)

    def recommendation(self, *, boundary: float, themes: float, proximity: float) -> float:
        """A candidate's rank score."""
        w = self.recommendation_weights
        parts = {"boundary": boundary, "themes": themes, "proximity": proximity}
        return sum(w[k] * v for k, v in parts.items()) / _total(w)


def _keys(table: str, given: Mapping[Any, Any], accepted: tuple[str, ...]) -> None:
    unknown = [str(k) for k in given if str(k) not in accepted]
    if unknown:
        raise ValueError(f"{table}: unknown {', '.join(unknown)}; use {', '.join(accepted)}")


def _total(weights: Mapping[str, float]) -> float:
    total = sum(weights.values())
    if total <= 0:
        raise ValueError("weights that sum to 0 weigh nothing")
    return total


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
        self.practice, self.sector = practices(graph, self.at)
        self.actors = [n for n, d in graph.nodes(data=True) if d.get("kind") in ACTOR_KINDS]
        self.themes: dict[str, dict[str, bool]] = defaultdict(dict)
        context_themes: dict[str, dict[str, bool]] = defaultdict(dict)
        parents: dict[str, set[str]] = defaultdict(set)
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
            elif ku in CONTEXT_KINDS and kv in CONTEXT_KINDS and data.get("type") == "part_of":
                parents[u].add(v)
            elif ku in ACTOR_KINDS and kv in ACTOR_KINDS and u != v:
                self._hop(u, v).ties.append(data)
            elif ku in ACTOR_KINDS and kv in CONTEXT_KINDS:
                members[v].add(u)
                self.context_ties[(u, v)].append(data)
            elif kv in ACTOR_KINDS and ku in CONTEXT_KINDS:
                members[u].add(v)
                self.context_ties[(v, u)].append(data)
        # a context part of another (a meeting of a network) is also about what the
        # other addresses; its members share those themes
        for actor, context in list(self.context_ties):
            for outer in _with_parents(context, parents):
                self.themes[actor].update(context_themes.get(outer, {}))
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

    def spans(self, a: str, b: str) -> list[tuple[dt.date | None, dt.date | None]]:
        """When the two were joined: ``(since, ended)`` per direct tie and per shared
        context (``None``: not recorded / still running). Through a context they are
        together while it and both their ties to it run."""
        hop = self.hops.get(frozenset((a, b)), Hop())
        out = [_span(t) for t in hop.ties]
        for context in hop.contexts:
            parts = [_span(self.graph.nodes[context])]
            for end in (a, b):
                ties = [_span(t) for t in self.context_ties.get((end, context), [])]
                parts.append(_latest(ties))
            starts = [s for s, _ in parts if s is not None]
            ends = [e for _, e in parts if e is not None]
            out.append((max(starts) if starts else None, min(ends) if ends else None))
        return out

    def hop_score(self, a: str, b: str) -> Score:
        hop = self.hops.get(frozenset((a, b)), Hop())
        ties = list(hop.ties)
        for context in hop.contexts:
            ties.extend(self.context_ties.get((a, context), []))
            ties.extend(self.context_ties.get((b, context), []))
        mechanism = self.model.mechanism(t.get("mechanism") for t in ties)
        recency = max(
            (self.model.recency(ended, self.at) for _, ended in self.spans(a, b)), default=1.0
        )
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

    def explain(self, a: str, b: str, score: Score | None = None) -> str:
        """A sentence a manager can read: what the hop crosses, via what, how deep,
        since when."""
        score = score or self.hop_score(a, b)
        parts = [f"{self.name(a)} → {self.name(b)}:", self.crossing(a, b, score.boundary)]
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
        parts.append(self._when(a, b))
        return " ".join(parts[:1]) + " " + ", ".join(parts[1:])

    def crossing(self, a: str, b: str, boundary: float) -> str:
        pa, pb = self.practice.get(a, "unknown"), self.practice.get(b, "unknown")
        if "unknown" in (pa, pb):
            return "practice of one side unknown"
        if pa != pb:
            return f"crosses {pa}→{pb}"
        if boundary > 0:
            return f"crosses {self.sector.get(a)}→{self.sector.get(b)} within {pa}"
        return f"within {pa} practice"

    def _when(self, a: str, b: str) -> str:
        """``running since 2017`` (the earliest start of what still runs), ``running``,
        or ``ended in 2019`` (the latest end)."""
        spans = self.spans(a, b)
        running = [since for since, ended in spans if ended is None or ended >= self.at]
        if running:
            starts = [s for s in running if s is not None]
            return f"running since {min(starts).year}" if starts else "running"
        ends = [ended for _, ended in spans if ended is not None]
        return f"ended in {max(ends).year}" if ends else "running"


def practices(graph: nx.MultiDiGraph, at: dt.date) -> tuple[dict[str, str], dict[str, str]]:
    """Each actor's practice (``org_type``, ``unknown`` where there is none) and sector
    (left out where none is recorded).

    A person's are those of their employer (``works_at``): a tie running on ``at``
    first (the latest ``since`` if several), else the one that ended last.
    """
    practice: dict[str, str] = {}
    sector: dict[str, str] = {}
    for node, data in graph.nodes(data=True):
        if data.get("kind") == "organisation":
            practice[node] = str(data.get("org_type") or "unknown")
            if data.get("sector"):
                sector[node] = str(data["sector"])
    for node, data in graph.nodes(data=True):
        if data.get("kind") != "person":
            continue
        ties = [
            (v, d)
            for _, v, d in graph.out_edges(node, data=True)
            if d.get("type") == "works_at" and graph.nodes[v].get("kind") == "organisation"
        ]
        if not ties:
            practice[node] = "unknown"
            continue
        running = [(str(d.get("since") or ""), v) for v, d in ties if active_at(d, at)]
        ended = [(str(d.get("until") or d.get("since") or ""), v) for v, d in ties]
        employer = max(running or ended)[1]
        practice[node] = practice[employer]
        if employer in sector:
            sector[node] = sector[employer]
    return practice, sector


def _span(attrs: Mapping[str, Any]) -> tuple[dt.date | None, dt.date | None]:
    """``(since, ended)`` of a tie or context; an activity with a ``date`` and no
    ``until`` ended on its date (and started on it, without a ``since``)."""
    since = _date(attrs.get("since"))
    ended = _date(attrs.get("until"))
    if attrs.get("kind") == "activity":
        since = since or _date(attrs.get("date"))
        ended = ended or _date(attrs.get("date"))
    return since, ended


def _latest(
    spans: list[tuple[dt.date | None, dt.date | None]],
) -> tuple[dt.date | None, dt.date | None]:
    """Of several ties to the same context, the one that runs longest."""
    if not spans:
        return None, None
    if any(ended is None for _, ended in spans):
        starts = [s for s, e in spans if e is None and s is not None]
        return (min(starts) if starts else None), None
    return max(spans, key=lambda span: span[1] or dt.date.min)


def _with_parents(context: str, parents: Mapping[str, set[str]]) -> set[str]:
    """The context and every context it is part of, however deep."""
    seen = {context}
    todo = [context]
    while todo:
        for parent in parents.get(todo.pop(), ()):
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return seen


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
                        "why": hop_reasons(pg, a, b, score),
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
    """Every absent tie for ``node``, ranked, with reasons.

    The candidates are the actors at most ``recommendation_cutoff`` hops away with no
    direct tie to ``node`` (one hop: they only share a network or activity). Each row
    has the ``potential`` the tie would have (no mechanism yet, activity
    ``recommendation_activity``) and the ``score`` it is ranked by.
    """
    _require_actor(pg, node, "recommendations are for people and organisations")
    hops = _hop_graph(pg)
    model = pg.model
    distance = nx.single_source_shortest_path_length(hops, node, cutoff=model.recommendation_cutoff)
    rows = []
    for other, hops_away in distance.items():
        hop = pg.hops.get(frozenset((node, other)))
        if other == node or (hop is not None and hop.ties):
            continue
        boundary = pg.boundary(node, other)
        shared = pg.shared_themes(node, other)
        themes = model.themes(shared)
        proximity = model.proximities[hops_away]
        would_be = model.score(
            boundary=boundary,
            mechanism=0.0,
            themes=themes,
            activity=model.recommendation_activity,
        )
        rows.append(
            {
                "id": other,
                "name": pg.name(other),
                "score": model.recommendation(
                    boundary=boundary, themes=themes, proximity=proximity
                ),
                "potential": would_be.total,
                "boundary": boundary,
                "themes": themes,
                "proximity": proximity,
                "hops": hops_away,
                "reasons": _reasons(pg, node, other, hops_away, boundary, shared),
                "why": recommendation_reasons(
                    pg,
                    node,
                    other,
                    hops_away,
                    boundary,
                    shared,
                    _meeting(pg, node, other, hops_away),
                ),
            }
        )
    rows.sort(key=lambda r: (-r["score"], r["id"]))
    meta = {"node": node, "name": pg.name(node), "candidates": len(rows)}
    return Result("recommendations", rows, meta)


def _reasons(
    pg: PotentialGraph,
    node: str,
    other: str,
    hops_away: int,
    boundary: float,
    shared: Mapping[str, bool],
) -> list[str]:
    """The boundary the tie would cross, the themes shared, and how they meet."""
    reasons = []
    if boundary > 0 and not pg.crossing(node, other, boundary).startswith("practice"):
        reasons.append("would " + pg.crossing(node, other, boundary).replace("crosses", "cross"))
    if shared:
        reasons.append("shares " + _listing("theme", [pg.name(t) for t in sorted(shared)]))
    if hops_away == 1:
        reasons.append("already meets in " + ", ".join(_meeting(pg, node, other, hops_away)))
    elif hops_away == 2:
        reasons.append("can be introduced by " + ", ".join(_meeting(pg, node, other, hops_away)))
    else:
        reasons.append(f"{hops_away} steps away")
    return reasons


def _meeting(pg: PotentialGraph, node: str, other: str, hops_away: int) -> list[str]:
    """The names of up to three contexts the two share (one hop) or of up to three
    actors who can introduce them (two hops); none farther away."""
    if hops_away == 1:
        return [pg.name(c) for c in sorted(pg.hops[frozenset((node, other))].contexts)[:3]]
    if hops_away == 2:
        hops = _hop_graph(pg)
        return [pg.name(b) for b in sorted(set(hops[node]) & set(hops[other]))[:3]]
    return []


def model_from_json(text: str, source: str = "weights") -> PotentialModel:
    """A :class:`PotentialModel` from JSON text (a file given with ``--weights``, or the
    API's ``weights``); ``ValueError`` naming ``source``, line and column, or each field
    and what is wrong with it."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{source}: line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    if not isinstance(data, dict):
        raise ValueError(f"{source}: expected a JSON object of the model's fields")
    try:
        return PotentialModel.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'model'}: "
            + e["msg"].removeprefix("Value error, ")
            for e in exc.errors()
        )
        raise ValueError(f"{source}: {problems}") from None
