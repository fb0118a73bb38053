"""Graph snapshots beside the SQLite file: the same graph as a load from the rows,
never served after a write, and a foreign or damaged file is ignored and rebuilt."""

from __future__ import annotations

import pickle
import time
from pathlib import Path
from unittest import mock

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.model import Node, Relationship
from graph.store import snapshot
from graph.store.snapshot import Snapshots
from graph.store.sqlite import SQLiteStore
from importers import ImportOptions, import_paths
from tests.graph.analysis.test_potential_batch import random_workspace
from tests.graph.store.test_stored_graph import picture

DEMO_DIR = Path(__file__).parents[3] / "graph" / "data"


def same_graph(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> None:
    """Equal in everything: attributes and their types, the order of nodes, ties and each
    node's predecessors, and one key dict per pair of nodes seen from both ends."""
    assert picture(a) == picture(b)


def fresh(path: Path, workspace: str) -> nx.MultiDiGraph:
    """The graph read from the rows, without snapshots."""
    store = SQLiteStore(path, snapshots=False)
    try:
        return store.load_graph(workspace)
    finally:
        store.close()


@pytest.fixture
def demo(tmp_path: Path) -> SQLiteStore:
    store = SQLiteStore(tmp_path / "g.sqlite3")
    import_paths(store, [DEMO_DIR], ImportOptions("demo"))
    return store


def test_snapshot_gives_the_graph_load_graph_builds(demo: SQLiteStore, tmp_path: Path) -> None:
    first = demo.load_graph("demo")
    assert demo.snapshots is not None
    demo.snapshots.wait()  # written in a thread of its own
    assert demo.snapshots.path("demo").exists()
    no_rows = AssertionError("rows read")
    with mock.patch("graph.store.stored_graph.stored_graph", side_effect=no_rows):
        again = demo.load_graph("demo")  # from the snapshot: no row decoded
    same_graph(again, first)
    same_graph(again, fresh(tmp_path / "g.sqlite3", "demo"))
    assert again is not first


def test_a_write_invalidates_the_snapshot(demo: SQLiteStore, tmp_path: Path) -> None:
    demo.load_graph("demo")
    demo.upsert("demo", [Node(id="nieuw", kind="theme", name="Nieuw thema", workspace="demo")])
    after = demo.load_graph("demo")
    assert "nieuw" in after
    same_graph(after, fresh(tmp_path / "g.sqlite3", "demo"))
    some = next(iter(after.edges(keys=True)))[2]
    assert demo.delete_relationships("demo", [some]) == 1
    assert some not in {k for _, _, k in demo.load_graph("demo").edges(keys=True)}


def test_a_recreated_workspace_is_not_served_the_old_snapshot(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "g.sqlite3")
    store.upsert("w", [Node(id="a", kind="theme", name="A", workspace="w")])
    assert "a" in store.load_graph("w")
    assert store.delete_workspace("w")
    store.upsert("w", [Node(id="b", kind="theme", name="B", workspace="w")])
    assert store.version("w") == 1  # the same version number as the old one had
    assert list(store.load_graph("w")) == ["b"]


def _tamper(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-10] ^= 0xFF
    path.write_bytes(bytes(data))


def _foreign(path: Path) -> None:
    """A pickle that would run code if it were trusted."""

    class Boom:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (exec, ("raise SystemExit('foreign pickle ran')",))

    path.write_bytes(pickle.dumps(Boom()))


def _other_key(path: Path) -> None:
    """A well-formed snapshot signed with another key."""
    (path.parent / "key").write_bytes(b"x" * 32)


@pytest.mark.parametrize("spoil", [_tamper, _foreign, _other_key])
def test_a_foreign_or_damaged_snapshot_is_ignored_and_rebuilt(
    demo: SQLiteStore, tmp_path: Path, spoil: object
) -> None:
    demo.load_graph("demo")
    assert demo.snapshots is not None
    demo.snapshots.wait()
    path = demo.snapshots.path("demo")
    spoil(path)  # type: ignore[operator]
    rebuilt = demo.load_graph("demo")
    same_graph(rebuilt, fresh(tmp_path / "g.sqlite3", "demo"))
    # written again, signed: the next load reads it
    assert demo.snapshots.load("demo", demo._stamp(demo._db, "demo") or "") is not None


def test_a_snapshot_of_another_workspace_is_not_served(tmp_path: Path) -> None:
    snapshots = Snapshots(tmp_path / "s")
    g = nx.MultiDiGraph(workspace="a")
    g.add_node("x")
    assert snapshots.save("a", "t|1|1", g)
    snapshots.path("a").replace(snapshots.path("b"))
    assert snapshots.load("b", "t|1|1") is None
    assert snapshots.load("a", "t|1|1") is None


def test_an_unwritable_folder_only_costs_speed(tmp_path: Path) -> None:
    blocker = tmp_path / "g.sqlite3.snapshots"
    blocker.write_text("not a folder")
    store = SQLiteStore(tmp_path / "g.sqlite3")
    store.upsert(
        "w",
        [
            Node(id="a", kind="theme", name="A", workspace="w"),
            Node(id="p", kind="person", name="P", workspace="w"),
        ],
        [Relationship(type="works_on", source="p", target="a", workspace="w", id="r")],
    )
    assert sorted(store.load_graph("w")) == ["a", "p"]
    assert sorted(store.load_graph("w")) == ["a", "p"]


def test_the_key_is_readable_by_its_owner_alone(demo: SQLiteStore) -> None:
    demo.load_graph("demo")
    assert demo.snapshots is not None
    demo.snapshots.wait()
    assert (demo.snapshots.folder / "key").stat().st_mode & 0o077 == 0


def test_a_memory_store_keeps_no_snapshots() -> None:
    assert SQLiteStore(":memory:").snapshots is None


def test_loading_leaves_the_garbage_collector_as_it_was(demo: SQLiteStore) -> None:
    import gc

    assert gc.isenabled()
    demo.load_graph("demo")  # from the rows
    assert gc.isenabled()
    demo.load_graph("demo")  # from the snapshot
    assert gc.isenabled()
    gc.disable()
    try:
        demo.load_graph("demo")
        assert not gc.isenabled()
    finally:
        gc.enable()


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.integers(0, 10_000), st.integers(1, 30), st.integers(0, 60))
def test_a_graph_pickled_in_parts_comes_back_whole(
    monkeypatch: pytest.MonkeyPatch, seed: int, n: int, m: int
) -> None:
    """The parts (a few nodes each here) share one memo: the graph read back is the one
    written, and the one a whole pickle gave (FORMAT 1), key dicts shared as networkx
    shares them; a self-loop, parallel ties and an isolate included."""
    monkeypatch.setattr(snapshot, "_PART", 3)
    graph = random_workspace(seed, n, m)
    graph.graph["workspace"] = "w"
    first = next(iter(graph))
    graph.add_edge(first, first, key="loop", type="related_to")
    graph.add_edge(first, "alone", key="a", type="related_to", properties={"x": [1]})
    graph.add_edge(first, "alone", key="b", type="related_to")
    back = snapshot._unpickled(memoryview(snapshot._pickled(graph)))
    assert type(back) is nx.MultiDiGraph
    same_graph(back, graph)
    same_graph(back, pickle.loads(pickle.dumps(graph)))
    assert back.graph == {"workspace": "w"}
    back.add_edge("alone", first, key="c", type="related_to")  # networkx works on it
    assert back.number_of_edges() == graph.number_of_edges() + 1
    assert back._succ["alone"][first] is back._pred[first]["alone"]


