"""Reviewing one survey response (editor): new names matched or created, near-duplicates
flagged, and accepting the response into the workspace."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from api.deps import StoreDep
from api.i18n import language, translations
from api.pages.common import Csrf, EditorPage, PageKey, render, say
from api.services import surveys
from graph.access import Actor
from graph.errors import NotFound

router = APIRouter(include_in_schema=False)


def _review(
    request: Request,
    store: Any,
    key: Any,
    workspace: str,
    survey_id: str,
    invitation_id: int,
    status: int = 200,
    **extra: Any,
) -> HTMLResponse:
    try:
        found = surveys.review(store, workspace, survey_id, invitation_id)
    except NotFound:
        raise HTTPException(404, say(request, "There is no such response.")) from None
    return render(
        request,
        "survey_review.html",
        status=status,
        workspace=workspace,
        key=key,
        review=found,
        **extra,
    )


@router.get(
    "/w/{workspace}/surveys/{survey_id}/responses/{invitation_id}", response_class=HTMLResponse
)
def survey_response(
    request: Request,
    store: StoreDep,
    key: PageKey,
    workspace: EditorPage,
    survey_id: str,
    invitation_id: int,
) -> HTMLResponse:
    return _review(request, store, key, workspace, survey_id, invitation_id)


@router.post(
    "/w/{workspace}/surveys/{survey_id}/responses/{invitation_id}/accept",
    response_class=HTMLResponse,
    dependencies=[Csrf],
)
async def survey_accept(
    request: Request,
    store: StoreDep,
    key: PageKey,
    workspace: EditorPage,
    survey_id: str,
    invitation_id: int,
) -> Response:
    form = await request.form()
    names = [str(n) for n in form.getlist("name")]
    decisions = {name: str(form.get(f"decision_{i}") or "") for i, name in enumerate(names)}
    try:
        await run_in_threadpool(
            surveys.accept,
            store,
            workspace,
            survey_id,
            invitation_id,
            decisions,
            actor=Actor.of(key, "web"),
        )
    except NotFound:
        raise HTTPException(404, say(request, "There is no such response.")) from None
    except surveys.SurveyRefused as exc:
        message = exc.say(translations(language(request)).gettext)
        return _review(request, store, key, workspace, survey_id, invitation_id, 422, error=message)
    return RedirectResponse(f"/w/{workspace}/surveys/{survey_id}?accepted={invitation_id}", 303)
