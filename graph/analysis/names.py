"""The names of the analyses, in the order the console command and the API list them,
without importing any of them (the console's help names them; :mod:`graph.analysis.registry`
holds the analyses under these names).

Examples
--------
>>> ANALYSIS_NAMES[:2]
('summary', 'centrality')
"""

from __future__ import annotations

__all__ = ["ANALYSIS_NAMES"]

ANALYSIS_NAMES: tuple[str, ...] = (
    "summary",
    "centrality",
    "brokerage",
    "holes",
    "ei",
    "homophily",
    "ego",
    "communities",
    "potential",
    "paths",
    "recommend",
    "change",
)
