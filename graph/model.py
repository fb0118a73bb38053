"""The domain model of a boundary-crossing network.

Nodes and relationships are pydantic models with a closed vocabulary of kinds
and types. Everything carries a stable id, a workspace, free-form scalar
properties, provenance and valid time (``since``/``until``).

Examples
--------
>>> school = Node(id="roc-mn", kind="organisation", name="ROC Midden-Nederland",
...               org_type="school", workspace="demo")
>>> school.org_type
<OrgType.SCHOOL: 'school'>
>>> tie = Relationship(type="partners_with", source="roc-mn", target="noorderpoort",
...                    workspace="demo")
>>> tie.id == Relationship(type="partners_with", source="noorderpoort", target="roc-mn",
...                        workspace="demo").id
True
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from graph.ids import (  # re-exported: the model's id rules
    ID_PATTERN,
    MAX_ID_LENGTH,
    WORKSPACE_PATTERN,
    id_problem,
    is_safe_id,
    normalise,
    safe_id,
    slugify,
    validate_id,
    validate_workspace,
)
from graph.kinds import ActivityType, Mechanism, NodeKind, OrgType, RelType  # re-exported

__all__ = [
    "ActivityType",
    "ID_PATTERN",
    "MAX_ID_LENGTH",
    "Mechanism",
    "Node",
    "NodeKind",
    "OrgType",
    "Provenance",
    "RELATIONSHIP_ENDPOINTS",
    "RelType",
    "Relationship",
    "Scalar",
    "SYMMETRIC_TYPES",
    "WORKSPACE_PATTERN",
    "id_problem",
    "is_safe_id",
    "normalise",
    "scalar_properties",
    "relationship_id",
    "safe_id",
    "slugify",
    "validate_id",
    "validate_workspace",
]

Scalar = str | int | float | bool | None


_OTHER = OrgType.OTHER
_ALL = frozenset(NodeKind)
_ACTORS = frozenset({NodeKind.PERSON, NodeKind.ORGANISATION})

#: Allowed (source kinds, target kinds) per relationship type.
RELATIONSHIP_ENDPOINTS: dict[RelType, tuple[frozenset[NodeKind], frozenset[NodeKind]]] = {
    RelType.WORKS_AT: (frozenset({NodeKind.PERSON}), frozenset({NodeKind.ORGANISATION})),
    RelType.MEMBER_OF: (
        _ACTORS | {NodeKind.NETWORK},
        frozenset({NodeKind.NETWORK, NodeKind.ORGANISATION}),
    ),
    RelType.PARTICIPATES_IN: (
        _ACTORS | {NodeKind.NETWORK},
        frozenset({NodeKind.ACTIVITY, NodeKind.NETWORK}),
    ),
    RelType.FACILITATES: (_ACTORS, frozenset({NodeKind.ACTIVITY, NodeKind.NETWORK})),
    RelType.ORGANISES: (_ACTORS | {NodeKind.NETWORK}, frozenset({NodeKind.ACTIVITY})),
    RelType.HOSTS: (_ACTORS, frozenset({NodeKind.ACTIVITY})),
    RelType.PARTNERS_WITH: (frozenset({NodeKind.ORGANISATION}), frozenset({NodeKind.ORGANISATION})),
    RelType.WORKS_ON: (_ACTORS | {NodeKind.NETWORK}, frozenset({NodeKind.THEME})),
    RelType.ADDRESSES: (
        frozenset({NodeKind.ACTIVITY, NodeKind.NETWORK, NodeKind.SOURCE}),
        frozenset({NodeKind.THEME}),
    ),
    RelType.COLLABORATES_WITH: (_ACTORS, _ACTORS),
    RelType.MENTIONED_IN: (_ALL - {NodeKind.SOURCE}, frozenset({NodeKind.SOURCE})),
    RelType.PART_OF: (
        frozenset({NodeKind.ORGANISATION, NodeKind.NETWORK, NodeKind.ACTIVITY, NodeKind.THEME}),
        frozenset({NodeKind.ORGANISATION, NodeKind.NETWORK, NodeKind.ACTIVITY, NodeKind.THEME}),
    ),
    RelType.RELATED_TO: (_ALL, _ALL),
}

#: Types whose direction carries no meaning; their id does not depend on the order.
SYMMETRIC_TYPES = frozenset({RelType.PARTNERS_WITH, RelType.COLLABORATES_WITH})


def relationship_id(rel_type: str, source: str, target: str, key: str | None = None) -> str:
    """A stable id for a relationship, so that a re-import finds the same tie.

    >>> relationship_id("works_at", "a", "b") == relationship_id("works_at", "a", "b")
    True
    >>> relationship_id("partners_with", "a", "b") == relationship_id("partners_with", "b", "a")
    True
    """
    ends = [source, target]
    if rel_type in SYMMETRIC_TYPES:
        ends.sort()
    raw = "\x1f".join([rel_type, *ends, key or ""])
    return f"{rel_type}-{hashlib.sha1(raw.encode()).hexdigest()[:16]}"


class Provenance(BaseModel):
    """Where a fact comes from: a source id and, where there is one, the quoted sentence."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str = Field(min_length=1)
    quote: str | None = None


