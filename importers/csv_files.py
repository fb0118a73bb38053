"""Our CSV format: a node file and a relationship file, columns found by header.

Headers may be Dutch or English (``naam``/``name``, ``van``/``from``, ``naar``/``to``,
``soort``/``kind``…); separators ``,`` ``;`` or tab; UTF-8 with or without BOM.
A file with ``from`` and ``to`` columns is a relationship file, otherwise a node
file. Columns Grenswerk does not know become properties. The format is strict:
an unknown kind or relationship type is an error.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from itertools import islice
from pathlib import Path

from graph.collecting import cycle_collection_paused
from importers.columns import RowTable
from importers.limits import ImportLimits
from importers.parsed import ParsedFile, decode_utf8
from importers.rows import Location, RawNode
from importers.synonyms import node_field, relationship_field

__all__ = ["coerce", "read_csv", "sniff_delimiter"]


def sniff_delimiter(header_line: str) -> str:
    """The separator the header line uses.

    >>> sniff_delimiter("naam;soort;sector")
    ';'
    >>> sniff_delimiter("id,name,kind")
    ','
    """
    counts = {sep: header_line.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def read_csv(
    path: Path, data: bytes, *, strict: bool = True, limits: ImportLimits | None = None
) -> ParsedFile:
    parsed = ParsedFile(str(path), "csv", strict=strict)
    limits = limits or ImportLimits()
    text = decode_utf8(path, data, parsed)
    if text is None:
        return parsed
    first_line = text.split("\n", 1)[0]
    if "\x00" in text:
        return parsed.fail("the file holds binary data; it is not a CSV file")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(first_line))
    try:
        first = next(reader, None)
        if first is None or not any(cell.strip() for cell in first):
            _drain(reader)  # a reading error is reported before a missing header
            return parsed.fail("the file has no header row")
        header = [h.strip() for h in first]
        rel_map = {i: relationship_field(h) for i, h in enumerate(header)}
        rel_fields = set(rel_map.values())
        ties = "source" in rel_fields and "target" in rel_fields
        known = rel_map if ties else {i: node_field(h) for i, h in enumerate(header)}
        wide = limits.columns_problem(
            [h for i, h in enumerate(header) if h and known[i] is None], "columns"
        )
        if wide is not None:  # refused by its header: no row is read
            return parsed.fail(wide[1], row=1, column=wide[0])
        # rows are read a slice at a time (not all at once): a big file is held only
        # as its rows' fields (relationships: column by column), each distinct text once
        with cycle_collection_paused():  # a big file's cells: none in a cycle
            if ties:
                _relationships(parsed, header, reader, rel_map, strict)
            else:
                _nodes(parsed, header, reader, known, strict)
    except csv.Error as exc:
        parsed.nodes.clear()
        parsed.relationships.clear()
        parsed.relationship_table = None
        parsed.problems.clear()
        return parsed.fail(f"cannot read as CSV: {exc}", row=reader.line_num)
    return parsed


def _drain(rows: Iterator[list[str]]) -> None:
    for _ in rows:
        pass


def coerce(value: str) -> str | int | float | bool:
    """A cell's value as a number or truth value where it plainly is one.

    >>> coerce("12"), coerce("0612"), coerce("1.5"), coerce("true"), coerce("ROC")
    (12, '0612', 1.5, True, 'ROC')
    """
    lowered = value.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    if re.fullmatch(r"-?(0|[1-9]\d{0,17})", value):
        return int(value)
    if re.fullmatch(r"-?(0|[1-9]\d*)\.\d+", value):
        return float(value)
    return value


def _columns(header: list[str], mapping: dict[int, str | None]) -> dict[str, str]:
    return {f: header[i] for i, f in mapping.items() if f is not None}


def _row_values(
    row: list[str], header: list[str], mapping: dict[int, str | None], texts: dict[str, str]
) -> tuple[dict[str, str], dict[str, str | int | float | bool]]:
    """The known fields (by canonical name; the first non-empty column of a field
    wins) and the other columns' values (by header) of one row; ``texts`` keeps one
    object per distinct field text."""
    fields: dict[str, str] = {}
    extra: dict[str, str | int | float | bool] = {}
    for i, cell in enumerate(row[: len(header)]):
        value = cell.strip()
        if not value:
            continue
        target = mapping.get(i)
        if target is None:
            if header[i]:
                extra[header[i]] = coerce(value)
        elif target not in fields:
            fields[target] = texts.setdefault(value, value)
    return fields, extra


def _blank(row: list[str]) -> bool:
    return not "".join(row).strip()


def _nodes(
    parsed: ParsedFile,
    header: list[str],
    rows: Iterator[list[str]],
    mapping: dict[int, str | None],
    strict: bool,
) -> None:
    columns = _columns(header, mapping)
    missing = [c for c in (("name", "kind") if strict else ("name",)) if c not in columns]
    if missing:
        _drain(rows)
        parsed.fail(
            f"missing column(s) {', '.join(missing)}: a node file needs 'name' (naam) and "
            f"'kind' (soort); a relationship file needs 'from' (van) and 'to' (naar). "
            f"Found: {', '.join(h for h in header if h) or 'no columns'}",
            row=1,
        )
        return
    texts: dict[str, str] = {}
    for number, row in enumerate(rows, start=2):
        if _blank(row):
            continue
        fields, extra = _row_values(row, header, mapping, texts)
        loc = Location(parsed.path, row=number)
        parsed.nodes.append(RawNode(loc, fields, extra, columns))


def _relationships(
    parsed: ParsedFile,
    header: list[str],
    rows: Iterator[list[str]],
    mapping: dict[int, str | None],
    strict: bool,
) -> None:
    columns = _columns(header, mapping)
    required = ("source", "target", "type") if strict else ("source", "target")
    names = {"source": "from (van)", "target": "to (naar)", "type": "type (soort)"}
    missing = [names[c] for c in required if c not in columns]
    if missing:
        _drain(rows)
        parsed.fail(
            f"missing column(s) {', '.join(missing)} in a relationship file. "
            f"Found: {', '.join(h for h in header if h)}",
            row=1,
        )
        return
    table = RowTable(parsed.path, header, mapping)
    parsed.relationship_table = table
    start = 2
    while chunk := list(islice(rows, _SLICE)):
        kept = [row for row in chunk if "".join(row).strip()]  # blank rows are skipped
        numbers: Sequence[int] = range(start, start + len(chunk))
        if len(kept) < len(chunk):
            numbers = [n for n, row in zip(numbers, chunk, strict=True) if "".join(row).strip()]
        table.add_rows(numbers, kept, coerce)
        start += len(chunk)


#: rows read and stored column by column at a time
_SLICE = 10_000
