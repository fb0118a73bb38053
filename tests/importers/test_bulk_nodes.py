"""The column path of node files (:mod:`importers.bulk_nodes`) against the row path
(:meth:`importers.records.RecordBuilder.node`): the same nodes from the same rows, field
by field and in their stored form; a row with a problem leaves the file to the row
path, whose messages name file, row and column as before."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from graph.model import Node
from graph.store.codec import encode
from graph.store.sqlite import SQLiteStore
from importers import ImportOptions, plan_paths
from importers.bulk_nodes import build_nodes
from importers.parsed import ParsedFile
from importers.records import RecordBuilder
from importers.rows import Location, RawNode

W = "w"

texts = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)
cells = st.one_of(st.none(), texts)
choices = {
    "kind": ["persoon", "organisation", "Organisatie", "theme", "activiteit", "bron", "x"],
    "org_type": ["school", "leerbedrijf", "company", "gemeente", "other", "nope"],
    "activity_type": ["meeting", "bijeenkomst", "course", "nope"],
    "since": ["2020", "2020-02", "29-02-2024", "31-02-2024", "2030-01-01"],
    "until": ["2021-01-01", "2019"],
    "date": ["2022-05-01", "gisteren"],
    "id": ["a", "roc-1", "a b", "ü", "-x"],
    "provenance": ["a", "a; b|c", " ; ", "x", "y"],
}
picked = {k: st.one_of(st.none(), st.sampled_from(v)) for k, v in choices.items()}
extras = st.dictionaries(
    texts.filter(bool),
    st.one_of(st.integers(-(10**17), 10**17), st.floats(allow_nan=False), st.booleans(), texts),
    max_size=3,
)


def rows_of(fields: list[dict[str, str | None]], properties: list[dict[str, object]]) -> ParsedFile:
    rows = [
        RawNode(
            Location("n.csv", i + 2),
            {k: v for k, v in f.items() if v is not None},
            dict(p),
            {k: k for k in f},
        )
        for i, (f, p) in enumerate(zip(fields, properties, strict=True))
    ]
    return ParsedFile("n.csv", "csv", strict=True, nodes=rows)


def row_path(parsed: ParsedFile) -> tuple[list[Node | None], RecordBuilder]:
    builder = RecordBuilder(ImportOptions(W), strict=True)
    return [builder.node(raw) for raw in parsed.nodes], builder


@settings(max_examples=300, deadline=None)
@given(
    rows=st.lists(
        st.fixed_dictionaries(
            {
                **picked,
                "name": st.one_of(st.none(), texts, st.sampled_from(["ROC  A", "Bé"])),
                "sector": cells,
                "description": cells,
                "role": cells,
                "url": cells,
                "aliases": st.one_of(st.none(), st.sampled_from(["A; B", "a;a", " "])),
                "tags": st.one_of(st.none(), st.sampled_from(["x; y", "z", ";"])),
                "quote": st.one_of(st.none(), st.sampled_from(["een zin", " "]), texts),
            }
        ),
        min_size=1,
        max_size=4,
    ),
    properties=st.lists(extras, min_size=4, max_size=4),
)
def test_the_column_path_builds_the_nodes_the_row_path_builds(
    rows: list[dict[str, str | None]], properties: list[dict[str, object]]
) -> None:
    parsed = rows_of(rows, properties[: len(rows)])
    expected, builder = row_path(parsed)
    built = build_nodes(parsed, ImportOptions(W))
    if builder.problems:
        assert built is None  # the row path reads the file and reports them
        return
    assert built is not None
    assert built == expected
    for ours, theirs in zip(built, expected, strict=True):
        assert theirs is not None
        assert ours.model_fields_set == theirs.model_fields_set  # a merge reads them
        assert encode(ours) == encode(theirs)


def test_a_file_with_a_problem_is_read_row_by_row(tmp_path: Path) -> None:
    """Row 4's unknown kind: no column path, and the problem named as always."""
    path = tmp_path / "nodes.csv"
    path.write_text("id,naam,soort\na,A,persoon\nb,B,organisatie\nc,C,kabouter\nd,D,thema\n")
    from importers import read_path

    parsed = read_path(path, "auto", ImportOptions(W), [])
    assert build_nodes(parsed, ImportOptions(W)) is None
    plan = plan_paths(SQLiteStore(":memory:"), [path], ImportOptions(W))
    assert [(p.file, p.row, p.column) for p in plan.problems] == [(str(path), 4, "soort")]
    assert "unknown node kind 'kabouter'" in plan.problems[0].message
    path.write_text("id,naam,soort\na,A,persoon\nb,B,organisatie\n")
    parsed = read_path(path, "auto", ImportOptions(W), [])
    assert [n.id for n in build_nodes(parsed, ImportOptions(W)) or []] == ["a", "b"]


def test_an_activity_type_on_another_kind_is_kept_by_both_paths(tmp_path: Path) -> None:
    """An activity type given for an organisation is kept as a property, as an
    organisation type given for a person is: nothing a file says is dropped (both
    paths; before, both left it out without a word)."""
    path = tmp_path / "nodes.csv"
    path.write_text(
        "id,naam,soort,soort activiteit,type organisatie\n"
        "a,A,organisatie,bijeenkomst,\nb,B,activiteit,bijeenkomst,\nc,C,persoon,,school\n"
    )
    from importers import read_path

    parsed = read_path(path, "auto", ImportOptions(W), [])
    columns = build_nodes(parsed, ImportOptions(W))
    rows, _ = row_path(parsed)
    assert columns is not None
    for built in (columns, rows):
        a, b, c = built
        assert a is not None and b is not None and c is not None
        assert a.properties == {"original_activity_type": "meeting"}
        assert b.activity_type is not None and b.activity_type.value == "meeting"
        assert "original_activity_type" not in b.properties
        assert c.properties == {"original_org_type": "school"}
    assert [encode(n) for n in columns] == [encode(n) for n in rows if n is not None]
