"""The bulk import path (:mod:`importers.bulk`) against the row path: the same files
give the identical store contents (nodes, relationships, aliases, provenance), the
stored form it writes is byte for byte the model's, and a re-import changes nothing."""

from __future__ import annotations

import csv
import random
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import graph.store.sqlite.bulk
import importers.bulk
import importers.plan
from graph.changes import ChangeEntry
from graph.model import NodeKind, RelType, relationship_id
from graph.privacy import forget
from graph.store.codec import encode
from graph.store.datatypes import NodeHead
from graph.store.sqlite import SQLiteStore
from graph.store.upsert import EncodedRelationships
from graph.undo import undo
from importers import ImportOptions, import_paths, plan_paths
from importers.bulk import encode_relationships
from importers.parsed import ParsedFile
from importers.records import RecordBuilder
from importers.rows import Location, RawRelationship
from tests.conftest import DEMO_DIR

FIXTURES = Path(__file__).parents[1] / "fixtures"
VOORBEELD = DEMO_DIR / "voorbeeld"
W = "w"
DEMO_TIES = 190  # rows of graph/data/demo-relationships.csv
VOORBEELD_TIES = 339


def store_contents(path: Path) -> tuple[list[tuple[object, ...]], ...]:
    """Every row of the store's tables (nodes with aliases and provenance in their data)."""
    db = sqlite3.connect(path)
    try:
        return tuple(
            db.execute(f"SELECT * FROM {table} ORDER BY 1, 2, 3").fetchall()
            for table in ("workspaces", "nodes", "aliases", "relationships")
        )
    finally:
        db.close()


def import_both(
    tmp_path: Path, files: list[Path], monkeypatch: pytest.MonkeyPatch
) -> tuple[tuple[list[tuple[object, ...]], ...], ...]:
    """The store after importing ``files`` by the bulk path and by the row path (and
    after a second, identical import by the bulk path)."""
    bulk_db, row_db = tmp_path / "bulk.sqlite3", tmp_path / "row.sqlite3"
    bulk = SQLiteStore(bulk_db)
    built: list[object] = []
    column_path = importers.plan.build_nodes

    def spied(parsed: ParsedFile, options: ImportOptions) -> object:
        built.append(column_path(parsed, options))
        return built[-1]

    with monkeypatch.context() as patch:  # which node files the column path took
        patch.setattr(importers.plan, "build_nodes", spied)
        plan, _ = import_paths(bulk, files, ImportOptions(W))
    assert isinstance(plan.relationships, EncodedRelationships)  # the bulk path ran
    assert any(nodes is not None for nodes in built)  # and the column path of nodes
    first = store_contents(bulk_db)
    # the smaller page cache of the first bulk write is the store's again afterwards
    assert bulk._db.execute("PRAGMA cache_size").fetchone() == (-262144,)
    # written without SQLite's foreign-key check per row, which is on again, and holds
    assert bulk._db.execute("PRAGMA foreign_keys").fetchone() == (1,)
    assert bulk._db.execute("PRAGMA foreign_key_check").fetchall() == []
    indexes = "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"
    fresh = SQLiteStore(":memory:")
    assert bulk._db.execute(indexes).fetchall() == fresh._db.execute(indexes).fetchall()
    again, result = import_paths(bulk, files, ImportOptions(W))
    assert isinstance(again.relationships, EncodedRelationships)
    assert not result.changed
    assert [c.id for c in bulk.changes(W)] == [1]  # and logs nothing
    bulk.close()
    with monkeypatch.context() as patch:  # the row path, for ties and nodes
        patch.setattr(importers.plan, "bulk_eligible", lambda files: False)
        patch.setattr(importers.plan, "build_nodes", lambda parsed, options: None)
        row = SQLiteStore(row_db)
        row_plan, _ = import_paths(row, files, ImportOptions(W))
        row.close()
    assert isinstance(row_plan.relationships, list)
    assert row_plan.suggestions == plan.suggestions and row_plan.notes == plan.notes
    return first, store_contents(bulk_db), store_contents(row_db)


def created(contents: tuple[list[tuple[object, ...]], ...]) -> tuple[object, ...]:
    """The contents without the workspace's creation time."""
    (workspace,) = contents[0]
    return (workspace[:2], *contents[1:])


