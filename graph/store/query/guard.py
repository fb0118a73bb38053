"""The check an analyst's query passes before the engine sees it: one statement that
only reads.

The engine runs every query on a read-only copy of one workspace, so a write fails
there too; this guard refuses what a read-only database still allows or what reaches
beyond the copy — ``LOAD FROM`` and ``COPY … TO`` (files), ``INSTALL``/``LOAD
EXTENSION`` and ``ATTACH`` (extensions, other databases), ``CALL`` (procedures and
settings) — and says so in one line, before anything runs. Words inside string
literals, comments and backquoted names do not count.

Examples
--------
>>> check("MATCH (o:Organisation) RETURN o.name AS name // CREATE nothing")
>>> check("MATCH (n) DETACH DELETE n")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
graph.store.query.errors.QueryRefused: the query may only read: DETACH is not allowed (...)
>>> check("MATCH (n) RETURN n; MATCH (m) RETURN m")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
graph.store.query.errors.QueryRefused: one query at a time: ... (a ';' between them)
"""

from __future__ import annotations

import re

from graph.store.query.errors import QueryRefused

__all__ = ["REFUSED", "check"]

#: String literals, comments and backquoted names, as Cypher reads them.
_LITERALS = re.compile(
    r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`]|``)*`|//[^\n\r]*|/\*.*?\*/""",
    re.DOTALL,
)

#: Words that write, run procedures, read or write files, or leave the copy.
REFUSED = (
    "CREATE",
    "MERGE",
    "SET",
    "DELETE",
    "DETACH",
    "REMOVE",
    "DROP",
    "ALTER",
    "FOREACH",
    "COPY",
    "LOAD",
    "INSTALL",
    "UNINSTALL",
    "ATTACH",
    "USE",
    "EXPORT",
    "IMPORT",
    "CALL",
    "BEGIN",
    "COMMIT",
    "ROLLBACK",
    "CHECKPOINT",
)
_WORDS = re.compile(r"(?<![\w.$])(" + "|".join(REFUSED) + r")(?![\w])", re.IGNORECASE)


def check(query: str) -> None:
    """Refuse a query that writes, calls a procedure, reads or writes a file, or holds
    more than one statement.

    Raises
    ------
    QueryRefused
        With the refused word (``word``) and a one-line English message.
    """
    code = _LITERALS.sub(" _ ", query)
    if ";" in code.rstrip().rstrip(";"):
        raise QueryRefused(
            "one query at a time: the text holds more than one statement (a ';' between them)",
            word=";",
        )
    found = _WORDS.search(code)
    if found:
        word = found.group(1).upper()
        raise QueryRefused(
            f"the query may only read: {word} is not allowed "
            "(writes, procedures, LOAD and COPY are refused)",
            word=word,
        )
