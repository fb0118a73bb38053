"""The notebooks, executed against a server this test starts (tests/notebooks/conftest.py):
the API tour with a server key (before issue 23 it failed with one: ``workspaces[0]``
was not the demo) and with an analyst key of voorbeeld-roc; the research notebook on
voorbeeld-roc."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tests.notebooks.conftest import Server

NOTEBOOKS = Path(__file__).parents[2] / "notebooks"


def execute(name: str, url: str, key: str, folder: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("GRENSWERK_URL", url)
    monkeypatch.setenv("GRENSWERK_KEY", key)
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = NotebookClient(notebook, timeout=180, kernel_name="python3",
                            resources={"metadata": {"path": str(folder)}})  # fmt: skip
    client.execute(env=dict(os.environ))
    outputs = [o for cell in notebook.cells if cell.cell_type == "code"
               for o in cell.get("outputs", [])]  # fmt: skip
    assert not [o for o in outputs if o.get("output_type") == "error"]
    return "".join(
        o.get("text", "") + str(o.get("data", {}).get("text/plain", "")) for o in outputs
    )


@pytest.mark.slow
def test_researcher_tour_runs_with_a_server_key(
    notebook_server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = execute("01_researcher_tour.ipynb", notebook_server.url,
                   notebook_server.server_key, tmp_path, monkeypatch)  # fmt: skip
    assert "ROC Midden-Nederland → CINOP" in text
    assert "79 nodes, 190 ties" in text
    assert (tmp_path / "demo.gexf").exists()


@pytest.mark.slow
def test_research_notebook_runs_on_voorbeeld_roc(
    notebook_server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = execute("02_research_voorbeeld_roc.ipynb", notebook_server.url,
                   notebook_server.analyst_key, tmp_path, monkeypatch)  # fmt: skip
    assert "sampled: 999 random permutations of the group labels (seed 0)" in text
    assert "more ties stay within a sector than the sector sizes alone would give" in text
    assert (tmp_path / "voorbeeld-roc-change.png").stat().st_size > 10_000
