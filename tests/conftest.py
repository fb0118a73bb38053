"""Shared fixtures: stores on every available backend, the demo network, fixture files."""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from graph.store.base import Store
from graph.store.sqlite import SQLiteStore
from importers import ImportOptions, import_paths
from tests.neo4j.server import Neo4jServer, ServerNotStarted

FIXTURES = Path(__file__).parent / "fixtures"
DEMO_DIR = Path(__file__).parents[1] / "graph" / "data"

#: an external Neo4j to test against (e.g. `docker compose up -d neo4j`); without it the
#: suite starts its own real server (tests/neo4j/server.py, jars from `make neo4j-deps`)
NEO4J_URI = os.environ.get("NEO4J_URI") or os.environ.get("GRENSWERK_NEO4J_URI")
#: the one explicit opt-out, for a person without Java; printed loudly, never set in CI
NEO4J_OFF = os.environ.get("GRENSWERK_TEST_NEO4J", "").lower() in ("off", "0", "no")

#: Store backends the contract suite runs against: Neo4j is a real server in every run.
BACKENDS = ["sqlite-file", "sqlite-memory", pytest.param("neo4j", marks=pytest.mark.neo4j)]

#: The flows people use run on both backends: a test decorated with ``@on_both`` runs
#: once on SQLite and once on the real Neo4j server (its ``backend`` fixture says which;
#: ``flow_store``, ``demo_store``, the API's ``env`` and the console's settings follow it).
#: The sizes of the Neo4j tests at scale (issue 20): a 100 000-tie copy, a kill -9 during
#: a 200 000-tie import. Both run in ``make test``; until the ties were created rather
#: than merged (graph/store/neo4j/cypher/elements.py) the import's one transaction ran
#: past the test server's 10-minute timeout.
COPY_TIES = 100_000
KILL_TIES = 200_000

ON_BOTH = ["sqlite", pytest.param("neo4j", marks=pytest.mark.neo4j)]
on_both = pytest.mark.parametrize("backend", ON_BOTH, indirect=True)


@dataclass(frozen=True)
class Neo4jTarget:
    """Where the Neo4j under test answers, and the server process when the suite owns it."""

    uri: str
    user: str
    password: str | None
    database: str
    server: Neo4jServer | None = None


class _EarlyServer:
    """The suite's server, started in the background as soon as the collected tests are
    known to need it, so its start (20 s, minutes on a loaded machine) overlaps with the
    tests that run before the first Neo4j test."""

    def __init__(self) -> None:
        self.server: Neo4jServer | None = None
        self.failed: str | None = None
        self.folder: Path | None = None
        self.thread: threading.Thread | None = None

    def start(self) -> None:
        if self.thread is not None:
            return
        self.folder = Path(tempfile.mkdtemp(prefix="grenswerk-neo4j-"))
        self.server = Neo4jServer(self.folder / "data")
        self.thread = threading.Thread(target=self._run, name="neo4j-start", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        assert self.server is not None
        try:
            self.server.start()
        except ServerNotStarted as exc:
            self.failed = str(exc)

    def wait(self) -> Neo4jServer:
        self.start()
        assert self.thread is not None and self.server is not None
        self.thread.join()
        if self.failed:
            raise ServerNotStarted(self.failed)
        return self.server

    def stop(self) -> None:
        if self.thread is not None:
            self.thread.join()
        if self.server is not None:
            self.server.stop()
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)


_EARLY = _EarlyServer()


def _needs_the_shared_server(item: pytest.Item) -> bool:
    """Whether a test uses the suite's server (the fault tests start their own)."""
    if "neo4j_target" in getattr(item, "fixturenames", ()):
        return True
    callspec = getattr(item, "callspec", None)
    return callspec is not None and "neo4j" in callspec.params.values()


#: the tests marked ``neo4j`` (by their marker, not by a keyword: the tests in the folder
#: ``tests/neo4j`` have "neo4j" among their keywords too, the compose check among them)
_MARKED_NEO4J: set[str] = set()


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start the suite's Neo4j server now if any test that will run needs it."""
    _MARKED_NEO4J.update(i.nodeid for i in session.items if i.get_closest_marker("neo4j"))
    needed = any(_needs_the_shared_server(item) for item in session.items)
    if needed and not NEO4J_URI and not NEO4J_OFF and not session.config.option.collectonly:
        _EARLY.start()


@pytest.fixture(scope="session")
def neo4j_target(request: pytest.FixtureRequest) -> Iterator[Neo4jTarget]:
    """The real Neo4j server of this test run, started once and stopped at the end; the
    server also stops if this process dies (its standard input closes). When it does not
    come up, the run stops with one line saying why."""
    if NEO4J_URI:
        yield Neo4jTarget(
            NEO4J_URI,
            os.environ.get("NEO4J_USER") or os.environ.get("GRENSWERK_NEO4J_USER", "neo4j"),
            os.environ.get("NEO4J_PASSWORD") or os.environ.get("GRENSWERK_NEO4J_PASSWORD"),
            os.environ.get("NEO4J_DATABASE") or os.environ.get("GRENSWERK_NEO4J_DATABASE", "neo4j"),
        )
        return
    if NEO4J_OFF:
        pytest.skip("GRENSWERK_TEST_NEO4J=off: the Neo4j tests were NOT run (opt-out)")
    try:
        server = _EARLY.wait()
    except ServerNotStarted as exc:
        _EARLY.stop()
        why = f"the Neo4j tests need a real server and none started: {exc}"
        request.session.shouldstop = why
        pytest.fail(why, pytrace=False)
    NEO4J_RUNS["started"] = True
    try:
        yield Neo4jTarget(server.uri, server.user, server.password, "neo4j", server)
    finally:
        _EARLY.stop()


