"""A live server on 127.0.0.1 and Debian's Chromium, driven by Playwright.

Chromium is the system's (/usr/bin/chromium, installed by the Makefile); Playwright
never downloads a browser. It starts headless, with the flags that keep it off the
network, and every host name but 127.0.0.1 resolves to nothing.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, sync_playwright

from api.app import create_app
from api.config import Settings
from api.keys import KeyStore
from graph.model import Node
from graph.store.sqlite import SQLiteStore
from importers import ImportOptions, import_paths
from tests.api.conftest import TEST_SECRET
from tests.conftest import DEMO_DIR

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
EVIL = "<img src=x onerror=alert(1)>"


@dataclass
class Live:
    url: str
    key: str
    store: SQLiteStore
    requests: list[str] = field(default_factory=list)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    data = tmp_path_factory.mktemp("live")
    store = SQLiteStore(data / "grenswerk.sqlite3")
    import_paths(store, [DEMO_DIR], ImportOptions("demo"))
    store.upsert(
        "demo",
        [Node(id="xss", kind="organisation", name=EVIL, workspace="demo", org_type="company")],
    )
    keys = KeyStore(SQLiteStore(":memory:"))
    token = keys.create("demo", "admin")
    port = _free_port()
    app = create_app(
        Settings(environment="test", secret_key=TEST_SECRET, data_dir=data), store=store, keys=keys
    )
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield Live(f"http://127.0.0.1:{port}", token, store)
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    assert CHROMIUM.exists(), "Debian's chromium is missing: `make test` installs it (apt)"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=FLAGS
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser, live: Live) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    opened = context.new_page()
    opened.on("request", lambda request: live.requests.append(request.url))
    opened.goto(f"{live.url}/login")
    opened.fill("input[name=key]", live.key)
    opened.click("button[type=submit]")
    opened.wait_for_url(f"{live.url}/w/demo")
    yield opened
    context.close()
