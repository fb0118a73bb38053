"""The demo and the fictional ROC in one embedded store, and query engines over them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.store.query import QueryEngines
from graph.store.sqlite import SQLiteStore
from importers import ImportOptions, import_paths

DATA = Path(__file__).parents[2] / "graph" / "data"
WORKSPACE_FILES = {
    "demo": [DATA],
    "voorbeeld-roc": [
        DATA / "voorbeeld" / "voorbeeld-roc-nodes.csv",
        DATA / "voorbeeld" / "voorbeeld-roc-relationships.csv",
    ],
}


@pytest.fixture(scope="module")
def query_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SQLiteStore]:
    store = SQLiteStore(tmp_path_factory.mktemp("query") / "grenswerk.sqlite3")
    for workspace, files in WORKSPACE_FILES.items():
        import_paths(store, files, ImportOptions(workspace))
    yield store
    store.close()


@pytest.fixture(scope="module")
def engines() -> Iterator[QueryEngines]:
    found = QueryEngines(keep=2, memory_mb=1024)
    yield found
    found.close()
