"""Copying workspaces between stores, losslessly: SQLite → SQLite, and SQLite → the real
Neo4j → SQLite for the demo, the fictional ROC and a synthetic workspace of 100 000 ties,
by the function and by ``grenswerk copy``."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.app import app
from graph.errors import NotFound
from graph.store.base import Store
from graph.store.copying import copy_workspaces
from graph.store.sqlite import SQLiteStore
from importers import ImportOptions, import_paths
from tests.conftest import DEMO_DIR, Neo4jTarget, snapshot
from tests.neo4j.synthetic import synthetic_csv

VOORBEELD = Path(__file__).parents[3] / "graph" / "data" / "voorbeeld"


def test_sqlite_to_sqlite(demo_store: SQLiteStore, tmp_path: Path) -> None:
    target = SQLiteStore(tmp_path / "copy.sqlite3")
    seen: list[int] = []
    reports = copy_workspaces(demo_store, target, progress=lambda _, total: seen.append)
    assert [r.workspace for r in reports] == ["demo"]
    assert reports[0].nodes == 79 and reports[0].relationships == 190
    assert sum(seen) == 79 + 190
    assert snapshot(target, "demo")[1:] == snapshot(demo_store, "demo")[1:]
    again = copy_workspaces(demo_store, target, ["demo"])
    assert again[0].created == 0  # idempotent
    target.close()


def test_unknown_workspace(demo_store: SQLiteStore, tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="nope"):
        copy_workspaces(demo_store, SQLiteStore(":memory:"), ["nope"])


def _there_and_back(source: SQLiteStore, neo4j: Store, back: SQLiteStore, name: str) -> None:
    """Copy ``name`` to Neo4j and back: every node and tie is the same, field for field."""
    seen: list[int] = []
    (there,) = copy_workspaces(source, neo4j, [name], progress=lambda _, total: seen.append)
    assert sum(seen) == there.nodes + there.relationships == there.created
    assert neo4j.version(name) == 1
    (home,) = copy_workspaces(neo4j, back, [name])
    assert (home.nodes, home.relationships) == (there.nodes, there.relationships)
    assert snapshot(back, name)[1:] == snapshot(source, name)[1:]
    assert snapshot(neo4j, name)[1:] == snapshot(source, name)[1:]
    again = copy_workspaces(source, neo4j, [name])  # idempotent on Neo4j too
    assert again[0].created == 0 and neo4j.version(name) == 1


@pytest.mark.neo4j
def test_demo_and_the_fictional_roc_to_neo4j_and_back(
    demo_store: SQLiteStore, neo4j_store: Store, tmp_path: Path
) -> None:
    import_paths(demo_store, [VOORBEELD], ImportOptions("voorbeeld-roc"))
    back = SQLiteStore(tmp_path / "back.sqlite3")
    for name in ("demo", "voorbeeld-roc"):
        _there_and_back(demo_store, neo4j_store, back, name)
    back.close()


@pytest.mark.neo4j
@pytest.mark.slow
def test_100_000_ties_to_neo4j_and_back(neo4j_store: Store, tmp_path: Path) -> None:
    source = SQLiteStore(tmp_path / "source.sqlite3")
    _, result = import_paths(source, synthetic_csv(tmp_path, 100_000), ImportOptions("groot"))
    assert result.relationships_created == 100_000
    back = SQLiteStore(tmp_path / "back.sqlite3")
    _there_and_back(source, neo4j_store, back, "groot")
    source.close()
    back.close()


@pytest.mark.neo4j
def test_the_copy_command_to_neo4j_and_back(
    tmp_path: Path, neo4j_store: Store, monkeypatch: pytest.MonkeyPatch, neo4j_target: Neo4jTarget
) -> None:
    """``grenswerk copy`` with a Neo4j address, its credentials from the settings."""
    monkeypatch.setenv("GRENSWERK_NEO4J_USER", neo4j_target.user)
    monkeypatch.setenv("GRENSWERK_NEO4J_PASSWORD", neo4j_target.password or "")
    embedded = SQLiteStore(tmp_path / "from.sqlite3")
    import_paths(embedded, [DEMO_DIR], ImportOptions("demo"))
    embedded.close()

    def gw(*args: str) -> tuple[int, str]:
        result = CliRunner().invoke(app, ["--data-dir", str(tmp_path / "data"), *args])
        return result.exit_code, result.output

    there = gw("copy", "--from", f"sqlite:{tmp_path / 'from.sqlite3'}", "--to", neo4j_target.uri)
    assert there[0] == 0 and "demo: 79 nodes, 190 relationships" in there[1], there
    back = gw("copy", "--from", neo4j_target.uri, "--to", f"sqlite:{tmp_path / 'back.sqlite3'}")
    assert back[0] == 0 and "demo: 79 nodes, 190 relationships" in back[1], back
    first, second = SQLiteStore(tmp_path / "from.sqlite3"), SQLiteStore(tmp_path / "back.sqlite3")
    assert snapshot(second, "demo")[1:] == snapshot(first, "demo")[1:]
    first.close()
    second.close()
