"""Network surveys (issue 13, point 6): an advisor asks the members of a network with
whom they work; the answers are kept apart until the advisor accepts them.

* :func:`create_survey` makes a survey and a personal link per invitee. A link is
  ``/survey/<token>``, the token 256 random bits, kept only as its SHA-256 hash (as API
  keys are), so a link is shown once; :func:`new_link` replaces one.
* :func:`open_link` is what :class:`api.gate.Gate` asks before anything else on a
  respondent's path: an unknown token is :class:`SurveyLinkUnknown` (404), an expired one
  :class:`SurveyLinkExpired` (410).
* :func:`submit` checks and keeps a response as *pending* (not in the graph);
  :func:`withdraw` deletes a pending response; an accepted one stays in the workspace
  (its ties came from the respondent but may since carry other sources) and the
  invitation is marked withdrawn, so the advisor sees it in the overview.
* :func:`review` lists each new name with its near-duplicates among the workspace's
  names (:func:`importers.suggestions.suggest_merges`); :func:`accept` turns the answers
  into import rows and writes them through the importers' plan (one write, provenance
  ``survey <name>, response of <date>``).
* :func:`send_invitations` e-mails the links, only when SMTP settings are given.

Every refusal is a :class:`SurveyRefused` whose ``msgid`` is a catalogue entry (the
pages say it in the page's language) and whose ``str`` is the English text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import smtplib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from graph.access import Actor
from graph.errors import GrenswerkError, NotFound
from graph.ids import slugify
from graph.model import Node, NodeKind, normalise
from graph.settings import StoreSettings
from graph.store.base import Store
from graph.survey import (
    FREQUENCIES,
    MAX_ANSWERS,
    MAX_NAME,
    MAX_TEXT,
    Answer,
    Invitation,
    Question,
    Survey,
    SurveyResponse,
)
from graph.vocabulary import mechanism_for
from importers.parsed import ParsedFile
from importers.plan import apply_plan, plan_import
from importers.resolve import NameIndex
from importers.rows import ImportOptions, Location, RawNode, RawRelationship, parse_date
from importers.suggestions import suggest_merges

__all__ = [
    "AnswerInput",
    "InviteeInput",
    "IssuedLink",
    "SurveyInput",
    "SurveyLinkExpired",
    "SurveyLinkUnknown",
    "SurveyRefused",
    "accept",
    "create_survey",
    "known_names",
    "new_link",
    "open_link",
    "overview",
    "provenance_of",
    "review",
    "send_invitations",
    "submit",
    "token_hash",
    "withdraw",
]

#: The kinds of node that can be invited and named as partners.
ACTORS = (NodeKind.ORGANISATION, NodeKind.PERSON)
#: Where a respondent's link leads (the token follows).
LINK_PATH = "/survey/"


def N_(message: str) -> str:  # noqa: N802 - gettext's marker name, found by pybabel
    """Mark ``message`` for the catalogues; the pages translate it when they show it."""
    return message


class SurveyRefused(GrenswerkError):
    """A survey action refused for the user's input; nothing was changed.

    ``msgid`` is a catalogue entry with ``%(name)s`` fields filled from ``params``; the
    parameters named in ``terms`` are catalogue entries themselves.
    """

    def __init__(self, msgid: str, terms: tuple[str, ...] = (), **params: Any) -> None:
        self.msgid = msgid
        self.terms = terms
        self.params = params
        super().__init__(self.say(lambda text: text))

    def say(self, gettext: Callable[[str], str]) -> str:
        """The message in the language of ``gettext``."""
        params = {k: gettext(v) if k in self.terms else v for k, v in self.params.items()}
        text = gettext(self.msgid)
        return text % params if params else text


class SurveyLinkUnknown(NotFound):
    """No survey link has this token (never made, replaced, or its survey deleted)."""


class SurveyLinkExpired(GrenswerkError):
    """The survey link's time is up (410)."""


def now_utc() -> dt.datetime:
    """The current time, in UTC."""
    return dt.datetime.now(dt.UTC)


def token_hash(token: str) -> str:
    """The SHA-256 hash under which a link's token is kept (the token is 256 random bits,
    so a fast hash suffices, as for API keys)."""
    return hashlib.sha256(token.encode()).hexdigest()


# -- creating a survey --------------------------------------------------------------------


class InviteeInput(BaseModel):
    """One invitee: a node of the workspace, and an e-mail address if one is known."""

    node_id: str = Field(min_length=1, max_length=200)
    email: str | None = Field(default=None, max_length=320)


