"""One way in for data (issue 13, point 1): the JSON API takes what the import files
take (no id, names for ends, Dutch vocabulary, the files' date forms), through the
importers' own parsing and resolution."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.services.editing import EditRefused, create_node, create_relationship
from graph.access import Key
from graph.model import NodeKind, OrgType, RelType
from graph.store.sqlite import SQLiteStore
from importers.csv_files import read_csv
from importers.plan import plan_import
from importers.rows import ImportOptions, parse_date
from importers.single import node_row, relationship_row
from tests.api.conftest import Env
from tests.conftest import on_both, snapshot

EDITOR = Key(1, "demo", "editor", "adviseur", "2026-11-23T00:00:00+00:00")


def _post(env: Env, path: str, body: Any, who: str = "editor") -> Any:
    return env.client.post(f"/api/workspaces/demo/{path}", json=body, headers=env.as_(who))


@on_both
def test_the_two_examples_of_the_issue_answer_201(env: Env) -> None:
    node = _post(
        env,
        "nodes",
        {
            "name": "Bouwbedrijf Proef BV",
            "kind": "organisatie",
            "org_type": "bedrijf",
            "since": "01-09-2024",
        },
    )
    assert node.status_code == 201, node.text
    assert node.json()["id"] == "bouwbedrijf-proef-bv"
    assert node.json()["kind"] == "organisation"
    assert node.json()["org_type"] == "company"
    assert node.json()["since"] == "2024-09-01"
    rel = _post(
        env,
        "relationships",
        {
            "from": "ROC Midden-Nederland",
            "to": "Bouwbedrijf Proef BV",
            "type": "werkt_samen_met",
            "since": "1-9-2024",
        },
    )
    assert rel.status_code == 201, rel.text
    body = rel.json()
    assert (body["source"], body["target"], body["type"]) == (
        "roc-midden-nederland",
        "bouwbedrijf-proef-bv",
        "collaborates_with",
    )
    assert body["since"] == "2024-09-01"
    stored = env.store.get_relationship("demo", body["id"])
    assert stored is not None and stored.since == dt.date(2024, 9, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01-09-2024", dt.date(2024, 9, 1)),
        ("1-9-2024", dt.date(2024, 9, 1)),
        ("2024-09-01", dt.date(2024, 9, 1)),
        ("2024-09", dt.date(2024, 9, 1)),
        ("2024", dt.date(2024, 1, 1)),
    ],
)
def test_the_api_takes_the_date_forms_of_the_files(env: Env, text: str, expected: dt.date) -> None:
    response = _post(env, "nodes", {"name": "Datum Test", "kind": "theme", "since": text})
    assert response.status_code == 201, response.text
    assert response.json()["since"] == expected.isoformat()


def test_ends_by_alias_id_and_source_target_synonyms(env: Env) -> None:
    _post(env, "nodes", {"name": "Leerbedrijf Een", "kind": "organisation", "aliases": ["LB1"]})
    by_alias = _post(
        env,
        "relationships",
        {"source": "LB1", "target": "roc-midden-nederland", "type": "partner_van"},
    )
    assert by_alias.status_code == 201, by_alias.text
    assert {by_alias.json()["source"], by_alias.json()["target"]} == {
        "leerbedrijf-een",
        "roc-midden-nederland",
    }


def test_an_unknown_name_gets_did_you_mean(env: Env) -> None:
    before = snapshot(env.store, "demo")
    response = _post(
        env,
        "relationships",
        {"from": "ROC Midden Nederlnd", "to": "cinop", "type": "werkt_samen_met"},
    )
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail[0]["field"] == "from"
    assert "did you mean 'ROC Midden-Nederland'?" in detail[0]["message"]
    assert snapshot(env.store, "demo") == before


def test_a_tie_to_itself_is_refused_by_name(env: Env) -> None:
    before = snapshot(env.store, "demo")
    response = _post(
        env,
        "relationships",
        {"from": "ROC Midden-Nederland", "to": "roc-midden-nederland", "type": "partner_van"},
    )
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail[0]["field"] == "to"
    assert "to itself" in detail[0]["message"]
    assert snapshot(env.store, "demo") == before


@pytest.mark.parametrize(
    ("path", "body", "field", "words"),
    [
        ("nodes", {"kind": "organisatie"}, "name", "needs a name"),
        ("nodes", {"name": "X Y", "kind": "planeet"}, "kind", "unknown node kind"),
        ("nodes", {"name": "X Y", "kind": "theme", "since": "31-31-2024"}, "since", "not a date"),
        (
            "nodes",
            {"name": "X Y", "soort": "organisatie", "org_type": "ruimteschip"},
            "org_type",
            "unknown organisation type",
        ),
        ("nodes", {"name": "X Y", "kind": "theme", "id": "a/b"}, "id", "not allowed"),
        ("relationships", {"from": "cinop", "to": "roc-midden-nederland"}, "type", "needs a type"),
        ("relationships", {"from": "cinop", "type": "partner_van"}, "to", "no end"),
        (
            "relationships",
            {"from": "cinop", "to": "roc-midden-nederland", "type": "werkt_bij"},
            "type",
            "works_at relationship goes from person",
        ),
        (
            "relationships",
            {
                "from": "cinop",
                "to": "roc-midden-nederland",
                "type": "partner_van",
                "strength": "veel",
            },
            "strength",
            "not a number",
        ),
    ],
)
def test_bad_input_names_the_field_and_changes_nothing(
    env: Env, path: str, body: dict[str, Any], field: str, words: str
) -> None:
    before = snapshot(env.store, "demo")
    response = _post(env, path, body)
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert [d["field"] for d in detail] == [field]
    assert words in detail[0]["message"]
    assert snapshot(env.store, "demo") == before


@pytest.mark.parametrize("body", [[1, 2], "text", None, {"name": {"a": 1}, "kind": "theme"}])
def test_a_body_of_the_wrong_shape_is_422_not_500(env: Env, body: Any) -> None:
    before = snapshot(env.store, "demo")
    response = _post(env, "nodes", body)
    assert response.status_code == 422, response.text
    assert snapshot(env.store, "demo") == before


def test_patch_takes_the_same_forms(env: Env) -> None:
    response = env.client.patch(
        "/api/workspaces/demo/nodes/roc-midden-nederland",
        json={"since": "1-8-2020", "org_type": "school", "aliases": "ROC MN; RocMN"},
        headers=env.as_("editor"),
    )
    assert response.status_code == 200, response.text
    node = env.store.get_node("demo", "roc-midden-nederland")
    assert node is not None
    assert node.since == dt.date(2020, 8, 1)
    assert {"ROC MN", "RocMN"} <= set(node.aliases)
    assert node.name == "ROC Midden-Nederland"


@on_both
def test_patch_with_null_removes_a_value(env: Env) -> None:
    """JSON null removes a field's value (as a JSON merge patch does); the name cannot
    go, and asking for it changes nothing."""
    response = env.client.patch(
        "/api/workspaces/demo/nodes/roc-midden-nederland",
        json={"sector": None, "description": "nieuw"},
        headers=env.as_("editor"),
    )
    assert response.status_code == 200, response.text
    assert (response.json().get("sector"), response.json()["description"]) == (None, "nieuw")
    before = snapshot(env.store, "demo")
    response = env.client.patch(
        "/api/workspaces/demo/nodes/roc-midden-nederland",
        json={"naam": None, "sector": "mbo"},
        headers=env.as_("editor"),
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "naam"
    assert snapshot(env.store, "demo") == before


@on_both
def test_patch_refuses_another_kind_and_changes_nothing(env: Env) -> None:
    before = snapshot(env.store, "demo")
    response = env.client.patch(
        "/api/workspaces/demo/nodes/roc-midden-nederland",
        json={"kind": "persoon", "since": "2020"},
        headers=env.as_("editor"),
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "kind"
    assert snapshot(env.store, "demo") == before


@on_both
def test_patch_of_a_tie_takes_dutch_mechanism_and_dates(env: Env) -> None:
    rel = env.store.list_relationships("demo", type=RelType.FACILITATES)[0]
    response = env.client.patch(
        f"/api/workspaces/demo/relationships/{rel.id}",
        json={"mechanism": "reflectie", "until": "2030"},
        headers=env.as_("editor"),
    )
    assert response.status_code == 200, response.text
    assert response.json()["mechanism"] == "reflection"
    assert response.json()["until"] == "2030-01-01"
    assert (response.json()["source"], response.json()["target"]) == (rel.source, rel.target)


def test_patch_of_a_tie_refuses_other_ends(env: Env) -> None:
    rel = env.store.list_relationships("demo", type=RelType.FACILITATES)[0]
    target = env.store.get_node("demo", rel.target)
    assert target is not None
    other = next(n for n in env.store.list_nodes("demo", kind=target.kind) if n.id != target.id)
    before = snapshot(env.store, "demo")
    response = env.client.patch(
        f"/api/workspaces/demo/relationships/{rel.id}",
        json={"to": other.name},
        headers=env.as_("editor"),
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "to"
    assert snapshot(env.store, "demo") == before


def test_the_service_takes_one_record_without_http(env: Env) -> None:
    node = create_node(
        env.store, "demo", {"naam": "Kennisinstituut Q", "soort": "organisatie"}, EDITOR
    )
    assert (node.id, node.kind, node.org_type) == (
        "kennisinstituut-q",
        NodeKind.ORGANISATION,
        OrgType.OTHER,
    )
    with pytest.raises(EditRefused) as refused:
        create_relationship(env.store, "demo", {"van": "Kennisinstituut Q"}, EDITOR)
    assert [p.field for p in refused.value.problems] == ["to", "type"]


def test_single_rows_map_headers_as_the_csv_reader_does() -> None:
    raw = node_row({"Naam": "A", "soort": "thema", "kleur": "rood", "properties": {"x": 1}})
    assert raw.fields == {"name": "A", "kind": "thema"}
    assert raw.properties == {"kleur": "rood", "x": 1}
    assert raw.columns == {"name": "Naam", "kind": "soort"}
    rel = relationship_row({"from": "a", "target": "b", "soort": "werkt_bij"})
    assert rel.fields == {"source": "a", "target": "b", "type": "werkt_bij"}


_DATES = st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31))


@given(_DATES)
@settings(max_examples=200, deadline=None)
def test_parse_date_reads_every_form_of_a_date(day: dt.date) -> None:
    y, m, d = f"{day.year:04d}", day.month, day.day
    for text in (
        day.isoformat(),
        f"{d:02d}-{m:02d}-{y}",
        f"{d}-{m}-{y}",
        f"{d:02d}/{m:02d}/{y}",
        f"{d}.{m}.{y}",
        f"  {day.isoformat()} ",
    ):
        assert parse_date(text) == day, text
    assert parse_date(f"{y}-{m:02d}") == day.replace(day=1)
    assert parse_date(y) == dt.date(day.year, 1, 1)


@given(st.text(max_size=20))
@settings(max_examples=300, deadline=None)
def test_parse_date_gives_a_date_or_a_value_error(text: str) -> None:
    try:
        found = parse_date(text)
    except ValueError as exc:
        assert "is not a date" in str(exc), str(exc)
    else:
        assert found is None or isinstance(found, dt.date)


def test_an_import_file_gets_did_you_mean_too(demo_store: SQLiteStore) -> None:
    data = b"van,naar,soort\nROC Midden Nederlnd,cinop,werkt_samen_met\n"
    plan = plan_import(demo_store, [read_csv(Path("ties.csv"), data)], ImportOptions("demo"))
    assert [(p.row, p.column) for p in plan.problems] == [(2, "van")]
    assert plan.problems[0].message.endswith("did you mean 'ROC Midden-Nederland'?")


def test_a_name_whose_id_is_taken_by_another_kind_is_refused(env: Env) -> None:
    before = snapshot(env.store, "demo")
    response = _post(env, "nodes", {"name": "CINOP", "kind": "thema"})
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail[0]["field"] == "kind"
    assert "taken by a node of kind organisation" in detail[0]["message"]
    assert snapshot(env.store, "demo") == before


def test_patch_of_a_missing_node_or_tie_is_404(env: Env) -> None:
    for path in ("nodes/nope", "relationships/nope"):
        response = env.client.patch(
            f"/api/workspaces/demo/{path}", json={"since": "2024"}, headers=env.as_("editor")
        )
        assert response.status_code == 404, path


_KEYS = st.sampled_from(
    [
        "name",
        "naam",
        "kind",
        "soort",
        "org_type",
        "since",
        "until",
        "id",
        "aliases",
        "from",
        "to",
        "type",
        "strength",
        "mechanism",
        "properties",
        "sinds",
    ]
)
_VALUES = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["organisatie", "bedrijf", "werkt_samen_met", "1-9-2024", "2024-13", "cinop"]),
    st.lists(st.text(max_size=5), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


@given(st.sampled_from(["nodes", "relationships"]), st.dictionaries(_KEYS, _VALUES, max_size=6))
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_record_is_201_or_a_422_that_changes_nothing(
    env: Env, path: str, body: dict[str, Any]
) -> None:
    before = snapshot(env.store, "demo")
    response = _post(env, path, body)
    assert response.status_code in (201, 422), (body, response.text)
    if response.status_code == 422:
        assert all(d["field"] and d["message"] for d in response.json()["detail"])
        assert snapshot(env.store, "demo") == before


@pytest.mark.parametrize(
    ("path", "content"),
    [
        ("nodes", '{"name": "Oneindig", "kind": "theme", "since": NaN}'),
        (
            "relationships",
            '{"from": "cinop", "to": "roc-midden-nederland", '
            '"type": "partner_van", "strength": NaN}',
        ),
        (
            "relationships",
            '{"from": "cinop", "to": "roc-midden-nederland", '
            '"type": "partner_van", "strength": Infinity}',
        ),
    ],
)
def test_not_a_number_in_json_is_422(env: Env, path: str, content: str) -> None:
    before = snapshot(env.store, "demo")
    response = env.client.post(
        f"/api/workspaces/demo/{path}",
        content=content,
        headers={**env.as_("editor"), "Content-Type": "application/json"},
    )
    assert response.status_code == 422, response.text
    assert snapshot(env.store, "demo") == before


@pytest.mark.parametrize("text", ["2024-13", "2024-00", "0000", "0000-01", "2024-02-30T10:00"])
def test_a_date_out_of_range_is_named_in_the_message(text: str) -> None:
    with pytest.raises(ValueError, match=f"^{text!r} is not a date"):
        parse_date(text)
