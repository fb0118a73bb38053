"""``grenswerk analyse``: misspelt filters refused in one line, the table paged once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli import data, gw  # noqa: F401  (the fixture and the runner)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--kinds", "planeet"], "unknown node kind(s) 'planeet'; use person (persoon)"),
        (["--types", "bogus"], "unknown relationship type(s) 'bogus'; use works_at (werkt_bij)"),
        (["--themes", "nope"], "no theme 'nope' in this workspace; themes are given by id:"),
    ],
)
def test_a_misspelt_filter_is_one_line_of_error(
    data: Path,  # noqa: F811
    args: list[str],
    expected: str,
) -> None:
    gw(data, "demo")
    code, output = gw(data, "analyse", "centrality", "-w", "demo", *args)
    assert code == 1, output
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1 and expected in lines[0], output


def test_dutch_kind_names_are_accepted(data: Path) -> None:  # noqa: F811
    gw(data, "demo")
    code, output = gw(data, "analyse", "summary", "-w", "demo", "--kinds", "organisatie,persoon")
    assert code == 0, output
    assert "nodes: 22" in output


def test_the_table_shows_limit_rows_of_the_true_total(data: Path) -> None:  # noqa: F811
    gw(data, "demo")
    code, output = gw(data, "analyse", "potential", "-w", "demo", "--limit", "5")
    assert code == 0, output
    assert "potential (first 5 of 22)" in output
    assert "hops: 22" in output


def test_weights_file_sets_the_model(data: Path, tmp_path: Path) -> None:  # noqa: F811
    gw(data, "demo")
    model = tmp_path / "model.json"
    model.write_text('{"weights": {"boundary": 1, "mechanism": 0, "themes": 0, "activity": 0}}')
    code, output = gw(data, "analyse", "potential", "-w", "demo", "--json", "--weights", str(model))
    assert code == 0, output
    rows = json.loads(output)["rows"]
    assert all(row["potential"] == row["boundary"] for row in rows)
    assert rows[0]["potential"] == max(row["boundary"] for row in rows) > 0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"weights": {"boundary": 1,}}', "model.json: line 1, column 28: Expecting"),
        ('{"half_life": 3}', "model.json: half_life: Extra inputs are not permitted"),
    ],
)
def test_a_bad_weights_file_is_named(
    data: Path,  # noqa: F811
    tmp_path: Path,
    text: str,
    message: str,
) -> None:
    gw(data, "demo")
    model = tmp_path / "model.json"
    model.write_text(text)
    code, output = gw(data, "analyse", "potential", "-w", "demo", "--weights", str(model))
    assert code == 1 and message in " ".join(output.split()), output