#: empties the throw-away server between tests: workspaces, keys, sessions, links, logs
WIPE = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"


def wipe_neo4j(target: Neo4jTarget) -> None:
    """Empty the Neo4j under test: it is a throw-away server (the suite's own, or one
    named for testing by NEO4J_URI)."""
    import neo4j

    auth = (target.user, target.password or "")
    with (
        neo4j.GraphDatabase.driver(target.uri, auth=auth) as driver,
        driver.session(database=target.database) as session,
    ):
        session.run(WIPE).consume()


def open_neo4j_store(target: Neo4jTarget, **options: Any) -> Store:
    """A store on the Neo4j under test, emptied of everything (:func:`wipe_neo4j`)."""
    from graph.store.neo4j import Neo4jStore

    wipe_neo4j(target)
    return Neo4jStore(target.uri, target.user, target.password, target.database, **options)


#: whether this run started its own server; the terminal summary says so
NEO4J_RUNS: dict[str, bool] = {"started": False}


def make_store(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Store:
    if backend == "sqlite-file":
        return SQLiteStore(tmp_path / "store" / "grenswerk.sqlite3")
    if backend == "sqlite-memory":
        return SQLiteStore(":memory:")
    if backend == "neo4j":
        # batches of 7: the contract's small writes and reads cross batch and fetch borders
        return open_neo4j_store(request.getfixturevalue("neo4j_target"), batch_size=7)
    raise AssertionError(f"unknown backend {backend}")


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    backend = make_store(request.param, tmp_path, request)
    yield backend
    backend.close()


@pytest.fixture
def neo4j_store(neo4j_target: Neo4jTarget) -> Iterator[Store]:
    """A store on the real Neo4j server, emptied of every workspace."""
    backend = open_neo4j_store(neo4j_target)
    yield backend
    backend.close()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Say how many tests ran against the real Neo4j server, or loudly that none did."""
    stats = terminalreporter.stats
    ran = [
        r
        for key in ("passed", "failed", "error")
        for r in stats.get(key, [])
        if getattr(r, "when", "call") == "call" and r.nodeid in _MARKED_NEO4J
    ]
    skipped = [r for r in stats.get("skipped", []) if r.nodeid in _MARKED_NEO4J]
    where = "the suite's own Neo4j server" if NEO4J_RUNS["started"] else NEO4J_URI or "Neo4j"
    terminalreporter.write_line(
        f"Neo4j: {len(ran)} tests ran against {where} (real server), {len(skipped)} skipped"
    )
    if NEO4J_OFF:
        terminalreporter.write_line(
            "!" * 20 + " GRENSWERK_TEST_NEO4J=off: the Neo4j tests were NOT run " + "!" * 20,
            red=True,
            bold=True,
        )


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[SQLiteStore]:
    backend = SQLiteStore(tmp_path / "grenswerk.sqlite3")
    yield backend
    backend.close()


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """The backend of the test's stores: ``sqlite``, or both with ``@on_both``."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture
def flow_store(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty store on the test's backend: a SQLite file, or the real Neo4j server
    (emptied, with graph snapshots in the test's folder as the server keeps them)."""
    if backend == "neo4j":
        target = request.getfixturevalue("neo4j_target")
        opened = open_neo4j_store(target, snapshots=tmp_path / "neo4j-snapshots")
    else:
        opened = SQLiteStore(tmp_path / "flow" / "grenswerk.sqlite3")
    yield opened
    opened.close()


@pytest.fixture
def neo4j_settings(
    backend: str,
    flow_store: Store,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
) -> dict[str, str]:
    """With the ``neo4j`` backend: the settings (``GRENSWERK_STORE=neo4j`` and the address
    of the server under test, emptied by ``flow_store``) set in the environment, as a
    person running Grenswerk on Neo4j sets them; they are also returned. With ``sqlite``
    nothing is set."""
    if backend != "neo4j":
        return {}
    target: Neo4jTarget = request.getfixturevalue("neo4j_target")
    settings = {
        "GRENSWERK_STORE": "neo4j",
        "GRENSWERK_NEO4J_URI": target.uri,
        "GRENSWERK_NEO4J_USER": target.user,
        "GRENSWERK_NEO4J_PASSWORD": target.password or "",
        "GRENSWERK_NEO4J_DATABASE": target.database,
    }
    for name, value in settings.items():
        monkeypatch.setenv(name, value)
    return settings


@pytest.fixture
def demo_store(flow_store: Store) -> Store:
    """The demo network in a store of the test's backend (SQLite unless ``@on_both``)."""
    import_paths(flow_store, [DEMO_DIR], ImportOptions("demo"))
    return flow_store


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


def snapshot(store: Store, workspace: str) -> tuple[int, list[str], list[str]]:
    """Everything a workspace holds, to compare before and after a failed import."""
    nodes = [n.model_dump_json() for n in store.list_nodes(workspace)]
    rels = [r.model_dump_json() for r in store.list_relationships(workspace)]
    return store.version(workspace), nodes, rels
