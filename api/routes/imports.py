"""Imports (uploads, with a dry run) and exports."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, HTTPException, Query, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from api.deps import AnalystWorkspace, EditorWorkspace, SettingsDep, StoreDep
from graph.errors import GrenswerkError, StoreUnavailable, ValidationFailed
from graph.export import EXPORT_FORMATS, export_csv, export_gexf, export_graphml, export_json
from graph.export import pseudonymise as pseudonymise_people
from importers import FORMATS, ImportOptions, apply_plan, plan_paths

router = APIRouter(prefix="/api/workspaces/{workspace}", tags=["import and export"])

_CHUNK = 1024 * 1024


class ImportProblem(BaseModel):
    file: str
    row: int | None
    column: str | None
    element: str | None
    message: str


class ImportReport(BaseModel):
    dry_run: bool
    nodes_new: int
    nodes_existing: int
    relationships_new: int
    relationships_existing: int
    written: dict[str, int] | None = None
    suggestions: list[str] = []
    notes: list[str] = []


def _safe_name(name: str | None, index: int) -> str:
    base = Path(name or f"upload-{index}").name
    cleaned = re.sub(r"[^\w.\- ]", "_", base).strip() or f"upload-{index}"
    return cleaned[:120]


async def save_uploads(files: list[UploadFile], folder: Path, limit_mb: int) -> list[Path]:
    """Stream uploads to disk, refusing (413) anything over the size limit."""
    limit = limit_mb * 1024 * 1024
    total = 0
    paths = []
    for index, upload in enumerate(files):
        path = folder / _safe_name(upload.filename, index)
        with path.open("wb") as out:
            while chunk := await upload.read(_CHUNK):
                total += len(chunk)
                if total > limit:
                    raise HTTPException(
                        413, f"the upload is larger than {limit_mb} MB (GRENSWERK_MAX_UPLOAD_MB)"
                    )
                out.write(chunk)
        paths.append(path)
    return paths


def run_import(
    store: Any, workspace: str, paths: list[Path], fmt: str, dry_run: bool
) -> ImportReport:
    """Plan (and unless ``dry_run``, write) uploaded files; messages name the files as
    the user called them, not the temporary folder they were saved in."""
    if fmt not in FORMATS:
        raise HTTPException(422, f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    folder = str(paths[0].parent) + "/" if paths else ""

    def shown(text: str) -> str:
        return text.replace(folder, "")

    try:
        plan = plan_paths(store, paths, ImportOptions(workspace), fmt)
        if plan.problems:
            raise ValidationFailed(plan.problems)
        written = None
        if not dry_run:
            result = apply_plan(store, plan)
            written = {k: v for k, v in result.model_dump().items() if isinstance(v, int)}
    except ValidationFailed as exc:
        problems = [
            ImportProblem(
                file=shown(p.file), row=p.row, column=p.column, element=p.element, message=p.message
            ).model_dump()
            for p in exc.problems[:500]
        ]
        message = f"{len(exc.problems)} problem(s); nothing was imported"
        raise HTTPException(422, {"message": message, "problems": problems}) from None
    except StoreUnavailable:
        raise  # 503 with Retry-After (api.app)
    except GrenswerkError as exc:
        raise HTTPException(422, shown(str(exc))) from None
    return ImportReport(
        dry_run=dry_run,
        nodes_new=plan.nodes_new,
        nodes_existing=plan.nodes_existing,
        relationships_new=plan.relationships_new,
        relationships_existing=plan.relationships_existing,
        written=written,
        suggestions=[str(s) for s in plan.suggestions[:100]],
        notes=[shown(n) for n in plan.notes],
    )


@router.post(
    "/import",
    response_model=ImportReport,
    summary="Import files (all of them or nothing); dry_run previews",
    responses={
        413: {"description": "Upload too large"},
        422: {"description": "Problems, with file, row and column"},
    },
)
async def import_files(
    workspace: EditorWorkspace,
    store: StoreDep,
    settings: SettingsDep,
    files: Annotated[
        list[UploadFile], File(description="CSV, xlsx, JSON, GraphML, GEXF, Pajek or text files")
    ],
    format: Annotated[str, Form()] = "auto",
    dry_run: Annotated[bool, Form()] = False,
) -> ImportReport:
    with tempfile.TemporaryDirectory(prefix="grenswerk-upload-") as tmp:
        paths = await save_uploads(files, Path(tmp), settings.max_upload_mb)
        # parsing and writing hold the CPU: off the event loop, so /health and every
        # other request keep being answered while an import runs
        return await run_in_threadpool(run_import, store, workspace, paths, format, dry_run)


_MEDIA = {
    "json": "application/json",
    "graphml": "application/graphml+xml",
    "gexf": "application/gexf+xml",
    "csv": "text/csv",
}


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
    nodes, rels = store.list_nodes(workspace), store.list_relationships(workspace)
    if pseudonymise:
        nodes, rels = pseudonymise_people(nodes, rels)
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
    return Response(
        body,
        media_type=_MEDIA[fmt],
        headers={"Content-Disposition": f'attachment; filename="{workspace}{suffix}"'},
    )
