"""Errors a user can act on. Anything raised as a :class:`GrenswerkError` is shown
as a message, never as a traceback."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "GrenswerkError",
    "NotFound",
    "NotSupported",
    "Problem",
    "StoreBusy",
    "StoreError",
    "StoreUnavailable",
    "ValidationFailed",
]


class GrenswerkError(Exception):
    """Base class for every error caused by input or circumstances, not by a bug."""


class StoreError(GrenswerkError):
    """A store refused a write (it was rolled back) or cannot be reached."""


class StoreUnavailable(StoreError):
    """The store cannot answer now (unreachable, or busy); nothing was written. The API
    answers 503 with ``Retry-After: retry_after``."""

    def __init__(self, message: str, retry_after: int = 5) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class StoreBusy(StoreUnavailable):
    """The store could not take a write in time: another writer holds it (e.g. an import
    in another process). Nothing was written; try again after ``retry_after`` seconds."""


class NotSupported(GrenswerkError):
    """The backend in use cannot do this (e.g. Cypher on the embedded store)."""


class NotFound(GrenswerkError):
    """A workspace, node or relationship does not exist."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input file, located as precisely as the format allows."""

    file: str
    message: str
    row: int | None = None
    column: str | None = None
    element: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column {self.column!r}"
        if self.element:
            where += f", {self.element}"
        return f"{where}: {self.message}"


class ValidationFailed(GrenswerkError):
    """An input could not be imported; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        shown = "\n".join(f"  - {p}" for p in problems[:50])
        more = f"\n  … and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"{len(problems)} problem(s), nothing was imported:\n{shown}{more}")
