"""The analysis workers end with the server, whatever signal ended it (issue 21,
point 11): ``grenswerk serve`` runs an analysis that starts worker processes and a query
that starts the query engine's child, is killed with SIGTERM or SIGKILL, and none of its
processes is left."""

from __future__ import annotations

import json
import os
import signal
import time
import urllib.request
from pathlib import Path

import pytest

from api.keys import KeyStore
from graph.analysis.parallel import MIN_NODES
from graph.model import Node, Relationship
from graph.store.sqlite import SQLiteStore
from tests.served import served

pytestmark = pytest.mark.slow

W = "groot"


def _workspace(data: Path) -> str:
    """A workspace big enough for the workers (a ring of MIN_NODES + 10 organisations
    with chords), and an analyst key of it."""
    store = SQLiteStore(data / "grenswerk.sqlite3")
    n = MIN_NODES + 10
    nodes = [Node(id=f"o{i}", kind="organisation", name=f"Org {i}", workspace=W) for i in range(n)]
    ties = [
        Relationship(type="collaborates_with", source=f"o{i}", target=f"o{j}", workspace=W)
        for i in range(n)
        for j in ((i + 1) % n, (i * 7 + 3) % n)
        if i != j
    ]
    store.upsert(W, nodes, ties)
    keys = KeyStore(store, close_store=True)
    token = keys.create(W, "analyst")
    keys.close()
    return token


def _children() -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            found.setdefault(parent, []).append(int(entry))
    return found


def _descendants(pid: int) -> set[int]:
    children, found, todo = _children(), set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; only its exit status is left


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_no_worker_outlives_the_server(tmp_path: Path, sig: signal.Signals) -> None:
    data = tmp_path / "data"
    data.mkdir()
    token = _workspace(data)
    env = {"GRENSWERK_ANALYSIS_WORKERS": "2"}
    with served(data, env) as (server, url):
        request = urllib.request.Request(
            # path-weighted: the one betweenness that runs in igraph's worker processes
            f"{url}/api/workspaces/{W}/analyses/centrality"
            "?measures=betweenness&path_weighted=true&limit=1",
            headers={"Authorization": f"Bearer {token}"},
        )
        with urllib.request.urlopen(request, timeout=120) as response:
            assert json.load(response)["meta"]["nodes"] == MIN_NODES + 10
        before_query = _descendants(server.pid)
        assert len(before_query) >= 3, before_query  # the fork server and two workers at least
        question = urllib.request.Request(  # the query engine: a child process of its own
            f"{url}/api/workspaces/{W}/query",
            data=json.dumps({"query": "MATCH (o:Organisation) RETURN count(o) AS n"}).encode(),
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(question, timeout=120) as response:
            assert json.load(response)["rows"] == [[MIN_NODES + 10]]
        processes = _descendants(server.pid)
        assert processes > before_query, processes
        server.send_signal(sig)
        server.wait(timeout=30)
        deadline = time.monotonic() + 15
        while (left := {p for p in processes if _alive(p)}) and time.monotonic() < deadline:
            time.sleep(0.2)
        try:
            assert not left, {p: Path(f"/proc/{p}/cmdline").read_bytes()[:80] for p in left}
        finally:
            for pid in left:  # leave no orphan behind when the test fails
                os.kill(pid, signal.SIGKILL)
