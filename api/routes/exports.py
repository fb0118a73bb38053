"""Exports of a workspace as a download."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import Response

from api.deps import AnalystWorkspace, StoreDep
from api.services.exports import EXPORT_FORMATS, ExportOptions, download, provenance_header
from graph.errors import GrenswerkError

router = APIRouter(prefix="/api/workspaces/{workspace}", tags=["import and export"])


@router.get(
    "/export/{fmt}",
    summary="Export the workspace",
    description="json, graphml, gexf (dynamic=true: with time intervals), pajek, edgelist, "
    "adjacency, incidence and projection (rows and columns: two node kinds), csv (nodes "
    "with part=nodes, relationships with part=relationships); sources=false leaves out "
    "source documents and mentioned_in ties (docs/exports.md). The provenance is in the "
    "file where the format has room for it, and always in the header X-Grenswerk-Provenance.",
)
def export(
    workspace: AnalystWorkspace,
    store: StoreDep,
    fmt: str,
    pseudonymise: bool = False,
    part: Annotated[str, Query(pattern="^(nodes|relationships)$")] = "nodes",
    sources: bool = True,
    dynamic: bool = False,
    rows: Annotated[str, Query(max_length=40)] = "organisation",
    columns: Annotated[str, Query(max_length=40)] = "theme",
) -> Response:
    if fmt not in EXPORT_FORMATS:
        raise HTTPException(404, f"no export format {fmt!r}; use {', '.join(EXPORT_FORMATS)}")
    options = ExportOptions(sources=sources, dynamic=dynamic, rows=rows, columns=columns)
    try:
        found = download(
            store, workspace, fmt, pseudonymised=pseudonymise, part=part, options=options
        )
    except GrenswerkError as exc:
        raise HTTPException(422, str(exc)) from exc
    return Response(
        found.body,
        media_type=found.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{found.filename}"',
            "X-Grenswerk-Provenance": provenance_header(found),
        },
    )
