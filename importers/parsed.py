"""What a reader hands back, and the checks every reader shares (size, encoding)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import Problem
from importers.records import RawNode, RawRelationship

__all__ = ["ParsedFile", "decode_utf8"]


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