def test_repeated_values_are_one_string_in_the_snapshot_too(demo: SQLiteStore) -> None:
    """The builder keeps one string per repeated value (a kind, a type, a date); the
    pickle memo keeps them one: the snapshot is smaller and quicker to read."""
    for graph in (demo.load_graph("demo"), demo.load_graph("demo")):  # rows, snapshot
        types = [t for *_, t in graph.edges(data="type") if t == "works_at"]
        kinds = [k for _, k in graph.nodes(data="kind") if k == "organisation"]
        assert len(types) > 1 and len({id(t) for t in types}) == 1
        assert len(kinds) > 1 and len({id(k) for k in kinds}) == 1


def test_a_snapshot_that_fails_to_be_written_is_not_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    snapshots = Snapshots(tmp_path / "s")
    g = nx.MultiDiGraph(workspace="w")
    g.add_node("x")
    assert snapshots.save("w", "t|1|1", g)

    def changed(*_: object, **__: object) -> bool:
        raise RuntimeError("dictionary changed size during iteration")

    monkeypatch.setattr(snapshots, "save", changed)
    snapshots.save_later("w", "t|2|1", g)
    snapshots.wait()
    assert not snapshots.path("w").exists()  # the older one is gone too
    assert snapshots.load("w", "t|1|1") is None
    assert "no graph snapshot of w written" in caplog.text


def test_a_write_in_the_background_leaves_the_interpreter_between_parts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The writer pauses after each part when asked (other threads answer requests
    meanwhile), and save_later asks it to sleep; save, called by whoever waits for the
    file, does not."""
    monkeypatch.setattr(snapshot, "_PART", 2)
    graph = random_workspace(1, 9, 12)
    pauses: list[float] = []
    data = snapshot._pickled(graph, pause=pauses.append)
    assert len(pauses) == 3 * 5  # nodes, successors, predecessors: five parts each
    same_graph(snapshot._unpickled(memoryview(data)), graph)
    assert data == snapshot._pickled(graph)  # the same file, paused or not
    snapshots = Snapshots(tmp_path / "s")
    asked: list[object] = []
    monkeypatch.setattr(snapshots, "save", lambda *_, **how: asked.append(how.get("pause")))
    snapshots.save_later("w", "t|2|1", graph)
    snapshots.wait()
    assert asked == [time.sleep]
