"""GraphML and GEXF (Gephi, networkx, yEd, Cytoscape), parsed with defusedxml.

An XML file with entity declarations (the "billion laughs" bomb) or external
references is refused before anything is expanded. Attributes are matched to
Grenswerk fields by name (``label``/``name``, ``type``/``kind``, ``weight``…),
the rest become properties; types are mapped through :mod:`graph.vocabulary`.

Defaults declared with a GraphML ``<key>`` or a GEXF ``<attribute>`` apply to every
element that gives no value; GraphML keys may stand in ``<graphml>`` or in
``<graph>``, GEXF ``<attvalue>`` in ``<attvalues>`` or (older Gephi files) straight in
the element. An edge is directed as its file says (GraphML ``edgedefault`` and a
per-edge ``directed``; GEXF ``defaultedgetype`` and a per-edge ``type``): see
:meth:`~importers.parsed.ParsedFile.keep_direction` for what a directed edge becomes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from graph.model import RelType
from importers.parsed import ParsedFile
from importers.rows import ImportOptions, Location, RawNode, RawRelationship
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


def exported_weight(attrs: dict[str, Any]) -> dict[str, Any]:
    """A tie's attributes without what a Grenswerk export adds to it: ``symmetric``
    (its type says it), and ``weight`` where the strength stands beside it or the file
    is Grenswerk's (``symmetric`` present: a weight without a strength is the default
    1.0, not a recorded strength).

    >>> exported_weight({"weight": 1.0, "symmetric": True, "relationship_type": "hosts"})
    {'relationship_type': 'hosts'}
    >>> exported_weight({"weight": 2.0})
    {'weight': 2.0}
    """
    if "symmetric" not in attrs and "strength" not in attrs:
        return attrs
    return {k: v for k, v in attrs.items() if k not in ("weight", "symmetric")}


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


#: a GraphML key or GEXF attribute: (name, value type, default value or None)
_Key = tuple[str, str, str | None]


def _default_type(options: ImportOptions | None) -> RelType:
    return options.default_type if options is not None else RelType.COLLABORATES_WITH


def _graphml_keys(*scopes: Element) -> dict[str, dict[str, _Key]]:
    """Keys by the element class they are for (``node``, ``edge``), ``all`` in both."""
    keys: dict[str, dict[str, _Key]] = {"node": {}, "edge": {}}
    for scope in scopes:
        for key in _children(scope, "key"):
            name = key.get("attr.name") or key.get("id") or ""
            default = _children(key, "default")
            entry = (name, key.get("attr.type", "string"), default[0].text if default else None)
            target = key.get("for", "all")
            for cls in ("node", "edge") if target == "all" else (target,):
                keys.setdefault(cls, {})[key.get("id", "")] = entry
    return keys


def _with_defaults(values: dict[str, Any], known: dict[str, _Key]) -> dict[str, Any]:
    """``values`` plus the declared default of every attribute they do not give."""
    for name, kind, default in known.values():
        if default is not None and name not in values:
            values[name] = _convert(default, kind)
    return values


def _edge(
    parsed: ParsedFile,
    loc: Location,
    attrs: dict[str, Any],
    ends: tuple[str | None, str | None],
    directed: bool,
    default_type: RelType,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The fields and properties of an edge; a directed one keeps its direction."""
    attrs = exported_weight(attrs)
    fields, extra, columns = _split(attrs, relationship_field, frozenset({"source", "target"}))
    fields["source"], fields["target"] = ends
    if directed:
        parsed.keep_direction(fields, extra, default_type)
    parsed.relationships.append(
        RawRelationship(loc, fields, extra, {**columns, "source": "source", "target": "target"})
    )
    return fields, extra


