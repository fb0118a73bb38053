"""The network survey (issue 13, point 6): the service, the JSON routes and the pages.

Text assertions read English pages (``lang=en``): the Dutch catalogue entries are filled
at merge, until then a Dutch page shows the English msgid."""

from __future__ import annotations

import datetime as dt
import re
import smtplib
from collections.abc import Iterator
from email.message import EmailMessage
from typing import Any

import pytest
from pydantic import SecretStr

from api.config import Settings
from api.services import surveys
from graph.errors import NotFound
from graph.model import Mechanism, NodeKind, RelType
from graph.store.base import Store
from graph.store.sqlite import SQLiteStore
from tests.api.conftest import TEST_SECRET, Env
from tests.api.test_security import csrf_of, login
from tests.conftest import on_both, snapshot

W = "demo"
T0 = dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC)


def make(
    store: Store,
    who: tuple[str, ...] = ("roc-midden-nederland", "noorderpoort"),
    now: dt.datetime | None = None,
    **extra: Any,
) -> tuple[Any, list[surveys.IssuedLink]]:
    """A survey made ``now`` (default: the real time, so that its links work)."""
    data = surveys.survey_input(
        {
            "name": "Netwerkuitvraag 2026",
            "introduction": "Met wie werkt u samen?",
            "consent": "Ik geef toestemming (AVG).",
            "invitees": [{"node_id": i} for i in who],
            **extra,
        }
    )
    return surveys.create_survey(store, W, data, created_by="adviseur", now=now)


def row(partner: str, **extra: str) -> surveys.AnswerInput:
    return surveys.AnswerInput(partner=partner, **extra)


def survey_state(store: Store) -> tuple[Any, ...]:
    """Everything about surveys and the graph, to compare before and after a refusal."""
    found = []
    for survey in store.list_surveys(W):
        found.append(survey.model_dump_json())
        found += [i.model_dump_json() for i in store.list_invitations(W, survey.id)]
        found += [r.model_dump_json() for r in store.list_responses(W, survey.id)]
    return snapshot(store, W), found


# -- the service ---------------------------------------------------------------------------


def test_links_are_random_and_kept_only_as_hashes(demo_store: SQLiteStore) -> None:
    survey, links = make(demo_store, now=T0)
    assert [link.invitation.node_id for link in links] == ["roc-midden-nederland", "noorderpoort"]
    tokens = [link.token for link in links]
    assert len(set(tokens)) == 2 and all(len(t) >= 43 for t in tokens)  # 256 bits
    assert links[0].path == "/survey/" + tokens[0]
    assert demo_store.invitation_by_hash(tokens[0]) is None  # the token itself is not kept
    found = demo_store.invitation_by_hash(surveys.token_hash(tokens[0]))
    assert found == links[0].invitation
    assert survey.expires == T0 + dt.timedelta(days=30)
    with demo_store._reading() as db:  # noqa: SLF001 - looking for the raw token on disk
        dumped = "\n".join(db.iterdump())
    assert tokens[0] not in dumped and surveys.token_hash(tokens[0]) in dumped


def test_a_new_link_stops_the_old_one(demo_store: SQLiteStore) -> None:
    survey, links = make(demo_store)
    fresh = surveys.new_link(demo_store, W, survey.id, 1)
    with pytest.raises(surveys.SurveyLinkUnknown):
        surveys.open_link(demo_store, links[0].token)
    assert surveys.open_link(demo_store, fresh.token).node_id == "roc-midden-nederland"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"invitees": [{"node_id": "flexibilisering"}]}, "not an organisation or person"),
        ({"invitees": [{"node_id": "nope"}]}, "not an organisation or person"),
        ({"invitees": [{"node_id": "cinop"}, {"node_id": "cinop"}]}, "invited twice"),
        ({"invitees": []}, "invitees"),
        ({"consent": ""}, "consent"),
        ({"name": "x" * 201}, "name"),
        ({"invitees": [{"node_id": "cinop", "email": "geen adres"}]}, "not an e-mail address"),
        ({"expires_in_days": 0}, "expires_in_days"),
    ],
)
def test_creating_refuses_bad_input_and_changes_nothing(
    demo_store: SQLiteStore, change: dict[str, Any], message: str
) -> None:
    before = survey_state(demo_store)
    body = {"name": "Uitvraag", "consent": "Ja", "invitees": [{"node_id": "cinop"}], **change}
    with pytest.raises(surveys.SurveyRefused, match=message):
        data = surveys.survey_input(body)
        surveys.create_survey(demo_store, W, data)
    assert survey_state(demo_store) == before


