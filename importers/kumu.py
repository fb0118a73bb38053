"""Excel workbooks in Kumu's convention: sheets ``Elements`` and ``Connections``.

Elements have ``Label``, ``Type``, ``Description``, ``Tags`` and any custom fields;
connections have ``From``, ``To``, ``Type``, ``Direction``, ``Strength``… ``From`` and
``To`` name elements by label, as Kumu does. Types are free text, mapped through
:mod:`graph.vocabulary`; the original text is kept as a property. Kumu's ``Start
date`` of an element whose type is an activity (an event, a meeting…) is the
activity's ``date``; of any other element it is ``since``.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from graph.model import NodeKind
from graph.vocabulary import kind_for
from importers.limits import ImportLimits, zip_problem
from importers.parsed import ParsedFile
from importers.rows import Location, RawNode, RawRelationship
from importers.synonyms import node_field, relationship_field

__all__ = ["MAX_CELLS", "read_kumu"]

#: The most cells read from one workbook. A sheet is read by the cells it holds, never
#: by the size it declares (a 49 KB file may declare A1:XFD1048576).
MAX_CELLS = 2_000_000


class _TooLarge(Exception):
    pass


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    return value


def read_kumu(path: Path, limits: ImportLimits | None = None) -> ParsedFile:
    """The elements and connections of a Kumu workbook, read from the file as it is
    parsed (not loaded whole); one that would unpack to far more than its size
    (:func:`importers.limits.zip_problem`) is refused before it is parsed."""
    parsed = ParsedFile(str(path), "kumu", strict=False)
    limits = limits or ImportLimits()
    if path.stat().st_size == 0:
        return parsed.fail("the file is empty (0 bytes)")
    hostile = zip_problem(path, limits)
    if hostile is not None:
        part, message = hostile
        return parsed.fail(message, element=f"part {part}" if part else None)
    # openpyxl loads here, not with the importers: a CSV import does not need it
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (
        zipfile.BadZipFile,
        InvalidFileException,
        KeyError,
        OSError,
        EOFError,
        ValueError,
        TypeError,
    ) as exc:
        return parsed.fail(
            f"not a readable Excel workbook (.xlsx): {exc or type(exc).__name__}; "
            "the file may be truncated or of another format"
        )
    try:
        sheets = {name.strip().lower(): book[name] for name in book.sheetnames}
        elements = sheets.get("elements")
        connections = sheets.get("connections")
        if elements is None and connections is None:
            return parsed.fail(
                "a Kumu workbook needs a sheet 'Elements' and/or 'Connections'; found "
                + ", ".join(repr(n) for n in book.sheetnames)
            )
        budget = [MAX_CELLS]
        try:
            for sheet, name, are_nodes in (
                (elements, "Elements", True),
                (connections, "Connections", False),
            ):
                if sheet is None:
                    continue
                if hasattr(sheet, "reset_dimensions"):
                    sheet.reset_dimensions()  # read the cells there are, not the declared size
                rows = _capped(sheet.iter_rows(values_only=True), budget)
                _read_sheet(parsed, rows, name, nodes=are_nodes, limits=limits)
        except _TooLarge:
            parsed.problems.clear()
            parsed.nodes.clear()
            parsed.relationships.clear()
            parsed.fail(
                f"the workbook holds more than {MAX_CELLS} cells; Grenswerk reads at most "
                f"{MAX_CELLS} cells of a workbook: split it, or save the sheets as CSV"
            )
        except (zipfile.BadZipFile, KeyError, OSError, EOFError, ValueError) as exc:
            parsed.fail(f"the workbook is damaged or truncated: {exc or type(exc).__name__}")
    finally:
        book.close()
    return parsed


def _capped(rows: Any, budget: list[int]) -> Any:
    """The rows, until the workbook's cell budget is spent (then :class:`_TooLarge`)."""
    for row in rows:
        budget[0] -= len(row)
        if budget[0] < 0:
            raise _TooLarge
        yield row


def _read_sheet(
    parsed: ParsedFile, rows: Any, sheet: str, *, nodes: bool, limits: ImportLimits
) -> None:
    header_row = next(rows, None)
    if header_row is None:
        return
    header = [str(h).strip() if h is not None else "" for h in header_row]
    field_of = node_field if nodes else relationship_field
    mapping = {i: field_of(h) if h else None for i, h in enumerate(header)}
    if not nodes:
        # Kumu's "Label" on a connection is its caption, not an endpoint.
        mapping = {i: (None if header[i].lower() == "label" else f) for i, f in mapping.items()}
    columns = {f: header[i] for i, f in mapping.items() if f is not None}
    file = f"{parsed.path} (sheet {sheet})"
    needed = ("name",) if nodes else ("source", "target")
    missing = [n for n in needed if n not in columns]
    if missing:
        wanted = "Label" if nodes else "From and To"
        parsed.problems.append(
            Location(file, row=1).problem(
                f"missing column {wanted}; found {', '.join(h for h in header if h)}"
            )
        )
        return
    wide = limits.columns_problem(
        [h for i, h in enumerate(header) if h and mapping.get(i) is None], "columns"
    )
    if wide is not None:
        parsed.problems.append(Location(file, row=1).problem(wide[1], wide[0]))
        return
    for number, row in enumerate(rows, start=2):
        values = [_cell(v) for v in row]
        if all(v in (None, "") for v in values):
            continue
        fields: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        for i, value in enumerate(values):
            if i >= len(header) or value in (None, ""):
                continue
            target = mapping.get(i)
            if target is None:
                if header[i]:
                    extra[header[i]] = value
            else:
                fields.setdefault(target, value)
        loc = Location(file, row=number)
        if nodes:
            element, element_columns = _element(fields, columns)
            parsed.nodes.append(RawNode(loc, element, extra, element_columns))
        else:
            parsed.relationships.append(RawRelationship(loc, fields, extra, columns))


def _is_event(fields: dict[str, Any]) -> bool:
    kind = fields.get("kind")
    match = kind_for(str(kind)) if kind not in (None, "") else None
    return match is not None and match[0] is NodeKind.ACTIVITY


def _element(
    fields: dict[str, Any], columns: dict[str, str]
) -> tuple[dict[str, Any], dict[str, str]]:
    """An element's fields and their columns; an event's start date is its ``date``,
    not the start of its valid time (``since``)."""
    if "since" in fields and "date" not in fields and _is_event(fields):
        fields = {**fields, "date": fields["since"]}
        del fields["since"]
        columns = {**columns, "date": columns.get("since", "Start date")}
    return fields, columns
