"""What can go wrong with an analyst's query: each a :class:`QueryError` with a
``kind`` the pages turn into a Dutch sentence, and the engine's own message in
English (``str(error)``)."""

from __future__ import annotations

from typing import Literal

from graph.errors import GrenswerkError

__all__ = ["QueryError", "QueryKind", "QueryRefused"]

#: refused: a write, procedure, file or second statement (before anything ran);
#: invalid: the engine did not understand the query (syntax, unknown label or property);
#: timeout: it ran longer than the limit; memory: it needed more memory than allowed;
#: busy: no engine was free in time
QueryKind = Literal["refused", "invalid", "timeout", "memory", "busy"]


class QueryError(GrenswerkError):
    """An analyst's query was refused or failed; nothing was changed."""

    def __init__(self, message: str, kind: QueryKind = "invalid") -> None:
        super().__init__(message)
        self.kind: QueryKind = kind


class QueryRefused(QueryError):
    """The query would write, call a procedure, touch a file, or is not one statement."""

    def __init__(self, message: str, word: str) -> None:
        super().__init__(message, "refused")
        self.word = word