def test_an_unknown_link_is_not_found_and_an_expired_one_is_gone(demo_store: SQLiteStore) -> None:
    _, links = make(demo_store, now=T0, expires_in_days=7)
    with pytest.raises(surveys.SurveyLinkUnknown):
        surveys.open_link(demo_store, "x" * 43, now=T0)
    assert surveys.open_link(demo_store, links[0].token, now=T0).id == 1
    with pytest.raises(surveys.SurveyLinkExpired):
        surveys.open_link(demo_store, links[0].token, now=T0 + dt.timedelta(days=7))


def test_answers_are_kept_apart_as_pending(demo_store: SQLiteStore) -> None:
    _, links = make(demo_store)
    graph_before = snapshot(demo_store, W)
    answers = [
        row("Noorderpoort", themes="flexibilisering; Nieuw thema", frequency="monthly"),
        row("", themes=""),
        row("Bouwbedrijf Proef BV", mechanism="coördinatie", since="1-9-2024"),
    ]
    response = surveys.submit(demo_store, links[0].invitation, answers, consent=True, now=T0)
    assert snapshot(demo_store, W) == graph_before  # not in the graph
    assert response.status == "pending"
    first, second = response.answers
    assert (first.partner_id, first.themes, first.frequency) == (
        "noorderpoort",
        ["flexibilisering", "Nieuw thema"],
        "monthly",
    )
    assert (second.partner_id, second.mechanism, second.since) == (
        None,
        Mechanism.COORDINATION,
        "2024-09-01",
    )
    assert demo_store.list_responses(W, links[0].invitation.survey_id) == [response]


@pytest.mark.parametrize(
    ("answers", "consent", "message"),
    [
        ([row("Noorderpoort")], False, "Tick the consent box"),
        ([row(""), row("  ")], True, "Name at least one"),
        ([row("x" * 201)], True, "Row 1: the name is longer than 200"),
        ([row("Noorderpoort", since="gisteren")], True, "Row 1: 'gisteren' is not a date"),
        ([row("Noorderpoort", frequency="daily")], True, "Row 1: choose how often"),
        ([row("Noorderpoort", mechanism="magic")], True, "Row 1: choose the level"),
        ([row("Noorderpoort"), row("ROC Midden-Nederland")], True, "Row 2: name a partner other"),
        ([row(""), row("", themes="examinering")], True, "Row 2: give the name"),
        ([row(f"Partner {i}") for i in range(31)], True, "at most 30"),
    ],
)
def test_bad_answers_get_a_clear_message_and_change_nothing(
    demo_store: SQLiteStore, answers: list[surveys.AnswerInput], consent: bool, message: str
) -> None:
    _, links = make(demo_store)
    before = survey_state(demo_store)
    with pytest.raises(surveys.SurveyRefused, match=re.escape(message)):
        surveys.submit(demo_store, links[0].invitation, answers, consent=consent)
    assert survey_state(demo_store) == before


def test_review_flags_near_duplicates_of_new_names(demo_store: SQLiteStore) -> None:
    survey, links = make(demo_store)
    answers = [row("ROC Midden Nederlnd", themes="examineringen; Geheel nieuw"), row("Ander BV")]
    response = surveys.submit(demo_store, links[1].invitation, answers, consent=True)
    found = surveys.review(demo_store, W, survey.id, 2)
    by_name = {n.name: n for n in found.new_names}
    assert set(by_name) == {"ROC Midden Nederlnd", "Ander BV", "examineringen", "Geheel nieuw"}
    similar = by_name["ROC Midden Nederlnd"].similar
    assert similar[0][:3] == ("roc-midden-nederland", "ROC Midden-Nederland", "organisation")
    assert by_name["Ander BV"].similar == []
    assert by_name["examineringen"].similar[0][0] == "examinering"
    received = response.received.date().isoformat()
    assert found.provenance == "survey Netwerkuitvraag 2026, response of " + received


