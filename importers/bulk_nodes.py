"""The column path of a node file: the rows of our CSV format checked and converted
column by column, each *distinct* value of a column once (kinds, organisation and
activity types, dates, lists), before each row's node is validated by the model.

:func:`build_nodes` gives the nodes :meth:`importers.records.RecordBuilder.node` gives
for the same rows (``tests/importers/test_bulk_nodes.py`` compares them field by field,
with the fields a row set), or ``None`` at the first row it would have to report or
does not take (a problem, an id made safe, another format): then
:func:`importers.plan.plan_import` builds every row as before, which finds every
problem and words it as always. Pydantic stays the contract: each node is still
``Node.model_validate`` of the dictionary the row path makes.

Examples
--------
>>> from importers.rows import Location, RawNode
>>> raw = RawNode(Location("n.csv", 2), {"name": "ROC A", "kind": "organisatie"})
>>> parsed = ParsedFile("n.csv", "csv", strict=True, nodes=[raw])
>>> [(n.id, n.kind.value, n.org_type.value) for n in build_nodes(parsed, ImportOptions("w"))]
[('roc-a', 'organisation', 'other')]
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from pydantic import ValidationError

from graph.model import Node, NodeKind, Provenance, is_safe_id, scalar_properties, slugify
from graph.vocabulary import activity_type_for, org_type_for, strict_kind
from importers.parsed import ParsedFile
from importers.rows import ImportOptions, as_text, parse_date, place_types, split_list

__all__ = ["NODE_FIELDS", "build_nodes"]

#: the fields of a node row the column path handles (every field our CSV reader maps)
NODE_FIELDS = frozenset(
    {
        "id",
        "name",
        "kind",
        "org_type",
        "activity_type",
        "sector",
        "description",
        "aliases",
        "date",
        "role",
        "url",
        "tags",
        "since",
        "until",
        "provenance",
        "quote",
    }
)


class _Refused(Exception):
    """A value the column path does not take: the rows are built one by one instead."""


def build_nodes(parsed: ParsedFile, options: ImportOptions) -> list[Node] | None:
    """The nodes of the rows of ``parsed`` in order, as the row path builds them, or
    ``None`` when a row has a problem or something the column path does not take."""
    rows = parsed.nodes
    if parsed.format != "csv" or not parsed.strict or not rows:
        return None
    if any(raw.exact or not NODE_FIELDS.issuperset(raw.fields) for raw in rows):
        return None
    try:
        return _build(parsed, options)
    except _Refused:
        return None


def _build(parsed: ParsedFile, options: ImportOptions) -> list[Node]:
    rows = parsed.nodes
    limits = options.limits

    def column(key: str, convert: Callable[[Any], Any]) -> list[Any]:
        """Field ``key`` of every row, each distinct value converted once."""
        values = [raw.fields.get(key) for raw in rows]
        table: dict[Hashable, Any] = {}
        for value in set(values):
            try:
                table[value] = convert(value)
            except ValueError as exc:
                raise _Refused from exc
        return [table[v] for v in values]

    kinds = column("kind", _kind)
    org_types = column("org_type", lambda v: _term(v, org_type_for))
    activity_types = column("activity_type", lambda v: _term(v, activity_type_for))
    dates = {key: column(key, parse_date) for key in ("since", "until", "date")}
    texts = {key: column(key, as_text) for key in ("description", "sector", "role", "url")}
    tags = column("tags", lambda v: "; ".join(split_list(v)))
    aliases = column("aliases", split_list)
    provenance = column("provenance", split_list)
    workspace = options.workspace
    out: list[Node] = []
    for i, raw in enumerate(rows):
        f = raw.fields
        properties = scalar_properties(
            {k: v for k, v in raw.properties.items() if v not in (None, "")}
        )
        if limits.property_problem(properties) is not None:
            raise _Refused
        node_id = as_text(f.get("id"))
        if node_id is not None and not is_safe_id(node_id):
            raise _Refused  # strict: the row path says what is wrong with the id
        name = as_text(f.get("name"))
        if name is None:
            raise _Refused
        if tags[i]:
            properties["tags"] = tags[i]
        kind, org_type, activity_type = kinds[i], org_types[i], activity_types[i]
        quote = as_text(f.get("quote")) if "quote" in f else None
        data: dict[str, Any] = {
            "id": node_id or slugify(name),
            "workspace": workspace,
            "kind": kind,
            "name": name,
            "aliases": list(aliases[i]),
            "properties": properties,
            "provenance": [Provenance(source=s, quote=quote) for s in provenance[i]],
            "description": texts["description"][i],
            "sector": texts["sector"][i],
            "role": texts["role"][i],
            "url": texts["url"][i],
            "since": dates["since"][i],
            "until": dates["until"][i],
            "date": dates["date"][i],
        }
        place_types(data, kind, org_type, activity_type)
        try:
            out.append(Node.model_validate({k: v for k, v in data.items() if v is not None}))
        except ValidationError as exc:
            raise _Refused from exc
    return out


def _kind(value: Any) -> NodeKind:
    """A node's kind, named in English or Dutch (strict: nothing else)."""
    text = as_text(value)
    found = strict_kind(text) if text is not None else None
    if found is None:
        raise _Refused  # missing or unknown: the row path says which
    return found


def _term(value: Any, lookup: Callable[[str], Any]) -> Any:
    """An organisation or activity type (``None`` when the cell is empty)."""
    text = as_text(value)
    if text is None:
        return None
    found = lookup(text)
    if found is None:
        raise _Refused
    return found
