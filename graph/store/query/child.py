"""The query worker's child process: ``python -m graph.store.query.child FOLDER
BUFFER_MB`` reads the workspace's rows from standard input, builds the read-only copy
in FOLDER and answers queries until its input closes (:mod:`graph.store.query.worker`
starts, watches and stops it)."""

from __future__ import annotations

import sys
from pathlib import Path

from graph.store.query import ladybug_db
from graph.store.query.channel import Channel
from graph.store.query.errors import QueryError
from graph.store.query.model import ModelRows

__all__: list[str] = []


def _serve(folder: str, buffer_mb: int) -> None:  # pragma: no cover - runs in the child
    """The child's loop: build the copy, then answer queries until the pipe closes."""
    channel = Channel(sys.stdin.buffer, sys.stdout.buffer)
    sys.stdout = sys.stderr  # nothing else may write to the channel
    try:
        rows: ModelRows = channel.recv()
        db = ladybug_db.build(rows, Path(folder) / "db", buffer_mb=buffer_mb)
        del rows
    except EOFError:
        return
    except Exception as exc:  # noqa: BLE001 - reported to the parent as one line
        channel.send(("error", "invalid", f"the workspace could not be copied: {exc}"))
        return
    channel.send(("ready",))
    while True:
        try:
            query, limit, timeout_s = channel.recv()
        except EOFError:
            return
        try:
            answer = ladybug_db.execute(db, query, limit=limit, timeout_s=timeout_s)
            channel.send(("ok", answer))
        except QueryError as exc:
            channel.send(("error", exc.kind, str(exc)))
        except Exception as exc:  # noqa: BLE001 - the engine's own failure, as one line
            channel.send(("error", "invalid", " ".join(str(exc).split())))


if __name__ == "__main__":  # pragma: no cover - the child
    _serve(sys.argv[1], int(sys.argv[2]))
