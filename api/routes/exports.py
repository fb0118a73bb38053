"""Exports of a workspace as a download."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import Response

from api.deps import AnalystWorkspace, StoreDep
from api.services.exports import EXPORT_FORMATS, download

router = APIRouter(prefix="/api/workspaces/{workspace}", tags=["import and export"])


@router.get(
    "/export/{fmt}",
    summary="Export the workspace",
    description="json, graphml, gexf; csv gives nodes (part=nodes) or "
    "relationships (part=relationships).",
)
def export(
    workspace: AnalystWorkspace,
    store: StoreDep,
    fmt: str,
    pseudonymise: bool = False,
    part: Annotated[str, Query(pattern="^(nodes|relationships)$")] = "nodes",
) -> Response:
    if fmt not in EXPORT_FORMATS:
        raise HTTPException(404, f"no export format {fmt!r}; use {', '.join(EXPORT_FORMATS)}")
    found = download(store, workspace, fmt, pseudonymised=pseudonymise, part=part)
    return Response(
        found.body,
        media_type=found.media_type,
        headers={"Content-Disposition": f'attachment; filename="{found.filename}"'},
    )
