"""The help page "Hoe lees ik dit?": the measures, the brokerage roles and the
learning-potential model (:mod:`api.services.help`)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from api.deps import StoreDep
from api.i18n import language
from api.pages.common import PageKey, page_workspace, render
from api.services.help import rendered_doc
from graph.analysis.potential_model import PotentialModel

router = APIRouter(include_in_schema=False)


@router.get("/w/{workspace}/help", response_class=HTMLResponse)
def help_page(request: Request, store: StoreDep, key: PageKey, workspace: str) -> HTMLResponse:
    page_workspace(key, store, workspace)
    lang = language(request)
    model = Markup(rendered_doc("learning-potential", lang))  # noqa: S704 - markdown-it escapes HTML
    defaults = PotentialModel()  # the model the pages' paths and recommendations use
    return render(
        request,
        "help.html",
        workspace=workspace,
        model=model,
        max_context_size=defaults.max_context_size,
        recommendation_cutoff=defaults.recommendation_cutoff,
        key=key,
    )
