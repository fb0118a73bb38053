"""The console's tables say how a result was computed (issue 23, part 3): exact, or
sampled with its size and (ε, δ); and where it comes from (provenance)."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_cli import data, gw  # noqa: F401  (the fixture and the runner)


def test_an_exact_result_says_so_with_its_provenance(data: Path) -> None:  # noqa: F811
    gw(data, "demo")
    code, output = gw(data, "analyse", "centrality", "-w", "demo")
    assert code == 0, output
    assert "computed: exact" in output
    assert "provenance: workspace demo version" in output and "networkx 3." in output


def test_a_sampled_result_gives_its_sample_and_bound(data: Path) -> None:  # noqa: F811
    gw(data, "demo")
    code, output = gw(
        data, "analyse", "centrality", "-w", "demo", "--sample-threshold", "10",
        "--sample-size", "20", "--measures", "betweenness",
    )  # fmt: skip
    assert code == 0, output
    line = next(x for x in output.splitlines() if x.startswith("computed:"))
    assert line.startswith("computed: sampled: betweenness from 20 random sources")
    assert "ε = " in line and "δ = 0.9" in line


def test_a_permutation_test_gives_its_permutations_and_seed(data: Path) -> None:  # noqa: F811
    gw(data, "demo")
    code, output = gw(data, "analyse", "homophily", "-w", "demo", "--permutations", "50",
                      "--seed", "3")  # fmt: skip
    assert code == 0, output
    assert "computed: sampled: 50 random permutations of the group labels (seed 3)" in output
