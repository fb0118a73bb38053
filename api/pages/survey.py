"""One survey (editor): who was invited and who answered, new links, e-mail."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from api.deps import SettingsDep, StoreDep
from api.i18n import language, translations
from api.pages.common import Csrf, EditorPage, PageKey, render, say
from api.services import surveys
from graph.errors import NotFound

router = APIRouter(include_in_schema=False)


def survey_page(
    request: Request,
    store: Any,
    settings: Any,
    key: Any,
    workspace: str,
    survey_id: str,
    status: int = 200,
    **extra: Any,
) -> HTMLResponse:
    """The survey page, with links just made or a message in ``extra``."""
    try:
        info = surveys.overview(store, workspace, survey_id)
    except NotFound:
        raise HTTPException(404, say(request, "There is no such survey.")) from None
    return render(
        request,
        "survey.html",
        status=status,
        workspace=workspace,
        key=key,
        info=info,
        base_url=str(request.base_url).rstrip("/"),
        can_send=settings.smtp_configured,
        **extra,
    )


@router.get("/w/{workspace}/surveys/{survey_id}", response_class=HTMLResponse)
def survey_view(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    key: PageKey,
    workspace: EditorPage,
    survey_id: str,
) -> HTMLResponse:
    return survey_page(request, store, settings, key, workspace, survey_id)


@router.post(
    "/w/{workspace}/surveys/{survey_id}/links/{invitation_id}",
    response_class=HTMLResponse,
    dependencies=[Csrf],
)
def survey_new_link(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    key: PageKey,
    workspace: EditorPage,
    survey_id: str,
    invitation_id: int,
) -> HTMLResponse:
    try:
        link = surveys.new_link(store, workspace, survey_id, invitation_id)
    except NotFound:
        raise HTTPException(404, say(request, "There is no such survey.")) from None
    return survey_page(request, store, settings, key, workspace, survey_id, links=[link])


@router.post(
    "/w/{workspace}/surveys/{survey_id}/send", response_class=HTMLResponse, dependencies=[Csrf]
)
async def survey_send(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    key: PageKey,
    workspace: EditorPage,
    survey_id: str,
) -> HTMLResponse:
    base_url = str(request.base_url).rstrip("/")
    try:
        sent = await run_in_threadpool(
            surveys.send_invitations, store, settings, workspace, survey_id, base_url
        )
    except NotFound:
        raise HTTPException(404, say(request, "There is no such survey.")) from None
    except surveys.SurveyRefused as exc:
        message = exc.say(translations(language(request)).gettext)
        return survey_page(request, store, settings, key, workspace, survey_id, 422, error=message)
    return survey_page(request, store, settings, key, workspace, survey_id, sent=sent)
