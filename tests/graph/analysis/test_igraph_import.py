"""igraph comes without matplotlib (graph/analysis/igraph_import.py): the analyses load
no plotting library, and matplotlib still imports afterwards for the charts."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import sys
import graph.analysis.registry, visualizations.maps
print("matplotlib" in sys.modules)
import matplotlib.pyplot
from visualizations.charts import change_chart
print(type(change_chart([{"date": "2020-01-01", "nodes": 1, "ties": 0, "ties_gained": 0,
                          "ties_lost": 0}],
                        title="x", fmt="svg")).__name__)
"""


def test_the_analyses_load_igraph_without_matplotlib() -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.split() == ["False", "bytes"]
