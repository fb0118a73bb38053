"""The bulk path of an import: the relationship rows of our CSV files validated column
by column and encoded straight into their stored form, without a model object per row.

:func:`encode_relationships` reads each column once, checks and converts each
*distinct* value of it once (types, mechanisms, numbers, dates, lists), joins the ends
to node ids through a dictionary made once per distinct name, and writes each row's
stored JSON with :mod:`orjson` in the field order of
:class:`~graph.model.Relationship` (so the bytes equal ``encode(relationship)``, see
``tests/importers/test_bulk.py``). The result is an
:class:`~graph.store.upsert.EncodedRelationships`, which the SQLite store writes as it
is.

The bulk path only takes clean input: at the first row it would have to report (an
unknown type, a bad number, an unknown end, a self-loop, a type its ends' kinds do not
allow, a repeated tie) or that it does not handle (a given id, a quote, another
format), it answers ``None`` and :func:`importers.plan.plan_import` reads the files
again row by row, which finds every problem and words it as always. Pydantic stays the
contract: the equality tests compare both paths on the same files.

Examples
--------
>>> from importers.rows import Location, RawRelationship
>>> from graph.model import NodeKind
>>> rows = [RawRelationship(Location("r.csv", 2), {"source": "p", "target": "o",
...                                                "type": "werkt bij"})]
>>> parsed = ParsedFile("r.csv", "csv", strict=True, relationships=rows)
>>> kinds = {"p": NodeKind.PERSON, "o": NodeKind.ORGANISATION}
>>> encoded = encode_relationships([parsed], "w", lambda refs: ({r: r for r in refs}, kinds))
>>> encoded[0].type, encoded[0].source
(<RelType.WORKS_AT: 'works_at'>, 'p')
"""

from __future__ import annotations

import hashlib
import math
import operator
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from typing import Any

import orjson

from graph.model import (
    SYMMETRIC_TYPES,
    Mechanism,
    NodeKind,
    Relationship,
    RelType,
    scalar_properties,
)
from graph.store.upsert import EncodedRelationships
from graph.vocabulary import mechanism_for, strict_type
from importers.columns import RowTable
from importers.parsed import ParsedFile
from importers.rows import as_number, as_text, parse_date, split_list

__all__ = ["BULK_FIELDS", "Resolver", "bulk_eligible", "encode_relationships"]

#: the fields of a relationship row the bulk path handles (a given ``id`` sends the
#: import down the row path)
BULK_FIELDS = frozenset(
    {
        "source",
        "target",
        "type",
        "role",
        "kind",
        "mechanism",
        "strength",
        "frequency",
        "since",
        "until",
        "description",
        "tags",
        "provenance",
        "quote",
    }
)


#: the fields a stored relationship ends with, in the model's order
_LAST_FIELDS = ("role", "kind", "mechanism", "strength", "frequency", "quote")


class _Refused(Exception):
    """A value the bulk path does not take: the row path reads the import instead."""


def bulk_eligible(files: Sequence[ParsedFile]) -> bool:
    """Whether every relationship row is one the bulk path may take: rows of our CSV
    format (strict, not exact) with only :data:`BULK_FIELDS`."""
    for parsed in files:
        rows = parsed.relationship_rows()
        if not rows:
            continue
        if parsed.format != "csv" or not parsed.strict:
            return False
        if isinstance(rows, RowTable):
            if not BULK_FIELDS.issuperset(rows.fields()):
                return False
            continue
        for raw in rows:
            if raw.exact or not BULK_FIELDS.issuperset(raw.fields):
                return False
    return True


#: resolves the distinct texts that name ends: (node id by text, kind by node id), or
#: ``None`` when a text names no node (or several)
Resolver = Callable[[set[str]], tuple[Mapping[str, str], Mapping[str, NodeKind]] | None]


def encode_relationships(
    files: Sequence[ParsedFile], workspace: str, resolve: Resolver
) -> EncodedRelationships | None:
    """The relationship rows of ``files`` in their stored form, or ``None`` when a row
    has a problem or something the bulk path does not take.

    Parameters
    ----------
    files
        Parsed files whose rows passed :func:`bulk_eligible`.
    workspace
        The workspace of the import.
    resolve
        Finds the node each distinct text naming an end names, and the nodes' kinds.
    """
    try:
        return _encode(_Rows(files), workspace, resolve)
    except _Refused:
        return None


class _Rows:
    """The relationship rows of some files, column by column (a file read column by
    column gives its columns as they are)."""

    def __init__(self, files: Sequence[ParsedFile]) -> None:
        self.parts = [parsed.relationship_rows() for parsed in files]
        self.properties: list[dict[str, Any] | None] = []
        for rows in self.parts:
            if isinstance(rows, RowTable):
                if rows.has_properties():
                    self.properties.extend(rows.properties(i) for i in range(len(rows)))
                else:
                    self.properties.extend([None] * len(rows))
            else:
                self.properties.extend(raw.properties for raw in rows)

    def __len__(self) -> int:
        return len(self.properties)

    def field(self, key: str) -> list[Any]:
        """Field ``key`` of every row (``None`` where a row has none)."""
        if len(self.parts) == 1 and isinstance(self.parts[0], RowTable):
            return self.parts[0].field(key)
        out: list[Any] = []
        for rows in self.parts:
            if isinstance(rows, RowTable):
                out.extend(rows.field(key))
            else:
                out.extend(raw.fields.get(key) for raw in rows)
        return out


