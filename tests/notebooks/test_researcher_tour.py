"""The researcher's notebook, executed against a server this test starts."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tests.live import Live

NOTEBOOK = Path(__file__).parents[2] / "notebooks" / "01_researcher_tour.ipynb"


def test_researcher_tour_runs(live: Live, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                              ) -> None:
    monkeypatch.setenv("GRENSWERK_URL", live.url)
    monkeypatch.setenv("GRENSWERK_KEY", live.key)
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(notebook, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}})
    client.execute(env=dict(os.environ))
    outputs = [o for cell in notebook.cells if cell.cell_type == "code"
               for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    text = "".join(o.get("text", "") for o in outputs)
    assert "ROC Midden-Nederland → CINOP" in text
    assert (tmp_path / "demo.gexf").exists()
