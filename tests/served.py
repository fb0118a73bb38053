"""``grenswerk serve`` as a real process on a free port, for tests of what only the
whole program shows (uvicorn's settings, worker processes)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

__all__ = ["free_port", "served"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def served(
    data: Path, env: Mapping[str, str] | None = None, timeout: float = 30
) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """``grenswerk --data-dir DATA serve`` with ``env`` added to this environment: the
    process and its address once ``/health`` answers; stopped (and waited for) after."""
    port = free_port()
    grenswerk = Path(sys.executable).parent / "grenswerk"
    process = subprocess.Popen(
        [str(grenswerk), "--data-dir", str(data), "serve", "--port", str(port)],
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            assert process.poll() is None, f"grenswerk serve ended ({process.returncode})"
            try:
                with urllib.request.urlopen(f"{url}/health", timeout=2):
                    break
            except (urllib.error.URLError, ConnectionError):
                assert time.monotonic() < deadline, "grenswerk serve did not answer"
                time.sleep(0.1)
        yield process, url
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
