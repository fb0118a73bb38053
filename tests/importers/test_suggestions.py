"""Near-duplicate suggestions: ranked by similarity, then by the ties of the two nodes,
and an import shows the likeliest :data:`MAX_SUGGESTIONS` with a count of the rest."""

from __future__ import annotations

import random
import string
from pathlib import Path

from typer.testing import CliRunner

from api.services.imports import import_files
from cli.app import app
from graph.model import Node
from graph.store.sqlite import SQLiteStore
from importers import ImportOptions, plan_paths
from importers.suggestions import MAX_SUGGESTIONS, suggest_merges

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
