"""The CSV reader's column-wise rows (importers.columns) against the row-by-row reader
it replaced, kept here as the reference."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from importers.csv_files import coerce, read_csv, sniff_delimiter
from importers.rows import Location, RawRelationship
from importers.synonyms import relationship_field


def reference_rows(path: str, text: str) -> list[RawRelationship]:
    """The relationship rows as the CSV reader built them one by one before."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    header = [h.strip() for h in next(reader)]
    mapping = {i: relationship_field(h) for i, h in enumerate(header)}
    columns = {f: header[i] for i, f in mapping.items() if f is not None}
    out = []
    for number, row in enumerate(reader, start=2):
        if not "".join(row).strip():
            continue
        fields: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        for i, cell in enumerate(row[: len(header)]):
            value = cell.strip()
            if not value:
                continue
            target = mapping.get(i)
            if target is None:
                if header[i]:
                    extra[header[i]] = coerce(value)
            elif target not in fields:
                fields[target] = value
        out.append(RawRelationship(Location(path, row=number), fields, extra, columns))
    return out


HEADERS = ["van", "to", "from", "soort", "sterkte", "", "aantal", "aantal", "bron", "Type"]
cell = st.sampled_from(["", " ", "a", " b ", "werkt bij", "12", "0612", "1.5", "true", "x;y"])


@settings(max_examples=200, deadline=None)
@given(
    header=st.lists(st.sampled_from(HEADERS), min_size=1, max_size=7).map(
        lambda h: ["van", "naar", "soort", *h]
    ),
    rows=st.lists(st.lists(cell, min_size=0, max_size=10), max_size=12),
)
def test_the_rows_read_column_by_column_are_the_rows_read_one_by_one(
    header: list[str], rows: list[list[str]]
) -> None:
    out = io.StringIO(newline="")
    csv.writer(out).writerows([header, *rows])
    text = out.getvalue()
    parsed = read_csv(Path("r.csv"), text.encode())
    assert parsed.relationships == [] and parsed.relationship_table is not None
    assert list(parsed.relationship_rows()) == reference_rows("r.csv", text)
