"""The console command starts fast: reading the command line and printing help load no
module of the analyses, the maps, the reports or the store (numpy, igraph, networkx,
pandas, WeasyPrint, matplotlib); the commands that use them import them. ``grenswerk
--help`` loads no pydantic either; a command's own ``--help`` does, because Typer
builds its options' converters with pydantic."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cli import context, imports
from graph.analysis import registry
from graph.analysis.names import ANALYSIS_NAMES
from graph.store.base import MAX_STORED_INT
from importers import FORMATS

#: what a command imports only when it runs
HEAVY = (
    "numpy",
    "scipy",
    "igraph",
    "networkx",
    "pandas",
    "weasyprint",
    "matplotlib",
    "pydantic",
    "graph.analysis.parallel",
    "graph.analysis.registry",
    "graph.store",
    "importers",
    "api.services.analyses",
)

#: runs the console command as `grenswerk ARGS` does, then names the heavy modules loaded
PROBE = """
import sys
from cli.app import main
try:
    main()
except SystemExit:
    pass
import gc
print("frozen:", gc.get_freeze_count())
heavy = {heavy!r}
print(sorted(m for m in sys.modules if m.split(".")[0] in heavy or m in heavy))
"""


def loaded_by(*args: str, heavy: tuple[str, ...] = HEAVY) -> list[str]:
    """The heavy modules a `grenswerk ARGS` process has loaded when it ends."""
    return probe(*args, heavy=heavy)[1]


def probe(*args: str, heavy: tuple[str, ...] = HEAVY) -> tuple[int, list[str]]:
    """How many objects a `grenswerk ARGS` process froze, and the heavy modules it loaded."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=heavy), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    *_, frozen, names = done.stdout.strip().splitlines()
    return int(frozen.split()[-1]), eval(names)  # a list of names printed by PROBE


#: the same without pydantic, which Typer loads to convert a command's options
BUT_PYDANTIC = tuple(m for m in HEAVY if m != "pydantic")


def test_help_imports_no_heavy_module() -> None:
    assert loaded_by("--help") == []


@pytest.mark.parametrize("command", ["analyse", "import", "stats"])
def test_a_commands_help_imports_no_heavy_module(command: str) -> None:
    assert loaded_by(command, "--help", heavy=BUT_PYDANTIC) == []


def test_the_probe_sees_a_heavy_import(tmp_path: Path) -> None:
    """The probe is not blind: a command that opens the store loads it (and an unknown
    analysis is refused before anything loads)."""
    assert loaded_by("analyse", "nonsense", "-w", "demo", heavy=BUT_PYDANTIC) == []
    found = loaded_by("--data-dir", str(tmp_path), "stats", "-w", "demo")
    assert "pydantic" in found and "graph.store" in found


def test_a_command_freezes_what_it_loaded_in_bulk(tmp_path: Path) -> None:
    """A console command ends after its one job: the graph it loaded is frozen, out of
    the cycle collector's scans (graph.collecting.freeze_bursts)."""
    probe("--data-dir", str(tmp_path), "demo", "--no-example")
    frozen, _ = probe("--data-dir", str(tmp_path), "analyse", "summary", "-w", "demo")
    assert frozen > 1000


def test_stats_counts_without_loading_the_graph(tmp_path: Path) -> None:
    """``grenswerk stats`` counts the store's outline of the graph: no networkx, no graph
    built or unpickled (its answer is the graph's: tests/api/test_stats_outline.py)."""
    probe("--data-dir", str(tmp_path), "demo", "--no-example")
    found = loaded_by(
        "--data-dir",
        str(tmp_path),
        "stats",
        "-w",
        "demo",
        heavy=(*HEAVY, "graph.store.stored_graph", "graph.analysis.subgraphs"),
    )
    assert "graph.store" in found  # it did open the store
    assert not {"networkx", "numpy", "graph.store.stored_graph"} & set(found)


def test_the_light_names_are_the_real_ones() -> None:
    assert tuple(registry.ANALYSES) == ANALYSIS_NAMES
    assert imports.FORMATS == FORMATS
    assert context.MAX_STORED_INT == MAX_STORED_INT
