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
from tests.conftest import COPY_TIES, DEMO_DIR, Neo4jTarget, snapshot
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
def test_the_copy_command_to_neo4j_and_back_with_many_ties(
    tmp_path: Path, neo4j_store: Store, monkeypatch: pytest.MonkeyPatch, neo4j_target: Neo4jTarget
) -> None:
    """``grenswerk copy`` with a Neo4j address (its credentials from the settings), of an
    embedded store holding the demo, the fictional ROC and 100 000 synthetic ties, to
    Neo4j and back into a new SQLite file: every workspace the same, field for field."""
    monkeypatch.setenv("GRENSWERK_NEO4J_USER", neo4j_target.user)
    monkeypatch.setenv("GRENSWERK_NEO4J_PASSWORD", neo4j_target.password or "")
    embedded = SQLiteStore(tmp_path / "from.sqlite3")
    import_paths(embedded, [DEMO_DIR], ImportOptions("demo"))
    import_paths(embedded, [VOORBEELD], ImportOptions("voorbeeld-roc"))
    _, made = import_paths(embedded, synthetic_csv(tmp_path, COPY_TIES), ImportOptions("groot"))
    assert made.relationships_created == COPY_TIES
    embedded.close()

    def gw(*args: str) -> str:
        result = CliRunner().invoke(app, ["--data-dir", str(tmp_path / "data"), *args])
        assert result.exit_code == 0, result.output
        return result.output

    there = gw("copy", "--from", f"sqlite:{tmp_path / 'from.sqlite3'}", "--to", neo4j_target.uri)
    back = gw("copy", "--from", neo4j_target.uri, "--to", f"sqlite:{tmp_path / 'back.sqlite3'}")
    for output in (there, back):
        assert "demo: 79 nodes, 190 relationships" in output, output
        groot = f"groot: {COPY_TIES // 10 + COPY_TIES // 20} nodes, {COPY_TIES} relationships"
        assert groot in output, output
        assert "voorbeeld-roc:" in output, output
    first, second = SQLiteStore(tmp_path / "from.sqlite3"), SQLiteStore(tmp_path / "back.sqlite3")
    assert [w.name for w in second.workspaces()] == ["demo", "groot", "voorbeeld-roc"]
    for name in ("demo", "voorbeeld-roc", "groot"):
        assert snapshot(second, name)[1:] == snapshot(first, name)[1:], name
        assert snapshot(neo4j_store, name)[1:] == snapshot(first, name)[1:], name
    first.close()
    second.close()
