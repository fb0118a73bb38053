"""Near-duplicate suggestions: ranked by similarity, then by the ties of the two nodes,
and an import shows the likeliest :data:`MAX_SUGGESTIONS` with a count of the rest."""

from __future__ import annotations

import random
import string
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from api.services.imports import import_files
from cli.app import app
from graph.model import Node
from graph.store.sqlite import SQLiteStore
from importers import ImportOptions, import_paths, plan_paths
from importers.suggestions import (
    MAX_SUGGESTIONS,
    MergeSuggestion,
    likeliest_merges,
    suggest_merges,
)

W = "w"


def org(node_id: str, name: str) -> Node:
    return Node(workspace=W, id=node_id, kind="organisation", name=name)


def test_equally_similar_pairs_are_ranked_by_their_ties() -> None:
    nodes = [
        org("a1", "Bouwbedrijf Aalders"),
        org("a2", "Bouwbedrijf Aaldres"),  # 95% like a1
        org("b1", "Zorggroep Bemmelhof"),
        org("b2", "Zorggroep Bemmelhfo"),  # 95% like b1
        org("c1", "Techniek Centrum Coevorden"),
        org("c2", "Techniek Centrum Coevordne"),  # 96% like c1
    ]
    ties = {"a1": 1, "b1": 4, "b2": 2}
    found = suggest_merges(nodes, [], ties=ties)
    assert [(s.first, s.score, s.ties) for s in found] == [
        ("c1", 96.0, 0),
        ("b1", 95.0, 6),
        ("a1", 95.0, 1),
    ]
    assert [s.first for s in suggest_merges(nodes, [])] == ["c1", "a1", "b1"]


def near_duplicates(tmp_path: Path, pairs: int) -> Path:
    """A folder of our CSV files with ``pairs`` equally similar pairs of names, pair ``i``
    with ``i % 4`` ties."""
    rng = random.Random(5)
    tmp_path.mkdir(parents=True, exist_ok=True)
    nodes = ["id,name,kind"]
    rels = ["from,to,type"]
    for i in range(pairs):
        base = "".join(rng.choice(string.ascii_lowercase) for _ in range(20))
        typo = base[:10] + ("x" if base[10] != "x" else "y") + base[11:]
        nodes += [f"n{i}a,{base},organisation", f"n{i}b,{typo},organisation"]
        rels += [f"n{i}a,hub{h},partners_with" for h in range(i % 4)]
    nodes += [f"hub{h},{h} Hub,organisation" for h in range(3)]
    (tmp_path / "nodes.csv").write_text("\n".join(nodes) + "\n")
    (tmp_path / "relationships.csv").write_text("\n".join(rels) + "\n")
    return tmp_path


def test_an_import_shows_the_likeliest_suggestions_and_counts_the_rest(tmp_path: Path) -> None:
    pairs = 230
    folder = near_duplicates(tmp_path, pairs)
    plan = plan_paths(SQLiteStore(":memory:"), [folder], ImportOptions(W))
    assert not plan.problems
    assert len(plan.suggestions) == MAX_SUGGESTIONS == 200
    assert plan.suggestions_more == pairs - 200
    assert {s.score for s in plan.suggestions} == {95.0}
    shown = [s.ties for s in plan.suggestions]
    assert shown == sorted(shown, reverse=True)
    # the 30 left out are pairs without ties: each of the 172 pairs with ties is shown
    assert shown.count(0) == 200 - 172 and min(shown) == 0 and shown[0] == 3


def test_the_import_report_and_the_console_show_200_and_count_the_rest(tmp_path: Path) -> None:
    folder = near_duplicates(tmp_path / "files", 230)
    paths = sorted(folder.iterdir())
    report = import_files(SQLiteStore(":memory:"), W, paths, "auto", dry_run=True)
    assert len(report.suggestions) == 200 and report.suggestions_more == 30
    result = CliRunner().invoke(
        app, ["--data-dir", str(tmp_path / "data"), "import", "-w", W, str(folder)]
    )
    assert result.exit_code == 0, result.output
    listed = [line for line in result.output.splitlines() if line.startswith("  - ")]
    assert len(listed) == 200 and "230 possible duplicate(s)" in result.output
    assert result.output.rstrip().endswith("… and 30 more")


def old_suggestions(incoming: list[Node], ties: dict[str, int]) -> list[MergeSuggestion]:
    """The ranking as :func:`suggest_merges` made it before it kept only the first few:
    every pair made into a suggestion, then sorted."""
    found = suggest_merges(incoming, [], ties=ties)
    return sorted(found, key=lambda s: (-s.score, -s.ties, s.first, s.second))


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    limit=st.integers(0, 12),
)
def test_the_likeliest_are_the_first_of_all_ranked(seed: int, limit: int) -> None:
    """The first ``limit`` suggestions picked from the pairs (without making the others)
    are the first ``limit`` of all of them ranked, and the count is all of them."""
    rng = random.Random(seed)
    stems = ["".join(rng.choice("abcde") for _ in range(8)) for _ in range(6)]
    nodes = [org(f"n{i}", rng.choice(stems) + rng.choice(["", "a", "b", "ab"])) for i in range(20)]
    ties = {f"n{i}": rng.randrange(3) for i in range(20)}
    every = old_suggestions(nodes, ties)
    shown, found = likeliest_merges(nodes, [], ties=ties, limit=limit)
    assert shown == every[:limit] and found == len(every)
    assert likeliest_merges(nodes, [], ties=ties, limit=None) == (every, len(every))


def test_a_re_import_suggests_only_pairs_with_a_name_new_in_it(tmp_path: Path) -> None:
    """Names stored before were suggested then: a re-import of the same file suggests
    nothing; a file with one new (or renamed) node suggests only that node's pairs."""
    store = SQLiteStore(":memory:")
    lines = {
        "a": "a,Bouwbedrijf Aalders,organisation",
        "b": "b,Bouwbedrijf Aaldres,organisation",
        "c": "c,Zorggroep Bemmelhof,organisation",
        "d": "d,Zorggroep Bemmelhfo,organisation",
        "c renamed": "c,Bouwbedrijf Aalderz,organisation",
    }

    def plan_of(*keys: str) -> list[tuple[str, str]]:
        path = tmp_path / "nodes.csv"
        path.write_text("id,name,kind\n" + "".join(lines[k] + "\n" for k in keys))
        plan, _ = import_paths(store, [path], ImportOptions(W))
        return [(s.first, s.second) for s in plan.suggestions]

    assert plan_of("a", "b", "c") == [("a", "b")]
    assert plan_of("a", "b", "c") == []  # before: [("a", "b")] again
    assert plan_of("a", "b", "c", "d") == [("c", "d")]
    assert plan_of("a", "b", "c renamed") == [("a", "c")]  # c's new name is like a's
