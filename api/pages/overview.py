"""The manager's start page of a workspace (:mod:`api.services.overview`)."""

from __future__ import annotations

from typing import cast

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.deps import CacheDep, StoreDep
from api.i18n import language
from api.pages.common import PageKey, page_workspace, render
from api.services.overview import workspace_overview
from api.services.report_labels import Lang

router = APIRouter(include_in_schema=False)


@router.get("/w/{workspace}/overview", response_class=HTMLResponse)
def overview_page(
    request: Request, store: StoreDep, cache: CacheDep, key: PageKey, workspace: str
) -> HTMLResponse:
    page_workspace(key, store, workspace)
    lang = cast(Lang, language(request))
    found = workspace_overview(store, cache, workspace, lang)
    return render(request, "overview.html", workspace=workspace, overview=found, key=key)
