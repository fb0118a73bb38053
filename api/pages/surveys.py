"""The surveys of a workspace (editor): the list, and the form that creates one."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.deps import SettingsDep, StoreDep
from api.i18n import language, translations
from api.pages.common import Csrf, EditorPage, PageKey, render
from api.services import surveys
from graph.model import NodeKind
from graph.survey import Question

router = APIRouter(include_in_schema=False)


def _list(
    request: Request, store: Any, key: Any, workspace: str, status: int = 200, **extra: Any
) -> HTMLResponse:
    candidates = [n for kind in surveys.ACTORS for n in store.list_nodes(workspace, kind=kind)]
    return render(
        request,
        "surveys.html",
        status=status,
        workspace=workspace,
        key=key,
        surveys=store.list_surveys(workspace),
        candidates=sorted(candidates, key=lambda n: (n.kind is NodeKind.PERSON, n.name)),
        questions=list(Question),
        **extra,
    )


@router.get("/w/{workspace}/surveys", response_class=HTMLResponse)
def survey_list(
    request: Request, store: StoreDep, key: PageKey, workspace: EditorPage
) -> HTMLResponse:
    return _list(request, store, key, workspace)


def _input(form: Any) -> dict[str, Any]:
    invitees = [
        {"node_id": str(node_id), "email": str(form.get(f"email_{node_id}") or "") or None}
        for node_id in form.getlist("invite")
    ]
    return {
        "name": str(form.get("name") or ""),
        "introduction": str(form.get("introduction") or ""),
        "consent": str(form.get("consent") or ""),
        "questions": [str(q) for q in form.getlist("questions")],
        "invitees": invitees,
        "expires_in_days": str(form.get("expires_in_days") or "30"),
    }


@router.post("/w/{workspace}/surveys", response_class=HTMLResponse, dependencies=[Csrf])
async def survey_create(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    key: PageKey,
    workspace: EditorPage,
) -> HTMLResponse:
    form = await request.form()
    given = _input(form)
    try:
        data = surveys.survey_input(given)
        survey, links = surveys.create_survey(store, workspace, data, created_by=key.label)
    except surveys.SurveyRefused as exc:
        message = exc.say(translations(language(request)).gettext)
        return _list(request, store, key, workspace, 422, error=message, given=given)
    info = surveys.overview(store, workspace, survey.id)
    return render(
        request,
        "survey.html",
        status=201,
        workspace=workspace,
        key=key,
        info=info,
        links=links,
        base_url=str(request.base_url).rstrip("/"),
        can_send=settings.smtp_configured,
    )
