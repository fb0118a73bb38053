"""From raw rows to validated model objects, with a located problem for every fault.

Every reader (CSV, Kumu, GraphML, …) produces :class:`RawNode` and
:class:`RawRelationship` rows: canonical field names mapped to text or values,
plus leftover columns as properties. :class:`RecordBuilder` turns them into
:class:`~graph.model.Node` and :class:`~graph.model.Relationship` objects and
collects a :class:`~graph.errors.Problem` for each fault instead of stopping at the
first, so the user sees every mistake in one go.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from pydantic import ValidationError

from graph.model import (
    ActivityType,
    Mechanism,
    Node,
    NodeKind,
    OrgType,
    Relationship,
    RelType,
    Scalar,
    relationship_id,
    scalar_properties,
    slugify,
)
from graph.vocabulary import (
    activity_type_for,
    kind_for,
    mechanism_for,
    org_type_for,
    strict_kind,
    strict_type,
    type_for,
    vocabulary_names,
)
from importers.checks import RowChecks
from importers.rows import (  # re-exported for a transition: import them from importers.rows
    ImportOptions,
    Location,
    RawNode,
    RawRelationship,
    as_number,
    as_text,
    parse_date,
    place_types,
    split_list,
)

_M = TypeVar("_M", Node, Relationship)
_T = TypeVar("_T", NodeKind, RelType)

__all__ = ["ImportOptions", "Location", "RawNode", "RawRelationship", "RecordBuilder", "parse_date"]


class RecordBuilder(RowChecks):
    """Turns raw rows into model objects; ``strict`` formats refuse unknown vocabulary.

    Every check of a row runs, so a row with several faults gets a problem for each.
    In a lenient format (other tools' files) an id that does not fit
    :data:`~graph.model.ID_PATTERN` is replaced by :func:`~graph.model.safe_id` of it,
    the original kept as the property ``original_id`` and listed in :attr:`replaced_ids`.
    """

    # -- nodes ----------------------------------------------------------------------

    def node(self, raw: RawNode) -> Node | None:
        """The node a row describes, or ``None`` with a problem for each fault."""
        if raw.exact:
            return self._exact_node(raw)
        f = raw.fields
        col = raw.columns
        loc = raw.location
        before = len(self.problems)
        properties: dict[str, Scalar] = scalar_properties(
            {k: v for k, v in raw.properties.items() if v not in (None, "")}
        )
        self._within_limits(loc, properties)
        node_id = self._id(f.get("id"), loc, col.get("id", "id"), properties)
        name = as_text(f.get("name"))
        if name is None:
            self._fail(loc, "a node needs a name", col.get("name", "name"))
        kind, org_type, activity_type = self._node_kind(raw, properties)
        dates: dict[str, dt.date | None] = {}
        for key in ("since", "until", "date"):
            try:
                dates[key] = parse_date(f.get(key))
            except ValueError as exc:
                self._fail(loc, str(exc), col.get(key, key))

        tags = split_list(f.get("tags"))
        if tags:
            properties["tags"] = "; ".join(tags)

        if len(self.problems) > before or name is None or kind is None:
            return None
        data: dict[str, Any] = {
            "id": node_id or slugify(name),
            "workspace": self.options.workspace,
            "kind": kind,
            "name": name,
            "aliases": split_list(f.get("aliases")),
            "properties": properties,
            "provenance": self._provenance(f),
            "description": as_text(f.get("description")),
            "sector": as_text(f.get("sector")),
            "role": as_text(f.get("role")),
            "url": as_text(f.get("url")),
            **dates,
        }
        place_types(data, kind, org_type, activity_type)
        try:
            return Node.model_validate({k: v for k, v in data.items() if v is not None})
        except ValidationError as exc:
            self._validation(loc, exc, col)
            return None

    def _exact_node(self, raw: RawNode) -> Node | None:
        """A node row of our own JSON, validated as it is."""
        exact = {**raw.fields, "workspace": self.options.workspace}
        loc = raw.location
        known = self._exact_term(exact, "kind", "node kind", NodeKind, strict_kind, loc)
        known = self._within_limits(loc, exact.get("properties")) and known
        node = self._exact(Node, loc, exact, skip=frozenset() if known else {"kind"})
        return node if known else None

    def _node_kind(
        self, raw: RawNode, properties: dict[str, Scalar]
    ) -> tuple[NodeKind | None, OrgType | None, ActivityType | None]:
        """Kind, organisation type and activity type of a node row (``None`` kind after
        a problem)."""
        f = raw.fields
        col = raw.columns
        loc = raw.location
        org_type = None
        activity_type = None
        kind_text = as_text(f.get("kind"))
        match = kind_for(kind_text) if kind_text and not self.strict else None
        kind = self._term(
            kind_text,
            loc,
            col.get("kind", "kind"),
            "node kind",
            list(NodeKind),
            strict_kind,
            (lambda _: match[0] if match else None),
            self.options.default_kind,
            properties,
        )
        if match is not None:
            kind, org_type, activity_type = match

        org_text = as_text(f.get("org_type"))
        if org_text is not None:
            found = org_type_for(org_text)
            if found is None:
                if self.strict:
                    self._fail(
                        loc,
                        f"unknown organisation type {org_text!r}; use one of "
                        f"{vocabulary_names(OrgType)}",
                        col.get("org_type", "org_type"),
                    )
                else:
                    properties["original_org_type"] = org_text
            else:
                org_type = found
        act_text = as_text(f.get("activity_type"))
        if act_text is not None:
            found_activity = activity_type_for(act_text)
            if found_activity is not None:
                activity_type = found_activity
            elif self.strict:
                self._fail(
                    loc,
                    f"unknown activity type {act_text!r}; use one of "
                    f"{vocabulary_names(ActivityType)}",
                    col.get("activity_type", "activity_type"),
                )
            else:
                properties["original_activity_type"] = act_text
        return kind, org_type, activity_type

    # -- relationships --------------------------------------------------------------

    def relationship(
        self, raw: RawRelationship, source: str | None, target: str | None
    ) -> Relationship | None:
        """Build a relationship whose ends are resolved to node ids.

        With an end ``None`` (it could not be resolved, which the caller reports) the
        row's own fields are still checked, so that every problem shows at once, and
        ``None`` is returned.
        """
        if raw.exact:
            return self._exact_relationship(raw, source, target)
        f = raw.fields
        col = raw.columns
        loc = raw.location
        before = len(self.problems)
        properties: dict[str, Scalar] = scalar_properties(
            {k: v for k, v in raw.properties.items() if v not in (None, "")}
        )
        self._within_limits(loc, properties)
        given_id = self._id(f.get("id"), loc, col.get("id", "id"), properties)
        type_text = as_text(f.get("type"))
        rel_type = self._term(
            type_text,
            loc,
            col.get("type", "type"),
            "relationship type",
            list(RelType),
            strict_type,
            type_for,
            self.options.default_type,
            properties,
        )
        values = self._relationship_values(raw)
        tags = split_list(f.get("tags"))
        if tags:
            properties["tags"] = "; ".join(tags)
        description = as_text(f.get("description"))
        if description:
            properties["description"] = description
        if len(self.problems) > before or rel_type is None or not source or not target:
            return None
        quote = as_text(f.get("quote"))
        rel_id = given_id or relationship_id(
            rel_type, source, target, quote if rel_type is RelType.MENTIONED_IN else None
        )
        data: dict[str, Any] = {
            "id": rel_id,
            "workspace": self.options.workspace,
            "type": rel_type,
            "source": source,
            "target": target,
            "role": as_text(f.get("role")),
            "kind": as_text(f.get("kind")),
            "quote": quote,
            "properties": properties,
            "provenance": self._provenance(f),
            **values,
        }
        try:
            return Relationship.model_validate({k: v for k, v in data.items() if v is not None})
        except ValidationError as exc:
            self._validation(loc, exc, col)
            return None

    def _exact_relationship(
        self, raw: RawRelationship, source: str | None, target: str | None
    ) -> Relationship | None:
        """A relationship row of our own JSON, validated as it is."""
        exact = {
            **raw.fields,
            "workspace": self.options.workspace,
            # an unresolved end is reported by the caller; the rest is still checked
            "source": source or "unresolved-source",
            "target": target or "unresolved-target",
        }
        known = self._exact_term(
            exact, "type", "relationship type", RelType, strict_type, raw.location
        )
        known = self._within_limits(raw.location, exact.get("properties")) and known
        rel = self._exact(
            Relationship, raw.location, exact, skip=frozenset() if known else {"type"}
        )
        return rel if source and target and known else None

    def strict_type_of(self, raw: RawRelationship) -> RelType | None:
        """The vocabulary type a row names (English or Dutch), without checking anything
        else; ``None`` when it names none."""
        text = as_text(raw.fields.get("type"))
        return strict_type(text) if text is not None else None

    def _relationship_values(self, raw: RawRelationship) -> dict[str, Any]:
        """Mechanism, numbers and dates of a relationship row, a problem for each fault."""
        f = raw.fields
        col = raw.columns
        loc = raw.location
        values: dict[str, Any] = {}
        mech_text = as_text(f.get("mechanism"))
        if mech_text is not None:
            values["mechanism"] = mechanism_for(mech_text)
            if values["mechanism"] is None:
                self._fail(
                    loc,
                    f"unknown mechanism {mech_text!r}; use one of {vocabulary_names(Mechanism)}",
                    col.get("mechanism", "mechanism"),
                )
        for key in ("strength", "frequency"):
            try:
                values[key] = as_number(f.get(key))
            except ValueError:
                self._fail(loc, f"{f.get(key)!r} is not a number", col.get(key, key))
        for key in ("since", "until"):
            try:
                values[key] = parse_date(f.get(key))
            except ValueError as exc:
                self._fail(loc, str(exc), col.get(key, key))
        return values
