"""``grenswerk changes``, ``undo`` and ``merge`` (issue 13, points 3 and 4)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.app import app
from graph.access import Actor
from graph.model import Node, Relationship
from graph.store.sqlite import SQLiteStore
from tests.conftest import snapshot

runner = CliRunner()
W = "w"


def gw(data: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--data-dir", str(data), *args])
    return result.exit_code, result.output


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    store = SQLiteStore(folder / "grenswerk.sqlite3")
    store.upsert(
        W,
        [
            Node(id="roc", kind="organisation", name="ROC Midden-Nederland", workspace=W),
            Node(id="roc-mn", kind="organisation", name="ROC MN", workspace=W),
            Node(id="ilse", kind="person", name="Ilse Hartgers", workspace=W),
        ],
        [Relationship(type="works_at", source="ilse", target="roc-mn", workspace=W)],
        actor=Actor("Anna (adviseur)", "editor", "api"),
    )
    store.close()
    return folder


def _store(data: Path) -> SQLiteStore:
    return SQLiteStore(data / "grenswerk.sqlite3")


def test_changes_table_and_json(data: Path) -> None:
    code, output = gw(data, "changes", "-w", W)
    assert code == 0
    assert "Anna (adviseur)" in output and "upsert" in output and "3 nodes created" in output
    code, output = gw(data, "changes", "-w", W, "--json")
    assert code == 0
    (entry,) = json.loads(output)
    assert (entry["id"], entry["actor"], entry["role"]) == (1, "Anna (adviseur)", "editor")
    assert entry["counts"] == {"nodes_created": 3, "relationships_created": 1}


def test_changes_refuses_bad_input(data: Path) -> None:
    code, output = gw(data, "changes", "-w", "nope")
    assert code == 1 and "no workspace 'nope'" in output
    code, output = gw(data, "changes", "-w", W, "--since", "gisteren")
    assert code == 2 and "YYYY-MM-DD" in output


def test_merge_and_undo(data: Path) -> None:
    store = _store(data)
    before = snapshot(store, W)
    store.close()
    code, output = gw(data, "merge", "roc", "ROC MN", "-w", W)
    assert code == 0, output
    assert "merged 'roc-mn' into 'roc'" in output and "grenswerk undo 2 -w w" in output
    store = _store(data)
    assert store.get_node(W, "roc-mn") is None
    assert [r.target for r in store.list_relationships(W)] == ["roc"]
    store.close()
    code, output = gw(data, "changes", "-w", W)
    assert "merge" in output and "console" in output
    code, output = gw(data, "undo", "2", "-w", W)
    assert code == 0 and "undid change 2 (recorded as change 3)" in output
    store = _store(data)
    assert snapshot(store, W)[1:] == before[1:]
    store.close()
    code, output = gw(data, "undo", "2", "-w", W)
    assert code == 1 and "cannot be undone" in output


def test_merge_refuses_with_a_clear_message(data: Path) -> None:
    code, output = gw(data, "merge", "roc", "ilse", "-w", W)
    assert code == 1 and "only nodes of the same kind" in output
    code, output = gw(data, "merge", "roc", "nope", "-w", W)
    assert code == 1 and "no node 'nope'" in output
    code, output = gw(data, "undo", "42", "-w", W)
    assert code == 1 and "no change 42" in output
    store = _store(data)
    assert [c.id for c in store.changes(W)] == [1]
    store.close()


def test_forget_leaves_its_entry_and_no_name_in_the_log(data: Path) -> None:
    code, output = gw(data, "forget", "ilse", "-w", W)
    assert code == 0, output
    code, output = gw(data, "changes", "-w", W, "--json")
    entries = json.loads(output)
    assert [(e["action"], e["note"], e["role"]) for e in entries] == [
        ("forget", "grenswerk forget", "system"),
        ("upsert", "api", "editor"),
    ]
    store = _store(data)
    text = " ".join(c.model_dump_json() for c in (store.change(W, 1), store.change(W, 2)) if c)
    store.close()
    assert "ilse" not in text.lower() and "hartgers" not in text.lower()
