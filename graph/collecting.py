"""Pausing Python's cycle collector while a burst of new, acyclic objects is made (a
graph loaded from rows or a snapshot, the rows of an analysis): it would scan them again
and again for cycles they do not have."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["cycle_collection_paused"]


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
        if collecting:
            gc.enable()
