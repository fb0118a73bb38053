"""The respondent's survey form, opened by a personal link (``/survey/<token>``): no key,
no login. :data:`DOOR` lets :class:`api.gate.Gate` check the token before anything else
(unknown 404, expired 410); the page finds the invitation in the request's state."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from api.deps import StoreDep
from api.gate import TokenDoor, TokenRefused
from api.i18n import language, translations
from api.pages.common import Csrf, render, say
from api.services import surveys
from graph.model import Mechanism, NodeKind
from graph.survey import FREQUENCIES, Invitation, Question

__all__ = ["DOOR", "router"]

router = APIRouter(include_in_schema=False)

#: How many partner rows the form offers.
ROWS = 8


def _open(state: Any, token: str, lang: str) -> Invitation:
    try:
        return surveys.open_link(state.store, token)
    except surveys.SurveyLinkUnknown as exc:
        raise TokenRefused(404, translations(lang).gettext(str(exc))) from None
    except surveys.SurveyLinkExpired as exc:
        raise TokenRefused(410, translations(lang).gettext(str(exc))) from None


#: The gate's check of a respondent's link.
DOOR = TokenDoor(surveys.LINK_PATH, "survey_invitation", _open)


def opened(request: Request) -> Invitation:
    """The invitation the gate opened for this request's link."""
    found = request.scope.get("state", {}).get("survey_invitation")
    if not isinstance(found, Invitation):
        raise HTTPException(404, "no survey link")
    return found


opened.required_role = "public"  # type: ignore[attr-defined]

Opened = Annotated[Invitation, Depends(opened)]


def _form(
    request: Request,
    store: Any,
    invitation: Invitation,
    token: str,
    status: int = 200,
    **extra: Any,
) -> HTMLResponse:
    survey = surveys.get_survey(store, invitation.workspace, invitation.survey_id)
    response = surveys.response_of(store, invitation)
    rows = extra.pop("rows", None) or [surveys.AnswerInput() for _ in range(ROWS)]
    return render(
        request,
        "survey_respond.html",
        status=status,
        survey=survey,
        invitation=invitation,
        response=response,
        token=token,
        rows=rows,
        names=surveys.known_names(store, invitation.workspace),
        themes=surveys.known_names(store, invitation.workspace, (NodeKind.THEME,)),
        frequencies=list(FREQUENCIES),
        mechanisms=list(Mechanism),
        asks={q.value: q in survey.questions for q in Question},
        **extra,
    )


@router.get("/survey/{token}", response_class=HTMLResponse)
def survey_form(request: Request, store: StoreDep, invitation: Opened, token: str) -> HTMLResponse:
    return _form(request, store, invitation, token)


def _rows(form: Any) -> list[surveys.AnswerInput]:
    rows = []
    for i in range(min(int(form.get("rows") or ROWS), 60)):
        values = {
            f: str(form.get(f"{f}_{i}") or "")
            for f in ("partner", "themes", "frequency", "mechanism", "since")
        }
        rows.append(surveys.AnswerInput(**values))
    return rows


@router.post("/survey/{token}", response_class=HTMLResponse, dependencies=[Csrf])
async def survey_submit(
    request: Request, store: StoreDep, invitation: Opened, token: str
) -> HTMLResponse:
    form = await request.form()
    try:
        rows = _rows(form)
    except ValueError:
        raise HTTPException(422, say(request, "The form was not filled in as expected.")) from None
    try:
        await run_in_threadpool(
            surveys.submit,
            store,
            invitation,
            rows,
            form.get("consent") == "yes",
            language(request),
        )
    except surveys.SurveyRefused as exc:
        message = exc.say(translations(language(request)).gettext)
        consent = form.get("consent") == "yes"  # kept as it was ticked
        return _form(
            request, store, invitation, token, 422, error=message, rows=rows, consent=consent
        )
    return _form(request, store, invitation, token, done="sent")


@router.post("/survey/{token}/withdraw", response_class=HTMLResponse, dependencies=[Csrf])
def survey_withdraw(
    request: Request, store: StoreDep, invitation: Opened, token: str
) -> HTMLResponse:
    outcome = surveys.withdraw(store, invitation, token)
    return _form(request, store, invitation, token, done=f"withdrawn-{outcome}")