@on_both
def test_accepting_writes_the_ties_with_their_provenance(demo_store: SQLiteStore) -> None:
    survey, links = make(demo_store)
    answers = [
        row("Noorderpoort", themes="flexibilisering", frequency="weekly", mechanism="reflectie"),
        row("Bouwbedrijf Proef BV", since="2019", frequency="quarterly", themes="Nieuw thema"),
    ]
    response = surveys.submit(demo_store, links[0].invitation, answers, consent=True, now=T0)
    written = surveys.accept(
        demo_store, W, survey.id, 1, {"Bouwbedrijf Proef BV": "organisation"}, now=T0
    )
    counts = ("nodes_created", "relationships_created", "relationships_updated")
    # ROC and Noorderpoort already worked together: that tie gains the answers
    assert tuple(written[k] for k in counts) == (2, 3, 1)
    source = "survey Netwerkuitvraag 2026, response of 2026-11-20"
    new = demo_store.search(W, "Bouwbedrijf Proef BV")[0]
    assert (new.kind, [p.source for p in new.provenance]) == (NodeKind.ORGANISATION, [source])
    ties = {
        (r.type, r.target if r.source == "roc-midden-nederland" else r.source): r
        for r in demo_store.list_relationships(W, node_id="roc-midden-nederland")
        if any(p.source == source for p in r.provenance)
    }
    weekly = ties[(RelType.COLLABORATES_WITH, "noorderpoort")]
    assert (weekly.mechanism, weekly.frequency, weekly.strength) == (Mechanism.REFLECTION, 52, 4)
    assert weekly.properties["tags"] == "flexibilisering"
    since = ties[(RelType.COLLABORATES_WITH, new.id)]
    assert (since.since, since.frequency, since.strength) == (dt.date(2019, 1, 1), 4, 2)
    assert (RelType.WORKS_ON, "flexibilisering") in ties
    theme = demo_store.search(W, "Nieuw thema", kinds=[NodeKind.THEME])[0]
    assert (RelType.WORKS_ON, theme.id) in ties
    accepted = demo_store.list_responses(W, survey.id)[0]
    assert (accepted.status, accepted.accepted, accepted.answers) == (
        "accepted",
        T0,
        response.answers,
    )
    with pytest.raises(surveys.SurveyRefused, match="already been accepted"):
        surveys.accept(demo_store, W, survey.id, 1, {})


def test_a_new_name_can_be_matched_to_an_existing_node(demo_store: SQLiteStore) -> None:
    survey, links = make(demo_store)
    surveys.submit(demo_store, links[0].invitation, [row("Noorderpoort ROC")], consent=True)
    nodes_before = len(demo_store.list_nodes(W))
    surveys.accept(demo_store, W, survey.id, 1, {"Noorderpoort ROC": "node:noorderpoort"})
    assert len(demo_store.list_nodes(W)) == nodes_before
    tie = [
        r
        for r in demo_store.list_relationships(W, node_id="noorderpoort")
        if r.type is RelType.COLLABORATES_WITH and "roc-midden-nederland" in (r.source, r.target)
    ]
    assert len(tie) == 1 and tie[0].provenance[-1].source.startswith("survey Netwerkuitvraag")


@pytest.mark.parametrize(
    ("decisions", "message"),
    [
        ({}, "Nieuw BV: choose whether to create it"),
        ({"Nieuw BV": "node:flexibilisering"}, "is not an organisation or person"),
        ({"Nieuw BV": "node:roc-midden-nederland"}, "Nothing was accepted"),  # a self-loop
    ],
)
def test_accepting_without_a_good_decision_changes_nothing(
    demo_store: SQLiteStore, decisions: dict[str, str], message: str
) -> None:
    survey, links = make(demo_store)
    surveys.submit(demo_store, links[0].invitation, [row("Nieuw BV")], consent=True)
    before = survey_state(demo_store)
    with pytest.raises(surveys.SurveyRefused, match=message):
        surveys.accept(demo_store, W, survey.id, 1, decisions)
    assert survey_state(demo_store) == before


