"""Our CSV: Dutch and English headers, ; or , separators, BOM, strict vocabulary."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.errors import Problem
from graph.model import ID_PATTERN, Mechanism, NodeKind, OrgType, RelType
from graph.store.base import Store
from graph.store.sqlite import SQLiteStore
from importers import ImportOptions, import_paths, plan_paths
from importers.csv_files import read_csv, sniff_delimiter
from tests.conftest import on_both

W = "rivierenland"


@on_both
def test_dutch_files_with_bom_and_semicolons(flow_store: Store, fixtures: Path) -> None:
    plan, result = import_paths(
        flow_store, [fixtures / "knooppunten.csv", fixtures / "relaties.csv"], ImportOptions(W)
    )
    assert (result.nodes_created, result.relationships_created) == (10, 10)
    roc = flow_store.get_node(W, "roc-rivierenland")
    assert roc is not None
    assert roc.org_type is OrgType.SCHOOL and roc.sector == "mbo"
    assert roc.aliases == ["ROC R"] and roc.properties == {"aantal_leerlingen": 9000}
    assert roc.provenance[0].source == "intake-2024"
    bouw = flow_store.get_node(W, "bouwbedrijf-de-vries")
    assert bouw is not None and bouw.org_type is OrgType.COMPANY  # "leerbedrijf"
    fatima = flow_store.get_node(W, "fatima-el-amrani")
    assert fatima is not None and fatima.kind is NodeKind.PERSON
    partners = flow_store.list_relationships(W, type=RelType.PARTNERS_WITH)
    mechanisms = sorted(r.mechanism for r in partners if r.mechanism)
    assert mechanisms == [Mechanism.COORDINATION, Mechanism.REFLECTION]  # "reflectie" too
    deal = next(r for r in partners if r.mechanism is Mechanism.COORDINATION)
    assert deal.strength == 3 and deal.properties["description"] == "bbl-leerweg, 12 studenten"
    works = flow_store.list_relationships(W, type=RelType.WORKS_AT)
    assert {r.source for r in works} == {"jan-bosman", "fatima-el-amrani"}  # werkt_bij too
    assert not plan.problems


@on_both
def test_reimport_is_idempotent(flow_store: Store, fixtures: Path) -> None:
    files = [fixtures / "knooppunten.csv", fixtures / "relaties.csv"]
    import_paths(flow_store, files, ImportOptions(W))
    version = flow_store.version(W)
    _, result = import_paths(flow_store, files, ImportOptions(W))
    assert not result.changed
    assert result.nodes_unchanged == 10 and result.relationships_unchanged == 10
    assert flow_store.version(W) == version


def test_relationships_may_name_nodes_already_stored(
    sqlite_store: SQLiteStore, fixtures: Path
) -> None:
    import_paths(sqlite_store, [fixtures / "knooppunten.csv"], ImportOptions(W))
    _, result = import_paths(sqlite_store, [fixtures / "relaties.csv"], ImportOptions(W))
    assert result.relationships_created == 10


@on_both
def test_entity_resolution_reuses_stored_ids(flow_store: Store, tmp_path: Path) -> None:
    first = tmp_path / "a.csv"
    first.write_text("id,name,kind,aliases\nroc-r,ROC Rivierenland,organisation,ROC R\n")
    second = tmp_path / "b.csv"
    second.write_text("name,kind,sector\nROC R,organisation,mbo\n")
    import_paths(flow_store, [first], ImportOptions(W))
    _, result = import_paths(flow_store, [second], ImportOptions(W))
    assert result.nodes_created == 0 and result.nodes_updated == 1
    node = flow_store.get_node(W, "roc-r")
    assert node is not None and node.sector == "mbo"


def test_near_duplicates_are_suggested_not_merged(
    sqlite_store: SQLiteStore, tmp_path: Path
) -> None:
    path = tmp_path / "n.csv"
    path.write_text(
        "name,kind\nROC Midden-Nederland,organisation\nROC Midden Nederlnd,organisation\n"
    )
    plan, result = import_paths(sqlite_store, [path], ImportOptions(W))
    assert result.nodes_created == 2
    assert [(s.first, s.second) for s in plan.suggestions] == [
        ("roc-midden-nederland", "roc-midden-nederlnd")
    ]


@pytest.mark.parametrize(
    ("line", "expected"), [("a;b;c", ";"), ("a,b", ","), ("a\tb", "\t"), ("single", ",")]
)
def test_sniff_delimiter(line: str, expected: str) -> None:
    assert sniff_delimiter(line) == expected


names = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40
).filter(lambda s: s.strip() != "")


@settings(max_examples=60, deadline=None)
@given(st.lists(names, min_size=1, max_size=8), st.sampled_from([",", ";"]))
def test_any_names_survive_a_csv_file(values: list[str], separator: str) -> None:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator)
    writer.writerow(["name", "kind", "note"])
    for value in values:
        writer.writerow([value, "theme", value])
    parsed = read_csv(Path("x.csv"), buffer.getvalue().encode("utf-8"))
    assert not parsed.problems
    assert [n.fields["name"] for n in parsed.nodes] == [v.strip() for v in values]


def test_dry_run_plan_counts(sqlite_store: SQLiteStore, fixtures: Path) -> None:
    files = [fixtures / "knooppunten.csv", fixtures / "relaties.csv"]
    plan = plan_paths(sqlite_store, files, ImportOptions(W), "csv")
    assert (plan.nodes_new, plan.relationships_new) == (10, 10)
    assert sqlite_store.version(W) == 0


def located(problems: list[Problem]) -> list[tuple[str, int | None, str | None, str]]:
    return sorted((Path(p.file).name, p.row, p.column, p.message) for p in problems)


def test_unsafe_ids_are_refused_with_file_row_and_column(
    sqlite_store: SQLiteStore, tmp_path: Path
) -> None:
    nodes = tmp_path / "n.csv"
    nodes.write_text(
        "id;naam;soort\nroc/a;ROC A;organisatie\nroc-b;ROC B;organisatie\nroc-c;ROC C;organisatie\n"
    )
    rels = tmp_path / "r.csv"
    rels.write_text("id,from,to,type\np 1,roc-b,roc-c,partners_with\n")
    plan = plan_paths(sqlite_store, [nodes, rels], ImportOptions(W))
    found = located(plan.problems)
    assert [f[:3] for f in found] == [("n.csv", 2, "id"), ("r.csv", 2, "id")]
    assert "id 'roc/a' is not allowed" in found[0][3] and ID_PATTERN in found[0][3]
    assert "id 'p 1' is not allowed" in found[1][3]


def test_every_problem_of_a_relationship_row_in_one_run(
    sqlite_store: SQLiteStore, tmp_path: Path
) -> None:
    nodes = tmp_path / "n.csv"
    nodes.write_text("name,kind\nAnna,person\n")
    rels = tmp_path / "r.csv"
    rels.write_text("van,naar,soort,sterkte\nAnna,Nergens BV,vriend_van,veel\n")
    plan = plan_paths(sqlite_store, [nodes, rels], ImportOptions(W))
    found = located(plan.problems)
    assert [f[:3] for f in found] == [
        ("r.csv", 2, "naar"),
        ("r.csv", 2, "soort"),
        ("r.csv", 2, "sterkte"),
    ]
    assert "unknown node 'Nergens BV'" in found[0][3]
    assert "unknown relationship type 'vriend_van'" in found[1][3]
    assert "'veel' is not a number" in found[2][3]


def test_every_problem_of_a_node_row_in_one_run(sqlite_store: SQLiteStore, tmp_path: Path) -> None:
    nodes = tmp_path / "n.csv"
    nodes.write_text("id,name,kind,since\nx/1,,planeet,gisteren\n")
    plan = plan_paths(sqlite_store, [nodes], ImportOptions(W))
    found = located(plan.problems)
    assert [f[:3] for f in found] == [
        ("n.csv", 2, "id"),
        ("n.csv", 2, "kind"),
        ("n.csv", 2, "name"),
        ("n.csv", 2, "since"),
    ]


def test_unknown_kind_and_type_list_english_and_dutch_names(
    sqlite_store: SQLiteStore, tmp_path: Path
) -> None:
    nodes = tmp_path / "n.csv"
    nodes.write_text("name,kind,org_type\nA,planeet,\nB,organisation,kroeg\nC,person,\nD,person,\n")
    rels = tmp_path / "r.csv"
    rels.write_text("from,to,type,mechanism\nC,D,vriend_van,\nC,D,related_to,magie\n")
    plan = plan_paths(sqlite_store, [nodes, rels], ImportOptions(W))
    messages = {p.column: p.message for p in plan.problems}
    assert set(messages) == {"kind", "org_type", "type", "mechanism"}
    kinds = ", ".join(
        f"{k} ({d})"
        for k, d in [
            ("person", "persoon"),
            ("organisation", "organisatie"),
            ("network", "netwerk"),
            ("theme", "thema"),
            ("activity", "activiteit"),
            ("source", "bron"),
        ]
    )
    assert messages["kind"] == f"unknown node kind 'planeet'; use one of {kinds}"
    assert "works_at (werkt_bij)" in messages["type"]
    assert "collaborates_with (werkt_samen_met)" in messages["type"]
    assert "related_to (gerelateerd_aan)" in messages["type"]
    assert "company (bedrijf)" in messages["org_type"] and "other (overig)" in messages["org_type"]
    assert "coordination (coördinatie)" in messages["mechanism"]


def test_every_dutch_name_a_message_lists_is_accepted(
    sqlite_store: SQLiteStore, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("name,kind\nA,planeet\n")
    (problem,) = plan_paths(sqlite_store, [bad], ImportOptions(W)).problems
    pairs = re.findall(r"(\w+) \((\w+)\)", problem.message)
    assert len(pairs) == len(NodeKind)
    good = tmp_path / "good.csv"
    good.write_text("name,kind\n" + "".join(f"{d} ding,{d}\n" for _, d in pairs))
    plan = plan_paths(sqlite_store, [good], ImportOptions(W))
    assert not plan.problems
    assert sorted(n.kind.value for n in plan.nodes) == sorted(e for e, _ in pairs)


def test_a_tie_to_a_row_with_a_problem_says_so(sqlite_store: SQLiteStore, tmp_path: Path) -> None:
    nodes = tmp_path / "n.csv"
    nodes.write_text("id,name,kind\nanna,Anna,person\nroc,ROC Oost,planeet\n")
    rels = tmp_path / "r.csv"
    rels.write_text("from,to,type\nanna,roc,works_at\nanna,ROC Oost,works_at\n")
    plan = plan_paths(sqlite_store, [nodes, rels], ImportOptions(W))
    found = located(plan.problems)
    assert found == [
        ("n.csv", 3, "kind", found[0][3]),
        ("r.csv", 2, "to", "points at 'roc', whose own row has a problem (see there)"),
        ("r.csv", 3, "to", "points at 'ROC Oost', whose own row has a problem (see there)"),
    ]


def test_our_json_takes_dutch_names_and_reports_every_problem(
    sqlite_store: SQLiteStore, tmp_path: Path
) -> None:
    good = tmp_path / "good.json"
    good.write_text(
        '{"format": "grenswerk", "version": 1, "nodes": ['
        '{"id": "anna", "kind": "persoon", "name": "Anna"},'
        '{"id": "roc", "kind": "organisatie", "name": "ROC"}], "relationships": ['
        '{"type": "werkt_bij", "source": "anna", "target": "roc"}]}'
    )
    plan = plan_paths(sqlite_store, [good], ImportOptions(W))
    assert not plan.problems
    assert [r.type for r in plan.relationships] == [RelType.WORKS_AT]
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"format": "grenswerk", "version": 1, "nodes": ['
        '{"id": "p", "kind": "planeet", "name": "P"}], "relationships": ['
        '{"type": "vriend_van", "source": "anna", "target": "nergens"}]}'
    )
    found = sorted(
        (p.element or "", p.column or "", p.message)
        for p in plan_paths(sqlite_store, [bad], ImportOptions(W)).problems
    )
    assert [f[:2] for f in found] == [
        ("nodes[0] (id 'p')", "kind"),
        ("relationships[0]", "source"),
        ("relationships[0]", "target"),
        ("relationships[0]", "type"),
    ]
    assert found[0][2].startswith("unknown node kind 'planeet'; use one of person (persoon)")
    assert "unknown node 'nergens'" in found[2][2]
    assert "unknown relationship type 'vriend_van'" in found[3][2]
    assert "works_at (werkt_bij)" in found[3][2]


def test_wrong_ends_are_reported_beside_the_rows_other_problems(
    sqlite_store: SQLiteStore, tmp_path: Path
) -> None:
    nodes = tmp_path / "n.csv"
    nodes.write_text("name,kind\nAnna,person\nROC Oost,organisation\n")
    rels = tmp_path / "r.csv"
    rels.write_text("from,to,type,since\nROC Oost,Anna,works_at,gisteren\n")
    found = located(plan_paths(sqlite_store, [nodes, rels], ImportOptions(W)).problems)
    assert [f[:3] for f in found] == [("r.csv", 2, "since"), ("r.csv", 2, "type")]
    assert "goes from person to organisation, not from organisation to person" in found[1][3]
