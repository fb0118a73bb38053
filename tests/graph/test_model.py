"""The domain model: vocabulary, validation, ids, name folding."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from graph.model import (
    RELATIONSHIP_ENDPOINTS,
    Mechanism,
    Node,
    NodeKind,
    OrgType,
    Relationship,
    RelType,
    normalise,
    relationship_id,
    slugify,
    validate_workspace,
)


def test_every_type_has_endpoint_rules() -> None:
    assert set(RELATIONSHIP_ENDPOINTS) == set(RelType)


def test_mechanism_depth_is_ordered() -> None:
    depths = [m.depth for m in Mechanism]
    assert depths == [1, 2, 3, 4]
    assert Mechanism("transformation").depth > Mechanism("identification").depth


def test_organisation_defaults_to_other() -> None:
    node = Node(id="x", kind="organisation", name="X", workspace="w")
    assert node.org_type is OrgType.OTHER
    assert "org_type" not in node.model_fields_set


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "person", "org_type": "school"}, "only for organisations"),
        ({"kind": "theme", "activity_type": "meeting"}, "only for activities"),
        ({"kind": "planet"}, "Input should be"),
        ({"kind": "person", "name": "   "}, "name is empty"),
        ({"kind": "person", "since": "2020-01-01", "until": "2019-01-01"}, "before since"),
        ({"kind": "person", "workspace": "Bad Name"}, "not allowed"),
        ({"kind": "person", "colour": "red"}, "Extra inputs"),
    ],
)
def test_invalid_nodes(data: dict[str, object], message: str) -> None:
    base = {"id": "x", "name": "X", "workspace": "w"}
    with pytest.raises(ValidationError, match=message):
        Node.model_validate({**base, **data})


def test_relationship_endpoint_rules() -> None:
    rel = Relationship(type="works_at", source="p", target="o", workspace="w")
    assert rel.endpoints_problem(NodeKind.PERSON, NodeKind.ORGANISATION) is None
    problem = rel.endpoints_problem(NodeKind.THEME, NodeKind.ORGANISATION)
    assert problem is not None and "from person to organisation" in problem
    sym = Relationship(type="collaborates_with", source="o", target="p", workspace="w")
    assert sym.endpoints_problem(NodeKind.ORGANISATION, NodeKind.PERSON) is None


def test_active_at() -> None:
    node = Node(id="x", kind="network", name="N", workspace="w", since=dt.date(2017, 10, 1))
    assert not node.active_at(dt.date(2017, 9, 30))
    assert node.active_at(dt.date(2030, 1, 1))


@given(st.text(max_size=60))
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once
    assert once == once.strip()
    assert "  " not in once


@given(st.text(min_size=1, max_size=60))
def test_slugify_gives_a_usable_id(text: str) -> None:
    slug = slugify(text)
    assert slug and " " not in slug
    assert slugify(text) == slug


@given(st.text(min_size=1, max_size=20), st.text(min_size=1, max_size=20))
def test_symmetric_ids_ignore_direction(a: str, b: str) -> None:
    assert relationship_id("partners_with", a, b) == relationship_id("partners_with", b, a)
    if a != b:
        assert relationship_id("works_at", a, b) != relationship_id("works_at", b, a)


@given(st.from_regex(r"[a-z0-9][a-z0-9_-]{0,62}", fullmatch=True))
def test_workspace_names_accepted(name: str) -> None:
    assert validate_workspace(name) == name


@pytest.mark.parametrize("name", ["", "Demo", "a b", "../etc", "-x", "x" * 64, "café"])
def test_workspace_names_refused(name: str) -> None:
    with pytest.raises(ValueError, match="not allowed"):
        validate_workspace(name)
