"""R is the reference (issue 23, part 3): brokerage counts and sna's z-scores against
``sna::brokerage``, the E-I index and assortativity against R, and the permutation
test against ``sna::qaptest`` on generated graphs, with Debian's R (``make test``
installs r-base-core, r-cran-sna, r-cran-igraph).

Tolerances: counts exact; z-scores, E-I and assortativity 1e-9 absolute; permutation
p-values (ours and R's each from 2 000 random relabellings, different generators) within
four Monte-Carlo standard errors, ``4 √(p(1 − p)/2000) + 0.005``.
"""

from __future__ import annotations

import csv
import math
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from graph.analysis.brokerage import ROLES, brokerage
from graph.analysis.homophily import homophily

RSCRIPT = shutil.which("Rscript")
BROKERAGE_R = r"""
suppressPackageStartupMessages(library(sna))
a <- commandArgs(TRUE)
m <- as.matrix(read.csv(a[1], header = FALSE))
cl <- readLines(a[2])
b <- brokerage(m, cl)
out <- cbind(b$raw.nli, b$z.nli)
write.table(out, a[3], sep = ",", row.names = FALSE, col.names = FALSE)
"""
QAP_R = r"""
suppressPackageStartupMessages(library(sna))
suppressPackageStartupMessages(library(igraph))
a <- commandArgs(TRUE)
m <- as.matrix(read.csv(a[1], header = FALSE))
cl <- readLines(a[2])
same <- outer(cl, cl, "==") * 1
ei <- function(x) {
  g <- x[1, , ]; s <- x[2, , ]
  internal <- sum(g * s) / 2; external <- sum(g * (1 - s)) / 2
  (external - internal) / (external + internal)
}
set.seed(1)
q <- qaptest(list(m, same), ei, reps = 2000)
g <- graph_from_adjacency_matrix(m, mode = "undirected")
assort <- assortativity_nominal(g, as.integer(factor(cl)), directed = FALSE)
cat(sprintf("%.15g", c(q$testval, q$pgreq, q$pleeq, assort)), "\n")
"""


def rscript(script: str, *args: str) -> str:
    assert RSCRIPT, "make test installs r-base-core, r-cran-sna and r-cran-igraph"
    run = subprocess.run(
        [RSCRIPT, "-e", script, *args], capture_output=True, text=True, timeout=120, check=True
    )
    return run.stdout


def generated(
    seed: int, directed: bool, n: int = 30, p: float = 0.12
) -> tuple[nx.Graph, list[str]]:
    graph = nx.gnp_random_graph(n, p, seed=seed, directed=directed)
    rng = np.random.default_rng(seed)
    groups = [str(g) for g in rng.choice(["school", "company", "government"], size=n)]
    return graph, groups


def write(folder: Path, graph: nx.Graph, groups: list[str]) -> tuple[Path, Path]:
    matrix = nx.to_numpy_array(graph, nodelist=range(len(groups)), dtype=int)
    adjacency, labels = folder / "g.csv", folder / "cl.txt"
    with adjacency.open("w", newline="") as f:
        csv.writer(f).writerows(matrix.tolist())
    labels.write_text("\n".join(groups) + "\n")
    return adjacency, labels


@pytest.mark.parametrize(("seed", "directed"), [(1, True), (2, True), (3, False), (4, False)])
def test_brokerage_counts_and_sna_z_scores_equal_r(
    tmp_path: Path, seed: int, directed: bool
) -> None:
    graph, groups = generated(seed, directed)
    adjacency, labels = write(tmp_path, graph, groups)
    rscript(BROKERAGE_R, str(adjacency), str(labels), str(tmp_path / "out.csv"))
    r_rows = [
        [
            float(x) if x not in ("NA", "NaN", "Inf", "-Inf") else float(x.replace("NA", "nan"))
            for x in row
        ]
        for row in csv.reader((tmp_path / "out.csv").open())
    ]
    ours = brokerage(graph, dict(enumerate(groups)), null_model="sna").rows
    gould = brokerage(graph, dict(enumerate(groups))).rows
    worst_gf = 0.0
    for node, (row, theirs) in enumerate(zip(ours, r_rows, strict=True)):
        assert row["id"] == node
        assert [row[r] for r in ROLES] + [row["total"]] == [int(x) for x in theirs[:6]]
        for value, want in zip(
            [row[f"{r}_z"] for r in ROLES] + [row["total_z"]], theirs[6:], strict=True
        ):
            if math.isnan(want):
                assert math.isnan(value)
            else:
                assert value == pytest.approx(want, abs=1e-9)
        for r, want in zip(ROLES, theirs[6:11], strict=True):
            if not math.isnan(want):
                worst_gf = max(worst_gf, abs(gould[node][f"{r}_z"] - want))
    # the conditional (Gould & Fernandez) scores are another model: they differ from R's
    assert worst_gf > 0.1


@pytest.mark.parametrize("seed", [5, 6])
def test_ei_assortativity_and_permutation_test_agree_with_r(tmp_path: Path, seed: int) -> None:
    graph, groups = generated(seed, directed=False, n=40, p=0.1)
    adjacency, labels = write(tmp_path, graph, groups)
    ei, p_greater, p_less, assort = map(float, rscript(QAP_R, str(adjacency), str(labels)).split())
    result = homophily(graph, dict(enumerate(groups)), permutations=2000, seed=seed)
    rows = {row["statistic"]: row for row in result.rows}
    assert rows["ei_index"]["observed"] == pytest.approx(ei, abs=1e-9)
    assert rows["assortativity"]["observed"] == pytest.approx(assort, abs=1e-9)
    for ours, theirs in (
        (rows["ei_index"]["p_greater"], p_greater),
        (rows["ei_index"]["p_less"], p_less),
    ):
        p = (ours + theirs) / 2
        assert abs(ours - theirs) <= 4 * math.sqrt(p * (1 - p) / 2000) + 0.005