@on_both
def test_withdrawing_deletes_pending_answers_and_flags_accepted_ones(
    demo_store: SQLiteStore,
) -> None:
    survey, links = make(demo_store)
    first, second = (link.invitation for link in links)
    surveys.submit(demo_store, first, [row("CINOP")], consent=True)
    surveys.submit(demo_store, second, [row("CINOP")], consent=True)
    surveys.accept(demo_store, W, survey.id, 2, {})
    graph_after_accept = snapshot(demo_store, W)
    assert surveys.withdraw(demo_store, first, links[0].token) == "deleted"
    assert surveys.withdraw(demo_store, first, links[0].token) == "none"
    assert surveys.withdraw(demo_store, second, links[1].token, now=T0) == "kept"
    assert snapshot(demo_store, W) == graph_after_accept  # accepted ties stay
    assert demo_store.list_responses(W, survey.id) == []
    # the link still opens the form, and the advisor sees the withdrawal
    assert surveys.open_link(demo_store, links[1].token).withdrawn == T0
    statuses = [r.status for r in surveys.overview(demo_store, W, survey.id).invitees]
    assert statuses == ["open", "withdrawn"]


def test_the_overview_shows_who_answered(demo_store: SQLiteStore) -> None:
    survey, links = make(demo_store, who=("cinop", "ilse-hartgers", "cps"))
    surveys.submit(demo_store, links[1].invitation, [row("CINOP"), row("CPS")], consent=True)
    info = surveys.overview(demo_store, W, survey.id)
    rows = [(r.invitation.name, r.status, r.answers) for r in info.invitees]
    assert rows == [("CINOP", "open", 0), ("Ilse Hartgers", "pending", 2), ("CPS", "open", 0)]
    assert info.answered == 1
    with pytest.raises(NotFound):
        surveys.overview(demo_store, W, "nope")


class FakeSMTP:
    """A stand-in for :class:`smtplib.SMTP` that keeps what it was given."""

    sent: list[EmailMessage] = []
    logins: list[tuple[str, str]] = []

    def __init__(self, host: str, port: int, timeout: float) -> None:
        self.address = (host, port)

    def __enter__(self) -> FakeSMTP:
        return self

    def __exit__(self, *_: object) -> None:
        return None

    def ehlo(self) -> None:
        return None

    def has_extn(self, name: str) -> bool:
        return False

    def login(self, user: str, password: str) -> None:
        FakeSMTP.logins.append((user, password))

    def send_message(self, message: EmailMessage) -> None:
        FakeSMTP.sent.append(message)


@pytest.fixture
def fake_smtp(monkeypatch: pytest.MonkeyPatch) -> Iterator[type[FakeSMTP]]:
    FakeSMTP.sent, FakeSMTP.logins = [], []
    monkeypatch.setattr(smtplib, "SMTP", FakeSMTP)
    monkeypatch.setattr(surveys.smtplib, "SMTP", FakeSMTP)
    yield FakeSMTP


SMTP = {
    "smtp_host": "mail.example",
    "smtp_from": "netwerk@example.nl",
    "smtp_user": "adviseur",
    "smtp_password": SecretStr("geheim"),
}


def test_invitations_are_mailed_only_with_smtp_settings(
    demo_store: SQLiteStore, fake_smtp: type[FakeSMTP]
) -> None:
    survey, links = make(
        demo_store,
        **{"invitees": [{"node_id": "cinop", "email": "a@cinop.nl"}, {"node_id": "cps"}]},
    )
    with pytest.raises(surveys.SurveyRefused, match="No e-mail is sent"):
        surveys.send_invitations(demo_store, Settings(), W, survey.id, "http://x")
    assert fake_smtp.sent == []
    settings = Settings(**SMTP)
    sent = surveys.send_invitations(demo_store, settings, W, survey.id, "https://gw.example/")
    assert (sent.sent, sent.skipped) == (["CINOP"], ["CPS"])
    (mail,) = fake_smtp.sent
    assert (mail["To"], mail["From"]) == ("a@cinop.nl", "netwerk@example.nl")
    token = re.search(r"https://gw\.example/survey/(\S+)", mail.get_content())
    assert token, mail.get_content()
    assert surveys.open_link(demo_store, token.group(1)).node_id == "cinop"
    with pytest.raises(surveys.SurveyLinkUnknown):  # the mailed link replaced the first one
        surveys.open_link(demo_store, links[0].token)
    assert fake_smtp.logins == [("adviseur", "geheim")]


