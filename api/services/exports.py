"""Exports of a workspace: as a download (one body) or written to files, each with its
provenance (:mod:`graph.provenance`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from api.services.access import require_workspace
from graph.errors import GrenswerkError
from graph.export import (
    DEFAULT_OPTIONS,
    EXPORT_FORMATS,
    SUFFIX,
    ExportOptions,
    export_bytes,
    export_csv,
    pseudonymise,
    without_sources,
    write_export,
)
from graph.model import Node, NodeKind, Relationship
from graph.provenance import digest, provenance
from graph.store.base import Store

__all__ = [
    "EXPORT_FORMATS",
    "Download",
    "ExportOptions",
    "download",
    "export_to",
    "provenance_header",
]

_MEDIA = {
    "json": "application/json",
    "graphml": "application/graphml+xml",
    "gexf": "application/gexf+xml",
    "csv": "text/csv",
    "pajek": "text/plain",
    "edgelist": "text/tab-separated-values",
    "adjacency": "text/csv",
    "incidence": "text/csv",
    "projection": "text/csv",
}


@dataclass(frozen=True)
class Download:
    """An export as one file: its bytes, media type, file name and provenance."""

    body: bytes
    media_type: str
    filename: str
    provenance: dict[str, Any]


def _check(fmt: str, options: ExportOptions) -> None:
    if fmt not in EXPORT_FORMATS:
        raise GrenswerkError(f"unknown format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    kinds = {k.value for k in NodeKind}
    for side, kind in (("rows", options.rows), ("columns", options.columns)):
        if kind not in kinds:
            raise GrenswerkError(f"{side}: unknown kind {kind!r}; use one of {', '.join(kinds)}")
    if fmt in ("incidence", "projection") and options.rows == options.columns:
        raise GrenswerkError("an incidence matrix needs two different kinds (rows, columns)")


def _elements(
    store: Store, workspace: str, fmt: str, pseudonymised: bool, options: ExportOptions
) -> tuple[list[Node], list[Relationship], dict[str, Any]]:
    """The elements to export and the export's provenance (the hash is of the elements
    as stored, before pseudonymising or leaving out sources)."""
    nodes, rels = store.list_nodes(workspace), store.list_relationships(workspace)
    input_hash = digest(
        (n.model_dump(mode="json", exclude={"workspace"}) for n in nodes),
        (r.model_dump(mode="json", exclude={"workspace"}) for r in rels),
    )
    made = provenance(
        what=f"export {fmt}",
        workspace=workspace,
        workspace_version=store.version(workspace),
        input_hash=input_hash,
        options={
            "format": fmt,
            "pseudonymised": pseudonymised,
            "sources": options.sources,
            **({"dynamic": options.dynamic} if fmt == "gexf" else {}),
            **(
                {"rows": options.rows, "columns": options.columns}
                if fmt in ("incidence", "projection")
                else {}
            ),
        },
    )
    if pseudonymised:
        nodes, rels = pseudonymise(nodes, rels)
    return nodes, rels, made


def download(
    store: Store,
    workspace: str,
    fmt: str,
    *,
    pseudonymised: bool = False,
    part: str = "nodes",
    options: ExportOptions = DEFAULT_OPTIONS,
) -> Download:
    """The workspace in format ``fmt`` (one of :data:`EXPORT_FORMATS`); csv gives the
    nodes (``part="nodes"``) or the relationships."""
    _check(fmt, options)
    nodes, rels, made = _elements(store, workspace, fmt, pseudonymised, options)
    if fmt == "csv":
        if not options.sources:
            nodes, rels = without_sources(nodes, rels)
        node_text, rel_text = export_csv(nodes, rels)
        body = (node_text if part == "nodes" else rel_text).encode("utf-8")
    else:
        body = export_bytes(fmt, workspace, nodes, rels, options, made)
    suffix = f"-{part}.csv" if fmt == "csv" else f".{SUFFIX[fmt]}"
    name = {"adjacency": "-adjacency", "incidence": "-incidence", "projection": "-projection"}
    return Download(body, _MEDIA[fmt], f"{workspace}{name.get(fmt, '')}{suffix}", made)


def provenance_header(found: Download) -> str:
    """The provenance as one line of JSON (an HTTP header for the formats without room
    for it)."""
    return orjson.dumps(found.provenance, option=orjson.OPT_SORT_KEYS).decode("ascii", "replace")


def export_to(
    store: Store,
    workspace: str,
    fmt: str,
    output: Path,
    *,
    pseudonymised: bool = False,
    options: ExportOptions = DEFAULT_OPTIONS,
) -> tuple[int, int, list[Path]]:
    """Write the workspace to ``output`` (a folder for csv); the counts of nodes and
    relationships and the files written."""
    _check(fmt, options)
    require_workspace(store, workspace)
    nodes, rels, made = _elements(store, workspace, fmt, pseudonymised, options)
    counted = without_sources(nodes, rels) if not options.sources else (nodes, rels)
    try:
        written = write_export(fmt, workspace, nodes, rels, output, options, made)
    except OSError as exc:
        raise GrenswerkError(f"cannot write {output}: {exc.strerror or exc}") from exc
    except ValueError as exc:
        raise GrenswerkError(str(exc)) from exc
    return len(counted[0]), len(counted[1]), list(written)