class SurveyInput(BaseModel):
    """What an advisor gives to create a survey."""

    name: str = Field(min_length=1, max_length=MAX_NAME)
    introduction: str = Field(default="", max_length=MAX_TEXT)
    consent: str = Field(min_length=1, max_length=MAX_TEXT)
    questions: list[Question] = Field(default_factory=lambda: list(Question))
    invitees: list[InviteeInput] = Field(min_length=1, max_length=1000)
    expires_in_days: int = Field(default=30, ge=1, le=365)


@dataclass(frozen=True)
class IssuedLink:
    """A link just made: shown once, then only its hash is kept."""

    invitation: Invitation
    token: str

    @property
    def path(self) -> str:
        return LINK_PATH + self.token


def survey_input(data: Mapping[str, Any]) -> SurveyInput:
    """``data`` as a :class:`SurveyInput`, or :class:`SurveyRefused` naming the field."""
    try:
        return SurveyInput.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "survey"
        raise SurveyRefused(
            N_("%(field)s: %(problem)s"), field=where, problem=first["msg"]
        ) from None


def _issue(store: Store, invitation: Invitation) -> IssuedLink:
    token = secrets.token_urlsafe(32)
    store.save_invitation(invitation, token_hash(token))
    return IssuedLink(invitation, token)


def _survey_id(store: Store, workspace: str, name: str) -> str:
    base = slugify(name)[:60]
    taken = {s.id for s in store.list_surveys(workspace)}
    number, found = 1, base
    while found in taken:
        number += 1
        found = f"{base}-{number}"
    return found


def create_survey(
    store: Store,
    workspace: str,
    data: SurveyInput,
    created_by: str = "",
    now: dt.datetime | None = None,
) -> tuple[Survey, list[IssuedLink]]:
    """Create a survey and a link per invitee (returned once, with its token).

    Raises :class:`SurveyRefused` (nothing stored) when an invitee is not an
    organisation or person of the workspace, or is invited twice.
    """
    now = now or now_utc()
    invitees = _check_invitees(store, workspace, data.invitees)
    survey = Survey(
        workspace=workspace,
        id=_survey_id(store, workspace, data.name),
        name=" ".join(data.name.split()),
        introduction=data.introduction.strip(),
        consent=data.consent.strip(),
        questions=list(dict.fromkeys(data.questions)),
        created=now,
        expires=now + dt.timedelta(days=data.expires_in_days),
        created_by=created_by,
    )
    store.save_survey(survey)
    links = []
    for number, (node, email) in enumerate(invitees, start=1):
        invitation = Invitation(
            workspace=workspace,
            survey_id=survey.id,
            id=number,
            node_id=node.id,
            name=node.name,
            email=email,
            issued=now,
            expires=survey.expires,
        )
        links.append(_issue(store, invitation))
    return survey, links


def _check_invitees(
    store: Store, workspace: str, invitees: list[InviteeInput]
) -> list[tuple[Node, str | None]]:
    ids = [i.node_id for i in invitees]
    found = store.get_nodes(workspace, ids)
    seen: set[str] = set()
    out = []
    for invitee in invitees:
        node = found.get(invitee.node_id)
        if node is None or node.kind not in ACTORS:
            raise SurveyRefused(
                N_("%(node)s is not an organisation or person of this workspace"),
                node=invitee.node_id,
            )
        if node.id in seen:
            raise SurveyRefused(N_("%(node)s is invited twice"), node=node.name)
        seen.add(node.id)
        email = (invitee.email or "").strip() or None
        if email is not None and ("@" not in email or any(c.isspace() for c in email)):
            raise SurveyRefused(N_("%(email)s is not an e-mail address"), email=email)
        out.append((node, email))
    return out


def get_survey(store: Store, workspace: str, survey_id: str) -> Survey:
    """The survey, or :class:`NotFound`."""
    survey = store.get_survey(workspace, survey_id)
    if survey is None:
        raise NotFound(f"no survey {survey_id!r} in workspace {workspace!r}")
    return survey


def get_invitation(store: Store, survey: Survey, invitation_id: int) -> Invitation:
    """One invitation of the survey, or :class:`NotFound`."""
    for invitation in store.list_invitations(survey.workspace, survey.id):
        if invitation.id == invitation_id:
            return invitation
    raise NotFound(f"survey {survey.id!r} has no invitation {invitation_id}")