@pytest.mark.parametrize(
    ("files", "ties"),
    [
        ([DEMO_DIR / "demo-nodes.csv", DEMO_DIR / "demo-relationships.csv"], DEMO_TIES),
        ([FIXTURES / "knooppunten.csv", FIXTURES / "relaties.csv"], 10),
        (sorted(VOORBEELD.glob("*.csv")), VOORBEELD_TIES),
    ],
    ids=["demo", "fixtures", "voorbeeld"],
)
def test_bulk_and_row_path_store_the_same(
    tmp_path: Path, files: list[Path], ties: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, again, row = import_both(tmp_path, files, monkeypatch)
    assert first == again  # identical data changes nothing, not even the version
    assert created(first) == created(row)
    assert len(first[3]) == ties


def generated(tmp_path: Path, n_ties: int, seed: int) -> list[Path]:
    """Our CSV files of a random network of ``n_ties`` ties with every field the bulk
    path takes (types in English and Dutch, numbers, dates, lists, extra columns)."""
    rng = random.Random(seed)
    people = [f"p{i}" for i in range(400)]
    orgs = [f"o{i}" for i in range(600)]
    themes = [f"t{i}" for i in range(30)]
    nodes = tmp_path / "nodes.csv"
    with nodes.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "naam", "soort", "organisatietype", "aliassen", "bron"])
        for p in people:
            w.writerow([p, f"Persoon {p}", "persoon", "", "", "intake"])
        for o in orgs:
            w.writerow([o, f"Bedrijf {o} BV", "organisatie", "leerbedrijf", f"B{o}", "kvk;intake"])
        for t in themes:
            w.writerow([t, f"Thema {t}", "theme", "", "", ""])
    seen: set[tuple[str, str, str]] = set()
    rows: list[list[str]] = []
    mechanisms = ["", "reflectie", "coordination", "Identificatie", "transformation"]
    while len(rows) < n_ties:
        kind = rng.choice(["works_at", "werkt samen met", "partners_with", "works_on"])
        a, b = {
            "works_at": (rng.choice(people), rng.choice(orgs)),
            "werkt samen met": (rng.choice(people), rng.choice(orgs + people)),
            "partners_with": (rng.choice(orgs), rng.choice(orgs)),
            "works_on": (rng.choice(orgs), rng.choice(themes)),
        }[kind]
        key = (kind, *sorted((a, b)))
        if a == b or key in seen:
            continue
        seen.add(key)
        rows.append(
            [
                a,
                b if rng.random() < 0.9 else f"Bedrijf {b} BV" if b in orgs else b,
                kind,
                rng.choice(mechanisms),
                rng.choice(["", "1", "2,5", "4"]),
                rng.choice(["", "2020-01-01", "31-12-2019", "2018"]),
                rng.choice(["", "2025-06-30"]),
                rng.choice(["", "docent", "stagebegeleider"]),
                rng.choice(["", "bron-a", "bron-a; bron-b"]),
                rng.choice(["", "x; y", "z"]),
                rng.choice(["", "12", "ja", "1.5", "true"]),
            ]
        )
    rels = tmp_path / "relationships.csv"
    with rels.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(
            [
                "van",
                "naar",
                "type",
                "mechanisme",
                "sterkte",
                "vanaf",
                "tot",
                "rol",
                "bron",
                "tags",
                "aantal",
            ]
        )
        w.writerows(rows)
    return [nodes, rels]


def test_bulk_and_row_path_store_the_same_5000_ties(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = generated(tmp_path, 5_000, seed=14)
    first, again, row = import_both(tmp_path, files, monkeypatch)
    assert first == again
    assert created(first) == created(row)
    assert len(first[3]) == 5_000


def test_a_problem_sends_the_import_down_the_row_path(tmp_path: Path) -> None:
    files = generated(tmp_path, 50, seed=3)
    with files[1].open("a", encoding="utf-8") as f:
        f.write("p1,o1,works_at,,-3,,,,,,\n")  # row 52: a negative strength
    plan = plan_paths(SQLiteStore(":memory:"), files, ImportOptions(W))
    assert isinstance(plan.relationships, list)
    assert [(p.row, p.column) for p in plan.problems] == [(52, "sterkte")]


texts = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)
cells = st.one_of(st.none(), texts.map(str.strip).filter(bool))
extras = st.dictionaries(
    texts.filter(bool),
    st.one_of(
        st.integers(-(10**17), 10**17),
        st.floats(allow_nan=False, allow_infinity=False),
        st.booleans(),
        texts,
    ),
    max_size=3,
)


