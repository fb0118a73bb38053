"""Near-duplicate names: pairs of nodes of one kind an import should perhaps merge
(suggested, never merged silently).

Examples
--------
>>> a = Node(id="a", kind="organisation", name="ROC Midden-Nederland", workspace="w")
>>> b = Node(id="b", kind="organisation", name="ROC Midden Nederlnd", workspace="w")
>>> str(suggest_merges([a], [b])[0])
"organisation 'ROC Midden-Nederland' (a) looks like 'ROC Midden Nederlnd' (b), similarity 97%"
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from graph.model import Node, NodeKind, normalise
from graph.store.datatypes import NodeHead

__all__ = [
    "DID_YOU_MEAN_THRESHOLD",
    "MAX_SUGGESTIONS",
    "SUGGESTION_THRESHOLD",
    "WINDOW",
    "MergeSuggestion",
    "close_names",
    "likeliest_merges",
    "name_choices",
    "new_names",
    "suggest_merges",
]

#: names at least this similar (rapidfuzz ratio, 0-100) but not equal are reported
SUGGESTION_THRESHOLD = 90.0
WINDOW = 8  # neighbours each name is compared with, in each sort order
#: names at least this similar to a name that names no node are offered instead
DID_YOU_MEAN_THRESHOLD = 75.0
#: the likeliest suggestions an import shows (the report counts the rest)
MAX_SUGGESTIONS = 200


@dataclass(frozen=True)
class MergeSuggestion:
    """Two nodes of one kind whose names are nearly the same."""

    kind: NodeKind
    first: str
    first_name: str
    second: str
    second_name: str
    score: float
    #: how many ties of the import the two nodes have together (the rank's second key)
    ties: int = 0

    def __str__(self) -> str:
        return (
            f"{self.kind} {self.first_name!r} ({self.first}) looks like "
            f"{self.second_name!r} ({self.second}), similarity {self.score:.0f}%"
        )


def suggest_merges(
    incoming: Iterable[Node],
    stored: Iterable[Node | NodeHead],
    *,
    threshold: float = SUGGESTION_THRESHOLD,
    ties: Mapping[str, int] | None = None,
    new: Collection[str] | None = None,
) -> list[MergeSuggestion]:
    """Pairs of nodes of one kind whose normalised names are nearly or exactly equal,
    likeliest first: by similarity, then by how many ties (``ties``: per node id, e.g.
    the import's) the two nodes have together, so that of equally similar pairs the
    one that matters most to the network comes first. Only pairs with an incoming node
    are found, and with ``new`` only pairs with one of those ids (the incoming nodes
    whose names are new: a pair of names that were both stored was suggested before).

    The sorted-neighbourhood method (Hernández & Stolfo 1995): names are sorted, and
    each is compared with the next :data:`WINDOW` names; then again with the names
    sorted from their last letter, so that a typo at the start is caught too. The
    cost is linear in the number of names, so it runs on national-scale imports.

    >>> a = Node(id="a", kind="organisation", name="ROC Midden-Nederland", workspace="w")
    >>> b = Node(id="b", kind="organisation", name="ROC Midden Nederlnd", workspace="w")
    >>> [s.second for s in suggest_merges([a], [b])]
    ['b']
    >>> suggest_merges([a], [b], new=[])
    []
    """
    likeliest, _ = likeliest_merges(
        incoming, stored, threshold=threshold, ties=ties, new=new, limit=None
    )
    return likeliest


def likeliest_merges(
    incoming: Iterable[Node],
    stored: Iterable[Node | NodeHead],
    *,
    threshold: float = SUGGESTION_THRESHOLD,
    ties: Mapping[str, int] | None = None,
    new: Collection[str] | None = None,
    limit: int | None = MAX_SUGGESTIONS,
) -> tuple[list[MergeSuggestion], int]:
    """The first ``limit`` of :func:`suggest_merges` (all with ``None``) and how many it
    finds in all; only the ones shown are made into :class:`MergeSuggestion`.

    >>> a = Node(id="a", kind="theme", name="Flexibel onderwijs", workspace="w")
    >>> b = Node(id="b", kind="theme", name="Flexibel onderwys", workspace="w")
    >>> c = Node(id="c", kind="theme", name="Flexibel onderwijs.", workspace="w")
    >>> shown, found = likeliest_merges([a, b, c], [], limit=1)
    >>> [(s.first, s.second, s.score) for s in shown], found
    ([('a', 'c', 100.0)], 3)
    """
    incoming = list(incoming)
    focus = {n.id for n in incoming} if new is None else set(new)
    if not focus:
        return [], 0
    pool: dict[str, Node | NodeHead] = {}
    for node in (*stored, *incoming):
        pool[node.id] = node
    by_kind: dict[NodeKind, list[tuple[str, str]]] = defaultdict(list)
    for node in pool.values():
        if node.kind is NodeKind.SOURCE:
            continue
        norm = normalise(node.name)
        if len(norm) >= 4:
            by_kind[node.kind].append((norm, node.id))
    found: dict[tuple[str, str], float] = {}
    for entries in by_kind.values():
        for reverse in (False, True):
            order = sorted(entries, key=(lambda e: e[0][::-1]) if reverse else (lambda e: e))
            names = [e[0] for e in order]
            ids = [e[1] for e in order]
            for k in range(1, min(WINDOW, len(names) - 1) + 1):
                scores = process.cpdist(
                    names[:-k],
                    names[k:],
                    scorer=fuzz.ratio,
                    score_cutoff=threshold,
                    dtype=np.uint8,
                    workers=-1,
                )
                hits = np.nonzero(scores)[0]
                # as Python ints and floats: numpy's scalars are slow to index and compare
                for i, score in zip(hits.tolist(), scores[hits].tolist(), strict=True):
                    first, second = ids[i], ids[i + k]
                    if first in focus or second in focus:
                        pair = (first, second) if first < second else (second, first)
                        found[pair] = max(found.get(pair, 0.0), float(score))
    degree = ties or {}

    def rank(item: tuple[tuple[str, str], float]) -> tuple[float, int, str, str]:
        (a, b), score = item
        return -score, -(degree.get(a, 0) + degree.get(b, 0)), a, b

    items = found.items()
    ranked = sorted(items, key=rank) if limit is None else heapq.nsmallest(limit, items, key=rank)
    out = [
        MergeSuggestion(
            pool[a].kind,
            a,
            pool[a].name,
            b,
            pool[b].name,
            score,
            degree.get(a, 0) + degree.get(b, 0),
        )
        for (a, b), score in ranked
    ]
    return out, len(found)


def new_names(nodes: Iterable[Node], stored: Mapping[str, Node | NodeHead]) -> list[str]:
    """The ids of ``nodes`` whose names are new (``stored``: the stored nodes by id): not
    stored, or stored under another normalised name.

    >>> a = Node(id="a", kind="theme", name="LLO", workspace="w")
    >>> new_names([a, a.model_copy(update={"id": "b"})], {"a": a})
    ['b']
    """
    return [
        n.id
        for n in nodes
        if n.id not in stored or normalise(stored[n.id].name) != normalise(n.name)
    ]


def name_choices(nodes: Iterable[Node]) -> dict[str, str]:
    """Every name and alias of ``nodes``, normalised, mapped to how it is written: what
    :func:`close_names` chooses from (made once for many look-ups)."""
    choices: dict[str, str] = {}
    for node in nodes:
        for name in (node.name, *node.aliases):
            choices.setdefault(normalise(name), name)
    return choices


def close_names(
    text: str, choices: dict[str, str], *, limit: int = 3, threshold: float = DID_YOU_MEAN_THRESHOLD
) -> list[str]:
    """The names among ``choices`` (:func:`name_choices`) most like ``text``, best first,
    for a "did you mean …?" beside a name that names no node.

    >>> a = Node(id="a", kind="organisation", name="ROC Midden-Nederland", workspace="w")
    >>> b = Node(id="b", kind="theme", name="Flexibel onderwijs", workspace="w")
    >>> close_names("roc midden nederlnd", name_choices([a, b]))
    ['ROC Midden-Nederland']
    """
    found = process.extract(
        normalise(text), list(choices), scorer=fuzz.ratio, score_cutoff=threshold, limit=limit
    )
    return [choices[match] for match, _score, _index in found]
