"""Rows as every reader (CSV, Kumu, GraphML, …) produces them, and how the values in
them are read: :class:`RawNode` and :class:`RawRelationship` (canonical field names
mapped to text or values, leftover columns as properties), where each came from
(:class:`Location`), the options of an import, and dates, lists, texts and numbers
as people write them. :mod:`importers.records` turns the rows into model objects.

Examples
--------
>>> parse_date("31-12-2024"), split_list("a; b"), as_number("2,5")
(datetime.date(2024, 12, 31), ['a', 'b'], 2.5)
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graph.errors import Problem
from graph.model import ActivityType, NodeKind, OrgType, RelType
from importers.limits import ImportLimits

__all__ = [
    "ImportOptions",
    "place_types",
    "Location",
    "RawNode",
    "RawRelationship",
    "as_number",
    "as_text",
    "parse_date",
    "split_list",
]


@dataclass(frozen=True, slots=True)
class Location:
    """Where a row came from: file, row (1-based, the header is row 1) or element."""

    file: str
    row: int | None = None
    element: str | None = None

    def problem(self, message: str, column: str | None = None) -> Problem:
        return Problem(self.file, message, row=self.row, column=column, element=self.element)


@dataclass(slots=True)
class RawNode:
    location: Location
    fields: dict[str, Any]
    properties: dict[str, Any] = field(default_factory=dict)
    #: canonical field -> the column header the user wrote, for messages
    columns: Mapping[str, str] = field(default_factory=dict)
    #: the fields are already the model's (our JSON): validate them as they are
    exact: bool = False


@dataclass(slots=True)
class RawRelationship:
    location: Location
    fields: dict[str, Any]
    properties: dict[str, Any] = field(default_factory=dict)
    columns: Mapping[str, str] = field(default_factory=dict)
    exact: bool = False


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """Choices that apply to one import."""

    workspace: str
    default_kind: NodeKind = NodeKind.ORGANISATION
    default_type: RelType = RelType.COLLABORATES_WITH
    #: the kinds of the two modes of a two-mode (bipartite) Pajek file
    two_mode_kinds: tuple[NodeKind, NodeKind] = (NodeKind.PERSON, NodeKind.ACTIVITY)
    #: what one file may cost (the settings' limits: ``ImportLimits.of(settings)``)
    limits: ImportLimits = field(default_factory=ImportLimits)


_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y/%m/%d", "%d.%m.%Y")


def parse_date(value: Any) -> dt.date | None:
    """A date from ISO text, Dutch day-first text, a year or a year-month.

    Raises ``ValueError`` for anything else.

    >>> parse_date("2022-09-29"), parse_date("29-09-2022"), parse_date("2017")
    (datetime.date(2022, 9, 29), datetime.date(2022, 9, 29), datetime.date(2017, 1, 1))
    >>> parse_date("2018-10")
    datetime.date(2018, 10, 1)
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    try:
        found = _parse_date_text(text)
    except ValueError as exc:  # a day, month or year out of range
        raise ValueError(f"{text!r} is not a date ({exc})") from None
    if found is None:
        raise ValueError(f"{text!r} is not a date (use YYYY-MM-DD, DD-MM-YYYY, YYYY-MM or YYYY)")
    return found


def _parse_date_text(text: str) -> dt.date | None:
    """The date a non-empty text gives in one of the accepted forms, or ``None``."""
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    if re.fullmatch(r"\d{4}", text):
        return dt.date(int(text), 1, 1)
    if re.fullmatch(r"\d{4}-\d{1,2}", text):
        year, month = text.split("-")
        return dt.date(int(year), int(month), 1)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?", text):
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def split_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in re.split(r"[;|]", str(value)) if part.strip()]


def as_text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def as_number(value: Any) -> float | None:
    """A finite number from a number or text (a decimal comma too); ``ValueError`` for
    anything else, ``nan`` and ``inf`` included.

    >>> as_number("2,5"), as_number(3), as_number("")
    (2.5, 3.0, None)
    """
    if value is None or value == "":
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    else:
        text = str(value).strip().replace(",", ".")
        if not text:
            return None
        number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"{value!r} is not a finite number")
    return number


def place_types(
    data: dict[str, Any],
    kind: NodeKind,
    org_type: OrgType | None,
    activity_type: ActivityType | None,
) -> None:
    """Put a row's organisation and activity type into a node's ``data``: as fields
    where the kind has them, else kept as ``original_org_type`` /
    ``original_activity_type`` in ``data["properties"]`` (nothing a file says is
    dropped). Both node paths (rows and columns) place them here.

    >>> data = {"properties": {}}
    >>> place_types(data, NodeKind.PERSON, OrgType.SCHOOL, ActivityType.MEETING)
    >>> data
    {'properties': {'original_org_type': 'school', 'original_activity_type': 'meeting'}}
    """
    if kind is NodeKind.ORGANISATION and org_type is not None:
        data["org_type"] = org_type
    elif org_type is not None:
        data["properties"]["original_org_type"] = org_type.value
    if kind is NodeKind.ACTIVITY and activity_type is not None:
        data["activity_type"] = activity_type
    elif activity_type is not None:
        data["properties"]["original_activity_type"] = activity_type.value
