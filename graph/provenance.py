"""Reproducible output: canonical numbers and where a result comes from.

Two runs of the same analysis or export on the same workspace version with the same
options give the same bytes (docs/reproducibility.md):

* every float is written canonically by :func:`canonical`: rounded to 12 significant
  digits, and anything smaller than 1e-12 in absolute value (the noise of a floating
  sum: ``1e-16``, ``-0.0``) written as ``0.0``;
* rows come in a fixed order (the graph's order, which is the store's order of ids,
  or a ranking with ties broken by id), randomness is seeded (``seed``);
* the result carries its :func:`provenance`: Grenswerk's and the libraries' versions,
  the workspace and its version, a SHA-256 of the input, the options, and the time.
  The time is the one thing that differs between runs; it stands in its own field
  (``provenance.time``) so that a comparison can leave it out, and when the
  environment sets ``SOURCE_DATE_EPOCH`` (the reproducible-builds convention: seconds
  since 1970) that time is used instead, so the bytes are identical.

Examples
--------
>>> canonical({"a": 1e-17, "b": -0.0, "c": 0.1 + 0.2, "d": [2.0, float("nan")]})
{'a': 0.0, 'b': 0.0, 'c': 0.3, 'd': [2.0, nan]}
>>> digest([{"id": "b"}, {"id": "a"}]) == digest([{"id": "a"}, {"id": "b"}])
True
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import os
import platform
import weakref
from collections.abc import Iterable, Mapping
from importlib import metadata
from typing import TYPE_CHECKING, Any

import orjson

from graph import __version__

if TYPE_CHECKING:  # the digest is of a loaded graph; counting one needs no networkx
    import networkx as nx

__all__ = [
    "LIBRARIES",
    "SIGNIFICANT",
    "canonical",
    "canonical_float",
    "digest",
    "graph_digest",
    "now",
    "provenance",
    "versions",
]

#: significant digits every float is written with
SIGNIFICANT = 12
_ZERO = 10.0**-SIGNIFICANT
#: the libraries whose versions a result names
LIBRARIES = ("networkx", "igraph", "numpy", "scipy", "leidenalg", "matplotlib")


def canonical_float(value: float) -> float:
    """``value`` rounded to :data:`SIGNIFICANT` significant digits; near zero → ``0.0``.

    >>> canonical_float(0.30000000000000004), canonical_float(-1e-16), canonical_float(2.5)
    (0.3, 0.0, 2.5)
    """
    if not math.isfinite(value):
        return value
    if abs(value) < _ZERO:
        return 0.0
    return float(f"{value:.{SIGNIFICANT}g}") + 0.0


def canonical(value: Any) -> Any:
    """``value`` with every float made canonical (dicts, lists and tuples walked)."""
    if isinstance(value, float):
        return canonical_float(value)
    if isinstance(value, dict):
        return {k: canonical(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [canonical(v) for v in value]
    return value


_PLAIN = (str, int, bool, type(None))


def _record(item: Mapping[str, Any]) -> dict[str, Any]:
    """``canonical(dict(item))``, quicker for the flat records of a graph: a text,
    number or ``None`` is taken as it is, only floats and containers are walked."""
    return {
        k: v if type(v) in _PLAIN else canonical(v)  # noqa: E721 - exact types: bool is int
        for k, v in item.items()
    }


def _sorted(items: Iterable[Mapping[str, Any]]) -> list[bytes]:
    dumps, option = orjson.dumps, orjson.OPT_SORT_KEYS
    return sorted(dumps(_record(i), option=option) for i in items)


def digest(*parts: Iterable[Mapping[str, Any]]) -> str:
    """SHA-256 of records in canonical JSON (keys sorted, records sorted), part by part."""
    hasher = hashlib.sha256()
    for part in parts:
        for line in _sorted(part):
            hasher.update(line)
            hasher.update(b"\n")
        hasher.update(b"\x1e")
    return "sha256:" + hasher.hexdigest()


_DIGESTS: weakref.WeakKeyDictionary[nx.Graph, str] = weakref.WeakKeyDictionary()


def graph_digest(graph: nx.MultiDiGraph) -> str:
    """:func:`digest` of a workspace graph's nodes (``id`` and attributes) and ties
    (``source``, ``target``, ``key`` and attributes); computed once per graph object."""
    if graph not in _DIGESTS:
        nodes = ({"id": n, **d} for n, d in graph.nodes(data=True))
        ties = (
            {"source": u, "target": v, "key": k, **d}
            for u, v, k, d in graph.edges(keys=True, data=True)
        )
        _DIGESTS[graph] = digest(nodes, ties)
    return _DIGESTS[graph]


def versions() -> dict[str, str]:
    """Grenswerk's, Python's and the libraries' versions."""
    found = {"grenswerk": __version__, "python": platform.python_version()}
    for name in LIBRARIES:
        distribution = "python-igraph" if name == "igraph" else name
        try:
            found[name] = metadata.version(distribution)
        except metadata.PackageNotFoundError:
            try:
                found[name] = metadata.version(name)
            except metadata.PackageNotFoundError:
                continue
    return found


def now() -> str:
    """The time a result is made, ISO 8601 in UTC to the second; ``SOURCE_DATE_EPOCH``
    (seconds since 1970) when the environment sets it."""
    fixed = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if fixed.isdigit():
        when = dt.datetime.fromtimestamp(int(fixed), dt.UTC)
    else:
        when = dt.datetime.now(dt.UTC)
    return when.isoformat(timespec="seconds")


def provenance(
    *,
    what: str,
    workspace: str,
    workspace_version: int | None,
    input_hash: str,
    options: Mapping[str, Any],
) -> dict[str, Any]:
    """Where a result comes from: ``what`` made it (an analysis or export), the
    versions, the workspace and its version, the input's hash, the options and the time.

    >>> p = provenance(what="analysis summary", workspace="demo", workspace_version=3,
    ...                input_hash="sha256:00", options={"seed": 0})
    >>> sorted(p)[:5]
    ['input_sha256', 'made_by', 'options', 'time', 'versions']
    """
    return {
        "what": what,
        "made_by": "Grenswerk",
        "versions": versions(),
        "workspace": workspace,
        "workspace_version": workspace_version,
        "input_sha256": input_hash,
        "options": dict(options),
        "time": now(),
    }