def new_link(
    store: Store, workspace: str, survey_id: str, invitation_id: int, now: dt.datetime | None = None
) -> IssuedLink:
    """A new link for one invitee; the old link stops working."""
    survey = get_survey(store, workspace, survey_id)
    invitation = get_invitation(store, survey, invitation_id)
    return _issue(store, invitation.model_copy(update={"issued": now or now_utc()}))


# -- the respondent's side -----------------------------------------------------------------


def open_link(store: Store, token: str, now: dt.datetime | None = None) -> Invitation:
    """The invitation a link's token opens.

    Raises :class:`SurveyLinkUnknown` for a token no link has (or whose survey is gone)
    and :class:`SurveyLinkExpired` for a link whose time is up.
    """
    invitation = store.invitation_by_hash(token_hash(token)) if 20 <= len(token) <= 100 else None
    if invitation is None or store.get_survey(invitation.workspace, invitation.survey_id) is None:
        raise SurveyLinkUnknown(N_("This survey link is not known (any more)."))
    if invitation.expired(now or now_utc()):
        raise SurveyLinkExpired(N_("This survey link has expired."))
    return invitation


def known_names(store: Store, workspace: str, kinds: Iterable[NodeKind] = ACTORS) -> list[str]:
    """The names of the workspace's nodes of ``kinds``, sorted, for autocomplete."""
    names = {n.name for kind in kinds for n in store.list_nodes(workspace, kind=kind)}
    return sorted(names, key=normalise)


class AnswerInput(BaseModel):
    """One row of the respondent's form, as typed."""

    partner: str = ""
    themes: str = ""
    frequency: str = ""
    mechanism: str = ""
    since: str = ""


def _too_long(text: str, limit: int, row: int, what: str) -> None:
    if len(text) > limit:
        raise SurveyRefused(
            N_("Row %(row)s: %(what)s is longer than %(limit)s characters."),
            terms=("what",),
            row=row,
            what=what,
            limit=limit,
        )


def _answer(row: int, given: AnswerInput, index: NameIndex, respondent: str) -> Answer:
    partner = " ".join(given.partner.split())
    _too_long(partner, MAX_NAME, row, N_("the name"))
    _too_long(given.themes, MAX_TEXT, row, N_("the themes"))
    themes = [" ".join(t.split()) for t in given.themes.replace(",", ";").split(";")]
    themes = list(dict.fromkeys(t for t in themes if t))
    for theme in themes:
        _too_long(theme, MAX_NAME, row, N_("a theme"))
    if given.frequency and given.frequency not in FREQUENCIES:
        raise SurveyRefused(N_("Row %(row)s: choose how often from the list."), row=row)
    mechanism = mechanism_for(given.mechanism) if given.mechanism else None
    if given.mechanism and mechanism is None:
        raise SurveyRefused(N_("Row %(row)s: choose the level from the list."), row=row)
    _too_long(given.since, 40, row, N_("since when"))
    try:
        since = parse_date(given.since)
    except ValueError:
        raise SurveyRefused(
            N_("Row %(row)s: '%(since)s' is not a date; write e.g. 2019, 2019-09 or 01-09-2019."),
            row=row,
            since=given.since,
        ) from None
    matches = sorted(index.find(partner))
    if respondent in matches:
        raise SurveyRefused(N_("Row %(row)s: name a partner other than yourself."), row=row)
    return Answer(
        partner=partner,
        partner_id=matches[0] if len(matches) == 1 else None,
        themes=themes,
        frequency=given.frequency or None,
        mechanism=mechanism,
        since=since.isoformat() if since else None,
    )


def submit(
    store: Store,
    invitation: Invitation,
    answers: list[AnswerInput],
    consent: bool,
    language: str = "nl",
    now: dt.datetime | None = None,
) -> SurveyResponse:
    """Check a respondent's answers and keep them as a pending response (replacing an
    earlier pending one). Raises :class:`SurveyRefused` (nothing kept)."""
    if not consent:
        raise SurveyRefused(N_("Tick the consent box to send your answers."))
    for row, a in enumerate(answers, start=1):
        if not a.partner.strip() and any((a.themes.strip(), a.since.strip())):
            raise SurveyRefused(N_("Row %(row)s: give the name of the partner."), row=row)
    filled = [(row, a) for row, a in enumerate(answers, start=1) if a.partner.strip()]
    if not filled:
        raise SurveyRefused(N_("Name at least one organisation or person you work with."))
    if len(filled) > MAX_ANSWERS:
        raise SurveyRefused(N_("Name at most %(limit)s partners."), limit=MAX_ANSWERS)
    previous = _response_of(store, invitation)
    if previous is not None and previous.status == "accepted":
        raise SurveyRefused(N_("Your answers have already been accepted into the network."))
    index = NameIndex(
        n for kind in ACTORS for n in store.list_nodes(invitation.workspace, kind=kind)
    )
    checked = [_answer(row, a, index, invitation.node_id) for row, a in filled]
    response = SurveyResponse(
        workspace=invitation.workspace,
        survey_id=invitation.survey_id,
        invitation_id=invitation.id,
        received=now or now_utc(),
        language=language,
        answers=checked,
    )
    store.save_response(response)
    return response


