"""The import page: upload files, preview them (a dry run) or import them."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from api.deps import SettingsDep, StoreDep
from api.i18n import language
from api.pages.common import Csrf, EditorPage, PageKey, page_workspace, render
from api.services.imports import (
    ImportLimits,
    ImportRefused,
    ImportReport,
    coded_problems,
    import_files,
)
from api.uploads import save_uploads
from graph.access import Actor
from importers import FORMATS

router = APIRouter(include_in_schema=False)


@router.get("/w/{workspace}/import", response_class=HTMLResponse)
def import_form(request: Request, store: StoreDep, key: PageKey, workspace: str) -> HTMLResponse:
    page_workspace(key, store, workspace, "editor")
    return render(request, "import.html", workspace=workspace, formats=FORMATS, key=key)


@router.post("/w/{workspace}/import", response_class=HTMLResponse, dependencies=[Csrf])
async def import_upload(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    key: PageKey,
    workspace: EditorPage,
    files: Annotated[list[UploadFile], File()],
    format: Annotated[str, Form()] = "auto",
    preview: Annotated[str | None, Form()] = None,
) -> HTMLResponse:
    report: ImportReport | None = None
    problems = None
    message = None
    problem_count = 0
    with tempfile.TemporaryDirectory(prefix="grenswerk-upload-") as tmp:
        try:
            paths = await save_uploads(files, Path(tmp), settings.max_upload_mb)
            report = await run_in_threadpool(
                import_files,
                store,
                workspace,
                paths,
                format,
                preview is not None,
                Actor.of(key, "import " + ", ".join(p.name for p in paths)),
                ImportLimits.of(settings),
            )
        except ImportRefused as exc:
            problems, message, problem_count = exc.problems, exc.message, exc.count
            problems = coded_problems(problems, language(request)) if problems else problems
        except HTTPException as exc:
            message = str(exc.detail)
    return render(
        request,
        "import.html",
        workspace=workspace,
        formats=FORMATS,
        key=key,
        report=report,
        problems=problems,
        message=message,
        problem_count=problem_count,
        status=200 if report else 422,
    )
