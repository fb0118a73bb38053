"""Shared fixtures: stores on every available backend, the demo network, fixture files."""

from __future__ import annotations

import os
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


@dataclass(frozen=True)
class Neo4jTarget:
    """Where the Neo4j under test answers, and the server process when the suite owns it."""

    uri: str
    user: str
    password: str | None
    database: str
    server: Neo4jServer | None = None


@pytest.fixture(scope="session")
def neo4j_target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jTarget]:
    """The real Neo4j server of this test run, started once (about 20 s) and stopped at
    the end; the server also stops if this process dies (its standard input closes)."""
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
    server = Neo4jServer(tmp_path_factory.mktemp("neo4j") / "data")
    try:
        server.start()
    except ServerNotStarted as exc:
        pytest.exit(f"the Neo4j tests need a real server and none started: {exc}", returncode=3)
    NEO4J_RUNS["started"] = True
    try:
        yield Neo4jTarget(server.uri, server.user, server.password, "neo4j", server)
    finally:
        server.stop()


#: empties the throw-away server between tests: workspaces, keys, sessions, links, logs
WIPE = "MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"


def open_neo4j_store(target: Neo4jTarget, **options: Any) -> Store:
    """A store on the Neo4j under test, emptied of everything: the server is a
    throw-away one (the suite's own, or one named for testing by NEO4J_URI)."""
    import neo4j

    from graph.store.neo4j import Neo4jStore

    auth = (target.user, target.password or "")
    with (
        neo4j.GraphDatabase.driver(target.uri, auth=auth) as driver,
        driver.session(database=target.database) as session,
    ):
        session.run(WIPE).consume()
    return Neo4jStore(target.uri, target.user, target.password, target.database, **options)


#: whether this run started its own server; the terminal summary says so
NEO4J_RUNS: dict[str, bool] = {"started": False}


def make_store(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Store:
    if backend == "sqlite-file":
        return SQLiteStore(tmp_path / "store" / "grenswerk.sqlite3")
    if backend == "sqlite-memory":
        return SQLiteStore(":memory:")
    if backend == "neo4j":
        return open_neo4j_store(request.getfixturevalue("neo4j_target"))
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
        if getattr(r, "when", "call") == "call" and "neo4j" in getattr(r, "keywords", {})
    ]
    skipped = [r for r in stats.get("skipped", []) if "neo4j" in getattr(r, "keywords", {})]
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
def demo_store(sqlite_store: SQLiteStore) -> SQLiteStore:
    import_paths(sqlite_store, [DEMO_DIR], ImportOptions("demo"))
    return sqlite_store


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


def snapshot(store: Store, workspace: str) -> tuple[int, list[str], list[str]]:
    """Everything a workspace holds, to compare before and after a failed import."""
    nodes = [n.model_dump_json() for n in store.list_nodes(workspace)]
    rels = [r.model_dump_json() for r in store.list_relationships(workspace)]
    return store.version(workspace), nodes, rels
