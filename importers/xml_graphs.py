"""GraphML and GEXF (Gephi, networkx, yEd, Cytoscape), parsed with defusedxml.

An XML file with entity declarations (the "billion laughs" bomb) or external
references is refused before anything is expanded. Attributes are matched to
Grenswerk fields by name (``label``/``name``, ``type``/``kind``, ``weight``…),
the rest become properties; types are mapped through :mod:`importers.synonyms`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from importers.parsed import ParsedFile
from importers.records import Location, RawNode, RawRelationship
from importers.synonyms import node_field, relationship_field

__all__ = ["read_gexf", "read_graphml"]


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if _local(child.tag) == name]


def _parse(parsed: ParsedFile, data: bytes, root_name: str) -> Element | None:
    if not data:
        parsed.fail("the file is empty (0 bytes)")
        return None
    try:
        root = fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        parsed.fail(
            f"refused: the XML declares entities or external references ({type(exc).__name__}), "
            "which can be used to attack the server; remove the DOCTYPE/ENTITY declarations"
        )
        return None
    except ParseError as exc:
        parsed.fail(f"not well-formed XML: {exc}", row=exc.position[0] if exc.position else None)
        return None
    if _local(root.tag) != root_name:
        parsed.fail(f"not a {root_name.upper()} file: the root element is <{_local(root.tag)}>")
        return None
    return root


_ARTEFACTS = frozenset({"networkx_key"})  # written by networkx, carries nothing of ours


def _split(
    attrs: dict[str, Any], field_of: Any, skip: frozenset[str] = frozenset()
) -> tuple[dict[str, Any], dict[str, Any], dict[str, str]]:
    fields: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    columns: dict[str, str] = {}
    for name, value in attrs.items():
        if value in (None, "") or name in skip or name in _ARTEFACTS:
            continue
        target = field_of(name)
        if target is not None and target in fields and fields[target] == value:
            continue
        if target is None or target in fields:
            extra[name] = value
        else:
            fields[target] = value
            columns[target] = name
    return fields, extra, columns


def _boolean(value: str) -> bool:
    return value.strip().lower() in ("true", "1", "yes")


_TYPES: dict[str, Callable[[str], Any]] = {
    "int": int,
    "long": int,
    "integer": int,
    "float": float,
    "double": float,
    "boolean": _boolean,
}


def _convert(value: str, kind: str) -> Any:
    try:
        return _TYPES.get(kind, str)(value)
    except ValueError:
        return value


def read_graphml(path: Path, data: bytes) -> ParsedFile:
    parsed = ParsedFile(str(path), "graphml", strict=False)
    root = _parse(parsed, data, "graphml")
    if root is None:
        return parsed
    keys: dict[str, tuple[str, str, str | None]] = {}
    for key in _children(root, "key"):
        name = key.get("attr.name") or key.get("id") or ""
        default = _children(key, "default")
        keys[key.get("id", "")] = (
            name,
            key.get("attr.type", "string"),
            default[0].text if default else None,
        )
    graphs = _children(root, "graph")
    if not graphs:
        return parsed.fail("no <graph> element")
    for graph in graphs:
        for index, node in enumerate(_children(graph, "node")):
            node_id = node.get("id")
            label = f"<node> #{index + 1}" + (f" (id {node_id!r})" if node_id else "")
            loc = Location(parsed.path, element=label)
            if not node_id:
                parsed.problems.append(loc.problem("a node without an id"))
                continue
            attrs = _data(node, keys)
            fields, extra, columns = _split(attrs, node_field, frozenset({"id"}))
            fields["id"] = node_id
            fields.setdefault("name", node_id)
            parsed.nodes.append(RawNode(loc, fields, extra, columns))
        for index, edge in enumerate(_children(graph, "edge")):
            loc = Location(parsed.path, element=f"<edge> #{index + 1}")
            attrs = _data(edge, keys)
            fields, extra, columns = _split(
                attrs, relationship_field, frozenset({"source", "target"})
            )
            fields["source"] = edge.get("source")
            fields["target"] = edge.get("target")
            if edge.get("id") and "id" not in fields:
                extra.setdefault("graphml_id", edge.get("id"))
            parsed.relationships.append(
                RawRelationship(
                    loc, fields, extra, {**columns, "source": "source", "target": "target"}
                )
            )
    return parsed


def _data(element: Element, keys: dict[str, tuple[str, str, str | None]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for data in _children(element, "data"):
        name, kind, _ = keys.get(data.get("key", ""), (data.get("key", ""), "string", None))
        out[name] = _convert(data.text or "", kind)
    return out


def read_gexf(path: Path, data: bytes) -> ParsedFile:
    parsed = ParsedFile(str(path), "gexf", strict=False)
    root = _parse(parsed, data, "gexf")
    if root is None:
        return parsed
    graphs = _children(root, "graph")
    if not graphs:
        return parsed.fail("no <graph> element")
    graph = graphs[0]
    attributes: dict[str, dict[str, tuple[str, str]]] = {"node": {}, "edge": {}}
    for block in _children(graph, "attributes"):
        cls = block.get("class", "node")
        for attr in _children(block, "attribute"):
            attributes.setdefault(cls, {})[attr.get("id", "")] = (
                attr.get("title") or attr.get("id") or "",
                attr.get("type", "string"),
            )
    for block in _children(graph, "nodes"):
        for index, node in enumerate(_children(block, "node")):
            node_id = node.get("id")
            loc = Location(
                parsed.path,
                element=f"<node> #{index + 1}" + (f" (id {node_id!r})" if node_id else ""),
            )
            if not node_id:
                parsed.problems.append(loc.problem("a node without an id"))
                continue
            attrs = _attvalues(node, attributes["node"])
            fields, extra, columns = _split(attrs, node_field, frozenset({"id"}))
            fields["id"] = node_id
            fields["name"] = node.get("label") or fields.get("name") or node_id
            parsed.nodes.append(RawNode(loc, fields, extra, columns))
    for block in _children(graph, "edges"):
        for index, edge in enumerate(_children(block, "edge")):
            loc = Location(parsed.path, element=f"<edge> #{index + 1}")
            attrs = _attvalues(edge, attributes["edge"])
            fields, extra, columns = _split(
                attrs, relationship_field, frozenset({"source", "target"})
            )
            fields["source"] = edge.get("source")
            fields["target"] = edge.get("target")
            if edge.get("weight") and "strength" not in fields:
                fields["strength"] = edge.get("weight")
            if edge.get("label") and "type" not in fields:
                fields["type"] = edge.get("label")
            parsed.relationships.append(
                RawRelationship(
                    loc, fields, extra, {**columns, "source": "source", "target": "target"}
                )
            )
    return parsed


def _attvalues(element: Element, known: dict[str, tuple[str, str]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for block in _children(element, "attvalues"):
        for value in _children(block, "attvalue"):
            key = value.get("for") or value.get("id") or ""
            name, kind = known.get(key, (key, "string"))
            out[name] = _convert(value.get("value", ""), kind)
    return out