def _encode(rows: _Rows, workspace: str, resolve: Resolver) -> EncodedRelationships:
    refs = [_column(rows, key, _ref) for key in ("source", "target")]
    resolved = resolve({*refs[0], *refs[1]})
    if resolved is None:
        raise _Refused
    ends, kinds = resolved
    sources, targets = ([ends[r] for r in column] for column in refs)
    types = _column(rows, "type", _type)
    _check_ends(types, sources, targets, kinds)
    since, until = (_column(rows, key, parse_date) for key in ("since", "until"))
    if any(s and u and u < s for s, u in zip(since, until, strict=True)):
        raise _Refused  # a tie that ends before it starts
    texts = {k: _column(rows, k, as_text) for k in ("role", "kind", "description", "quote")}
    quotes = texts["quote"]
    ids = _ids(types, sources, targets, quotes)
    if len(set(ids)) != len(ids):
        raise _Refused  # a repeated tie: the row path merges it and notes the rows
    last = (
        texts["role"],
        texts["kind"],
        _column(rows, "mechanism", _mechanism),
        *(_column(rows, key, _number) for key in ("strength", "frequency")),
        quotes,
    )
    # the last fields without a value in any row are left out of the loop
    tail = [
        (n, c) for n, c in zip(_LAST_FIELDS, last, strict=True) if any(v is not None for v in c)
    ]
    values = [t.value for t in types]
    out = EncodedRelationships(workspace, ids, values, sources, targets)
    tags = _column(rows, "tags", lambda v: "; ".join(split_list(v)) or None)
    descriptions, sources_of = texts["description"], _column(rows, "provenance", split_list)
    for i, given in enumerate(rows.properties):
        properties = (
            scalar_properties({k: v for k, v in given.items() if v not in (None, "")})
            if given
            else {}
        )
        if tags[i]:
            properties["tags"] = tags[i]
        if descriptions[i]:
            properties["description"] = descriptions[i]
        doc: dict[str, Any] = {
            "id": ids[i],
            "aliases": [],
            "properties": properties,
            "provenance": _provenance(sources_of[i], quotes[i]),
        }
        if since[i] is not None:
            doc["since"] = since[i]
        if until[i] is not None:
            doc["until"] = until[i]
        doc["type"], doc["source"], doc["target"] = values[i], sources[i], targets[i]
        for name, column in tail:
            if column[i] is not None:
                doc[name] = column[i]
        # orjson's bytes keep a 4 kB buffer each: a copy of the exact size is kept instead
        out.data.append(memoryview(orjson.dumps(doc)).tobytes())
    return out


def _check_ends(
    types: list[RelType], sources: list[str], targets: list[str], kinds: Mapping[str, NodeKind]
) -> None:
    """Refuse a self-loop or a type its ends' kinds do not allow (each distinct type and
    pair of kinds checked once)."""
    if any(map(operator.eq, sources, targets)):
        raise _Refused  # a self-loop
    kind_of = kinds.__getitem__
    ends = zip(types, map(kind_of, sources), map(kind_of, targets), strict=True)
    for rel_type, source_kind, target_kind in set(ends):
        probe = Relationship.model_construct(type=rel_type)
        if probe.endpoints_problem(source_kind, target_kind) is not None:
            raise _Refused


def _ids(
    types: list[RelType], sources: list[str], targets: list[str], quotes: list[str | None]
) -> list[str]:
    """Each row's :func:`~graph.model.relationship_id` (a mention keyed by its quote),
    with each type's value and symmetry looked up once."""
    info = {t: (t.value, t in SYMMETRIC_TYPES, t is RelType.MENTIONED_IN) for t in set(types)}
    sha1 = hashlib.sha1
    out: list[str] = []
    for rel_type, source, target, quote in zip(types, sources, targets, quotes, strict=True):
        value, symmetric, keyed = info[rel_type]
        first, second = (target, source) if symmetric and target < source else (source, target)
        raw = f"{value}\x1f{first}\x1f{second}\x1f{quote if keyed and quote else ''}"
        out.append(f"{value}-{sha1(raw.encode()).hexdigest()[:16]}")
    return out


def _given(column: list[Any]) -> Iterator[bool]:
    return (v is not None for v in column)


def _provenance(sources: list[str] | None, quote: str | None) -> list[dict[str, str]]:
    """The stored form of the provenance of a row (each source with the row's quote)."""
    if not sources:
        return []
    if quote is None:
        return [{"source": s} for s in sources]
    return [{"source": s, "quote": quote} for s in sources]


def _column(rows: _Rows, key: str, convert: Callable[[Any], Any]) -> list[Any]:
    """The column ``key`` of ``rows``, each distinct value converted once (a missing
    value stays ``None`` unless ``convert`` refuses it)."""
    column = rows.field(key)
    table: dict[Hashable, Any] = {}
    for value in set(column):
        try:
            table[value] = convert(value) if value is not None or key in _REQUIRED else None
        except ValueError as exc:
            raise _Refused from exc
    return [table[value] for value in column]


_REQUIRED = frozenset({"source", "target", "type"})


def _ref(value: Any) -> str:
    text = str(value).strip() if value is not None else ""
    if not text:
        raise _Refused  # the row path says the relationship has no end here
    return text


def _type(value: Any) -> RelType:
    text = as_text(value)
    found = strict_type(text) if text is not None else None
    if found is None:
        raise _Refused
    return found


def _mechanism(value: Any) -> str:
    found: Mechanism | None = mechanism_for(str(value).strip())
    if found is None:
        raise _Refused
    return found.value


def _number(value: Any) -> float | None:
    number = as_number(value)
    if number is not None and (not math.isfinite(number) or number < 0):
        raise _Refused
    return number
