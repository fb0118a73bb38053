"""Values computed once per live object (an igraph graph of a view) and a key, dropped
when the object is freed: what closeness and harmonic share (one distance pass) and
what the workers are sent (the graph as arrays).

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
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Hashable
from typing import Any, Generic, TypeVar

__all__ = ["PerObject"]

T = TypeVar("T")


class PerObject(Generic[T]):
    """Values by (live object, key); thread-safe.

    An entry is found by the object's ``id`` and checked to be that very object (an
    ``id`` can be reused once an object is freed); a finaliser drops the object's values
    when it goes.
    """

    def __init__(self) -> None:
        self._entries: dict[int, tuple[weakref.ref[Any], dict[Hashable, T]]] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, owner: Any, key: Hashable) -> T | None:
        """The value kept for ``owner`` and ``key``, or ``None``."""
        with self._lock:
            entry = self._entries.get(id(owner))
            if entry is not None and entry[0]() is owner:
                return entry[1].get(key)
        return None

    def put(self, owner: Any, key: Hashable, value: T) -> None:
        """Keep ``value`` for ``owner`` and ``key`` while ``owner`` lives."""
        with self._lock:
            entry = self._entries.get(id(owner))
            if entry is None or entry[0]() is not owner:
                entry = (weakref.ref(owner), {})
                self._entries[id(owner)] = entry
                weakref.finalize(owner, self._entries.pop, id(owner), None)
            entry[1][key] = value