@settings(max_examples=150, deadline=None)
@given(
    rel_type=st.sampled_from(["works_at", "werkt bij", "related_to", "collaborates_with"]),
    mechanism=st.sampled_from([None, "reflectie", "coordination"]),
    strength=st.one_of(st.none(), st.floats(0, 1e300).map(repr), st.integers(0, 99).map(str)),
    since=st.sampled_from([None, "2020", "2020-02", "29-02-2024"]),
    until=st.sampled_from([None, "2030-01-01"]),
    role=cells,
    kind=cells,
    description=cells,
    tags=cells,
    provenance=st.sampled_from([None, "a", "a; b|c"]),
    quote=cells,
    properties=extras,
)
def test_the_stored_form_is_the_models(
    rel_type: str,
    mechanism: str | None,
    strength: str | None,
    since: str | None,
    until: str | None,
    role: str | None,
    kind: str | None,
    description: str | None,
    tags: str | None,
    provenance: str | None,
    quote: str | None,
    properties: dict[str, object],
) -> None:
    given_fields = {
        "source": "p",
        "target": "o",
        "type": rel_type,
        "mechanism": mechanism,
        "strength": strength,
        "since": since,
        "until": until,
        "role": role,
        "kind": kind,
        "description": description,
        "tags": tags,
        "provenance": provenance,
        "quote": quote,
    }
    fields = {k: v for k, v in given_fields.items() if v is not None}
    raw = RawRelationship(Location("r.csv", 2), fields, dict(properties))
    parsed = ParsedFile("r.csv", "csv", strict=True, relationships=[raw])
    kinds = {"p": NodeKind.PERSON, "o": NodeKind.ORGANISATION}
    encoded = encode_relationships([parsed], W, lambda refs: ({"p": "p", "o": "o"}, kinds))
    builder = RecordBuilder(ImportOptions(W), strict=True)
    rel = builder.relationship(raw, "p", "o")
    assert rel is not None and not builder.problems
    assert encoded is not None and encoded.data == [encode(rel)]
    assert encoded[0] == rel and encoded.types == [rel.type.value]


def test_a_type_its_ends_do_not_allow_is_left_to_the_row_path() -> None:
    raw = RawRelationship(Location("r.csv", 2), {"source": "o", "target": "p", "type": "works_at"})
    parsed = ParsedFile("r.csv", "csv", strict=True, relationships=[raw])
    kinds = {"p": NodeKind.PERSON, "o": NodeKind.ORGANISATION}
    assert encode_relationships([parsed], W, lambda refs: ({"p": "p", "o": "o"}, kinds)) is None
    assert RelType.WORKS_AT.value == "works_at"


def test_bulk_and_row_path_log_the_same_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bulk path writes its change-log entry (issue 13) as the row path does: the
    same counts and the same element records, in one entry."""
    files = [DEMO_DIR / "demo-nodes.csv", DEMO_DIR / "demo-relationships.csv"]
    bulk = SQLiteStore(":memory:")
    plan, _ = import_paths(bulk, files, ImportOptions(W))
    assert isinstance(plan.relationships, EncodedRelationships)
    with monkeypatch.context() as patch:
        patch.setattr(importers.plan, "bulk_eligible", lambda files: False)
        patch.setattr(importers.plan, "build_nodes", lambda parsed, options: None)
        row = SQLiteStore(":memory:")
        import_paths(row, files, ImportOptions(W))
    (b,), (r,) = bulk.changes(W), row.changes(W)
    eb, er = bulk.change(W, b.id), row.change(W, r.id)
    assert eb is not None and er is not None
    assert eb.counts == er.counts and eb.counts["relationships_created"] == DEMO_TIES
    assert eb.nodes == er.nodes and eb.relationships == er.relationships


def test_a_bulk_write_logs_its_ties_part_by_part(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The change-log records of a bulk write go to the store batch by batch in its
    transaction (not held until the commit): read back, searched by node, undone and
    forgotten, the entry is the one written whole."""
    files = generated(tmp_path, 5_000, seed=14)

    def stores() -> tuple[SQLiteStore, SQLiteStore]:
        """The import written whole and in parts of 1 000 ties."""
        whole = SQLiteStore(":memory:")
        import_paths(whole, files, ImportOptions(W))
        with monkeypatch.context() as patch:
            patch.setattr(graph.store.sqlite.bulk, "BATCH", 1_000)
            parts = SQLiteStore(":memory:")
            plan, _ = import_paths(parts, files, ImportOptions(W))
        assert isinstance(plan.relationships, EncodedRelationships)
        return whole, parts

    whole, parts = stores()
    stored = parts._db.execute("SELECT change_id, part FROM change_parts").fetchall()
    assert stored == [(1, part) for part in range(5)]
    ew, ep = whole.change(W, 1), parts.change(W, 1)
    assert ew is not None and ep is not None and ep.counts == ew.counts
    assert ep.nodes == ew.nodes and ep.relationships == ew.relationships
    assert [c.id for c in parts.changes(W, node_id="o599")] == [1]
    assert [c.id for c in parts.changes(W, node_id="o-none")] == []
    for store in (whole, parts):
        undo(store, W, 1)
    assert untimed(parts.change(W, 2)) == untimed(whole.change(W, 2))
    assert parts._db.execute("SELECT count(*) FROM relationships").fetchone() == (0,)
    whole, parts = stores()
    for store in (whole, parts):
        forget(store, W, "p7")
    assert parts._db.execute("SELECT count(*) FROM change_parts").fetchone() == (0,)
    assert untimed(parts.change(W, 1)) == untimed(whole.change(W, 1)) != untimed(ep)


