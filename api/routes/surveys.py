"""Network surveys (editor): create, list, see who answered, new links, e-mail, review
and accept responses. The respondents' own form is a web page opened by their link
(:mod:`api.pages.survey_respond`), not an API route."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response
from pydantic import BaseModel, Field

from api.deps import EditorWorkspace, KeyDep, SettingsDep, StoreDep, StoredId
from api.services import surveys
from graph.access import Actor
from graph.survey import Invitation, Survey, SurveyResponse

router = APIRouter(prefix="/api/workspaces/{workspace}/surveys", tags=["surveys"])


class Link(BaseModel):
    invitation: int
    name: str
    url: str = Field(description="the personal link, shown only now (only a hash is kept)")


class Created(BaseModel):
    survey: Survey
    links: list[Link]


class InviteeRow(BaseModel):
    invitation: Invitation
    status: str = Field(description="open, pending, accepted or withdrawn")
    received: dt.datetime | None
    answers: int


class Overview(BaseModel):
    survey: Survey
    answered: int
    invitees: list[InviteeRow]


class NewName(BaseModel):
    name: str
    kind: str = Field(description="partner or theme")
    similar: list[dict[str, Any]]


class Review(BaseModel):
    response: SurveyResponse
    provenance: str
    new_names: list[NewName]


class Decisions(BaseModel):
    decisions: dict[str, str] = Field(
        default_factory=dict,
        description="each new partner name: 'organisation', 'person' or 'node:<id>'",
    )


class SendReport(BaseModel):
    sent: list[str]
    skipped: list[str]


def _refused(exc: surveys.SurveyRefused) -> HTTPException:
    return HTTPException(422, str(exc))


def _links(request: Request, links: list[surveys.IssuedLink]) -> list[Link]:
    base = str(request.base_url).rstrip("/")
    return [
        Link(invitation=link.invitation.id, name=link.invitation.name, url=base + link.path)
        for link in links
    ]


@router.get("", response_model=list[Survey], summary="The workspace's surveys")
def list_surveys(workspace: EditorWorkspace, store: StoreDep) -> list[Survey]:
    return store.list_surveys(workspace)


@router.post("", response_model=Created, status_code=201, summary="Create a survey")
def create_survey(
    request: Request, workspace: EditorWorkspace, store: StoreDep, key: KeyDep, body: dict[str, Any]
) -> Created:
    try:
        data = surveys.survey_input(body)
        survey, links = surveys.create_survey(store, workspace, data, created_by=key.label)
    except surveys.SurveyRefused as exc:
        raise _refused(exc) from None
    return Created(survey=survey, links=_links(request, links))


@router.get("/{survey_id}", response_model=Overview, summary="A survey and who answered")
def survey_overview(workspace: EditorWorkspace, store: StoreDep, survey_id: str) -> Overview:
    info = surveys.overview(store, workspace, survey_id)
    rows = [
        InviteeRow(invitation=r.invitation, status=r.status, received=r.received, answers=r.answers)
        for r in info.invitees
    ]
    return Overview(survey=info.survey, answered=info.answered, invitees=rows)


@router.delete("/{survey_id}", status_code=204, summary="Delete a survey and its responses")
def delete_survey(workspace: EditorWorkspace, store: StoreDep, survey_id: str) -> Response:
    if not store.delete_survey(workspace, survey_id):
        raise HTTPException(404, f"no survey {survey_id!r}")
    return Response(status_code=204)


@router.post(
    "/{survey_id}/invitations/{invitation_id}/link",
    response_model=Link,
    summary="A new link for one invitee (the old one stops working)",
)
def new_link(
    request: Request,
    workspace: EditorWorkspace,
    store: StoreDep,
    survey_id: str,
    invitation_id: StoredId,
) -> Link:
    return _links(request, [surveys.new_link(store, workspace, survey_id, invitation_id)])[0]


@router.post("/{survey_id}/send", response_model=SendReport, summary="E-mail the invitations")
def send_invitations(
    request: Request,
    workspace: EditorWorkspace,
    store: StoreDep,
    settings: SettingsDep,
    survey_id: str,
) -> SendReport:
    base = str(request.base_url).rstrip("/")
    try:
        sent = surveys.send_invitations(store, settings, workspace, survey_id, base)
    except surveys.SurveyRefused as exc:
        raise _refused(exc) from None
    return SendReport(sent=sent.sent, skipped=sent.skipped)


@router.get(
    "/{survey_id}/responses/{invitation_id}",
    response_model=Review,
    summary="A response with its new names and their near-duplicates",
)
def review_response(
    workspace: EditorWorkspace, store: StoreDep, survey_id: str, invitation_id: StoredId
) -> Review:
    found = surveys.review(store, workspace, survey_id, invitation_id)
    names = [
        NewName(
            name=n.name,
            kind=n.kind,
            similar=[
                {"id": i, "name": name, "kind": kind, "score": score}
                for i, name, kind, score in n.similar
            ],
        )
        for n in found.new_names
    ]
    return Review(response=found.response, provenance=found.provenance, new_names=names)


@router.post(
    "/{survey_id}/responses/{invitation_id}/accept",
    summary="Accept a response into the workspace",
)
def accept_response(
    workspace: EditorWorkspace,
    store: StoreDep,
    survey_id: str,
    invitation_id: StoredId,
    body: Decisions,
    key: KeyDep,
) -> dict[str, int]:
    try:
        return surveys.accept(
            store,
            workspace,
            survey_id,
            invitation_id,
            body.decisions,
            actor=Actor.of(key, "api"),
        )
    except surveys.SurveyRefused as exc:
        raise _refused(exc) from None
