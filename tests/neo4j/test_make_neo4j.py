"""`make neo4j` (issue 20, point 6): a person without Docker starts the tests' Neo4j
server with its data under ``GRENSWERK_DATA_DIR``, and the settings it prints are the
ones that work: the console command, given only those, loads the demo into it."""

from __future__ import annotations

import os
import shlex
import signal
import socket
import subprocess
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.app import app as cli
from tests.conftest import NEO4J_OFF
from tests.neo4j.server import START_TIMEOUT_S

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]  # starts a server of its own

ROOT = Path(__file__).parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def test_make_neo4j_keeps_its_data_in_the_data_dir_and_prints_settings_that_work(
    tmp_path: Path,
) -> None:
    if NEO4J_OFF:
        pytest.skip("GRENSWERK_TEST_NEO4J=off: the Neo4j tests were NOT run (opt-out)")
    data_dir = tmp_path / "data"
    env = {
        **os.environ,
        "GRENSWERK_DATA_DIR": str(data_dir),
        "NEO4J_PORT": str(free_port()),
        "NEO4J_HEAP": "512m",
        "NEO4J_PAGECACHE": "64m",
    }
    # -o: take the installed venv and jars as they are (make test made them)
    make = ["make", "-s", "-o", ".venv/.installed-dev", "-o", "tests/neo4j/target/.installed"]
    process = subprocess.Popen(
        [*make, "neo4j"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
        start_new_session=True,  # Ctrl-C goes to make, Python and Java, as in a terminal
    )
    printed: list[str] = []
    done = threading.Event()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            printed.append(line.rstrip("\n"))
            if line.startswith("Ctrl-C stops the server"):
                done.set()
        done.set()

    threading.Thread(target=read, daemon=True).start()
    try:
        assert done.wait(START_TIMEOUT_S) and printed[-1].startswith("Ctrl-C"), printed[-5:]
        settings = dict(
            shlex.split(line.split("#")[0])[1].split("=", 1)
            for line in printed
            if line.strip().startswith("export ")
        )
        assert sorted(settings) == [
            "GRENSWERK_NEO4J_PASSWORD",
            "GRENSWERK_NEO4J_URI",
            "GRENSWERK_NEO4J_USER",
            "GRENSWERK_STORE",
        ]
        assert settings["GRENSWERK_NEO4J_URI"] == f"bolt://127.0.0.1:{env['NEO4J_PORT']}"
        folder = data_dir / "neo4j-server"
        password = folder / "password"
        assert password.read_text(encoding="utf-8").strip() == settings["GRENSWERK_NEO4J_PASSWORD"]
        assert password.stat().st_mode & 0o077 == 0  # the owner's only
        runner = CliRunner()
        other = {"GRENSWERK_DATA_DIR": str(tmp_path / "cli")}
        loaded = runner.invoke(cli, ["demo"], env={**settings, **other})
        assert loaded.exit_code == 0, loaded.output
        listed = runner.invoke(cli, ["workspaces"], env={**settings, **other})
        assert listed.exit_code == 0 and "demo" in listed.output, listed.output
        # Neo4j's own files are under GRENSWERK_DATA_DIR, nowhere else
        assert (folder / "neo4j" / "data" / "databases" / "neo4j").is_dir()
        assert not (tmp_path / "cli" / "grenswerk.sqlite3").exists()
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert process.returncode is not None and "Traceback" not in "\n".join(printed)
