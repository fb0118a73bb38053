"""Exports of a workspace: as a download (one body) or written to files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from api.services.access import require_workspace
from graph.errors import GrenswerkError
from graph.export import (
    EXPORT_FORMATS,
    export_csv,
    export_gexf,
    export_graphml,
    export_json,
    pseudonymise,
    write_export,
)
from graph.model import Node, Relationship
from graph.store.base import Store

__all__ = ["EXPORT_FORMATS", "Download", "download", "export_to"]

_MEDIA = {
    "json": "application/json",
    "graphml": "application/graphml+xml",
    "gexf": "application/gexf+xml",
    "csv": "text/csv",
}


@dataclass(frozen=True)
class Download:
    """An export as one file: its bytes, media type and file name."""

    body: bytes
    media_type: str
    filename: str


def _elements(
    store: Store, workspace: str, pseudonymised: bool
) -> tuple[list[Node], list[Relationship]]:
    nodes, rels = store.list_nodes(workspace), store.list_relationships(workspace)
    if pseudonymised:
        nodes, rels = pseudonymise(nodes, rels)
    return nodes, rels


def download(
    store: Store, workspace: str, fmt: str, *, pseudonymised: bool = False, part: str = "nodes"
) -> Download:
    """The workspace in format ``fmt`` (one of :data:`EXPORT_FORMATS`); csv gives the
    nodes (``part="nodes"``) or the relationships."""
    nodes, rels = _elements(store, workspace, pseudonymised)
    if fmt == "json":
        body = export_json(workspace, nodes, rels)
    elif fmt == "graphml":
        body = export_graphml(nodes, rels)
    elif fmt == "gexf":
        body = export_gexf(nodes, rels)
    else:
        node_text, rel_text = export_csv(nodes, rels)
        body = (node_text if part == "nodes" else rel_text).encode("utf-8")
    suffix = f"-{part}.csv" if fmt == "csv" else f".{fmt}"
    return Download(body, _MEDIA[fmt], f"{workspace}{suffix}")


def export_to(
    store: Store, workspace: str, fmt: str, output: Path, *, pseudonymised: bool = False
) -> tuple[int, int, list[Path]]:
    """Write the workspace to ``output`` (a folder for csv); the counts of nodes and
    relationships and the files written."""
    if fmt not in EXPORT_FORMATS:
        raise GrenswerkError(f"unknown format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    require_workspace(store, workspace)
    nodes, rels = _elements(store, workspace, pseudonymised)
    try:
        written = write_export(fmt, workspace, nodes, rels, output)
    except OSError as exc:
        raise GrenswerkError(f"cannot write {output}: {exc.strerror or exc}") from exc
    return len(nodes), len(rels), list(written)