def _response_of(store: Store, invitation: Invitation) -> SurveyResponse | None:
    for response in store.list_responses(invitation.workspace, invitation.survey_id):
        if response.invitation_id == invitation.id:
            return response
    return None


def response_of(store: Store, invitation: Invitation) -> SurveyResponse | None:
    """The invitation's response, if there is one."""
    return _response_of(store, invitation)


def withdraw(
    store: Store, invitation: Invitation, token: str, now: dt.datetime | None = None
) -> str:
    """Withdraw a respondent's answers (``token``: their link's, which keeps working):
    ``"deleted"`` (a pending response is deleted), ``"kept"`` (an accepted response stays
    in the workspace; the invitation is marked withdrawn for the advisor) or ``"none"``
    (nothing to withdraw)."""
    response = _response_of(store, invitation)
    if response is None:
        return "none"
    store.delete_response(invitation.workspace, invitation.survey_id, invitation.id)
    if response.status == "pending":
        return "deleted"
    withdrawn = invitation.model_copy(update={"withdrawn": now or now_utc()})
    store.save_invitation(withdrawn, token_hash(token))
    return "kept"


# -- the advisor's side --------------------------------------------------------------------


@dataclass
class InviteeStatus:
    """One row of the response overview."""

    invitation: Invitation
    status: str  # "open", "pending", "accepted", "withdrawn"
    received: dt.datetime | None = None
    answers: int = 0


@dataclass
class SurveyOverview:
    survey: Survey
    invitees: list[InviteeStatus] = field(default_factory=list)

    @property
    def answered(self) -> int:
        return sum(1 for i in self.invitees if i.status in ("pending", "accepted"))


def overview(store: Store, workspace: str, survey_id: str) -> SurveyOverview:
    """Who was invited, who answered (pending or accepted), who withdrew, who not."""
    survey = get_survey(store, workspace, survey_id)
    responses = {r.invitation_id: r for r in store.list_responses(workspace, survey_id)}
    out = SurveyOverview(survey)
    for invitation in store.list_invitations(workspace, survey_id):
        response = responses.get(invitation.id)
        if response is not None:
            row = InviteeStatus(
                invitation, response.status, response.received, len(response.answers)
            )
        else:
            row = InviteeStatus(invitation, "withdrawn" if invitation.withdrawn else "open")
        out.invitees.append(row)
    return out


@dataclass
class NameReview:
    """A name a respondent gave that is not (exactly) in the workspace."""

    name: str
    kind: str  # "partner" or "theme"
    #: near-duplicates in the workspace: (node id, name, kind, similarity 0-100)
    similar: list[tuple[str, str, str, float]] = field(default_factory=list)


@dataclass
class ResponseReview:
    survey: Survey
    invitation: Invitation
    response: SurveyResponse
    new_names: list[NameReview] = field(default_factory=list)
    provenance: str = ""


def provenance_of(survey: Survey, response: SurveyResponse) -> str:
    """The provenance of what an accepted response adds: ``survey <name>, response of
    <date>``."""
    return f"survey {survey.name}, response of {response.received.date().isoformat()}"


def _pending(store: Store, workspace: str, survey_id: str, invitation_id: int) -> ResponseReview:
    survey = get_survey(store, workspace, survey_id)
    invitation = get_invitation(store, survey, invitation_id)
    response = _response_of(store, invitation)
    if response is None:
        raise NotFound(f"{invitation.name} has not answered survey {survey.name!r}")
    return ResponseReview(survey, invitation, response, provenance=provenance_of(survey, response))


