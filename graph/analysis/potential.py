"""Learning potential of ties: the actors of a view, the hops between them (direct ties,
shared networks and activities) and each hop's potential and explanation. The model,
its defaults and its sources are in ``docs/learning-potential.md`` and
:mod:`graph.analysis.potential_model`; paths are in :mod:`graph.analysis.paths`,
recommendations in :mod:`graph.analysis.recommend`.

Examples
--------
>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("roc", kind="organisation", name="ROC", org_type="school")
>>> g.add_node("bouwbedrijf", kind="organisation", name="Bouwbedrijf", org_type="company")
>>> _ = g.add_edge("roc", "bouwbedrijf", type="partners_with")
>>> pg = PotentialGraph(g)
>>> pg.hop_score("bouwbedrijf", "roc").boundary
1.0
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np

from graph.analysis.potential_model import COMPONENTS, PotentialModel, Score, model_from_json
from graph.analysis.result import Result
from graph.analysis.subgraphs import (
    ACTOR_KINDS,
    CONTEXT_KINDS,
    _date,
    active_at,
)

__all__ = [
    # the model, re-exported for a transition: import it from potential_model
    "COMPONENTS",
    "Hop",
    "PotentialGraph",
    "PotentialModel",
    "Score",
    "model_from_json",
    "practices",
    "tie_potentials",
]


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
        self._names: dict[str, str] = {}
        kinds = {node: data.get("kind") for node, data in graph.nodes(data=True)}
        for u, v, data in _edges(graph):
            ku, kv = kinds[u], kinds[v]
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
        found = self._names.get(node)
        if found is None:
            found = self._names[node] = str(self.graph.nodes[node].get("name", node))
        return found

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

    def explain(
        self,
        a: str,
        b: str,
        score: Score | None = None,
        spans: list[tuple[dt.date | None, dt.date | None]] | None = None,
    ) -> str:
        """A sentence a manager can read: what the hop crosses, via what, how deep,
        since when (``spans``: :meth:`spans` of the hop, when already known)."""
        score = score or self.hop_score(a, b)
        parts = [f"{self.name(a)} → {self.name(b)}:", self.crossing(a, b, score.boundary)]
        shared = self.shared_themes(a, b)
        if shared:
            themes = [t for t, bo in shared.items() if not bo]
            objects = [t for t, bo in shared.items() if bo]
            said = []
            if themes:
                said.append(listing("theme", [self.name(t) for t in sorted(themes)]))
            if objects:
                said.append(listing("boundary object", [self.name(t) for t in sorted(objects)]))
            parts.append("via " + " and ".join(said))
        hop = self.hops.get(frozenset((a, b)), Hop())
        if hop.contexts:
            parts.append("through " + ", ".join(self.name(c) for c in sorted(hop.contexts)[:3]))
        mechanism = _mechanism_name(self.model, score.mechanism)
        parts.append(
            f"at the level of {mechanism}" if mechanism else "no learning mechanism recorded"
        )
        parts.append(self._when(a, b, spans))
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

    def _when(
        self, a: str, b: str, spans: list[tuple[dt.date | None, dt.date | None]] | None = None
    ) -> str:
        """``running since 2017`` (the earliest start of what still runs), ``running``,
        or ``ended in 2019`` (the latest end)."""
        spans = self.spans(a, b) if spans is None else spans
        running = [since for since, ended in spans if ended is None or ended >= self.at]
        if running:
            starts = [s for s in running if s is not None]
            return f"running since {min(starts).year}" if starts else "running"
        ends = [ended for _, ended in spans if ended is not None]
        return f"ended in {max(ends).year}" if ends else "running"


def _edges(graph: nx.MultiDiGraph) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """``graph.edges(data=True)`` of a multigraph in its order, read from the adjacency
    dicts (the same attribute dicts, not copies)."""
    if not graph.is_multigraph():
        yield from graph.edges(data=True)
        return
    for u, neighbours in graph._adj.items():
        for v, keyed in neighbours.items():
            for data in keyed.values():
                yield u, v, data


def practices(graph: nx.MultiDiGraph, at: dt.date) -> tuple[dict[str, str], dict[str, str]]:
    """Each actor's practice and sector.

    A person's are those of their employer (``works_at``): a tie running on ``at``
    first (the latest ``since`` if several), else the one that ended last.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A workspace graph or a view of it.
    at : datetime.date
        The day whose employers count.

    Returns
    -------
    tuple of (dict, dict)
        The practice (``org_type``, ``unknown`` where there is none) of every actor, and
        the sector of those that have one (left out where none is recorded).

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("ann", kind="person")
    >>> g.add_node("roc", kind="organisation", org_type="school", sector="bouw")
    >>> _ = g.add_edge("ann", "roc", type="works_at")
    >>> practices(g, dt.date(2024, 1, 1))
    ({'roc': 'school', 'ann': 'school'}, {'roc': 'bouw', 'ann': 'bouw'})
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


