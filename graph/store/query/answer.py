"""The answer to a query: its columns, its rows (JSON-ready values) and whether rows
were left out by the row limit."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Answer"]


@dataclass
class Answer:
    """Columns, rows and whether the row limit cut the rows short.

    >>> Answer(["n"], [[3]], False).truncated
    False
    """

    columns: list[str]
    rows: list[list[Any]]
    truncated: bool = False
    #: seconds the engine took, and whether the copy of the workspace was built for it
    seconds: float = 0.0
    built: bool = field(default=False)