# -- the JSON routes -------------------------------------------------------------------------


@on_both
def test_routes_create_review_and_accept(env: Env) -> None:
    editor = env.as_("editor")
    body = {
        "name": "Uitvraag API",
        "consent": "Akkoord",
        "invitees": [{"node_id": "cinop"}, {"node_id": "cps"}],
    }
    created = env.client.post("/api/workspaces/demo/surveys", json=body, headers=editor)
    assert created.status_code == 201, created.text
    survey_id = created.json()["survey"]["id"]
    links = created.json()["links"]
    assert [link["name"] for link in links] == ["CINOP", "CPS"]
    assert links[0]["url"].startswith("http://testserver/survey/")
    listed = env.client.get("/api/workspaces/demo/surveys", headers=editor).json()
    assert [s["id"] for s in listed] == [survey_id]
    token = links[0]["url"].rsplit("/", 1)[1]
    invitation = surveys.open_link(env.store, token)
    surveys.submit(env.store, invitation, [row("Bouwbedrijf Proef BV")], consent=True)
    base = f"/api/workspaces/demo/surveys/{survey_id}"
    overview = env.client.get(base, headers=editor).json()
    assert [r["status"] for r in overview["invitees"]] == ["pending", "open"]
    review = env.client.get(f"{base}/responses/1", headers=editor).json()
    assert [n["name"] for n in review["new_names"]] == ["Bouwbedrijf Proef BV"]
    refused = env.client.post(f"{base}/responses/1/accept", json={}, headers=editor)
    assert refused.status_code == 422 and "choose whether" in refused.json()["detail"]
    decisions = {"decisions": {"Bouwbedrijf Proef BV": "organisation"}}
    accepted = env.client.post(f"{base}/responses/1/accept", json=decisions, headers=editor)
    assert accepted.status_code == 200 and accepted.json()["relationships_created"] == 1
    key = env.keys_store.verify(env.keys["editor"])
    assert key is not None
    (logged,) = env.store.changes("demo", limit=1)  # logged as the accepting key
    assert (logged.actor, logged.role, logged.note) == (f"key {key.id}", "editor", "api")
    fresh = env.client.post(f"{base}/invitations/2/link", headers=editor)
    assert fresh.status_code == 200 and fresh.json()["name"] == "CPS"
    assert env.client.post(f"{base}/send", headers=editor).status_code == 422  # no SMTP
    assert env.client.get(f"{base}/responses/2", headers=editor).status_code == 404
    assert env.client.delete(base, headers=editor).status_code == 204
    assert env.client.get(base, headers=editor).status_code == 404


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"name": "x", "consent": "y", "invitees": [{"node_id": "secret"}]},  # other workspace
        {"name": "x", "consent": "y", "invitees": "cinop"},
        {"name": "x" * 300, "consent": "y", "invitees": [{"node_id": "cinop"}]},
    ],
)
def test_bad_route_input_is_422_and_changes_nothing(env: Env, body: dict[str, Any]) -> None:
    before = survey_state(env.store)
    response = env.client.post("/api/workspaces/demo/surveys", json=body, headers=env.as_("editor"))
    assert response.status_code == 422, response.text
    assert survey_state(env.store) == before


def test_viewers_cannot_see_surveys(env: Env) -> None:
    response = env.client.get("/api/workspaces/demo/surveys", headers=env.as_("analyst"))
    assert response.status_code == 403


# -- the pages ---------------------------------------------------------------------------------


def test_the_respondent_opens_the_form_with_the_link_alone(env: Env) -> None:
    _, links = make(env.store)
    env.client.cookies.set("lang", "en")
    page = env.client.get(links[0].path)
    assert page.status_code == 200
    assert "For: ROC Midden-Nederland" in page.text
    assert '<option value="Noorderpoort">' in page.text  # autocomplete
    assert (
        '<datalist id="known-themes">' in page.text and '<option value="examinering">' in page.text
    )
    assert "Ik geef toestemming (AVG)." in page.text
    assert "<script" not in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert env.client.get("/survey/" + "x" * 43).status_code == 404