def listing(label: str, names: list[str]) -> str:
    shown = names[:3]
    more = f" and {len(names) - 3} more" if len(names) > 3 else ""
    plural = "s" if len(names) > 1 else ""
    return f"{label}{plural} " + ", ".join(shown) + more


def _mechanism_name(model: PotentialModel, value: float) -> str | None:
    for name, score in model.mechanism_scores.items():
        if value and abs(score - value) < 1e-9:
            return name
    return None


Span = tuple[dt.date | None, dt.date | None]


@dataclass
class HopTable:
    """Every hop of a :class:`PotentialGraph` scored at once: ``pairs[i]`` (the two ends
    in sorted order) has the components ``total[i]``, ``boundary[i]``… and ``spans[i]``
    (:meth:`PotentialGraph.spans`)."""

    pairs: list[tuple[str, str]]
    total: np.ndarray
    boundary: np.ndarray
    mechanism: np.ndarray
    themes: np.ndarray
    activity: np.ndarray
    spans: list[list[Span]]

    def score(self, i: int) -> Score:
        return Score(
            float(self.total[i]),
            float(self.boundary[i]),
            float(self.mechanism[i]),
            float(self.themes[i]),
            float(self.activity[i]),
        )


class _Memo:
    """What many hops share, computed once: the spans and mechanisms of ties and of
    an actor's ties to a context, and the model's values of a few repeated keys."""

    def __init__(self, pg: PotentialGraph) -> None:
        self.pg = pg
        self.tie_spans: dict[tuple[Any, ...], Span] = {}
        self.end_spans: dict[tuple[str, str], Span] = {}
        self.end_mechanisms: dict[tuple[str, str], float | None] = {}
        self.context_spans: dict[str, Span] = {}
        self.values: dict[tuple[object, ...], float] = {}

    def tie_span(self, tie: dict[str, Any]) -> Span:
        """:func:`_span` of a tie, once per distinct dates (what :func:`_span` reads)."""
        key = (tie.get("since"), tie.get("until"), tie.get("kind"), tie.get("date"))
        try:
            found = self.tie_spans.get(key)
        except TypeError:  # a value that is no date or text: not kept
            return _span(tie)
        if found is None:
            found = self.tie_spans[key] = _span(tie)
        return found

    def end_span(self, end: str, context: str) -> Span:
        key = (end, context)
        if key not in self.end_spans:
            ties = self.pg.context_ties.get(key, [])
            self.end_spans[key] = _latest([self.tie_span(t) for t in ties])
        return self.end_spans[key]

    def end_mechanism(self, end: str, context: str) -> float | None:
        """The deepest mechanism of ``end``'s ties to ``context`` (None: no ties)."""
        key = (end, context)
        if key not in self.end_mechanisms:
            ties = self.pg.context_ties.get(key, [])
            scores = self.pg.model.mechanism_scores
            self.end_mechanisms[key] = max(
                (scores.get(t.get("mechanism") or "", 0.0) for t in ties), default=None
            )
        return self.end_mechanisms[key]

    def spans(self, a: str, b: str, hop: Hop) -> list[Span]:
        """As :meth:`PotentialGraph.spans`."""
        out = [self.tie_span(t) for t in hop.ties]
        for context in hop.contexts:
            if context not in self.context_spans:
                self.context_spans[context] = _span(self.pg.graph.nodes[context])
            parts = [self.context_spans[context], self.end_span(a, context)]
            parts.append(self.end_span(b, context))
            starts = [s for s, _ in parts if s is not None]
            ends = [e for _, e in parts if e is not None]
            out.append((max(starts) if starts else None, min(ends) if ends else None))
        return out