def read_graphml(path: Path, data: bytes, options: ImportOptions | None = None) -> ParsedFile:
    """Nodes and edges of every ``<graph>`` of a GraphML file."""
    parsed = ParsedFile(str(path), "graphml", strict=False)
    root = _parse(parsed, data, "graphml")
    if root is None:
        return parsed
    graphs = _children(root, "graph")
    if not graphs:
        return parsed.fail("no <graph> element")
    for graph in graphs:
        keys = _graphml_keys(root, graph)
        for index, node in enumerate(_children(graph, "node")):
            node_id = node.get("id")
            label = f"<node> #{index + 1}" + (f" (id {node_id!r})" if node_id else "")
            loc = Location(parsed.path, element=label)
            if not node_id:
                parsed.problems.append(loc.problem("a node without an id"))
                continue
            attrs = _with_defaults(_data(node, keys["node"]), keys["node"])
            fields, extra, columns = _split(attrs, node_field, frozenset({"id"}))
            fields["id"] = node_id
            fields.setdefault("name", node_id)
            parsed.nodes.append(RawNode(loc, fields, extra, columns))
        directed_default = graph.get("edgedefault", "undirected") == "directed"
        for index, edge in enumerate(_children(graph, "edge")):
            loc = Location(parsed.path, element=f"<edge> #{index + 1}")
            attrs = _with_defaults(_data(edge, keys["edge"]), keys["edge"])
            per_edge = edge.get("directed")
            directed = _boolean(per_edge) if per_edge is not None else directed_default
            ends = (edge.get("source"), edge.get("target"))
            fields, extra = _edge(parsed, loc, attrs, ends, directed, _default_type(options))
            if edge.get("id") and "id" not in fields:
                extra.setdefault("graphml_id", edge.get("id"))
    return parsed.finish(_default_type(options))


def _data(element: Element, keys: dict[str, _Key]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for data in _children(element, "data"):
        name, kind, _ = keys.get(data.get("key", ""), (data.get("key", ""), "string", None))
        out[name] = _convert(data.text or "", kind)
    return out


def _gexf_attributes(graph: Element) -> dict[str, dict[str, _Key]]:
    attributes: dict[str, dict[str, _Key]] = {"node": {}, "edge": {}}
    for block in _children(graph, "attributes"):
        cls = block.get("class", "node")
        for attr in _children(block, "attribute"):
            default = _children(attr, "default")
            attributes.setdefault(cls, {})[attr.get("id", "")] = (
                attr.get("title") or attr.get("id") or "",
                attr.get("type", "string"),
                default[0].text if default else None,
            )
    return attributes


def read_gexf(path: Path, data: bytes, options: ImportOptions | None = None) -> ParsedFile:
    """Nodes and edges of a GEXF file's (first) ``<graph>``."""
    parsed = ParsedFile(str(path), "gexf", strict=False)
    root = _parse(parsed, data, "gexf")
    if root is None:
        return parsed
    graphs = _children(root, "graph")
    if not graphs:
        return parsed.fail("no <graph> element")
    graph = graphs[0]
    attributes = _gexf_attributes(graph)
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
            attrs = _with_defaults(_attvalues(node, attributes["node"]), attributes["node"])
            fields, extra, columns = _split(attrs, node_field, frozenset({"id"}))
            fields["id"] = node_id
            fields["name"] = node.get("label") or fields.get("name") or node_id
            parsed.nodes.append(RawNode(loc, fields, extra, columns))
    # "mixed" (Gephi) and "mutual" name no default direction: undirected unless said
    directed_default = graph.get("defaultedgetype", "undirected") == "directed"
    for block in _children(graph, "edges"):
        for index, edge in enumerate(_children(block, "edge")):
            loc = Location(parsed.path, element=f"<edge> #{index + 1}")
            attrs = _with_defaults(_attvalues(edge, attributes["edge"]), attributes["edge"])
            if edge.get("weight") and not any(relationship_field(k) == "strength" for k in attrs):
                attrs["weight"] = edge.get("weight")
            if edge.get("label") and not any(relationship_field(k) == "type" for k in attrs):
                attrs["type"] = edge.get("label")
            per_edge = edge.get("type")
            directed = per_edge == "directed" if per_edge else directed_default
            ends = (edge.get("source"), edge.get("target"))
            _edge(parsed, loc, attrs, ends, directed, _default_type(options))
    return parsed.finish(_default_type(options))


def _attvalues(element: Element, known: dict[str, _Key]) -> dict[str, Any]:
    """Values in ``<attvalues>``, and (older Gephi files) ``<attvalue>`` in the element."""
    out: dict[str, Any] = {}
    values = [v for block in _children(element, "attvalues") for v in _children(block, "attvalue")]
    for value in [*_children(element, "attvalue"), *values]:
        key = value.get("for") or value.get("id") or ""
        name, kind, _ = known.get(key, (key, "string", None))
        out[name] = _convert(value.get("value", ""), kind)
    return out
