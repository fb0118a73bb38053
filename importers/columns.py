"""The rows of a CSV file held column by column: :class:`RowTable`.

A big relationship file is read into one list per column (each cell stripped, each
distinct text one object, empty cells ``None``) and the row numbers, instead of one
:class:`~importers.rows.RawRelationship` with its dictionaries per row. The bulk path
(:mod:`importers.bulk`) reads the columns as they are; the row path asks for the rows
(:meth:`RowTable.__getitem__` builds each as the CSV reader built it before, so the
messages name the same file, row and column).

Examples
--------
>>> table = RowTable("r.csv", ["van", "naar", "soort", "extra"],
...                  {0: "source", 1: "target", 2: "type", 3: None})
>>> table.add_rows([2, 3], [["a", "b", "werkt bij", "12"], ["c", "", "x", ""]], lambda v: v)
>>> len(table), table.field("target")
(2, ['b', None])
>>> table[0].fields, table[0].properties, table[1].location.row
({'source': 'a', 'target': 'b', 'type': 'werkt bij'}, {'extra': '12'}, 3)
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator, Sequence
from typing import Any, overload

from importers.rows import Location, RawRelationship

__all__ = ["RowTable"]

#: a cell's value as a property (see :func:`importers.csv_files.coerce`)
Coerce = Callable[[str], Any]


class RowTable(Sequence[RawRelationship]):
    """The rows of one relationship file, column by column.

    Parameters
    ----------
    path
        The file, for the rows' locations.
    header
        The header cells (stripped).
    mapping
        Column index -> canonical field (``None``: the column becomes a property).
    """

    def __init__(self, path: str, header: list[str], mapping: dict[int, str | None]) -> None:
        self.path = path
        self.header = header
        self.mapping = mapping
        #: canonical field -> the header the user wrote, for messages
        self.columns = {f: header[i] for i, f in mapping.items() if f is not None}
        #: the columns that are kept, in the file's order: (index, field or ``None``)
        self.kept = [(i, mapping.get(i)) for i in range(len(header)) if mapping.get(i) or header[i]]
        self.cells: dict[int, list[Any]] = {i: [] for i, _ in self.kept}
        self.rows = array("q")
        self._texts: dict[str, str] = {}
        self._coerced: dict[str, Any] = {}

    def add_rows(self, numbers: Sequence[int], rows: Sequence[list[str]], coerce: Coerce) -> None:
        """Append ``rows`` (cells as read, not blank) with their row numbers; a field's
        cell is kept as its stripped text, another column's as ``coerce`` makes it."""
        self.rows.extend(numbers)
        texts, coerced = self._texts, self._coerced
        width = len(self.header)
        if all(len(row) >= width for row in rows):  # the usual case: whole columns at once
            by_column: list[Sequence[str]] = list(zip(*rows, strict=False)) if rows else []
        else:
            by_column = [[row[i] if i < len(row) else "" for row in rows] for i in range(width)]
        for i, target in self.kept:
            stripped = map(str.strip, by_column[i]) if by_column else iter(())
            if target is not None:
                values = [texts.setdefault(v, v) if v else None for v in stripped]
            else:
                values = [_coerce(v, coerce, coerced) if v else None for v in stripped]
            self.cells[i].extend(values)

    def clear(self) -> None:
        """Forget every row."""
        self.rows = array("q")
        for values in self.cells.values():
            values.clear()

    def fields(self) -> set[str]:
        """The fields that have a value in some row."""
        return {t for i, t in self.kept if t is not None and any(self.cells[i])}

    def field(self, key: str) -> list[str | None]:
        """The column of field ``key``: per row its text, ``None`` when empty (of
        several columns of one field, the first non-empty one in the row)."""
        found = [self.cells[i] for i, t in self.kept if t == key]
        if not found:
            return [None] * len(self.rows)
        if len(found) == 1:
            return found[0]
        return [next((v for v in vs if v is not None), None) for vs in zip(*found, strict=True)]

    def has_properties(self) -> bool:
        """Whether some row has a value in a column that is not a field."""
        return any(any(self.cells[i]) for i, t in self.kept if t is None)

    def properties(self, index: int) -> dict[str, Any]:
        """The properties of row ``index`` (by header, in the file's order)."""
        out: dict[str, Any] = {}
        for i, target in self.kept:
            value = self.cells[i][index]
            if target is None and value is not None:
                out[self.header[i]] = value
        return out

    def __len__(self) -> int:
        return len(self.rows)

    @overload
    def __getitem__(self, index: int) -> RawRelationship: ...

    @overload
    def __getitem__(self, index: slice) -> list[RawRelationship]: ...

    def __getitem__(self, index: int | slice) -> RawRelationship | list[RawRelationship]:
        if isinstance(index, slice):
            return [self._row(i) for i in range(len(self))[index]]
        if index < 0:
            index += len(self)
        return self._row(index)

    def __iter__(self) -> Iterator[RawRelationship]:
        for index in range(len(self)):
            yield self._row(index)

    def _row(self, index: int) -> RawRelationship:
        """Row ``index`` as the CSV reader built it row by row: the first non-empty
        column of a field wins, other columns become properties."""
        fields: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        for i, target in self.kept:
            value = self.cells[i][index]
            if value is None:
                continue
            if target is None:
                extra[self.header[i]] = value
            elif target not in fields:
                fields[target] = value
        location = Location(self.path, row=self.rows[index])
        return RawRelationship(location, fields, extra, self.columns)


def _coerce(value: str, coerce: Coerce, seen: dict[str, Any]) -> Any:
    """``coerce(value)``, once per distinct value."""
    if value not in seen:
        seen[value] = coerce(value)
    return seen[value]
