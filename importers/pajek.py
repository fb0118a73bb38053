"""Pajek ``.net``/``.paj`` files, one-mode and two-mode.

``*Vertices 10 4`` marks a two-mode network: vertices 1–4 are the first mode, the
rest the second; their kinds come from the options (default person × activity).
``*Arcs``/``*Edges`` (and the ``*Arcslist``/``*Edgeslist`` forms) give ties; a third
number is the weight. Arcs are directed and keep their direction (see
:meth:`~importers.parsed.ParsedFile.keep_direction`); edges are undirected. Other
sections (``*Partition``, ``*Vector``, ``*Matrix``) are skipped with a note.
"""

from __future__ import annotations

import shlex
from pathlib import Path

from graph.model import RELATIONSHIP_ENDPOINTS, NodeKind, RelType, slugify
from importers.parsed import ParsedFile, decode_utf8
from importers.rows import ImportOptions, Location, RawNode, RawRelationship

__all__ = ["read_pajek", "two_mode_type"]


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
        node_id = slugify(label)
        if node_id in self.used:
            node_id = f"{node_id}-{number_id}"
        self.used.add(node_id)
        self.ids[number_id] = node_id
        fields: dict[str, object] = {"id": node_id, "name": label}
        if self.first_mode:
            kinds = self.options.two_mode_kinds
            fields["kind"] = kinds[0 if number_id <= self.first_mode else 1].value
            self.edge_type = two_mode_type(*kinds).value
        parsed.nodes.append(RawNode(loc, fields, {"pajek_number": number_id}))

    def ties(self, line: str, loc: Location) -> None:
        """A tie line of ``*Arcs``/``*Edges`` or their ``list`` forms."""
        try:
            numbers = [float(p) if "." in p else int(p) for p in line.split()]
        except ValueError:
            self.parsed.problems.append(loc.problem(f"cannot read tie line {line!r}"))
            return
        pairs: list[tuple[object, object, float | None]] = []
        if self.section.endswith("list"):
            pairs = [(numbers[0], other, None) for other in numbers[1:]]
        elif len(numbers) >= 2:
            weight = float(numbers[2]) if len(numbers) > 2 else None
            pairs = [(numbers[0], numbers[1], weight)]
        for a, b, weight in pairs:
            self.tie(a, b, weight, loc)

    def tie(self, a: object, b: object, weight: float | None, loc: Location) -> None:
        ends = []
        for end, column in ((a, "from"), (b, "to")):
            if not isinstance(end, int) or end not in self.ids:
                self.parsed.problems.append(
                    loc.problem(f"vertex {end} is not declared under *Vertices", column)
                )
                return
            ends.append(self.ids[end])
        rel_fields: dict[str, object] = {"source": ends[0], "target": ends[1]}
        if weight is not None:
            rel_fields["strength"] = weight
        if self.edge_type:
            rel_fields["type"] = self.edge_type
        properties: dict[str, object] = {}
        if self.section.startswith("*arcs"):
            self.parsed.keep_direction(rel_fields, properties, self.options.default_type)
        self.parsed.relationships.append(
            RawRelationship(loc, rel_fields, properties, {"source": "from", "target": "to"})
        )
