"""Pausing Python's cycle collector while a burst of new, acyclic objects is made (a
graph loaded from rows or a snapshot, the rows of an analysis): it would scan them again
and again for cycles they do not have.

A process may also freeze what such a burst made (:func:`freeze_bursts`, on for every
console command and so for ``grenswerk serve``): the collector then never scans those
objects at all (on a 10 000-node graph a third of a second of ``grenswerk stats``; on
100 000 nodes most of the first request's time). A frozen object in a cycle is never
collected: costless in a process that ends after its one command; a holder that drops
what it loaded (the analysis cache dropping a graph) hands the frozen objects back to
the collector (:func:`release_frozen`), so a server collects the graphs it drops."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["cycle_collection_paused", "freeze_bursts", "release_frozen"]

_FREEZE = False


def freeze_bursts(on: bool = True) -> None:
    """Freeze (``gc.freeze``) the objects alive at the end of every paused block from
    now on: for a process that ends after one command.

    Examples
    --------
    >>> import gc
    >>> freeze_bursts()
    >>> with cycle_collection_paused():
    ...     made = [{"n": i} for i in range(3)]
    >>> gc.get_freeze_count() > 0
    True
    >>> freeze_bursts(False); gc.unfreeze()
    """
    global _FREEZE
    _FREEZE = on


def release_frozen() -> None:
    """Hand every frozen object back to the collector (``gc.unfreeze``): a holder dropped
    something a burst made; the collector may now collect it with the rest.

    Examples
    --------
    >>> import gc
    >>> gc.freeze(); release_frozen(); gc.get_freeze_count()
    0
    """
    if gc.get_freeze_count():
        gc.unfreeze()


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Disable the cycle collector inside the block; afterwards it is as it was found.

    Examples
    --------
    >>> import gc
    >>> with cycle_collection_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if _FREEZE:
            gc.freeze()
        if collecting:
            gc.enable()
