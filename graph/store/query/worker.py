"""A query worker: a child process that holds one workspace's copy in the embedded
engine (:mod:`graph.store.query.ladybug_db`) and answers its queries one at a time.

Running the engine in its own process makes the limits hard ones: Ladybug stops a
query at its timeout where it checks for one, but some work (a huge ``range()``) it
does not interrupt, and memory outside its buffer pool it does not count. So this side
watches the child: past the timeout (plus a grace second) or above the memory limit
(its resident memory, read from ``/proc``), the child is killed and the query answers
with a :class:`~graph.store.query.errors.QueryError` (``timeout`` or ``memory``); the
next query starts a new child. The copy lives in a temporary folder that goes with the
worker.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from typing import Any

from graph.store.query.answer import Answer
from graph.store.query.channel import Channel
from graph.store.query.errors import QueryError
from graph.store.query.model import ModelRows

__all__ = ["QueryWorker"]

#: a killed query's child gets this long beyond its timeout to answer itself
GRACE_S = 1.0
#: how often the parent looks at the child while it works
POLL_S = 0.02
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _resident_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * _PAGE / 2**20
    except (OSError, IndexError, ValueError):
        return 0.0


class QueryWorker:
    """One workspace's copy in a child process.

    Parameters
    ----------
    rows
        The workspace in the query model.
    memory_mb
        The child's resident memory limit; above it the child is killed.
    build_timeout_s
        How long copying the workspace in may take.
    """

    def __init__(
        self, rows: ModelRows, *, memory_mb: int = 2048, build_timeout_s: float = 300.0
    ) -> None:
        self.memory_mb = memory_mb
        self.lock = threading.Lock()
        self.folder = tempfile.mkdtemp(prefix="grenswerk-query-")
        buffer_mb = max(64, memory_mb // 2)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "graph.store.query.child", self.folder, str(buffer_mb)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=self.folder,
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        self._pipe = Channel(self.process.stdout, self.process.stdin)
        self.alive = True
        started = time.monotonic()
        try:
            self._pipe.send(rows)
            reply = self._wait(build_timeout_s, "copying the workspace")
        except BaseException:
            self.close()
            raise
        if reply[0] != "ready":
            self.close()
            raise QueryError(reply[2], "invalid")
        self.build_seconds = time.monotonic() - started

    def _wait(self, seconds: float, what: str) -> tuple[Any, ...]:
        """The child's next message, or the child killed past ``seconds`` or the memory
        limit."""
        deadline = time.monotonic() + seconds
        while not select.select([self._pipe.read], [], [], POLL_S)[0]:
            if self.process.poll() is not None:
                self.close()
                raise QueryError(f"the query engine stopped while {what}", "memory")
            if _resident_mb(self.process.pid) > self.memory_mb:
                self.close()
                raise QueryError(
                    f"{what} needed more than {self.memory_mb} MB of memory and was stopped",
                    "memory",
                )
            if time.monotonic() > deadline:
                self.close()
                raise QueryError(
                    f"{what} took longer than {seconds:g} s and was stopped", "timeout"
                )
        try:
            reply: tuple[Any, ...] = self._pipe.recv()
        except (EOFError, OSError, pickle.UnpicklingError):
            self.close()
            raise QueryError(f"the query engine stopped while {what}", "memory") from None
        return reply

    def run(self, query: str, *, limit: int, timeout_s: float) -> Answer:
        """Answer one query (callers hold :attr:`lock`)."""
        if not self.alive:
            raise QueryError("the query engine was stopped", "busy")
        started = time.monotonic()
        try:
            self._pipe.send((query, limit, timeout_s))
        except OSError:
            self.close()
            raise QueryError("the query engine stopped", "memory") from None
        try:
            reply = self._wait(timeout_s + GRACE_S, "the query")
        except QueryError as exc:
            if exc.kind == "timeout":
                raise QueryError(
                    f"the query took longer than {timeout_s:g} s and was stopped", "timeout"
                ) from None
            raise
        if reply[0] == "error":
            kind, message = reply[1], reply[2]
            if kind == "timeout":
                message = f"the query took longer than {timeout_s:g} s and was stopped"
            raise QueryError(message, kind)
        answer: Answer = reply[1]
        answer.seconds = time.monotonic() - started
        return answer

    def close(self) -> None:
        """Stop the child and remove the copy."""
        self.alive = False
        if self.process.poll() is None:
            self.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(5)
        for stream in (self.process.stdin, self.process.stdout):
            with contextlib.suppress(OSError):
                if stream is not None:
                    stream.close()
        shutil.rmtree(self.folder, ignore_errors=True)
