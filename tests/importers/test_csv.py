"""Our CSV: Dutch and English headers, ; or , separators, BOM, strict vocabulary."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.model import Mechanism, NodeKind, OrgType, RelType
from graph.store.sqlite import SQLiteStore
from importers import ImportOptions, import_paths, plan_paths
from importers.csv_files import read_csv, sniff_delimiter

W = "rivierenland"


def test_dutch_files_with_bom_and_semicolons(sqlite_store: SQLiteStore, fixtures: Path) -> None:
    plan, result = import_paths(
        sqlite_store, [fixtures / "knooppunten.csv", fixtures / "relaties.csv"], ImportOptions(W)
    )
    assert (result.nodes_created, result.relationships_created) == (10, 10)
    roc = sqlite_store.get_node(W, "roc-rivierenland")
    assert roc is not None
    assert roc.org_type is OrgType.SCHOOL and roc.sector == "mbo"
    assert roc.aliases == ["ROC R"] and roc.properties == {"aantal_leerlingen": 9000}
    assert roc.provenance[0].source == "intake-2024"
    bouw = sqlite_store.get_node(W, "bouwbedrijf-de-vries")
    assert bouw is not None and bouw.org_type is OrgType.COMPANY  # "leerbedrijf"
    fatima = sqlite_store.get_node(W, "fatima-el-amrani")
    assert fatima is not None and fatima.kind is NodeKind.PERSON
    partners = sqlite_store.list_relationships(W, type=RelType.PARTNERS_WITH)
    mechanisms = sorted(r.mechanism for r in partners if r.mechanism)
    assert mechanisms == [Mechanism.COORDINATION, Mechanism.REFLECTION]  # "reflectie" too
    deal = next(r for r in partners if r.mechanism is Mechanism.COORDINATION)
    assert deal.strength == 3 and deal.properties["description"] == "bbl-leerweg, 12 studenten"
    works = sqlite_store.list_relationships(W, type=RelType.WORKS_AT)
    assert {r.source for r in works} == {"jan-bosman", "fatima-el-amrani"}  # werkt_bij too
    assert not plan.problems


def test_reimport_is_idempotent(sqlite_store: SQLiteStore, fixtures: Path) -> None:
    files = [fixtures / "knooppunten.csv", fixtures / "relaties.csv"]
    import_paths(sqlite_store, files, ImportOptions(W))
    version = sqlite_store.version(W)
    _, result = import_paths(sqlite_store, files, ImportOptions(W))
    assert not result.changed
    assert result.nodes_unchanged == 10 and result.relationships_unchanged == 10
    assert sqlite_store.version(W) == version


def test_relationships_may_name_nodes_already_stored(
    sqlite_store: SQLiteStore, fixtures: Path
) -> None:
    import_paths(sqlite_store, [fixtures / "knooppunten.csv"], ImportOptions(W))
    _, result = import_paths(sqlite_store, [fixtures / "relaties.csv"], ImportOptions(W))
    assert result.relationships_created == 10


def test_entity_resolution_reuses_stored_ids(sqlite_store: SQLiteStore, tmp_path: Path) -> None:
    first = tmp_path / "a.csv"
    first.write_text("id,name,kind,aliases\nroc-r,ROC Rivierenland,organisation,ROC R\n")
    second = tmp_path / "b.csv"
    second.write_text("name,kind,sector\nROC R,organisation,mbo\n")
    import_paths(sqlite_store, [first], ImportOptions(W))
    _, result = import_paths(sqlite_store, [second], ImportOptions(W))
    assert result.nodes_created == 0 and result.nodes_updated == 1
    node = sqlite_store.get_node(W, "roc-r")
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
