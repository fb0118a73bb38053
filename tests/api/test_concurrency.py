"""The event loop and the write lock (issue 9, points 9 and 10): an import never holds up
``/health``, readers never wait for a writer, and a write that cannot get the database
answers 503 with ``Retry-After`` (API) or one line (CLI)."""

from __future__ import annotations

import io
import re
import socket
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from openpyxl import Workbook
from typer.testing import CliRunner

import importers.kumu
from api.app import create_app
from api.config import Settings
from api.keys import KeyStore
from cli.app import app as cli
from graph.store.sqlite import SQLiteStore
from importers import ImportOptions, import_paths, plan_paths
from tests.api.conftest import TEST_SECRET
from tests.conftest import DEMO_DIR


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, url: str, key: str, store: SQLiteStore, data: Path) -> None:
        self.url, self.key, self.store, self.data = url, key, store, data

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.key}"}


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    data = tmp_path / "data"
    store = SQLiteStore(data / "grenswerk.sqlite3", busy_timeout=1.5)
    import_paths(store, [DEMO_DIR], ImportOptions("demo"))
    keys = KeyStore(SQLiteStore(":memory:"))
    token = keys.create("demo", "editor")
    settings = Settings(environment="test", secret_key=TEST_SECRET, data_dir=data)
    port = _free_port()
    config = uvicorn.Config(
        create_app(settings, store=store, keys=keys), host="127.0.0.1", port=port, log_level="error"
    )
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield Server(f"http://127.0.0.1:{port}", token, store, data)
    running.should_exit = True
    thread.join(timeout=10)
    store.close()
    keys.close()


def _timed_get(url: str, **kwargs: Any) -> tuple[int, float]:
    start = time.monotonic()
    response = httpx.get(url, timeout=30, **kwargs)
    return response.status_code, time.monotonic() - start


def test_health_answers_while_an_import_runs(
    server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    import api.services.imports as transfer

    started = threading.Event()

    def slow_plan(*args: Any, **kwargs: Any) -> Any:
        started.set()
        end = time.monotonic() + 3
        while time.monotonic() < end:  # busy, like a parser holding the CPU
            pass
        return plan_paths(*args, **kwargs)

    monkeypatch.setattr(transfer, "plan_paths", slow_plan)
    results: list[int] = []

    def upload() -> None:
        response = httpx.post(
            f"{server.url}/api/workspaces/demo/import",
            headers=server.auth,
            files={"files": ("n.csv", b"name,kind\nNieuw College,organisation\n")},
            data={"dry_run": "true"},
            timeout=60,
        )
        results.append(response.status_code)

    worker = threading.Thread(target=upload)
    worker.start()
    assert started.wait(10)
    status, took = _timed_get(f"{server.url}/health")
    worker.join(60)
    assert status == 200
    assert took < 1.0, f"/health took {took:.1f} s while an import ran"
    assert results == [200]


def _workbook_with_a_huge_dimension() -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Elements"
    sheet.append(["Label", "Type"])
    sheet.append(["Noorderpoort", "Organisation"])
    raw = io.BytesIO()
    book.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text, count = re.subn(
                    r'<dimension ref="A1:B2"\s*/>',
                    '<dimension ref="A1:XFD1048576"/>',
                    content.decode(),
                )
                assert count == 1
                content = text.encode()
            dst.writestr(item, content)
    return out.getvalue()


def test_a_workbook_is_read_by_its_cells_not_its_declared_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = {"cells": 0}
    real = importers.kumu._cell

    def counted(value: Any) -> Any:
        seen["cells"] += 1
        if seen["cells"] > 10_000:
            raise AssertionError("read far more cells than the sheet holds")
        return real(value)

    monkeypatch.setattr(importers.kumu, "_cell", counted)
    path = tmp_path / "kaart.xlsx"
    path.write_bytes(_workbook_with_a_huge_dimension())
    store = SQLiteStore(":memory:")
    plan = plan_paths(store, [path], ImportOptions("w"))
    assert not plan.problems, plan.problems
    assert [n.name for n in plan.nodes] == ["Noorderpoort"]


def test_a_workbook_over_the_cell_cap_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importers.kumu, "MAX_CELLS", 50)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Elements"
    sheet.append(["Label", "Type", "Description"])
    for i in range(40):
        sheet.append([f"Bedrijf {i}", "Organisation", "x"])
    path = tmp_path / "groot.xlsx"
    book.save(path)
    plan = plan_paths(SQLiteStore(":memory:"), [path], ImportOptions("w"))
    messages = [str(p) for p in plan.problems]
    assert len(messages) == 1 and "groot.xlsx" in messages[0] and "50 cells" in messages[0]


