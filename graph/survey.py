"""A network survey: an advisor asks the members of a network with whom they work, on
which themes, how often, at which level of boundary crossing and since when.

A :class:`Survey` belongs to one workspace. Each invitee (an organisation or person of
the workspace) gets an :class:`Invitation` with a personal link; the link's token is
kept only as a hash, as API keys are. A respondent's answers are a
:class:`SurveyResponse`, kept apart from the graph (``pending``) until the advisor
accepts it into the workspace (``accepted``). The store keeps all three
(:class:`graph.store.base.Store`, both backends).

>>> FREQUENCIES["monthly"]
(12.0, 3.0)
>>> Answer(partner="Bouwbedrijf Proef BV", mechanism="coordination").mechanism.depth
2
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from graph.model import Mechanism

__all__ = [
    "FREQUENCIES",
    "MAX_ANSWERS",
    "MAX_NAME",
    "MAX_TEXT",
    "Answer",
    "Invitation",
    "Question",
    "Survey",
    "SurveyResponse",
]

#: The longest name (of a partner or a theme) a respondent may give.
MAX_NAME = 200
#: The longest introduction or consent text.
MAX_TEXT = 5000
#: The most partners one response may name.
MAX_ANSWERS = 30

#: "How often" answers: (times a year, strength 1-4) given to the relationship.
FREQUENCIES: dict[str, tuple[float, float]] = {
    "yearly": (1.0, 1.0),
    "quarterly": (4.0, 2.0),
    "monthly": (12.0, 3.0),
    "weekly": (52.0, 4.0),
}


class Question(StrEnum):
    """The questions a survey can ask about each partner ("with whom" is always asked)."""

    THEMES = "themes"
    FREQUENCY = "frequency"
    MECHANISM = "mechanism"
    SINCE = "since"


class Survey(BaseModel):
    """A survey of one workspace."""

    model_config = ConfigDict(extra="forbid")

    workspace: str
    id: str = Field(min_length=1, max_length=80)
    name: str = Field(min_length=1, max_length=MAX_NAME)
    introduction: str = Field(default="", max_length=MAX_TEXT)
    consent: str = Field(min_length=1, max_length=MAX_TEXT)
    questions: list[Question] = Field(default_factory=lambda: list(Question))
    created: dt.datetime
    expires: dt.datetime
    created_by: str = ""


class Invitation(BaseModel):
    """One invitee of a survey: the node that answers, and where its link goes."""

    model_config = ConfigDict(extra="forbid")

    workspace: str
    survey_id: str
    id: int = Field(ge=1)
    node_id: str
    name: str
    email: str | None = None
    issued: dt.datetime
    expires: dt.datetime
    #: set when the respondent withdrew answers that had already been accepted
    withdrawn: dt.datetime | None = None

    def expired(self, now: dt.datetime) -> bool:
        """Whether the link no longer opens the form at ``now``."""
        return now >= self.expires


class Answer(BaseModel):
    """One partner a respondent names, with what they said about the tie."""

    model_config = ConfigDict(extra="forbid")

    partner: str = Field(min_length=1, max_length=MAX_NAME)
    #: the workspace node the name matched when it was given (``None``: a new name)
    partner_id: str | None = None
    themes: list[str] = Field(default_factory=list)
    frequency: str | None = None
    mechanism: Mechanism | None = None
    since: str | None = None


class SurveyResponse(BaseModel):
    """A respondent's answers; ``pending`` until the advisor accepts them."""

    model_config = ConfigDict(extra="forbid")

    workspace: str
    survey_id: str
    invitation_id: int
    received: dt.datetime
    language: str = "nl"
    answers: list[Answer]
    status: Literal["pending", "accepted"] = "pending"
    accepted: dt.datetime | None = None
