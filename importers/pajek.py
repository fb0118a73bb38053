"""Pajek ``.net``/``.paj`` files, one-mode and two-mode.

``*Vertices 10 4`` marks a two-mode network: vertices 1–4 are the first mode, the
rest the second; their kinds come from the options (default person × activity).
``*Arcs``/``*Edges`` (and the ``*Arcslist``/``*Edgeslist`` forms) give ties; a third
number is the weight. Arcs are directed and keep their direction (see
:meth:`~importers.parsed.ParsedFile.keep_direction`); edges are undirected. Other
sections (``*Partition``, ``*Vector``, ``*Matrix``) are skipped with a note.

After a vertex's label (and its coordinates and shape, as networkx and Grenswerk write
them: ``1 "roc-a" 0.0 0.0 ellipse label "ROC A" kind organisation``) and after a tie's
weight (``1 2 1.0 label advice``), ``key value`` pairs are attributes, read as fields
by name (``label`` → name, ``kind``, ``relationship_type`` → type…) or kept as
properties. A vertex with a ``label`` attribute keeps its Pajek label as its id.
"""

from __future__ import annotations

import shlex
from pathlib import Path

from graph.model import RELATIONSHIP_ENDPOINTS, NodeKind, RelType, slugify
from importers.parsed import ParsedFile, decode_utf8
from importers.rows import ImportOptions, Location, RawNode, RawRelationship
from importers.synonyms import node_field, relationship_field
from importers.xml_graphs import exported_weight

__all__ = ["read_pajek", "two_mode_type"]


_SHAPES = frozenset({"ellipse", "box", "diamond", "triangle", "cross", "empty", "circle"})


def _number(word: str) -> float | None:
    try:
        return float(word)
    except ValueError:
        return None


def _value(word: str) -> object:
    """A Pajek attribute value: a number, a boolean or text.

    >>> _value("2.5"), _value("true"), _value("advice"), _value("007")
    (2.5, True, 'advice', '007')
    """
    if word in ("true", "false"):
        return word == "true"
    if word.lstrip("-").isdigit() and not (word.lstrip("-").startswith("0") and len(word) > 1):
        return int(word)
    number = _number(word)
    return number if number is not None and any(c in word for c in ".eE") else word


def _attributes(words: list[str]) -> dict[str, object]:
    """``key value`` pairs (an odd word at the end is dropped by the caller's check)."""
    return {words[i]: _value(words[i + 1]) for i in range(0, len(words) - 1, 2)}


_BLOCKS = ("*partition", "*vector", "*permutation", "*cluster", "*hierarchy", "*matrix")


def two_mode_type(first: NodeKind, second: NodeKind) -> RelType:
    """The most specific type that joins the two modes.

    >>> two_mode_type(NodeKind.PERSON, NodeKind.ACTIVITY)
    <RelType.PARTICIPATES_IN: 'participates_in'>
    >>> two_mode_type(NodeKind.ORGANISATION, NodeKind.THEME)
    <RelType.WORKS_ON: 'works_on'>
    """
    for rel_type in (
        RelType.PARTICIPATES_IN,
        RelType.WORKS_AT,
        RelType.MEMBER_OF,
        RelType.WORKS_ON,
        RelType.ADDRESSES,
    ):
        sources, targets = RELATIONSHIP_ENDPOINTS[rel_type]
        if first in sources and second in targets:
            return rel_type
    return RelType.RELATED_TO


def read_pajek(path: Path, data: bytes, options: ImportOptions) -> ParsedFile:
    parsed = ParsedFile(str(path), "pajek", strict=False)
    text = decode_utf8(path, data, parsed)
    if text is None:
        return parsed
    lines = text.splitlines()
    if not any(line.strip().lower().startswith("*vertices") for line in lines):
        return parsed.fail("not a Pajek network: no '*Vertices' line")
    reader = _PajekReader(parsed, options)
    for number, raw_line in enumerate(lines, start=1):
        line = raw_line.strip()
        if not line or line.startswith("%"):
            continue
        if line.startswith("*"):
            if not reader.header(line.split(), number):
                return parsed
            continue
        loc = Location(parsed.path, row=number)
        if reader.section == "*vertices":
            reader.vertex(line, loc)
        elif reader.section in _TIE_SECTIONS:
            reader.ties(line, loc)
    if reader.skipped:
        parsed.notes.append(f"skipped Pajek sections: {', '.join(sorted(reader.skipped))}")
    return parsed.finish(options.default_type)


_TIE_SECTIONS = ("*arcs", "*edges", "*arcslist", "*edgeslist")