# -- 10. readers do not wait for writers --


@pytest.fixture
def locker(server: Server) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the database's write lock."""
    path = server.data / "grenswerk.sqlite3"
    script = (
        "import sqlite3, sys, time\n"
        f"db = sqlite3.connect({str(path)!r}, isolation_level=None)\n"
        "db.execute('BEGIN IMMEDIATE')\n"
        "print('locked', flush=True)\n"
        "sys.stdin.read()\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "locked"
    yield process
    process.communicate("", timeout=10)


def test_reads_do_not_wait_for_a_blocked_write(server: Server, locker: Any) -> None:
    answers: list[httpx.Response] = []

    def write() -> None:
        answers.append(
            httpx.post(
                f"{server.url}/api/workspaces/demo/nodes",
                headers=server.auth,
                json={"id": "nieuw", "kind": "theme", "name": "nieuw thema"},
                timeout=30,
            )
        )

    writer = threading.Thread(target=write)
    writer.start()
    time.sleep(0.3)  # the write is now waiting for the other process's lock
    for path in ("/health", "/api/workspaces/demo/nodes/cinop", "/api/workspaces/demo"):
        status, took = _timed_get(f"{server.url}{path}", headers=server.auth)
        assert status == 200, path
        assert took < 1.0, f"{path} waited {took:.1f} s for a write"
    writer.join(30)
    assert answers and answers[0].status_code == 503, answers[0].text
    assert int(answers[0].headers["Retry-After"]) >= 1
    assert "busy" in answers[0].json()["detail"]


def test_the_cli_says_in_one_line_that_the_store_is_busy(
    server: Server, locker: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GRENSWERK_SQLITE_BUSY_TIMEOUT_S", "0.5")
    monkeypatch.setenv("COLUMNS", "200")
    csv = tmp_path / "n.csv"
    csv.write_text("name,kind\nNieuw College,organisation\n")
    result = CliRunner().invoke(
        cli, ["--data-dir", str(server.data), "import", str(csv), "-w", "demo"]
    )
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert "busy" in lines[0] and "Traceback" not in result.output


def test_an_unreachable_store_answers_503_not_500(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store that cannot answer (Neo4j down, SQLite busy) is a 503 with Retry-After on
    every route, never a 500."""
    from fastapi.testclient import TestClient

    from graph.errors import StoreUnavailable

    store = SQLiteStore(":memory:")
    import_paths(store, [DEMO_DIR], ImportOptions("demo"))
    keys = KeyStore(SQLiteStore(":memory:"))
    auth = {"Authorization": f"Bearer {keys.create('demo', 'analyst')}"}
    settings = Settings(environment="test", secret_key=TEST_SECRET)

    def down(*args: Any, **kwargs: Any) -> Any:
        raise StoreUnavailable("cannot reach Neo4j at neo4j://db:7687", retry_after=7)

    with TestClient(create_app(settings, store=store, keys=keys)) as client:
        monkeypatch.setattr(store, "version", down)
        analysis = client.get("/api/workspaces/demo/analyses/summary", headers=auth)
        assert analysis.status_code == 503 and analysis.headers["Retry-After"] == "7"
        monkeypatch.setattr(store, "has_workspace", down)
        for path in ("/api/workspaces/demo/nodes/cinop", "/health"):
            response = client.get(path, headers=auth)
            assert response.status_code == 503, (path, response.status_code)
            assert "Neo4j" in response.json()["detail"]
