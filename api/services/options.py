"""Analysis options from the strings people type: comma lists, dates, measure lists and
the learning-potential model's numbers as JSON. The console command and the API build
their :class:`~graph.analysis.registry.AnalysisOptions` here, the same way.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import ValidationError

from graph.analysis.potential_model import PotentialModel, model_from_json
from graph.analysis.registry import AnalysisOptions
from graph.errors import GrenswerkError
from importers.rows import parse_date

__all__ = [
    "LIST_OPTIONS",
    "BadOptions",
    "analysis_options",
    "date_option",
    "split_list",
    "weights_option",
]

#: options given as comma-separated lists
LIST_OPTIONS = ("kinds", "types", "themes", "measures")


class BadOptions(GrenswerkError):
    """Options the analyses refuse; ``errors`` holds each option's path and message."""

    def __init__(self, errors: list[tuple[tuple[str, ...], str]]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{'.'.join(where)}: {message}" for where, message in errors))


def split_list(value: str | None) -> tuple[str, ...] | None:
    """A comma-separated list, its parts stripped; ``None`` when empty.

    >>> split_list(" person, organisatie ,,"), split_list("")
    (('person', 'organisatie'), None)
    """
    if not value:
        return None
    return tuple(part.strip() for part in value.split(",") if part.strip())


def date_option(value: str | dt.date | None, name: str) -> dt.date | None:
    """A date from ISO or Dutch day-first text (``name`` labels the error).

    >>> date_option("29-09-2022", "--at")
    datetime.date(2022, 9, 29)
    >>> date_option("gisteren", "--at")
    Traceback (most recent call last):
    graph.errors.GrenswerkError: --at: ...
    """
    if value is None or isinstance(value, dt.date):
        return value
    if not value:
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        raise GrenswerkError(f"{name}: {exc}") from None


def weights_option(text: str | None, source: str = "weights") -> PotentialModel | None:
    """The learning-potential model in JSON text; the error names ``source``."""
    if text is None:
        return None
    try:
        return model_from_json(text, source)
    except ValueError as exc:
        raise GrenswerkError(str(exc)) from None


def analysis_options(**raw: Any) -> AnalysisOptions:
    """Options from typed values or strings: list options may be comma-separated text;
    ``None`` means the default. Raises :class:`BadOptions` naming each refused option.

    >>> analysis_options(kinds="person,organisation", measures="degree").measures
    ('degree',)
    >>> analysis_options(resolution=0)
    Traceback (most recent call last):
    api.services.options.BadOptions: resolution: Input should be greater than 0
    """
    for name in LIST_OPTIONS:
        if isinstance(raw.get(name), str):
            raw[name] = split_list(raw[name])
    try:
        return AnalysisOptions.model_validate({k: v for k, v in raw.items() if v is not None})
    except ValidationError as exc:
        raise BadOptions(
            [(tuple(str(p) for p in e["loc"]), e["msg"]) for e in exc.errors()]
        ) from None