class _PajekReader:
    """The state of one Pajek file as its lines are read."""

    def __init__(self, parsed: ParsedFile, options: ImportOptions) -> None:
        self.parsed = parsed
        self.options = options
        self.section = ""
        self.n_vertices = 0
        self.first_mode = 0
        self.ids: dict[int, str] = {}
        self.used: set[str] = set()
        self.skipped: set[str] = set()
        self.edge_type: str | None = None
        self.in_block = False  # inside a *Partition/*Vector block, whose *Vertices is its own

    def header(self, words: list[str], number: int) -> bool:
        """A ``*Section`` line; ``False`` when the file cannot be read on."""
        word = words[0].lower()
        if word == "*network":
            self.in_block = False
        elif word in _BLOCKS:
            self.in_block = True
            self.skipped.add(words[0])
        if self.in_block:
            self.section = ""
            return True
        self.section = word
        if word == "*vertices":
            try:
                self.n_vertices = int(words[1])
                self.first_mode = int(words[2]) if len(words) > 2 else 0
            except (IndexError, ValueError):
                self.parsed.fail("'*Vertices' needs a number", row=number)
                return False
        elif word not in (*_TIE_SECTIONS, "*network"):
            self.skipped.add(words[0])
        return True

    def vertex(self, line: str, loc: Location) -> None:
        """A vertex line: its number, label and (in a two-mode file) its kind."""
        parsed = self.parsed
        try:
            parts = shlex.split(line, posix=True)
            number_id = int(parts[0])
        except (ValueError, IndexError):
            parsed.problems.append(loc.problem(f"cannot read vertex line {line!r}"))
            return
        if not 1 <= number_id <= self.n_vertices:
            parsed.problems.append(
                loc.problem(f"vertex {number_id} is outside 1..{self.n_vertices}")
            )
            return
        label = parts[1] if len(parts) > 1 else str(number_id)
        rest = parts[2:]
        coordinates = 0
        while rest and coordinates < 3 and _number(rest[0]) is not None:
            rest, coordinates = rest[1:], coordinates + 1  # x y (z)
        if rest and (coordinates >= 2 or len(rest) % 2) and rest[0].lower() in _SHAPES:
            rest = rest[1:]  # the shape
        if len(rest) % 2:
            parsed.problems.append(loc.problem(f"cannot read the attributes of {line!r}"))
            return
        attrs = _attributes(rest)
        node_id = label if "label" in attrs else slugify(label)
        if node_id in self.used:
            node_id = f"{node_id}-{number_id}"
        self.used.add(node_id)
        self.ids[number_id] = node_id
        fields: dict[str, object] = {"id": node_id, "name": label}
        properties: dict[str, object] = {"pajek_number": number_id}
        for key, value in attrs.items():
            field = node_field(key)
            if field is not None and field != "id" and field not in ("provenance",):
                fields[field] = value
            elif key not in ("x", "y", "shape"):
                properties[key] = value
        if self.first_mode:
            kinds = self.options.two_mode_kinds
            fields["kind"] = kinds[0 if number_id <= self.first_mode else 1].value
            self.edge_type = two_mode_type(*kinds).value
        parsed.nodes.append(RawNode(loc, fields, properties))

    def ties(self, line: str, loc: Location) -> None:
        """A tie line of ``*Arcs``/``*Edges`` or their ``list`` forms; after the weight,
        ``key value`` attributes."""
        try:
            words = shlex.split(line, posix=True)
        except ValueError:
            words = line.split()
        if self.section.endswith("list"):
            try:
                numbers = [int(p) for p in words]
            except ValueError:
                self.parsed.problems.append(loc.problem(f"cannot read tie line {line!r}"))
                return
            for other in numbers[1:]:
                self.tie(numbers[0], other, None, loc)
            return
        try:
            ends = [int(words[0]), int(words[1])]
        except (ValueError, IndexError):
            self.parsed.problems.append(loc.problem(f"cannot read tie line {line!r}"))
            return
        rest = words[2:]
        weight = None
        if len(rest) % 2 and _number(rest[0]) is not None:
            weight, rest = _number(rest[0]), rest[1:]
        if len(rest) % 2:
            self.parsed.problems.append(loc.problem(f"cannot read tie line {line!r}"))
            return
        self.tie(ends[0], ends[1], weight, loc, _attributes(rest))

    def tie(
        self,
        a: object,
        b: object,
        weight: float | None,
        loc: Location,
        attrs: dict[str, object] | None = None,
    ) -> None:
        ends = []
        for end, column in ((a, "from"), (b, "to")):
            if not isinstance(end, int) or end not in self.ids:
                self.parsed.problems.append(
                    loc.problem(f"vertex {end} is not declared under *Vertices", column)
                )
                return
            ends.append(self.ids[end])
        rel_fields: dict[str, object] = {"source": ends[0], "target": ends[1]}
        own = dict(attrs or {})
        if weight is not None:
            own["weight"] = weight
        own = exported_weight(own)
        properties: dict[str, object] = {}
        for key, value in own.items():
            field = relationship_field(key)
            if field in ("source", "target", "provenance") or (field is None and key != "weight"):
                properties[key] = value
            else:
                rel_fields[field or "strength"] = value
        if self.edge_type:
            rel_fields["type"] = self.edge_type
        if self.section.startswith("*arcs"):
            self.parsed.keep_direction(rel_fields, properties, self.options.default_type)
        self.parsed.relationships.append(
            RawRelationship(loc, rel_fields, properties, {"source": "from", "target": "to"})
        )
