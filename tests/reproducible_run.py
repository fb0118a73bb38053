"""One process of tests/test_reproducible.py: the demo into a fresh store, then the
analyses and exports through the console command, each output to a file of FOLDER."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from typer.testing import CliRunner

from cli.app import app

ANALYSES = [
    ("centrality", []),
    ("summary", []),
    ("brokerage", ["--null-model", "sna"]),
    ("communities", []),
    ("holes", []),
    ("homophily", ["--permutations", "200"]),
    ("ego", []),
    ("change", ["--over", "2016..2024"]),
]
EXPORTS = ["json", "graphml", "gexf", "pajek", "edgelist", "adjacency", "projection"]


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    env = {"GRENSWERK_DATA_DIR": str(folder / "data"), "COLUMNS": "200"}
    os.environ.update(env)
    runner = CliRunner()
    done = runner.invoke(app, ["demo"])
    assert done.exit_code == 0, done.output
    for name, extra in ANALYSES:
        both = (("", ["--json"]), ("-meta", ["--json", "--with-meta"]))
        for suffix, flags in both if name == "centrality" else both[1:]:
            done = runner.invoke(app, ["analyse", name, "-w", "demo", *flags, *extra])
            assert done.exit_code == 0, done.output
            (folder / f"{name}{suffix}.json").write_text(done.stdout, encoding="utf-8")
    for fmt in EXPORTS:
        target = folder / f"demo.{fmt}"
        done = runner.invoke(app, ["export", "-w", "demo", "-f", fmt, "-o", str(target)])
        assert done.exit_code == 0, done.output
    dynamic = folder / "demo-dynamic.gexf"
    done = runner.invoke(
        app, ["export", "-w", "demo", "-f", "gexf", "--dynamic", "-o", str(dynamic)]
    )
    assert done.exit_code == 0, done.output


if __name__ == "__main__":
    main(Path(sys.argv[1]))
