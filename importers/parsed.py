"""What a reader hands back, and the checks every reader shares (size, encoding), and
the report of what the model does differently from what another tool's file says:
self-loops skipped, directed edges without a type kept directed, edges that the
model identifies as one tie merged (see docs/import-formats.md, "Direction,
parallel edges and self-loops")."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.errors import Problem
from graph.merge import merge_relationship
from graph.model import SYMMETRIC_TYPES, Relationship, RelType
from graph.vocabulary import type_for
from importers.columns import RowTable
from importers.rows import Location, RawNode, RawRelationship

__all__ = ["FidelityReport", "ParsedFile", "decode_utf8"]

#: how many skipped elements a note names before it says "and N more"
_NAMED = 10


@dataclass
class ParsedFile:
    """The rows one file holds, before they are validated against the workspace."""

    path: str
    format: str
    #: strict formats (our CSV and JSON) refuse unknown kinds and types
    strict: bool
    nodes: list[RawNode] = field(default_factory=list)
    relationships: list[RawRelationship] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: directed edges without a (known) type, stored as ``related_to`` to keep direction
    directed_untyped: int = 0
    #: the relationship rows of a CSV file, column by column (instead of
    #: :attr:`relationships`); read them with :meth:`relationship_rows`
    relationship_table: RowTable | None = None

    def relationship_rows(self) -> Sequence[RawRelationship]:
        """Every relationship row, from :attr:`relationship_table` or
        :attr:`relationships`."""
        if self.relationship_table is not None:
            return self.relationship_table
        return self.relationships

    def keep_direction(
        self, fields: dict[str, Any], properties: dict[str, Any], default_type: RelType
    ) -> None:
        """Make a directed edge keep its direction: when it has no type, or one the
        synonyms do not know, and the default type is symmetric (``collaborates_with``,
        where A→B and B→A are one tie), it becomes ``related_to`` (directed); an unknown
        type's text is kept as ``original_type``."""
        if default_type not in SYMMETRIC_TYPES:
            return
        raw = fields.get("type")
        text = str(raw).strip() if raw is not None else ""
        if text and type_for(text) is not None:
            return
        if text:
            properties.setdefault("original_type", text)
        fields["type"] = RelType.RELATED_TO.value
        self.directed_untyped += 1

    def finish(self, default_type: RelType) -> ParsedFile:
        """Add the notes a reader owes the report (call once, after the last row)."""
        if self.directed_untyped:
            n = self.directed_untyped
            self.notes.append(
                f"{n} directed edge{'s' if n != 1 else ''} without a known type "
                f"{'were' if n != 1 else 'was'} stored as related_to, a directed type, to "
                f"keep {'their' if n != 1 else 'its'} direction (the default type "
                f"{default_type} is symmetric: A→B and B→A would be one tie)"
            )
        return self

    def fail(
        self,
        message: str,
        *,
        row: int | None = None,
        column: str | None = None,
        element: str | None = None,
    ) -> ParsedFile:
        self.problems.append(Problem(self.path, message, row, column, element))
        return self


def decode_utf8(path: Path, data: bytes, parsed: ParsedFile) -> str | None:
    """The file's text, or ``None`` with a problem recorded (empty or not UTF-8)."""
    if not data:
        parsed.fail("the file is empty (0 bytes)")
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        parsed.fail(
            f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} at position {exc.start}, "
            f"line {line}); save it as UTF-8 (in Excel: 'CSV UTF-8')",
            row=line,
        )
        return None


def _where(location: Location) -> str:
    if location.element:
        return location.element
    return f"row {location.row}" if location.row is not None else "(no position)"


class FidelityReport:
    """Self-loops skipped and ties merged, per file of another tool, as import notes.

    Within one such file, edges that the model identifies as one tie (parallel edges
    of one type and direction; both directions of a symmetric type; any order of an
    undirected edge) become one tie whose ``strength`` is the sum of their weights (1
    for an edge without one, as the analyses count parallel ties), with the
    properties ``merged_edges`` (how many) and ``merged_weights`` (each weight, in file
    order). In our own strict formats a row that repeats a tie of an earlier row
    updates it (as a re-import would), with a note naming both rows; ties repeated
    across files are upserted without one.
    """

    def __init__(self) -> None:
        self._loops: dict[str, list[str]] = defaultdict(list)
        self._file: dict[str, str] = {}
        self._weights: dict[str, list[float | None]] = {}
        self._merged: dict[str, Counter[str]] = defaultdict(Counter)
        self._first: dict[str, Location] = {}
        self._repeats: dict[str, list[str]] = defaultdict(list)

    def self_loop(self, path: str, location: Location, node: str) -> None:
        """Record an edge of ``path`` from ``node`` to itself, skipped."""
        self._loops[path].append(f"{_where(location)} ({node!r})")

    def add(
        self,
        rels: dict[str, Relationship],
        rel: Relationship,
        location: Location,
        *,
        strict: bool,
    ) -> None:
        """Put ``rel`` (read at ``location``) into ``rels`` (by id), merging it with a
        tie of the same id."""
        path = location.file
        previous = rels.get(rel.id)
        if previous is None:
            rels[rel.id] = rel
            self._file[rel.id] = path
            self._first[rel.id] = location
            return
        merged = merge_relationship(previous, rel)
        if self._file.get(rel.id) != path:
            rels[rel.id] = merged
            return
        if strict:  # our own formats: a later row updates the tie, with a note
            self._repeats[path].append(f"{_where(location)} repeats {_where(self._first[rel.id])}")
            rels[rel.id] = merged
            return
        weights = self._weights.setdefault(rel.id, [previous.strength])
        weights.append(rel.strength)
        same_way = (previous.source, previous.target) == (rel.source, rel.target)
        self._merged[path]["parallel" if same_way else "reverse"] += 1
        listed = "; ".join("none" if w is None else f"{w:g}" for w in weights)
        rels[rel.id] = merged.model_copy(
            update={
                "strength": sum(1.0 if w is None else w for w in weights),
                "properties": {
                    **merged.properties,
                    "merged_edges": len(weights),
                    "merged_weights": listed,
                },
            }
        )

    def notes(self) -> list[str]:
        """One note per file and kind of change, with counts."""
        out: list[str] = []
        for path, loops in self._loops.items():
            n = len(loops)
            named = ", ".join(loops[:_NAMED]) + (f" and {n - _NAMED} more" if n > _NAMED else "")
            out.append(
                f"{path}: skipped {n} tie{'s' if n != 1 else ''} from a node to itself "
                f"(a self-loop), which Grenswerk does not store: {named}"
            )
        for path, repeats in self._repeats.items():
            n = len(repeats)
            named = ", ".join(repeats[:_NAMED]) + (f" and {n - _NAMED} more" if n > _NAMED else "")
            out.append(
                f"{path}: {n} row{'s' if n != 1 else ''} repeat{'s' if n == 1 else ''} the tie "
                "of an earlier row (the same id, or the same type and ends): the later row's "
                f"values are kept, as on a re-import: {named}"
            )
        for path, counts in self._merged.items():
            out.append(
                f"{path}: merged {counts.total()} edge{'s' if counts.total() != 1 else ''} into "
                f"the tie {'they repeat' if counts.total() != 1 else 'it repeats'} "
                f"({counts['parallel']} parallel, in the same direction or undirected; "
                f"{counts['reverse']} the other way round of a symmetric type, "
                f"{' or '.join(sorted(SYMMETRIC_TYPES))}): each merged tie's strength is the "
                "sum of the weights (1 where an edge has none), merged_edges counts the "
                "edges and merged_weights lists their weights"
            )
        return out
