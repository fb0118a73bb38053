"""The embedded engine: one workspace's copy in a Ladybug database (the maintained fork
of the Kùzu embedded graph database), opened read-only.

This module runs inside a query worker process (:mod:`graph.store.query.worker`): it
creates the tables of the query model (:mod:`graph.store.query.model`), copies the
workspace's rows in column by column, closes the database and opens it again
read-only, then answers queries with Ladybug's own timeout, at most ``limit`` rows
fetched.

A node table per label holds every node property; a relationship table per type joins
the (from label, to label) pairs the workspace has (a type without ties joins
``Organisation`` to ``Organisation``, so that every type exists).

Examples
--------
>>> import tempfile, pathlib
>>> from graph.store.query.model import ModelRows, node_row
>>> rows = ModelRows(nodes={"Theme": [node_row("llo", {"kind": "theme", "name": "LLO"})]})
>>> db = build(rows, pathlib.Path(tempfile.mkdtemp()) / "db", buffer_mb=64)
>>> answer = execute(db, "MATCH (t:Theme) RETURN t.name AS name, t.aliases AS aliases",
...                  limit=10, timeout_s=5)
>>> answer.columns, answer.rows, answer.truncated
(['name', 'aliases'], [['LLO', []]], False)
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import ladybug

from graph.store.query.answer import Answer
from graph.store.query.errors import QueryError
from graph.store.query.model import LABELS, NODE_PROPERTIES, REL_PROPERTIES, TYPES, ModelRows

__all__ = ["build", "ddl", "execute", "plain"]

#: a type without ties still needs one pair of labels to exist
_PLACEHOLDER = ("Organisation", "Organisation")


def ddl(rows: ModelRows) -> list[str]:
    """The statements that create the model's tables for these rows."""
    statements = []
    node_columns = ", ".join(f"{k} {t}" for k, t in NODE_PROPERTIES.items() if k != "id")
    for label in LABELS.values():
        statements.append(f"CREATE NODE TABLE {label}(id STRING PRIMARY KEY, {node_columns})")
    rel_columns = ", ".join(f"{k} {t}" for k, t in REL_PROPERTIES.items())
    for rel_type in TYPES.values():
        pairs = sorted(set(rows.ends.get(rel_type, ()))) or [_PLACEHOLDER]
        ends = ", ".join(f"FROM {a} TO {b}" for a, b in pairs)
        statements.append(f"CREATE REL TABLE {rel_type}({ends}, {rel_columns})")
    return statements


def _copy(
    conn: Any, table: str, rows: list[dict[str, Any]], columns: Mapping[str, str], options: str = ""
) -> None:
    """``COPY`` rows into a table, one list parameter per column (much faster than a
    list of maps); a column without any value is a typed ``NULL``."""
    params: dict[str, Any] = {"n": len(rows)}
    values = []
    for j, (key, kind) in enumerate(columns.items()):
        column = [row[key] for row in rows]
        if all(v is None for v in column):
            values.append(f"CAST(NULL AS {kind})")
        elif kind.endswith("[]") and not any(column):
            values.append(f"CAST([] AS {kind})")
        else:
            params[f"c{j}"] = column
            values.append(f"CAST($c{j}[i] AS {kind})")
    conn.execute(
        f"COPY {table} FROM (UNWIND range(1, $n) AS i RETURN {', '.join(values)}){options}",
        params,
    )


def build(rows: ModelRows, path: Path, *, buffer_mb: int = 256, threads: int = 1) -> Any:
    """A read-only Ladybug database at ``path`` holding ``rows``."""
    size = buffer_mb * 1024 * 1024
    db = ladybug.Database(str(path), buffer_pool_size=size, max_num_threads=threads)
    conn = ladybug.Connection(db)
    for statement in ddl(rows):
        conn.execute(statement)
    for label, node_rows in rows.nodes.items():
        _copy(conn, label, node_rows, dict(NODE_PROPERTIES))
    rel_columns = {"source": "STRING", "target": "STRING", **REL_PROPERTIES}
    for rel_type, rel_rows in rows.relationships.items():
        by_ends: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for row, ends in zip(rel_rows, rows.ends[rel_type], strict=True):
            by_ends.setdefault(ends, []).append(row)
        for (a, b), part in by_ends.items():
            _copy(conn, rel_type, part, rel_columns, f" (from='{a}', to='{b}')")
    conn.close()
    db.close()
    return ladybug.Database(
        str(path), buffer_pool_size=size, max_num_threads=threads, read_only=True
    )


def plain(value: Any) -> Any:
    """A value as JSON-ready data: dates as ISO text, a node as its non-null
    properties with ``_label``, a relationship with ``_type``, a path as its
    ``nodes`` and ``relationships``.

    >>> plain({"_ID": {"offset": 0, "table": 1}, "_LABEL": "Theme", "id": "llo",
    ...        "name": "LLO", "since": dt.date(2020, 1, 2), "url": None})
    {'_label': 'Theme', 'id': 'llo', 'name': 'LLO', 'since': '2020-01-02'}
    """
    if isinstance(value, dict):
        if "_NODES" in value and "_RELS" in value:
            return {
                "nodes": [plain(n) for n in value["_NODES"]],
                "relationships": [plain(r) for r in value["_RELS"]],
            }
        if "_LABEL" in value and "_ID" in value:
            head = {"_type" if "_SRC" in value else "_label": value["_LABEL"]}
            body = {
                k: plain(v) for k, v in value.items() if not k.startswith("_") and v is not None
            }
            return head | body
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _kind(message: str) -> str:
    if message.startswith("Interrupted"):
        return "timeout"
    if "buffer pool is full" in message or "Buffer manager exception" in message:
        return "memory"
    if "read-only" in message:
        return "refused"
    return "invalid"


def execute(db: Any, query: str, *, limit: int, timeout_s: float) -> Answer:
    """Run one query on a fresh connection: at most ``limit`` rows, ``truncated`` when
    there were more.

    Raises
    ------
    QueryError
        With the engine's one-line message and what went wrong (``kind``).
    """
    conn = ladybug.Connection(db)
    try:
        conn.set_query_timeout(max(1, int(timeout_s * 1000)))
        try:
            result = conn.execute(query)
            if isinstance(result, list):  # more than one statement: the guard refuses it
                raise QueryError("one query at a time", "refused")
            columns = [str(c) for c in result.get_column_names()]
            rows: list[list[Any]] = []
            truncated = False
            while result.has_next():
                if len(rows) >= limit:
                    truncated = True
                    break
                rows.append([plain(v) for v in result.get_next()])
        except RuntimeError as exc:
            message = " ".join(str(exc).split())
            raise QueryError(message, _kind(message)) from None  # type: ignore[arg-type]
        return Answer(columns, rows, truncated)
    finally:
        conn.close()