def _components(memo: _Memo, a: str, b: str, hop: Hop, spans: list[Span]) -> tuple[float, ...]:
    """boundary, mechanism, themes and activity of one hop, as :meth:`hop_score`."""
    pg, model, values = memo.pg, memo.pg.model, memo.values
    scores = model.mechanism_scores
    mechanisms = [scores.get(t.get("mechanism") or "", 0.0) for t in hop.ties]
    for context in hop.contexts:
        for end in (a, b):
            deepest = memo.end_mechanism(end, context)
            if deepest is not None:
                mechanisms.append(deepest)
    recency = 1.0
    if spans:
        recencies = []
        for _, ended in spans:
            found = values.get(("recency", ended))
            if found is None:
                found = values[("recency", ended)] = model.recency(ended, pg.at)
            recencies.append(found)
        recency = max(recencies)
    frequencies = [
        float(value)
        for t in hop.ties
        if (value := t.get("frequency") or t.get("strength")) is not None
    ]
    frequency = max(frequencies) if frequencies else None
    key: tuple[object, ...] = ("activity", recency, frequency)
    activity = values.get(key)
    if activity is None:
        activity = values[key] = model.activity(recency, frequency)
    key = ("boundary", pg.practice.get(a, "unknown"), pg.sector.get(a))
    key += (pg.practice.get(b, "unknown"), pg.sector.get(b))
    boundary = values.get(key)
    if boundary is None:
        boundary = values[key] = model.boundary(*key[1:])
    theirs = pg.themes.get(b)
    key = ("themes",)
    if theirs:
        key += tuple(bo for t, bo in pg.themes.get(a, {}).items() if t in theirs)
    themes = values.get(key)
    if themes is None:
        themes = values[key] = model.themes(dict(enumerate(key[1:])))  # type: ignore[arg-type]
    return boundary, max(mechanisms, default=0.0), themes, activity


def score_hops(pg: PotentialGraph) -> HopTable:
    """Every hop's potential and components, equal to :meth:`PotentialGraph.hop_score`
    hop by hop: what hops share is computed once (:class:`_Memo`), the weighted sum for
    all hops at once with numpy, in the same order of operations as
    :meth:`PotentialModel.score`.

    Parameters
    ----------
    pg : PotentialGraph
        The actors of a view and the hops between them.

    Returns
    -------
    HopTable
        The hops in the order of ``pg.hops``, with their components and spans.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("roc", kind="organisation", name="ROC", org_type="school")
    >>> g.add_node("bouw", kind="organisation", name="Bouwbedrijf", org_type="company")
    >>> _ = g.add_edge("roc", "bouw", type="partners_with")
    >>> pg = PotentialGraph(g, at=dt.date(2024, 1, 1))
    >>> score_hops(pg).score(0) == pg.hop_score("bouw", "roc")
    True
    """
    memo = _Memo(pg)
    pairs: list[tuple[str, str]] = []
    spans: list[list[Span]] = []
    parts = np.zeros((4, len(pg.hops)))
    for i, (key, hop) in enumerate(pg.hops.items()):
        a, b = sorted(key)
        pairs.append((a, b))
        spans.append(memo.spans(a, b, hop))
        parts[:, i] = _components(memo, a, b, hop, spans[-1])
    boundary, mechanism, themes, activity = parts
    w = pg.model.weights
    # as PotentialModel.score: sum(w[k] * v for k, v in parts.items()) / _total(w)
    total = (
        w["boundary"] * boundary
        + w["mechanism"] * mechanism
        + w["themes"] * themes
        + w["activity"] * activity
    ) / sum(w.values())
    return HopTable(pairs, total, boundary, mechanism, themes, activity, spans)