def review(store: Store, workspace: str, survey_id: str, invitation_id: int) -> ResponseReview:
    """A response with each new name and its near-duplicates in the workspace."""
    found = _pending(store, workspace, survey_id, invitation_id)
    actors = [n for kind in ACTORS for n in store.list_nodes(workspace, kind=kind)]
    themes = store.list_nodes(workspace, kind=NodeKind.THEME)
    theme_index = NameIndex(themes)
    partners = dict.fromkeys(a.partner for a in found.response.answers if a.partner_id is None)
    for name in partners:
        found.new_names.append(NameReview(name, "partner", _similar(workspace, name, actors)))
    new_themes = dict.fromkeys(
        t for a in found.response.answers for t in a.themes if not theme_index.find(t)
    )
    for name in new_themes:
        found.new_names.append(NameReview(name, "theme", _similar(workspace, name, themes)))
    return found


def _similar(workspace: str, name: str, stored: list[Node]) -> list[tuple[str, str, str, float]]:
    """Stored nodes whose name looks like ``name`` (the importers' merge suggestions)."""
    out: dict[str, tuple[str, str, str, float]] = {}
    for kind in {n.kind for n in stored}:
        probe = Node(id="survey-new-name", workspace=workspace, kind=kind, name=name)
        for s in suggest_merges([probe], [n for n in stored if n.kind is kind]):
            other = s.second if s.first == probe.id else s.first
            other_name = s.second_name if s.first == probe.id else s.first_name
            out[other] = (other, other_name, kind.value, s.score)
    return sorted(out.values(), key=lambda t: -t[3])


def accept(
    store: Store,
    workspace: str,
    survey_id: str,
    invitation_id: int,
    decisions: Mapping[str, str],
    now: dt.datetime | None = None,
    actor: Actor | None = None,
) -> dict[str, int]:
    """Accept a pending response into the workspace, through the importers' plan in one
    write, logged as ``actor``'s change (the accepting key). ``decisions`` says for each
    new partner name ``"organisation"`` or ``"person"`` (create it) or ``"node:<id>"``
    (the workspace node it means); new themes are created. Returns the write's counts.

    Raises :class:`SurveyRefused` (nothing written) for a missing or wrong decision, an
    accepted response, or a problem the plan finds.
    """
    found = review(store, workspace, survey_id, invitation_id)
    if found.response.status == "accepted":
        raise SurveyRefused(N_("This response has already been accepted."))
    parsed = _rows(found, _targets(store, workspace, found, decisions))
    plan = plan_import(store, [parsed], ImportOptions(workspace))
    if plan.problems:
        raise SurveyRefused(
            N_("Nothing was accepted: %(problems)s"),
            problems="; ".join(str(p) for p in plan.problems[:5]),
        )
    result = apply_plan(store, plan, actor=actor)
    accepted = found.response.model_copy(
        update={"status": "accepted", "accepted": now or now_utc()}
    )
    store.save_response(accepted)
    return {k: v for k, v in result.model_dump().items() if isinstance(v, int)}


def _targets(
    store: Store, workspace: str, found: ResponseReview, decisions: Mapping[str, str]
) -> dict[str, str | tuple[str, str]]:
    """Each new partner name → a node id (``str``) or (kind, name) to create."""
    out: dict[str, str | tuple[str, str]] = {}
    for name in (n.name for n in found.new_names if n.kind == "partner"):
        choice = (decisions.get(name) or "").strip()
        if choice in ("organisation", "person"):
            out[name] = (choice, name)
        elif choice.startswith("node:"):
            node = store.get_node(workspace, choice[5:])
            if node is None or node.kind not in ACTORS:
                raise SurveyRefused(
                    N_("%(name)s: %(node)s is not an organisation or person of this workspace."),
                    name=name,
                    node=choice[5:],
                )
            out[name] = node.id
        else:
            raise SurveyRefused(
                N_("%(name)s: choose whether to create it or which name it means."), name=name
            )
    return out