def untimed(entry: ChangeEntry | None) -> ChangeEntry | None:
    """``entry`` without its time (two stores write in different seconds)."""
    return entry.model_copy(update={"time": ""}) if entry is not None else None


@settings(max_examples=200, deadline=None)
@given(
    rows=st.lists(
        st.tuples(st.sampled_from(list(RelType)), texts, texts, st.one_of(st.none(), texts)),
        max_size=8,
    )
)
def test_the_ids_of_a_column_are_relationship_ids(
    rows: list[tuple[RelType, str, str, str | None]],
) -> None:
    types, sources, targets, quotes = (
        (list(c) for c in zip(*rows, strict=True)) if rows else ([],) * 4
    )
    expected = [
        relationship_id(t, s, g, q if t is RelType.MENTIONED_IN else None) for t, s, g, q in rows
    ]
    assert importers.bulk._ids(types, sources, targets, quotes) == expected


def test_a_re_import_reads_only_the_heads_of_the_stored_nodes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A re-import that names every node by id reads the stored nodes' id, kind and name
    (:meth:`~graph.store.base.Store.node_heads`), none whole, and plans what it planned
    when it read them whole: the same counts, suggestions and kinds checked."""
    nodes, rels = tmp_path / "nodes.csv", tmp_path / "relationships.csv"
    nodes.write_text(
        "id,name,kind\np1,Piet  Jansen,person\no1,Bouwbedrijf Aalders,organisation\n"
        "o2,Zorggroep Bemmelhof,organisation\n"
    )
    rels.write_text("from,to,type\np1,o1,works_at\no1,o2,partners_with\n")
    store = SQLiteStore(":memory:")
    import_paths(store, [nodes, rels], ImportOptions(W))
    nodes.write_text(
        "id,name,kind\np1,Piet Jansen,person\no1,Bouwbedrijf Aalders,organisation\n"
        "o2,Bouwbedrijf Aaldres,organisation\no3,Zorggroep Bemmelhfo,organisation\n"
    )
    rels.write_text("from,to,type\np1,o1,works_at\no1,o2,partners_with\np1,o3,works_at\n")

    def plan_of() -> tuple[object, ...]:
        plan = plan_paths(store, [nodes, rels], ImportOptions(W))
        ties = plan.relationships
        assert isinstance(ties, EncodedRelationships)
        return (
            plan.problems,
            plan.notes,
            plan.suggestions,
            plan.suggestions_more,
            (plan.nodes_new, plan.nodes_existing),
            (plan.relationships_new, plan.relationships_existing),
            plan.nodes,
            ties.data,
        )

    with monkeypatch.context() as patch:  # as the plan read them before: whole
        patch.setattr(
            store,
            "node_heads",
            lambda ws, ids: {
                i: NodeHead(n.id, n.kind, n.name) for i, n in store.get_nodes(ws, ids).items()
            },
        )
        whole = plan_of()

    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("a stored node read whole")

    monkeypatch.setattr(store, "get_nodes", refused)
    monkeypatch.setattr(store, "list_nodes", refused)
    heads = plan_of()
    assert heads == whole
    assert heads[2] == plan_paths(store, [nodes, rels], ImportOptions(W)).suggestions
    assert [(s.first, s.second) for s in heads[2]] == [("o1", "o2")]  # o2 renamed
    assert heads[4] == (1, 3)
