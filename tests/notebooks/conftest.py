"""A server for the notebooks: the demo and voorbeeld-roc, as ``grenswerk demo`` loads
them, with a server key (every workspace) and an analyst key of voorbeeld-roc."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn

from api.app import create_app
from api.config import Settings
from api.keys import KeyStore
from graph.access import ALL
from graph.store.sqlite import SQLiteStore
from importers import ImportOptions, import_paths
from tests.api.conftest import TEST_SECRET
from tests.conftest import DEMO_DIR
from tests.live import _free_port

VOORBEELD = DEMO_DIR / "voorbeeld"


@dataclass
class Server:
    url: str
    #: a server key (admin of every workspace): the first workspace it lists is not the demo
    server_key: str
    #: an analyst key of voorbeeld-roc
    analyst_key: str


@pytest.fixture(scope="session")
def notebook_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    data = tmp_path_factory.mktemp("notebooks")
    store = SQLiteStore(data / "grenswerk.sqlite3")
    # "aardrijkskunde" sorts before "demo": workspaces[0] is not the demo for a server key
    import_paths(store, [VOORBEELD / "voorbeeld-roc-nodes.csv",
                         VOORBEELD / "voorbeeld-roc-relationships.csv"],
                 ImportOptions("aardrijkskunde"))  # fmt: skip
    import_paths(store, [DEMO_DIR], ImportOptions("demo"))
    import_paths(store, [VOORBEELD / "voorbeeld-roc-nodes.csv",
                         VOORBEELD / "voorbeeld-roc-relationships.csv"],
                 ImportOptions("voorbeeld-roc"))  # fmt: skip
    keys = KeyStore(SQLiteStore(":memory:"))
    server_key = keys.create(ALL, "admin")
    analyst_key = keys.create("voorbeeld-roc", "analyst")
    port = _free_port()
    app = create_app(
        Settings(environment="test", secret_key=TEST_SECRET, data_dir=Path(data)),
        store=store,
        keys=keys,
    )
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield Server(f"http://127.0.0.1:{port}", server_key, analyst_key)
    server.should_exit = True
    thread.join(timeout=10)