def _table(pg: PotentialGraph) -> HopTable:
    """The hops scored, once per PotentialGraph."""
    table: HopTable | None = getattr(pg, "_table", None)
    if table is None:
        table = score_hops(pg)
        pg._table = table  # type: ignore[attr-defined]
    return table


def tie_potentials(pg: PotentialGraph) -> Result:
    """Every hop between two actors with its potential and explanation, best first.

    Parameters
    ----------
    pg : PotentialGraph
        The actors of a view and the hops between them.

    Returns
    -------
    Result
        ``potential``: a row per hop with ``source``, ``target``, their names, the
        ``potential``, its four components (``boundary``, ``mechanism``, ``themes``,
        ``activity``) and an ``explanation``; ``meta`` holds the number of ``hops``, the
        date ``at`` and the ``weights``.

    References
    ----------
    .. [1] Akkerman, S. F. and Bakker, A. (2011). Boundary crossing and boundary objects.
       *Review of Educational Research* 81(2), 132–169.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("roc", kind="organisation", name="ROC", org_type="school")
    >>> g.add_node("bouw", kind="organisation", name="Bouwbedrijf", org_type="company")
    >>> _ = g.add_edge("roc", "bouw", type="partners_with")
    >>> row = tie_potentials(PotentialGraph(g, at=dt.date(2024, 1, 1))).rows[0]
    >>> row["source"], row["target"], row["boundary"]
    ('bouw', 'roc', 1.0)
    """
    table = _table(pg)
    rank = {node: i for i, node in enumerate(sorted({n for pair in table.pairs for n in pair}))}
    firsts = np.array([rank[a] for a, _ in table.pairs], dtype=np.int64)
    seconds = np.array([rank[b] for _, b in table.pairs], dtype=np.int64)
    order: list[int] = np.lexsort((seconds, firsts, -table.total)).tolist()
    explanations = explain_hops(pg, table, order)
    columns = [
        getattr(table, part)[order].tolist()
        for part in ("total", "boundary", "mechanism", "themes", "activity")
    ]
    label = {node: pg.name(node) for node in rank}
    pairs = table.pairs
    rows: list[dict[str, Any]] = []
    for i, total, boundary, mechanism, themes, activity, explanation in zip(
        order, *columns, explanations, strict=True
    ):
        a, b = pairs[i]
        rows.append(
            {
                "source": a,
                "source_name": label[a],
                "target": b,
                "target_name": label[b],
                "potential": total,
                "boundary": boundary,
                "mechanism": mechanism,
                "themes": themes,
                "activity": activity,
                "explanation": explanation,
            }
        )
    meta = {"hops": len(rows), "at": pg.at.isoformat(), "weights": dict(pg.model.weights)}
    return Result("potential", rows, meta)


