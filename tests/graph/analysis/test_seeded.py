"""igraph's random draws are seeded (issue 23, part 5): eigenvector centrality and
PageRank by ARPACK start from a random vector drawn from Python's ``random``, which each
process seeds from the system; unseeded, two processes differed by up to 4e-14. The raw
floats (before any rounding) must now be equal in two processes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = """
import networkx as nx
from graph.analysis.centrality import centralities
g = nx.les_miserables_graph()
rows = centralities(g, ("eigenvector", "pagerank")).rows
print(repr([(r["eigenvector"], r["pagerank"]) for r in rows]))
"""


def test_eigenvector_and_pagerank_are_equal_in_two_processes() -> None:
    root = Path(__file__).parents[3]
    outputs = [
        subprocess.run(
            [sys.executable, "-c", SCRIPT],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
            env={"PYTHONHASHSEED": str(seed), "PATH": "/usr/bin"},
        ).stdout  # fmt: skip
        for seed in (1, 2)
    ]
    assert outputs[0] and outputs[0] == outputs[1]
