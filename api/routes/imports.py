"""Imports (uploads, with a dry run)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Form, UploadFile
from starlette.concurrency import run_in_threadpool

from api.deps import EditorWorkspace, KeyDep, SettingsDep, StoreDep
from api.services import imports
from api.services.imports import ImportLimits, ImportProblem, ImportRefused, ImportReport
from api.uploads import save_uploads
from api.validation import import_refused
from graph.access import Actor

__all__ = ["ImportProblem", "ImportReport", "router"]

router = APIRouter(prefix="/api/workspaces/{workspace}", tags=["import and export"])


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
    key: KeyDep,
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
        try:
            return await run_in_threadpool(
                imports.import_files,
                store,
                workspace,
                paths,
                format,
                dry_run,
                Actor.of(key, "import " + ", ".join(p.name for p in paths)),
                ImportLimits.of(settings),
            )
        except ImportRefused as exc:
            raise import_refused(exc) from None
