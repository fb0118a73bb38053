"""Grenswerk's own JSON: what ``grenswerk export --format json`` writes.

A round trip loses nothing: every field of every node and relationship is kept.
The format is strict: unknown kinds, types or fields are errors.

.. code-block:: json

    {"format": "grenswerk", "version": 1, "workspace": "demo",
     "nodes": [{"id": "…", "kind": "organisation", "name": "…", …}],
     "relationships": [{"id": "…", "type": "works_at", "source": "…", "target": "…"}]}
"""

from __future__ import annotations

from pathlib import Path

import orjson

from importers.parsed import ParsedFile, decode_utf8
from importers.rows import Location, RawNode, RawRelationship

__all__ = ["read_json"]

_ENDS = {"source": "source", "target": "target"}  # the fields messages name


def read_json(path: Path, data: bytes) -> ParsedFile:
    # the exports (and openpyxl with them) load here, not with the importers
    from graph.export import FORMAT_NAME, FORMAT_VERSION

    parsed = ParsedFile(str(path), "json", strict=True)
    text = decode_utf8(path, data, parsed)
    if text is None:
        return parsed
    try:
        doc = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        return parsed.fail(f"not valid JSON: {exc}")
    if not isinstance(doc, dict) or doc.get("format") != FORMAT_NAME:
        return parsed.fail(
            'not a Grenswerk JSON file: expected an object with "format": "grenswerk"'
        )
    if doc.get("version") != FORMAT_VERSION:
        return parsed.fail(
            f"Grenswerk JSON version {doc.get('version')!r} is not supported "
            f"(this version reads {FORMAT_VERSION})"
        )
    for key, is_node in (("nodes", True), ("relationships", False)):
        items = doc.get(key, [])
        if not isinstance(items, list):
            parsed.fail(f'"{key}" must be a list', element=key)
            continue
        for index, item in enumerate(items):
            label = f"{key}[{index}]"
            if not isinstance(item, dict):
                parsed.fail("must be an object", element=label)
                continue
            if "id" in item:
                label += f" (id {item['id']!r})"
            loc = Location(parsed.path, element=label)
            if is_node:
                parsed.nodes.append(RawNode(loc, dict(item), exact=True))
            else:
                parsed.relationships.append(RawRelationship(loc, dict(item), {}, _ENDS, exact=True))
    return parsed