def test_an_expired_link_is_gone(env: Env) -> None:
    _, links = make(env.store, now=surveys.now_utc() - dt.timedelta(days=2), expires_in_days=1)
    page = env.client.get(links[0].path)
    assert page.status_code == 410 and "Deze link naar de vragenlijst is verlopen." in page.text


def test_the_link_is_checked_before_anything_else(env: Env) -> None:
    unknown = "/survey/" + "z" * 43
    # no CSRF token, no form, no key: the unknown link answers first
    assert env.client.post(unknown, data={"consent": "yes"}).status_code == 404
    assert env.client.post(unknown + "/withdraw").status_code == 404
    assert env.client.get(unknown + "/anything").status_code == 404
    _, links = make(env.store)
    assert env.client.get(links[0].path + "/anything").status_code == 404  # no such page


def test_unknown_links_count_as_failed_key_checks(env: Env) -> None:
    for _ in range(10):
        assert env.client.get("/survey/" + "y" * 43).status_code == 404
    assert env.client.get("/survey/" + "y" * 43).status_code == 429


def _form(path: str, env: Env, **values: str) -> dict[str, str]:
    return {"csrf_token": csrf_of(env.client.get(path).text), "rows": "3", **values}


@on_both
def test_the_respondent_sends_and_withdraws_answers(env: Env) -> None:
    env.client.cookies.set("lang", "en")
    survey, links = make(env.store)
    path = links[0].path
    before = survey_state(env.store)
    no_csrf = env.client.post(path, data={"partner_0": "Noorderpoort", "consent": "yes"})
    assert no_csrf.status_code == 403
    no_consent = env.client.post(path, data=_form(path, env, partner_0="Noorderpoort"))
    assert no_consent.status_code == 422 and "Tick the consent box" in no_consent.text
    assert 'value="Noorderpoort"' in no_consent.text  # what was typed is kept
    too_long = _form(path, env, partner_0="x" * 201, consent="yes")
    refused = env.client.post(path, data=too_long)
    assert refused.status_code == 422 and "longer than 200 characters" in refused.text
    assert survey_state(env.store) == before
    good = _form(
        path,
        env,
        partner_0="Noorderpoort",
        themes_0="examinering",
        frequency_0="monthly",
        mechanism_0="transformation",
        since_0="2021",
        partner_2="Bouwbedrijf Proef BV",
        consent="yes",
    )
    sent = env.client.post(path, data=good)
    assert sent.status_code == 200 and "your answers have been received" in sent.text
    (response,) = env.store.list_responses(W, survey.id)
    assert [a.partner for a in response.answers] == ["Noorderpoort", "Bouwbedrijf Proef BV"]
    assert response.language == "en"
    gone = env.client.post(path + "/withdraw", data={"csrf_token": csrf_of(sent.text)})
    assert gone.status_code == 200 and "withdrawn and deleted" in gone.text
    assert env.store.list_responses(W, survey.id) == []


def test_the_advisor_creates_a_survey_and_copies_the_links(env: Env) -> None:
    token = login(env.client, env.keys["editor"])
    env.client.cookies.set("lang", "en")
    page = env.client.get("/w/demo/surveys")
    assert page.status_code == 200 and 'value="ilse-hartgers"' in page.text
    form = {
        "csrf_token": token,
        "name": "Uitvraag pagina",
        "consent": "Akkoord",
        "questions": ["themes", "mechanism"],
        "invite": ["cinop", "ilse-hartgers"],
        "email_cinop": "info@cinop.nl",
        "expires_in_days": "14",
    }
    created = env.client.post("/w/demo/surveys", data=form)
    assert created.status_code == 201, created.text
    urls = re.findall(r'value="(http://testserver/survey/[^"]+)"', created.text)
    assert len(urls) == 2 and "shown only this once" in created.text
    assert "copy each link and send it yourself" in created.text
    assert "Send invitations" not in created.text
    (survey,) = env.store.list_surveys(W)
    assert (survey.questions, survey.created_by) == (["themes", "mechanism"], "")
    respondent = env.client.get(urls[1].replace("http://testserver", ""))
    assert "How often" not in respondent.text and "At which level" in respondent.text
    overview = env.client.get(f"/w/demo/surveys/{survey.id}")
    assert "0 of 2 invitees answered" in overview.text and "not answered" in overview.text
    bad = env.client.post("/w/demo/surveys", data={**form, "invite": ["flexibilisering"]})
    assert bad.status_code == 422 and "not an organisation or person" in bad.text
    assert len(env.store.list_surveys(W)) == 1


