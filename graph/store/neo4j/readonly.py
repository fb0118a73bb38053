"""Analysts' read-only Cypher on the Neo4j store: the check a query must pass before it
is sent (:func:`check_read_only`) and the values that come back (:func:`plain_value`).
:meth:`graph.store.neo4j.Neo4jStore.read_only` runs the query."""

from __future__ import annotations

import re
from typing import Any

import neo4j

from graph.errors import StoreError

__all__ = ["ReadOnlyQueryError", "check_read_only", "plain_value"]


class ReadOnlyQueryError(StoreError):
    """An analyst's read-only query was refused or failed."""


#: String literals, comments and backquoted names, in the order Cypher reads them.
_LITERALS = re.compile(
    r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`]|``)*`|//[^\n\r\u2028\u2029\x85]*|/\*.*?\*/""",
    re.DOTALL,
)
#: What an analyst's query may not use, on the text without literals and comments.
_REFUSED: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?<![.\w$])LOAD\s+CSV\b", re.I), "LOAD CSV (it reads files and URLs)"),
    (re.compile(r"(?<![.\w$])CALL\b", re.I), "CALL (procedures and subqueries)"),
    (re.compile(r"(?<![.\w$])(SHOW|TERMINATE|USE)\b", re.I), "SHOW, TERMINATE or USE"),
    *[
        (re.compile(rf"(?<![.\w$]){ns}\s*\.", re.I), f"functions of the {ns}. namespace")
        for ns in ("dbms", "db", "gds", "apoc")
    ],
]
_WORKSPACE = re.compile(r"\$workspace(?![\w`])")


def check_read_only(query: str) -> None:
    """Refuse an analyst's query that uses ``LOAD CSV``, ``CALL``, ``SHOW``, ``USE``,
    ``TERMINATE`` or a function of the ``dbms.``, ``db.``, ``gds.`` or ``apoc.``
    namespaces, or that does not use the parameter ``$workspace`` — all judged on the
    query without its string literals and comments (``// $workspace`` does not count).

    This is a guard, not a proof of workspace scoping: the API lets only server keys
    run Cypher at all.

    >>> check_read_only("MATCH (n:Node {workspace: $workspace}) RETURN n.name")
    >>> try:
    ...     check_read_only("RETURN db.labels(), $workspace")
    ... except ReadOnlyQueryError as refused:
    ...     print(refused)
    the query may not use functions of the db. namespace
    """

    def blank(match: re.Match[str]) -> str:
        return " _ " if match.group().startswith(("'", '"', "/")) else " "

    def unquote(match: re.Match[str]) -> str:
        text = match.group()
        return f" {text[1:-1]} " if text.startswith("`") else blank(match)

    code = _LITERALS.sub(blank, query)
    names = _LITERALS.sub(unquote, query)  # `db`.labels() is db.labels()
    for pattern, what in _REFUSED:
        if pattern.search(code) or pattern.search(names):
            raise ReadOnlyQueryError(f"the query may not use {what}")
    if not _WORKSPACE.search(code):
        raise ReadOnlyQueryError(
            "the query must be scoped to your workspace with the parameter $workspace "
            "(outside strings and comments), e.g. "
            "MATCH (n:Node {workspace: $workspace}) RETURN n.name LIMIT 10"
        )


def plain_value(value: Any, workspace: str) -> Any:
    """A JSON-ready value; graph elements of another workspace are refused."""
    if isinstance(value, neo4j.graph.Node | neo4j.graph.Relationship):
        props = dict(value.items())
        if props.get("workspace") != workspace:
            raise ReadOnlyQueryError("the query returned data of another workspace")
        return {k: v for k, v in props.items() if k not in ("norm", "aliases")}
    if isinstance(value, neo4j.graph.Path):
        return [plain_value(n, workspace) for n in value.nodes]
    if isinstance(value, list):
        return [plain_value(v, workspace) for v in value]
    if isinstance(value, dict):
        return {k: plain_value(v, workspace) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value
