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
    section = ""
    n_vertices = 0
    first_mode = 0
    ids: dict[int, str] = {}
    used: set[str] = set()
    skipped: set[str] = set()
    edge_type: str | None = None
    in_block = False  # inside a *Partition/*Vector block, whose *Vertices line is its own
    lines = text.splitlines()
    if not any(line.strip().lower().startswith("*vertices") for line in lines):
        return parsed.fail("not a Pajek network: no '*Vertices' line")
    for number, raw_line in enumerate(lines, start=1):
        line = raw_line.strip()
        if not line or line.startswith("%"):
            continue
        if line.startswith("*"):
            words = line.split()
            word = words[0].lower()
            if word == "*network":
                in_block = False
            elif word in _BLOCKS:
                in_block = True
                skipped.add(words[0])
            if in_block:
                section = ""
                continue
            section = word
            if section == "*vertices":
                try:
                    n_vertices = int(words[1])
                    first_mode = int(words[2]) if len(words) > 2 else 0
                except (IndexError, ValueError):
                    parsed.fail("'*Vertices' needs a number", row=number)
                    return parsed
            elif section not in ("*arcs", "*edges", "*arcslist", "*edgeslist", "*network"):
                skipped.add(words[0])
            continue
        loc = Location(parsed.path, row=number)
        if section == "*vertices":
            try:
                parts = shlex.split(line, posix=True)
                number_id = int(parts[0])
            except (ValueError, IndexError):
                parsed.problems.append(loc.problem(f"cannot read vertex line {line!r}"))
                continue
            if not 1 <= number_id <= n_vertices:
                parsed.problems.append(
                    loc.problem(f"vertex {number_id} is outside 1..{n_vertices}")
                )
                continue
            label = parts[1] if len(parts) > 1 else str(number_id)
            node_id = slugify(label)
            if node_id in used:
                node_id = f"{node_id}-{number_id}"
            used.add(node_id)
            ids[number_id] = node_id
            fields: dict[str, object] = {"id": node_id, "name": label}
            if first_mode:
                kind = options.two_mode_kinds[0 if number_id <= first_mode else 1]
                fields["kind"] = kind.value
                edge_type = two_mode_type(*options.two_mode_kinds).value
            parsed.nodes.append(RawNode(loc, fields, {"pajek_number": number_id}))
        elif section in ("*arcs", "*edges", "*arcslist", "*edgeslist"):
            try:
                numbers = [float(p) if "." in p else int(p) for p in line.split()]
            except ValueError:
                parsed.problems.append(loc.problem(f"cannot read tie line {line!r}"))
                continue
            pairs: list[tuple[object, object, float | None]] = []
            if section.endswith("list"):
                pairs = [(numbers[0], other, None) for other in numbers[1:]]
            elif len(numbers) >= 2:
                weight = float(numbers[2]) if len(numbers) > 2 else None
                pairs = [(numbers[0], numbers[1], weight)]
            for a, b, weight in pairs:
                ends = []
                for end, column in ((a, "from"), (b, "to")):
                    if not isinstance(end, int) or end not in ids:
                        parsed.problems.append(
                            loc.problem(f"vertex {end} is not declared under *Vertices", column)
                        )
                        break
                    ends.append(ids[end])
                if len(ends) != 2:
                    continue
                rel_fields: dict[str, object] = {"source": ends[0], "target": ends[1]}
                if weight is not None:
                    rel_fields["strength"] = weight
                if edge_type:
                    rel_fields["type"] = edge_type
                properties: dict[str, object] = {}
                if section.startswith("*arcs"):
                    parsed.keep_direction(rel_fields, properties, options.default_type)
                parsed.relationships.append(
                    RawRelationship(loc, rel_fields, properties, {"source": "from", "target": "to"})
                )
    if skipped:
        parsed.notes.append(f"skipped Pajek sections: {', '.join(sorted(skipped))}")
    return parsed.finish(options.default_type)