@on_both
def test_the_advisor_reviews_and_accepts_on_the_pages(env: Env) -> None:
    token = login(env.client, env.keys["editor"])
    env.client.cookies.set("lang", "en")
    survey, links = make(env.store)
    surveys.submit(env.store, links[0].invitation, [row("ROC Midden Nederlnd BV")], consent=True)
    base = f"/w/demo/surveys/{survey.id}/responses"
    surveys.submit(
        env.store, links[1].invitation, [row("Ander Bedrijf", frequency="weekly")], consent=True
    )
    review = env.client.get(f"{base}/2")
    assert review.status_code == 200 and "Ander Bedrijf" in review.text
    assert "about once a week" in review.text and "weekly" not in review.text
    flagged = env.client.get(f"{base}/1")
    assert "Looks like a name already in the workspace" in flagged.text
    assert 'value="node:roc-midden-nederland" selected' in flagged.text
    before = survey_state(env.store)
    refused = env.client.post(
        f"{base}/2/accept", data={"csrf_token": token, "name": "Ander Bedrijf"}
    )
    assert refused.status_code == 422 and "choose whether to create it" in refused.text
    assert survey_state(env.store) == before
    data = {"csrf_token": token, "name": "Ander Bedrijf", "decision_0": "person"}
    accepted = env.client.post(f"{base}/2/accept", data=data)
    assert accepted.status_code == 200 and "was accepted into the workspace" in accepted.text
    person = env.store.search(W, "Ander Bedrijf")[0]
    assert person.kind is NodeKind.PERSON
    assert env.client.get(f"{base}/9").status_code == 404
    assert env.client.get("/w/demo/surveys/nope").status_code == 404


def test_the_send_button_shows_only_with_smtp_settings(
    demo_store: SQLiteStore, fake_smtp: type[FakeSMTP]
) -> None:
    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.keys import KeyStore

    keys = KeyStore(SQLiteStore(":memory:"))
    editor = keys.create(W, "editor")
    settings = Settings(environment="test", secret_key=TEST_SECRET, **SMTP)
    with TestClient(create_app(settings, store=demo_store, keys=keys)) as client:
        token = login(client, editor)
        client.cookies.set("lang", "en")
        survey, _ = make(demo_store, **{"invitees": [{"node_id": "cps", "email": "a@cps.nl"}]})
        page = client.get(f"/w/demo/surveys/{survey.id}")
        assert "Send invitations" in page.text and "send it yourself" not in page.text
        sent = client.post(f"/w/demo/surveys/{survey.id}/send", data={"csrf_token": token})
        assert sent.status_code == 200 and "Invitations sent: 1" in sent.text
    assert [m["To"] for m in fake_smtp.sent] == ["a@cps.nl"]
    keys.close()


def test_a_refusal_is_said_in_the_page_language_terms_and_all(demo_store: SQLiteStore) -> None:
    dutch = {
        "Row %(row)s: %(what)s is longer than %(limit)s characters.": (
            "Rij %(row)s: %(what)s is langer dan %(limit)s tekens."
        ),
        "the name": "de naam",
    }
    _, links = make(demo_store)
    with pytest.raises(surveys.SurveyRefused) as refused:
        surveys.submit(demo_store, links[0].invitation, [row("x" * 201)], consent=True)
    assert str(refused.value) == "Row 1: the name is longer than 200 characters."
    said = refused.value.say(lambda text: dutch.get(text, text))
    assert said == "Rij 1: de naam is langer dan 200 tekens."
