"""Rows of two engines made comparable: values in one plain form, compared row for row
(in order where the query orders its rows, as multisets otherwise), floats within
:data:`REL_TOL`."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from typing import Any

#: floats are equal when they differ by at most this much, relatively (sums and means
#: are added up in another order by each engine)
REL_TOL = 1e-9


def plain(value: Any) -> Any:
    """A value of either engine in one form: dates as ISO text, nodes and relationships
    as dicts of their non-null properties with ``_label``/``_type``."""
    import neo4j.graph
    import neo4j.time

    if isinstance(value, neo4j.graph.Node):
        return {"_label": ":".join(sorted(value.labels)), **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, neo4j.graph.Relationship):
        return {"_type": value.type, **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, neo4j.graph.Path):
        return {
            "nodes": [plain(n) for n in value.nodes],
            "relationships": [plain(r) for r in value.relationships],
        }
    if isinstance(value, neo4j.time.Date | dt.date):
        return value.isoformat() if hasattr(value, "isoformat") else value.iso_format()
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if v is not None}
    return value


def _key(value: Any) -> Any:
    """A hashable, float-rounded form for multiset comparison."""
    if isinstance(value, float):
        return round(value, 6) if math.isfinite(value) else str(value)
    if isinstance(value, list):
        return tuple(_key(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _key(v)) for k, v in value.items()))
    return value


def same(a: Any, b: Any) -> bool:
    """Equal values, floats within :data:`REL_TOL`."""
    if isinstance(a, float) or isinstance(b, float):
        if isinstance(a, int | float) and isinstance(b, int | float):
            return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=1e-12)
        return False
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return bool(a == b) and type(a) is type(b) or (a is None and b is None)


def unordered_lists(rows: list[list[Any]]) -> list[list[Any]]:
    """Rows with every list value sorted (``collect`` gives no order of its own)."""

    def fix(value: Any) -> Any:
        if isinstance(value, list):
            return sorted((fix(v) for v in value), key=repr)
        return value

    return [[fix(v) for v in row] for row in rows]


def difference(expected: list[list[Any]], got: list[list[Any]], ordered: bool) -> str | None:
    """Why two row lists differ, or ``None`` when they hold the same rows."""
    expected, got = unordered_lists(expected), unordered_lists(got)
    if len(expected) != len(got):
        return f"{len(got)} rows instead of {len(expected)}"
    if ordered:
        for i, (a, b) in enumerate(zip(expected, got, strict=True)):
            if not same(a, b):
                return f"row {i}: {b!r} instead of {a!r}"
        return None
    left = Counter(_key(r) for r in expected)
    right = Counter(_key(r) for r in got)
    if left != right:
        return f"rows {sorted((right - left).elements(), key=repr)[:3]!r} instead of " + repr(
            sorted((left - right).elements(), key=repr)[:3]
        )
    return None
