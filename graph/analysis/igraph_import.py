"""igraph, imported without matplotlib.

igraph's drawing modules import ``matplotlib.pyplot`` when it is installed, on
``import igraph``: more than a second of a console command's start (igraph alone takes a
tenth of that). The analyses never draw with igraph, so the first import here hides
matplotlib from igraph (which then uses its stand-in for drawing); matplotlib itself is
untouched and imports as usual for the charts and maps that use it. The interpreter's
import lock is held meanwhile, so no other thread's import can see matplotlib hidden.

Examples
--------
>>> ig.Graph([(0, 1)]).vcount()
2
"""

from __future__ import annotations

import _imp
import sys
from typing import Any

__all__ = ["ig"]


def _load() -> Any:
    if "igraph" in sys.modules or "matplotlib" in sys.modules:
        import igraph

        return igraph
    _imp.acquire_lock()
    try:
        sys.modules["matplotlib"] = None  # type: ignore[assignment]  # "not installed"
        try:
            import igraph
        finally:
            del sys.modules["matplotlib"]
    finally:
        _imp.release_lock()
    return igraph


ig: Any = _load()
