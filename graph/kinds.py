"""The closed vocabulary's kinds and types as plain enums: what a node is, an
organisation's practice, an activity's kind, the learning mechanisms and the
relationship types. :mod:`graph.model` builds its pydantic models on them and
re-exports them; this module imports no more than :mod:`enum`, so that the console
command can name the choices in its help without loading the model.

Examples
--------
>>> NodeKind("person") is NodeKind.PERSON, Mechanism.REFLECTION.depth
(True, 3)
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["ActivityType", "Mechanism", "NodeKind", "OrgType", "RelType"]


class NodeKind(StrEnum):
    """What a node is."""

    PERSON = "person"
    ORGANISATION = "organisation"
    NETWORK = "network"
    THEME = "theme"
    ACTIVITY = "activity"
    SOURCE = "source"


class OrgType(StrEnum):
    """The kind of practice an organisation belongs to."""

    SCHOOL = "school"
    COMPANY = "company"
    GOVERNMENT = "government"
    KNOWLEDGE_INSTITUTE = "knowledge_institute"  # advisory bodies and research institutes
    SECTOR_BODY = "sector_body"
    OTHER = "other"


class ActivityType(StrEnum):
    """The kind of activity."""

    MEETING = "meeting"
    SESSION = "session"
    COURSE = "course"
    STUDY_DAY = "study_day"
    CONFERENCE = "conference"
    INTERVIEW = "interview"
    WORK_SESSION = "work_session"
    PROJECT = "project"
    OTHER = "other"


class Mechanism(StrEnum):
    """Boundary-crossing learning mechanisms (Akkerman & Bakker 2011), shallow to deep."""

    IDENTIFICATION = "identification"
    COORDINATION = "coordination"
    REFLECTION = "reflection"
    TRANSFORMATION = "transformation"

    @property
    def depth(self) -> int:
        """1 for identification up to 4 for transformation."""
        return list(Mechanism).index(self) + 1


class RelType(StrEnum):
    """The closed vocabulary of relationship types."""

    WORKS_AT = "works_at"
    MEMBER_OF = "member_of"
    PARTICIPATES_IN = "participates_in"
    FACILITATES = "facilitates"
    ORGANISES = "organises"
    HOSTS = "hosts"
    PARTNERS_WITH = "partners_with"
    WORKS_ON = "works_on"
    ADDRESSES = "addresses"
    COLLABORATES_WITH = "collaborates_with"
    MENTIONED_IN = "mentioned_in"
    PART_OF = "part_of"
    RELATED_TO = "related_to"