class _Element(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False, use_enum_values=False)

    id: str = Field(
        min_length=1,
        max_length=MAX_ID_LENGTH,
        description="letters, digits, '_', '.' or '-', starting with a letter or digit "
        f"(pattern {ID_PATTERN})",
    )
    workspace: str
    aliases: list[str] = Field(default_factory=list)
    properties: dict[str, Scalar] = Field(default_factory=dict)
    provenance: list[Provenance] = Field(default_factory=list)
    since: dt.date | None = None
    until: dt.date | None = None

    @field_validator("id")
    @classmethod
    def _id(cls, value: str, info: ValidationInfo) -> str:
        # a relationship's empty id is made from its type and ends after validation;
        # rows a store reads back (context ``{"stored": True}``) may predate the pattern
        if not value or (info.context or {}).get("stored"):
            return value
        return validate_id(value)

    @field_validator("workspace")
    @classmethod
    def _workspace(cls, value: str) -> str:
        return validate_workspace(value)

    @field_validator("aliases")
    @classmethod
    def _aliases(cls, value: list[str]) -> list[str]:
        seen: dict[str, None] = {}
        for alias in value:
            alias = alias.strip()
            if alias:
                seen.setdefault(alias, None)
        return list(seen)

    @model_validator(mode="after")
    def _valid_time(self) -> Self:
        if self.since and self.until and self.until < self.since:
            raise ValueError(f"until ({self.until}) is before since ({self.since})")
        return self

    def active_at(self, when: dt.date) -> bool:
        """Whether the element is valid on the given date."""
        if self.since and when < self.since:
            return False
        return not (self.until and when > self.until)


class Node(_Element):
    """A person, organisation, network, theme, activity or source."""

    kind: NodeKind
    name: str = Field(min_length=1, max_length=500)
    description: str | None = None
    # organisation
    org_type: OrgType | None = None
    sector: str | None = None
    # activity
    activity_type: ActivityType | None = None
    date: dt.date | None = None
    # person
    role: str | None = None
    # source
    url: str | None = None

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        value = " ".join(value.split())
        if not value:
            raise ValueError("name is empty")
        return value

    @model_validator(mode="after")
    def _kind_fields(self) -> Self:
        values = self.__dict__
        kind = values["kind"]
        if kind is NodeKind.ORGANISATION:
            if values["org_type"] is None:
                # a default, not a given value: kept out of model_fields_set so that a
                # merge does not overwrite a stored org_type with it
                values["org_type"] = _OTHER
        elif values["org_type"] is not None:
            raise ValueError(f"org_type is only for organisations, not for a {kind}")
        if kind is not NodeKind.ACTIVITY and values["activity_type"] is not None:
            raise ValueError(f"activity_type is only for activities, not for a {kind}")
        return self


class Relationship(_Element):
    """A typed tie from ``source`` to ``target`` (node ids in the same workspace)."""

    id: str = Field(default="", max_length=200)
    type: RelType
    source: str = Field(min_length=1)
    target: str = Field(min_length=1)
    # works_at
    role: str | None = None
    # partners_with
    kind: str | None = None
    # collaborates_with (and any tie that is a crossing)
    mechanism: Mechanism | None = None
    strength: float | None = Field(default=None, ge=0)
    frequency: float | None = Field(default=None, ge=0)
    # mentioned_in
    quote: str | None = None

    @field_validator("target")
    @classmethod
    def _not_a_self_loop(cls, value: str, info: ValidationInfo) -> str:
        # rows a store reads back (context ``{"stored": True}``) may predate this check
        if value == info.data.get("source") and not (info.context or {}).get("stored"):
            raise ValueError(
                f"a relationship from {value!r} to itself (a self-loop) is not allowed: "
                "source and target must be different nodes"
            )
        return value

    @model_validator(mode="after")
    def _default_id(self) -> Self:
        if not self.id:
            self.id = relationship_id(self.type, self.source, self.target)
        return self

    def endpoints_problem(self, source_kind: NodeKind, target_kind: NodeKind) -> str | None:
        """Why this type cannot join these kinds, or ``None`` if it can."""
        sources, targets = RELATIONSHIP_ENDPOINTS[self.type]
        if source_kind in sources and target_kind in targets:
            return None
        if self.type in SYMMETRIC_TYPES and target_kind in sources and source_kind in targets:
            return None
        return (
            f"a {self.type} relationship goes from "
            f"{'/'.join(sorted(sources))} to {'/'.join(sorted(targets))}, "
            f"not from {source_kind} to {target_kind}"
        )


def scalar_properties(raw: dict[str, Any]) -> dict[str, Scalar]:
    """Keep scalar values, turning anything else into its string form."""
    out: dict[str, Scalar] = {}
    for key, value in raw.items():
        if value is None or isinstance(value, str | int | float | bool):
            out[str(key)] = value
        else:
            out[str(key)] = str(value)
    return out