def _rows(found: ResponseReview, targets: Mapping[str, str | tuple[str, str]]) -> ParsedFile:
    """The response as import rows: new nodes, a ``collaborates_with`` tie per partner
    (mechanism, frequency, strength, since, themes as tags) and a ``works_on`` tie from
    the respondent to each theme."""
    source = found.provenance
    provenance = [{"source": source}]
    parsed = ParsedFile(path=source, format="survey", strict=True)
    for name, target in targets.items():
        if isinstance(target, tuple):
            node = {"name": name, "kind": target[0], "provenance": provenance}
            parsed.nodes.append(RawNode(Location(source, element=name), node))
    respondent = found.invitation.node_id
    themes: dict[str, None] = {}
    for row, answer in enumerate(found.response.answers, start=1):
        chosen = answer.partner_id or targets.get(answer.partner)
        partner = chosen if isinstance(chosen, str) else answer.partner
        tie = _partner_tie(respondent, partner, answer, provenance)
        parsed.relationships.append(RawRelationship(Location(source, row=row), tie))
        themes.update(dict.fromkeys(answer.themes))
    new_themes = {n.name for n in found.new_names if n.kind == "theme"}
    for theme in themes:
        if theme in new_themes:
            node = {"name": theme, "kind": "theme", "provenance": provenance}
            parsed.nodes.append(RawNode(Location(source, element=theme), node))
        works_on = {
            "source": respondent,
            "target": theme,
            "type": "works_on",
            "provenance": provenance,
        }
        parsed.relationships.append(RawRelationship(Location(source, element=theme), works_on))
    return parsed


def _partner_tie(
    respondent: str, partner: str, answer: Answer, provenance: list[dict[str, str]]
) -> dict[str, Any]:
    """The import row of the tie a respondent reports with one partner."""
    times, strength = FREQUENCIES.get(answer.frequency or "", (None, None))
    return {
        "source": respondent,
        "target": partner,
        "type": "collaborates_with",
        "mechanism": answer.mechanism.value if answer.mechanism else None,
        "frequency": times,
        "strength": strength,
        "since": answer.since,
        "tags": "; ".join(answer.themes) or None,
        "provenance": provenance,
    }


# -- e-mail --------------------------------------------------------------------------------


@dataclass
class Sent:
    """What :func:`send_invitations` did."""

    sent: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def send_invitations(
    store: Store,
    settings: StoreSettings,
    workspace: str,
    survey_id: str,
    base_url: str,
    smtp: Callable[..., smtplib.SMTP] | None = None,
    now: dt.datetime | None = None,
) -> Sent:
    """E-mail each invitee who has an address and has not answered a new link (their
    old link stops working). Nothing is sent without SMTP settings.

    Raises :class:`SurveyRefused` when no SMTP server is configured or it fails.
    """
    if not settings.smtp_configured:
        raise SurveyRefused(N_("No e-mail is sent: GRENSWERK_SMTP_HOST and _FROM are not set."))
    info = overview(store, workspace, survey_id)
    out = Sent()
    try:
        connect = smtp or smtplib.SMTP  # read now, so that a test can replace it
        with connect(settings.smtp_host or "", settings.smtp_port, timeout=20) as server:
            _smtp_login(server, settings)
            for row in info.invitees:
                invitation = row.invitation
                if row.status != "open" or not invitation.email:
                    out.skipped.append(invitation.name)
                    continue
                issued = _issue(store, invitation.model_copy(update={"issued": now or now_utc()}))
                server.send_message(_mail(settings, info.survey, issued, base_url))
                out.sent.append(invitation.name)
    except (OSError, smtplib.SMTPException) as exc:
        raise SurveyRefused(
            N_("The mail server refused (%(error)s); %(sent)s invitation(s) were sent."),
            error=str(exc) or type(exc).__name__,
            sent=len(out.sent),
        ) from None
    return out


def _smtp_login(server: smtplib.SMTP, settings: StoreSettings) -> None:
    server.ehlo()
    if server.has_extn("starttls"):
        server.starttls()
        server.ehlo()
    if settings.smtp_user:
        password = settings.smtp_password.get_secret_value() if settings.smtp_password else ""
        server.login(settings.smtp_user, password)


def _mail(
    settings: StoreSettings, survey: Survey, issued: IssuedLink, base_url: str
) -> EmailMessage:
    """An invitation in Dutch and English (the form itself has a language switch)."""
    link = base_url.rstrip("/") + issued.path
    mail = EmailMessage()
    mail["Subject"] = f"{survey.name}: netwerkvragenlijst / network survey"
    mail["From"] = settings.smtp_from or ""
    mail["To"] = issued.invitation.email or ""
    mail.set_content(
        f"Beste {issued.invitation.name},\n\n"
        f"U bent uitgenodigd voor de netwerkvragenlijst '{survey.name}'. Uw persoonlijke "
        f"link (geldig tot {survey.expires.date().isoformat()}):\n\n{link}\n\n"
        f"Dear {issued.invitation.name},\n\n"
        f"You are invited to the network survey '{survey.name}'. Your personal link "
        f"(valid until {survey.expires.date().isoformat()}):\n\n{link}\n"
    )
    return mail
