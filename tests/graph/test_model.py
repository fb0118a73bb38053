"""The domain model: vocabulary, validation, ids, name folding."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from graph.model import (
    ID_PATTERN,
    RELATIONSHIP_ENDPOINTS,
    Mechanism,
    Node,
    NodeKind,
    OrgType,
    Relationship,
    RelType,
    is_safe_id,
    normalise,
    relationship_id,
    safe_id,
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


UNSAFE_IDS = ["a/b", "a b", "x?y", "x#y", "50%", "a\\b", ".", "..", "-x", "_x", "a,b", "x\n"]


@pytest.mark.parametrize("bad", UNSAFE_IDS)
def test_unsafe_node_ids_are_refused(bad: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Node(id=bad, kind="theme", name="T", workspace="w")
    message = str(caught.value)
    assert f"id {bad!r} is not allowed" in message and ID_PATTERN in message


@pytest.mark.parametrize("bad", UNSAFE_IDS)
def test_unsafe_relationship_ids_are_refused(bad: str) -> None:
    with pytest.raises(ValidationError, match="is not allowed"):
        Relationship(id=bad, type="works_at", source="p", target="o", workspace="w")


@pytest.mark.parametrize("good", ["roc-mn", "n0", "1.0", "elem_1", "Mentor.Team-2", "школа-21"])
def test_safe_ids_are_accepted(good: str) -> None:
    assert is_safe_id(good)
    assert Node(id=good, kind="theme", name="T", workspace="w").id == good
    assert Relationship(id=good, type="works_at", source="p", target="o", workspace="w").id == good


@given(st.text(min_size=1, max_size=150))
def test_ids_made_from_names_are_safe(text: str) -> None:
    assert is_safe_id(slugify(text))
    assert is_safe_id(relationship_id("works_at", text, "x"))


@given(st.text(min_size=1, max_size=400))
def test_safe_id_derives_a_stable_safe_id(text: str) -> None:
    derived = safe_id(text)
    assert is_safe_id(derived) and safe_id(text) == derived
    assert (derived == text) is is_safe_id(text)


def test_safe_id_keeps_distinct_foreign_ids_apart() -> None:
    assert safe_id("a-b") == "a-b"
    assert safe_id("a/b") != safe_id("a b") != "a-b"
    assert safe_id("a/b").startswith("a-b-")


def test_the_id_pattern_is_documented() -> None:
    from pathlib import Path

    text = (Path(__file__).parents[2] / "docs" / "data-model.md").read_text(encoding="utf-8")
    assert f"    {ID_PATTERN}\n" in text
    assert f"`{safe_id('org/1')}`" in text  # the example is what safe_id makes


def test_a_stored_id_from_before_the_pattern_still_loads() -> None:
    """Stores written before ids had to fit ID_PATTERN stay readable (no 500)."""
    from graph.store.codec import decode_node

    node = decode_node(b'{"id":"org/1","kind":"theme","name":"Oud"}', "w")
    assert node.id == "org/1"
    with pytest.raises(ValueError, match="org/1"):
        Node(id="org/1", kind="theme", name="Nieuw", workspace="w")
