"""Values computed once per live object (a workspace graph, an igraph graph of a view)
and a key, dropped when the object is freed, and — when given a budget — the least
recently used dropped first once their estimated size passes it: the views analyses
share, what closeness and harmonic share (one distance pass), what the workers are sent.

:func:`approximate_size` estimates what a value holds (sampling large containers), so
that a budget is in bytes, not in entries: one view of a big graph weighs what a
thousand of a small one do.

Examples
--------
>>> class Graph:  # any object that can be weakly referenced
...     pass
>>> memo: PerObject[int] = PerObject()
>>> g = Graph()
>>> memo.get(g, "size") is None
True
>>> memo.put(g, "size", 3)
>>> memo.get(g, "size")
3
>>> del g  # freed: its values go with it
>>> len(memo)
0
>>> small: PerObject[bytes] = PerObject(max_bytes=250, size=len)
>>> h = Graph()
>>> for key in "abc":
...     small.put(h, key, b"x" * 100)
>>> [small.get(h, k) is not None for k in "abc"], small.bytes
([False, True, True], 200)
"""

from __future__ import annotations

import sys
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from itertools import islice
from typing import Any, Generic, TypeVar

__all__ = ["VIEWS", "PerObject", "approximate_size", "limit_views"]

T = TypeVar("T")


class PerObject(Generic[T]):
    """Values by (live object, key); thread-safe.

    An entry is found by the object's ``id`` and checked to be that very object (an
    ``id`` can be reused once an object is freed); a finaliser drops the object's values
    when it goes. With ``max_bytes``, values are weighed by ``size`` (default
    :func:`approximate_size`) and the least recently used go first while the total is
    over it (never the value just put).
    """

    def __init__(
        self, max_bytes: int | None = None, size: Callable[[Any], int] | None = None
    ) -> None:
        self._entries: dict[int, tuple[weakref.ref[Any], dict[Hashable, T]]] = {}
        self._lock = threading.Lock()
        self.max_bytes = max_bytes
        self._size = size or approximate_size
        #: (owner id, key) -> bytes, least recently used first (only with a budget)
        self._order: OrderedDict[tuple[int, Hashable], int] = OrderedDict()
        self.bytes = 0

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, owner: Any, key: Hashable) -> T | None:
        """The value kept for ``owner`` and ``key``, or ``None``."""
        with self._lock:
            entry = self._entries.get(id(owner))
            if entry is not None and entry[0]() is owner and key in entry[1]:
                if (id(owner), key) in self._order:
                    self._order.move_to_end((id(owner), key))
                return entry[1][key]
        return None

    def put(self, owner: Any, key: Hashable, value: T) -> None:
        """Keep ``value`` for ``owner`` and ``key`` while ``owner`` lives (and, with a
        budget, while it is not the least recently used over the budget)."""
        weight = self._size(value) if self.max_bytes is not None else 0
        with self._lock:
            entry = self._entries.get(id(owner))
            if entry is None or entry[0]() is not owner:
                if entry is not None:  # an earlier owner of this id, freed
                    self._forget(id(owner))
                entry = (weakref.ref(owner), {})
                self._entries[id(owner)] = entry
                weakref.finalize(owner, self._gone, id(owner), entry[0])
            entry[1][key] = value
            if self.max_bytes is None:
                return
            self.bytes += weight - self._order.pop((id(owner), key), 0)
            self._order[(id(owner), key)] = weight
            while self.bytes > self.max_bytes and len(self._order) > 1:
                (owner_id, oldest), freed = self._order.popitem(last=False)
                self.bytes -= freed
                values = self._entries.get(owner_id)
                if values is not None:
                    values[1].pop(oldest, None)

    def _gone(self, owner_id: int, ref: weakref.ref[Any]) -> None:
        with self._lock:
            entry = self._entries.get(owner_id)
            if entry is not None and entry[0] is ref:
                self._forget(owner_id)

    def _forget(self, owner_id: int) -> None:
        entry = self._entries.pop(owner_id, None)
        for key in entry[1] if entry is not None else ():
            self.bytes -= self._order.pop((owner_id, key), 0)


#: containers longer than this are weighed by a sample of their items
_SAMPLE = 16
_DEPTH = 6


def approximate_size(value: Any) -> int:
    """About how many bytes ``value`` holds, with what it refers to.

    Containers longer than a few items are weighed by a sample (so a graph of a million
    ties costs milliseconds, not seconds), objects reached twice are counted once; a
    networkx graph by its dicts, an igraph graph by its vertices and edges, a numpy
    array by its buffer. Within a factor of about two of what ``tracemalloc`` counts.

    Parameters
    ----------
    value : object
        Anything: a graph, a view, an analysis result.

    Returns
    -------
    int
        The estimate, in bytes.

    Examples
    --------
    >>> approximate_size(b"x" * 1000) >= 1000
    True
    >>> import networkx as nx
    >>> approximate_size(nx.path_graph(2000)) > 10 * approximate_size(nx.path_graph(100))
    True
    """
    return _weigh(value, _DEPTH, set())


def _weigh(value: Any, depth: int, seen: set[int]) -> int:
    if id(value) in seen or value is None or isinstance(value, bool | int | float):
        return 0
    seen.add(id(value))
    size = sys.getsizeof(value, 64)
    if depth == 0 or isinstance(value, str | bytes | bytearray):
        return size
    nbytes = getattr(value, "nbytes", None)
    if isinstance(nbytes, int):  # a numpy array
        return size + nbytes
    if hasattr(value, "vcount") and hasattr(value, "ecount"):  # an igraph graph
        return size + 200 * value.vcount() + 100 * value.ecount()
    if isinstance(value, dict):
        count = len(value)
        sample: list[Any] = [part for pair in islice(value.items(), _SAMPLE) for part in pair]
    elif isinstance(value, list | tuple):
        count = len(value)
        sample = list(value[:: max(1, count // _SAMPLE)][:_SAMPLE])
    elif isinstance(value, set | frozenset):
        count = len(value)
        sample = list(islice(value, _SAMPLE))
    elif hasattr(value, "__dict__") or hasattr(value, "__slots__"):
        fields = [v for k, v in getattr(value, "__dict__", {}).items() if not k.startswith("__")]
        fields += [getattr(value, n, None) for n in getattr(type(value), "__slots__", ())]
        return size + sum(_weigh(f, depth, seen) for f in fields)
    else:
        return size
    if not sample:
        return size
    weighed = sum(_weigh(item, depth - 1, seen) for item in sample)
    parts = len(sample) // 2 if isinstance(value, dict) else len(sample)
    return size + weighed * count // max(parts, 1)


#: Views already built, by the workspace graph they come from (dropped with it) and
#: what shaped them: the analyses of one workspace version share them. Bounded in
#: bytes (least recently used first), or every filter a client names (each date of
#: ``at``) would keep a copy of the graph for as long as the graph lives.
VIEWS: PerObject[Any] = PerObject(max_bytes=128 * 1024 * 1024)


def limit_views(max_bytes: int) -> None:
    """Bound the views kept for all workspace graphs of this process together.

    Parameters
    ----------
    max_bytes : int
        The budget (``GRENSWERK_CACHE_MB``); the least recently used views go first.

    Returns
    -------
    None

    Examples
    --------
    >>> before = VIEWS.max_bytes
    >>> limit_views(64 * 1024 * 1024)
    >>> VIEWS.max_bytes // 1024 // 1024
    64
    >>> limit_views(before)
    """
    VIEWS.max_bytes = max_bytes
