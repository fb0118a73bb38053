"""The help page "Hoe lees ik dit?": the measures, the brokerage roles and the
learning-potential model (:mod:`api.services.help`)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.deps import StoreDep
from api.i18n import language
from api.pages.common import PageKey, page_workspace, render
from api.services.help import help_context, model_document

router = APIRouter(include_in_schema=False)


@router.get("/w/{workspace}/help", response_class=HTMLResponse)
def help_page(request: Request, store: StoreDep, key: PageKey, workspace: str) -> HTMLResponse:
    page_workspace(key, store, workspace)
    return render(
        request,
        "help.html",
        workspace=workspace,
        model_page=f"/w/{workspace}/help/model",
        key=key,
        **help_context(),
    )


@router.get("/w/{workspace}/help/model", response_class=HTMLResponse)
def model_page(request: Request, store: StoreDep, key: PageKey, workspace: str) -> HTMLResponse:
    """The learning-potential model for analysts (docs/learning-potential*.md)."""
    page_workspace(key, store, workspace)
    return render(
        request,
        "help_model.html",
        workspace=workspace,
        back=f"/w/{workspace}/help",
        model=model_document(language(request)),
        key=key,
    )
