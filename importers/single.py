"""One record (a dict of fields, as a form, a JSON body or a survey answer gives it)
through the very path an import file takes: fields named as a CSV header may name
them (Dutch or English, :mod:`importers.synonyms`), values read by
:mod:`importers.records`, ends and names resolved by :mod:`importers.resolve`, the
plan made by :func:`importers.plan.plan_import`. Nothing is written here.

Examples
--------
>>> raw = node_row({"naam": "Proef BV", "soort": "organisatie", "kleur": "rood"})
>>> raw.fields, raw.properties
({'name': 'Proef BV', 'kind': 'organisatie'}, {'kleur': 'rood'})
>>> dict(raw.columns)
{'name': 'naam', 'kind': 'soort'}
>>> relationship_row({"from": "ROC", "target": "Bouwbedrijf", "type": "werkt_samen_met"}).fields
{'source': 'ROC', 'target': 'Bouwbedrijf', 'type': 'werkt_samen_met'}
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from graph.store.base import Store
from importers.parsed import ParsedFile
from importers.plan import ImportPlan, plan_import
from importers.rows import ImportOptions, Location, RawNode, RawRelationship
from importers.synonyms import node_field, relationship_field

__all__ = ["RECORD", "node_row", "plan_records", "relationship_row"]

#: the "file" name of a single record's problems
RECORD = "record"

#: keys of a record that are not fields of the element (the workspace is the caller's)
_IGNORED = frozenset({"workspace", "csrf_token"})


def _row(
    record: Mapping[str, Any], field_of: Callable[[str], str | None]
) -> tuple[dict[str, Any], dict[str, Any], dict[str, str]]:
    """Fields, properties and the key each field came by, as a CSV row maps its header.

    A value of ``None`` or blank text is no value (a blank cell); a key Grenswerk does
    not know becomes a property; ``properties`` (a mapping) adds properties.
    """
    fields: dict[str, Any] = {}
    properties: dict[str, Any] = {}
    columns: dict[str, str] = {}
    for key, value in record.items():
        key = str(key)
        if key in _IGNORED or value is None or (isinstance(value, str) and not value.strip()):
            continue
        if key == "properties" and isinstance(value, Mapping):
            properties.update({str(k): v for k, v in value.items()})
            continue
        target = field_of(key)
        if target is None:
            properties[key] = value
        elif target not in fields:
            fields[target] = value
            columns[target] = key
    return fields, properties, columns


def node_row(record: Mapping[str, Any], location: Location | None = None) -> RawNode:
    """A node row made from one record, its keys read as a node file's headers."""
    loc = location or Location(RECORD)
    fields, properties, columns = _row(record, node_field)
    return RawNode(loc, fields, properties, columns)


def relationship_row(
    record: Mapping[str, Any], location: Location | None = None
) -> RawRelationship:
    """A relationship row made from one record, its keys read as a relationship file's
    headers (``from``/``van``/``source``, ``to``/``naar``/``target``, …)."""
    loc = location or Location(RECORD)
    fields, properties, columns = _row(record, relationship_field)
    return RawRelationship(loc, fields, properties, columns)


def plan_records(
    store: Store,
    workspace: str,
    nodes: Sequence[Mapping[str, Any]] = (),
    relationships: Sequence[Mapping[str, Any]] = (),
) -> ImportPlan:
    """The import plan of a few records, exactly as if they were rows of our own (strict)
    CSV files: ids made from names, names matched to stored nodes, relationship ends found
    by id, name or alias, an unknown name answered with "did you mean …?".

    Parameters
    ----------
    store
        The store the records are resolved against (nothing is written).
    workspace
        The workspace they go into.
    nodes, relationships
        One mapping per element; keys as the headers of a node or relationship file.

    Returns
    -------
    ImportPlan
        With ``problems`` (their ``column`` the key the record used) when a record is
        refused; write it with :func:`importers.plan.apply_plan`.
    """
    parsed = ParsedFile(RECORD, "record", strict=True)
    for i, record in enumerate(nodes):
        parsed.nodes.append(node_row(record, Location(RECORD, element=f"node {i + 1}")))
    for i, record in enumerate(relationships):
        location = Location(RECORD, element=f"relationship {i + 1}")
        parsed.relationships.append(relationship_row(record, location))
    return plan_import(store, [parsed], ImportOptions(workspace))