def explain_hops(pg: PotentialGraph, table: HopTable, order: list[int]) -> list[str]:
    """:meth:`PotentialGraph.explain` of the hops ``order`` (indices into ``table``), the
    same sentences, with what many hops share (crossings, mechanism names) worded once.

    Parameters
    ----------
    pg : PotentialGraph
        The actors of a view and the hops between them.
    table : HopTable
        Its hops scored (:func:`score_hops`).
    order : list of int
        The hops to explain, in the order wanted.

    Returns
    -------
    list of str
        One sentence per hop of ``order``.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("roc", kind="organisation", name="ROC", org_type="school")
    >>> g.add_node("bouw", kind="organisation", name="Bouwbedrijf", org_type="company")
    >>> _ = g.add_edge("roc", "bouw", type="partners_with", since="2017-03-01")
    >>> pg = PotentialGraph(g, at=dt.date(2024, 1, 1))
    >>> print(explain_hops(pg, score_hops(pg), [0])[0].replace(", ", ",\\n"))
    Bouwbedrijf → ROC: crosses company→school,
    no learning mechanism recorded,
    running since 2017
    """
    name, at, themes = pg.name, pg.at, pg.themes
    hops = list(pg.hops.values())
    boundaries, mechanisms = table.boundary.tolist(), table.mechanism.tolist()
    ends = {n for pair in table.pairs for n in pair}
    label = {n: name(n) for n in ends}
    side = {n: (pg.practice.get(n), pg.sector.get(n)) for n in ends}
    crossings: dict[tuple[object, ...], str] = {}
    levels: dict[float, str] = {}
    out = []
    for i in order:
        a, b = table.pairs[i]
        boundary = boundaries[i]
        key = (side[a], side[b], boundary > 0)
        crossing = crossings.get(key)
        if crossing is None:
            crossing = crossings[key] = pg.crossing(a, b, boundary)
        parts = [crossing]
        mine, theirs = themes.get(a), themes.get(b)
        if mine and theirs:
            shared = {t: bo for t, bo in mine.items() if t in theirs}
            if shared:
                parts.append(_via(name, shared))
        contexts = hops[i].contexts
        if contexts:
            parts.append("through " + ", ".join(name(c) for c in sorted(contexts)[:3]))
        level = levels.get(mechanisms[i])
        if level is None:
            mechanism = _mechanism_name(pg.model, mechanisms[i])
            level = (
                f"at the level of {mechanism}" if mechanism else "no learning mechanism recorded"
            )
            levels[mechanisms[i]] = level
        parts.append(level)
        parts.append(_when_spans(table.spans[i], at))
        out.append(f"{label[a]} → {label[b]}: " + ", ".join(parts))
    return out


_NO_MECHANISM = "no learning mechanism recorded"


def _via(name: Any, shared: dict[str, bool]) -> str:
    """``via theme(s) …`` and/or ``boundary object(s) …``, as :meth:`PotentialGraph.explain`."""
    themes = [t for t, bo in shared.items() if not bo]
    objects = [t for t, bo in shared.items() if bo]
    said = []
    if themes:
        said.append(listing("theme", [name(t) for t in sorted(themes)]))
    if objects:
        said.append(listing("boundary object", [name(t) for t in sorted(objects)]))
    return "via " + " and ".join(said)


def _when_spans(spans: list[Span], at: dt.date) -> str:
    """:meth:`PotentialGraph._when` of known spans."""
    if len(spans) == 1:  # the common case, worded without lists
        since, ended = spans[0]
        if ended is None or ended >= at:
            return f"running since {since.year}" if since is not None else "running"
        return f"ended in {ended.year}"
    running = [since for since, ended in spans if ended is None or ended >= at]
    if running:
        starts = [s for s in running if s is not None]
        return f"running since {min(starts).year}" if starts else "running"
    ends = [ended for _, ended in spans if ended is not None]
    return f"ended in {max(ends).year}" if ends else "running"


def hop_graph(pg: PotentialGraph) -> nx.Graph:
    """The actors and their hops with potential and path cost (built once per
    PotentialGraph)."""
    if pg.hop_graph is not None:
        return pg.hop_graph
    table = _table(pg)
    hops = nx.Graph()
    hops.add_nodes_from(pg.actors)
    penalty = pg.model.hop_penalty
    hops.add_edges_from(
        (a, b, {"potential": total, "cost": 1.0 - total + penalty})
        for (a, b), total in zip(table.pairs, table.total.tolist(), strict=True)
    )
    pg.hop_graph = hops
    return hops


def require_actor(pg: PotentialGraph, node: str, why: str) -> None:
    """KeyError for a node that is not there, ValueError for one that is no actor."""
    if node not in pg.graph:
        raise KeyError(f"no node {node!r}")
    if pg.graph.nodes[node].get("kind") not in ACTOR_KINDS:
        raise ValueError(f"{pg.name(node)!r} is a {pg.graph.nodes[node].get('kind')}; {why}")
