"""Importers: files in, validated model objects out, one all-or-nothing write.

>>> detect_format(Path("netwerk.xlsx")), detect_format(Path("graph.gexf"))
('kumu', 'gexf')
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from graph.errors import GrenswerkError, ValidationFailed
from graph.model import Node
from graph.store.base import Progress, Store, WriteResult
from importers.csv_files import read_csv
from importers.json_format import read_json
from importers.kumu import read_kumu
from importers.pajek import read_pajek
from importers.parsed import ParsedFile
from importers.plan import ImportPlan, MergeSuggestion, apply_plan, plan_import
from importers.rows import ImportOptions
from importers.text import read_text
from importers.xml_graphs import read_gexf, read_graphml

__all__ = [
    "FORMATS",
    "Format",
    "ImportOptions",
    "ImportPlan",
    "MergeSuggestion",
    "apply_plan",
    "detect_format",
    "expand_paths",
    "import_paths",
    "plan_paths",
    "read_path",
]

Format = Literal["auto", "csv", "kumu", "json", "graphml", "gexf", "pajek", "text"]
FORMATS: tuple[str, ...] = ("auto", "csv", "kumu", "json", "graphml", "gexf", "pajek", "text")

_BY_SUFFIX = {
    ".csv": "csv",
    ".tsv": "csv",
    ".xlsx": "kumu",
    ".xlsm": "kumu",
    ".json": "json",
    ".graphml": "graphml",
    ".xml": "graphml",
    ".gexf": "gexf",
    ".net": "pajek",
    ".paj": "pajek",
    ".txt": "text",
    ".md": "text",
    ".text": "text",
}

MAX_FILE_BYTES = 2 * 1024**3


def detect_format(path: Path) -> str:
    """The format a file name suggests (``auto`` picks by extension)."""
    fmt = _BY_SUFFIX.get(path.suffix.lower())
    if fmt is None:
        raise GrenswerkError(
            f"{path}: cannot tell the format from the extension {path.suffix or '(none)'!r}; "
            f"pass --format ({', '.join(FORMATS[1:])})"
        )
    return fmt


def expand_paths(paths: Sequence[Path]) -> list[Path]:
    """Files named, with directories replaced by the importable files they hold."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.iterdir() if p.suffix.lower() in _BY_SUFFIX))
        elif path.exists():
            out.append(path)
        else:
            raise GrenswerkError(f"{path}: no such file or directory")
    if not out:
        raise GrenswerkError("no importable files found")
    return out


def read_path(path: Path, fmt: str, options: ImportOptions, known: Sequence[Node]) -> ParsedFile:
    """Parse one file (``known``: the nodes text documents are searched for)."""
    if fmt == "auto":
        fmt = detect_format(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise GrenswerkError(f"{path}: larger than {MAX_FILE_BYTES // 1024**3} GB")
        if fmt == "kumu":  # read as it is parsed, after its zip directory is checked
            return read_kumu(path, options.limits)
        data = path.read_bytes()
    except OSError as exc:
        raise GrenswerkError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if fmt == "csv":
        return read_csv(path, data, limits=options.limits)
    if fmt == "json":
        return read_json(path, data)
    if fmt == "graphml":
        return read_graphml(path, data, options)
    if fmt == "gexf":
        return read_gexf(path, data, options)
    if fmt == "pajek":
        return read_pajek(path, data, options)
    if fmt == "text":
        return read_text(path, data, known)
    raise GrenswerkError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def plan_paths(
    store: Store, paths: Sequence[Path], options: ImportOptions, fmt: str = "auto"
) -> ImportPlan:
    """Read and validate files; nothing is written."""
    files = expand_paths(paths)
    formats = [detect_format(p) if fmt == "auto" else fmt for p in files]
    parsed: list[ParsedFile] = []
    # structured files first, so that text documents also find what they bring
    for path, file_fmt in zip(files, formats, strict=True):
        if file_fmt != "text":
            parsed.append(read_path(path, file_fmt, options, ()))
    if "text" in formats:
        known = list(store.list_nodes(options.workspace))
        staged = plan_import(store, parsed, options) if parsed else None
        if staged is not None:
            known.extend(staged.nodes)
        for path, file_fmt in zip(files, formats, strict=True):
            if file_fmt == "text":
                parsed.append(read_path(path, "text", options, known))
    return plan_import(store, parsed, options)


def import_paths(
    store: Store,
    paths: Sequence[Path],
    options: ImportOptions,
    fmt: str = "auto",
    *,
    progress: Progress | None = None,
) -> tuple[ImportPlan, WriteResult]:
    """Read, validate and write files in one transaction, or raise with every problem."""
    plan = plan_paths(store, paths, options, fmt)
    if plan.problems:
        raise ValidationFailed(plan.problems)
    return plan, apply_plan(store, plan, progress=progress)
