"""The Neo4j backend through the real ``neo4j`` driver (sessions, managed transactions,
results) against the scripted Bolt server of :mod:`tests.graph.store.bolt_fake`: what
the driver sends, how its errors come out, and the analyst's read-only queries."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest

from graph.access import Actor
from graph.analysis.cache import AnalysisCache
from graph.errors import GrenswerkError, StoreError
from graph.model import Node, Relationship, RelType
from graph.store.base import Store
from graph.store.neo4j import Neo4jStore, Neo4jUnavailable, ReadOnlyQueryError, cypher
from importers import ImportOptions, import_paths
from tests.conftest import DEMO_DIR
from tests.graph.store.bolt_fake import FakeNeo4j, Fault, node_struct
from tests.graph.store.test_stored_graph import picture

W = "w"


@pytest.fixture
def store(fake_neo4j: FakeNeo4j) -> Iterator[Neo4jStore]:
    backend = Neo4jStore(fake_neo4j.uri, "neo4j", "secret", batch_size=7)
    yield backend
    backend.close()


def theme(node_id: str) -> Node:
    return Node(id=node_id, kind="theme", name=node_id.upper(), workspace=W)


def org(node_id: str) -> Node:
    return Node(id=node_id, kind="organisation", name=node_id.upper(), workspace=W)


def partners(source: str, target: str) -> Relationship:
    return Relationship(type="partners_with", source=source, target=target, workspace=W)


def transactions(server: FakeNeo4j, since: int = 0) -> list[tuple[dict[str, Any], list[str]]]:
    """Each transaction since log entry ``since``: its BEGIN's extra and the statement
    names it ran (auto-commit runs count as a transaction of their own)."""
    out: list[tuple[dict[str, Any], list[str]]] = []
    current: list[str] | None = None
    for name, fields in server.log[since:]:
        if name == "BEGIN":
            current = []
            out.append((fields[0], current))
        elif name == "RUN":
            text = cypher.ALL_STATEMENTS
            label = next((n for n, q in text.items() if q == fields[0]), fields[0])
            if current is None:
                out.append((fields[2], [label]))
            else:
                current.append(label)
        elif name in ("COMMIT", "ROLLBACK"):
            current = None
    return out


# -- point 3: read_only through the driver ---------------------------------------------

QUERY = "MATCH (n:Node {workspace: $workspace}) RETURN n.name AS name LIMIT 2"


def test_read_only_runs_in_a_read_transaction_with_its_timeout(
    fake_neo4j: FakeNeo4j, store: Neo4jStore
) -> None:
    fake_neo4j.scripted[QUERY] = (["name"], [["A"], ["B"], ["C"]])
    start = len(fake_neo4j.log)
    assert store.read_only(QUERY, W, timeout=3.0, limit=2) == [{"name": "A"}, {"name": "B"}]
    ((extra, ran),) = transactions(fake_neo4j, start)
    assert ran == [QUERY]
    assert (extra["mode"], extra["tx_timeout"]) == ("r", 3000)
    (run,) = [f for m, f in fake_neo4j.log[start:] if m == "RUN"]
    assert run[1] == {"workspace": W}


def test_read_only_returns_own_nodes_and_refuses_others(
    fake_neo4j: FakeNeo4j, store: Neo4jStore
) -> None:
    own = node_struct(1, ["Node", "Theme"], {"workspace": W, "id": "a", "norm": "a", "data": "{}"})
    other = node_struct(2, ["Node"], {"workspace": "elsewhere", "id": "b"})
    fake_neo4j.scripted[QUERY] = (["n"], [[own]])
    assert store.read_only(QUERY, W) == [{"n": {"workspace": W, "id": "a", "data": "{}"}}]
    fake_neo4j.scripted[QUERY] = (["n"], [[own], [other]])
    with pytest.raises(ReadOnlyQueryError, match="another workspace"):
        store.read_only(QUERY, W)


REFUSED = {
    "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row, $workspace": "LOAD CSV",
    "load csv with headers from 'x' as r RETURN r, $workspace": "LOAD CSV",
    "CALL dbms.components() YIELD name RETURN name, $workspace": "CALL",
    "MATCH (n:Node {workspace: $workspace}) CALL { MATCH (m) RETURN m } RETURN m": "CALL",
    "RETURN gds.version() AS v, $workspace AS w": "gds.",
    "RETURN apoc.version() AS v, $workspace AS w": "apoc.",
    "RETURN db.labels() AS l, $workspace AS w": "db.",
    "RETURN dbms .showCurrentUser() AS l, $workspace AS w": "dbms.",
    "RETURN `db`.labels() AS l, $workspace AS w": "db.",
    "SHOW TRANSACTIONS YIELD * WHERE $workspace IS NOT NULL RETURN *": "SHOW",
    "MATCH (n) RETURN n.data // $workspace": "$workspace",
    "MATCH (n) /* $workspace */ RETURN n.data": "$workspace",
    "MATCH (n) WHERE n.name = '$workspace' RETURN n.data": "$workspace",
    'MATCH (n) WHERE n.name = "it\\"s $workspace" RETURN n.data': "$workspace",
    "MATCH (n) WHERE n.name = $workspaces RETURN n.data": "$workspace",
}


@pytest.mark.parametrize("query", sorted(REFUSED))
def test_read_only_refuses_before_sending(
    fake_neo4j: FakeNeo4j, store: Neo4jStore, query: str
) -> None:
    start = len(fake_neo4j.log)
    with pytest.raises(ReadOnlyQueryError) as refused:
        store.read_only(query, W)
    assert REFUSED[query] in str(refused.value) and "\n" not in str(refused.value)
    assert isinstance(refused.value, GrenswerkError)
    assert [m for m, _ in fake_neo4j.log[start:] if m == "RUN"] == []


ALLOWED = [
    "MATCH (n:Node {workspace: $workspace}) WHERE n.name = 'CALL dbms.x() LOAD CSV' RETURN n.name",
    "MATCH (n:Node {workspace: $workspace}) WHERE n.recall = 1 RETURN n.db AS db, n.name",
    "MATCH (n:Node {workspace: $workspace}) // CALL db.labels()\nRETURN n.name",
]


@pytest.mark.parametrize("query", ALLOWED)
def test_read_only_allows_the_words_in_strings_names_and_comments(
    fake_neo4j: FakeNeo4j, store: Neo4jStore, query: str
) -> None:
    fake_neo4j.scripted[query] = (["name"], [["A"]])
    assert store.read_only(query, W) == [{"name": "A"}]


def test_read_only_syntax_error_is_one_line(fake_neo4j: FakeNeo4j, store: Neo4jStore) -> None:
    with pytest.raises(ReadOnlyQueryError, match=r"^Neo4j refused the query: unknown query"):
        store.read_only("MATCH (n:Node {workspace: $workspace}) RETRN n", W)


# -- point 3: every driver error becomes a clear StoreError ------------------------------


def test_a_refused_read_is_a_store_error(fake_neo4j: FakeNeo4j, store: Neo4jStore) -> None:
    fake_neo4j.fail(Fault("RUN", "Neo.ClientError.Security.Forbidden", "no", "VERSION"))
    with pytest.raises(StoreError, match=r"^Neo4j refused a read .*Forbidden.*: no$"):
        store.version(W)


def test_an_error_while_streaming_is_a_store_error(
    fake_neo4j: FakeNeo4j, store: Neo4jStore
) -> None:
    store.upsert(W, [theme(f"t{i}") for i in range(5)])
    fake_neo4j.fail(
        Fault(
            "PULL",
            "Neo.DatabaseError.General.UnknownError",
            "disk full",
            "LIST_NODES",
            after_records=2,
        )
    )
    with pytest.raises(StoreError, match="disk full") as failed:
        store.load_graph(W)
    assert "\n" not in str(failed.value)


def test_an_error_during_schema_set_up_is_a_store_error(fake_neo4j: FakeNeo4j) -> None:
    fake_neo4j.fail(
        Fault("RUN", "Neo.ClientError.Security.Forbidden", "schema needs admin", "SCHEMA")
    )
    with pytest.raises(StoreError, match="constraints and indexes.*schema needs admin"):
        Neo4jStore(fake_neo4j.uri, "neo4j", "secret")


def test_an_unreachable_server_is_a_store_error(fake_neo4j: FakeNeo4j) -> None:
    driver = neo4j.GraphDatabase.driver(
        fake_neo4j.uri, auth=("neo4j", "x"), max_transaction_retry_time=0.2
    )
    store = Neo4jStore(fake_neo4j.uri, driver=driver)
    fake_neo4j.down = True
    for call in (lambda: store.version(W), lambda: store.upsert(W, [theme("a")])):
        with pytest.raises(StoreError, match="Neo4j at bolt://127.0.0.1:.* cannot be reached"):
            call()
    store.close()


def test_a_failed_commit_is_a_store_error(fake_neo4j: FakeNeo4j, store: Neo4jStore) -> None:
    fake_neo4j.fail(Fault("COMMIT", "Neo.ClientError.Schema.ConstraintValidationFailed", "dup"))
    with pytest.raises(StoreError, match="nothing was written.*dup"):
        store.upsert(W, [theme("a")])
    assert store.get_node(W, "a") is None


# -- point 6: one bookmark manager, progress after commit, one read for the graph --------


def test_a_read_after_a_write_waits_for_the_write(fake_neo4j: FakeNeo4j, store: Neo4jStore) -> None:
    """Each read carries the bookmark of the last write (or of a later read, which the
    server gave only after that write)."""
    store.upsert(W, [theme("a")])
    written = fake_neo4j.commits
    start = len(fake_neo4j.log)
    assert store.version(W) == 1
    assert store.list_nodes(W) == [theme("a")]
    reads = transactions(fake_neo4j, start)
    assert [extra["mode"] for extra, _ in reads] == ["r", "r"]
    assert reads[0][0]["bookmarks"] == [f"fake:bm{written}"]
    assert reads[1][0]["bookmarks"] == [f"fake:bm{written + 1}"]
    store.delete_nodes(W, ["a"])
    deleted = fake_neo4j.commits
    start = len(fake_neo4j.log)
    assert store.get_node(W, "a") is None
    ((extra, _),) = transactions(fake_neo4j, start)
    assert extra["bookmarks"] == [f"fake:bm{deleted}"]


def test_progress_counts_once_when_the_driver_retries(
    fake_neo4j: FakeNeo4j, store: Neo4jStore
) -> None:
    seen: list[int] = []
    nodes = [org(f"o{i}") for i in range(30)]
    rels = [partners(f"o{i}", f"o{i + 1}") for i in range(29)]
    fake_neo4j.fail(Fault("COMMIT"))  # transient: the driver runs the work again
    store.upsert(W, nodes, rels, progress=seen.append)
    assert len(fake_neo4j.messages("COMMIT")) >= 2
    assert sum(seen) == 59


def test_load_graph_reads_in_one_transaction(fake_neo4j: FakeNeo4j, store: Neo4jStore) -> None:
    store.upsert(W, [org("a"), org("b")], [partners("a", "b")])
    start = len(fake_neo4j.log)
    graph = store.load_graph(W)
    assert (sorted(graph.nodes), graph.number_of_edges()) == (["a", "b"], 1)
    ((extra, ran),) = transactions(fake_neo4j, start)
    assert extra["mode"] == "r"
    assert ran == ["LIST_NODES", "LIST_RELATIONSHIPS"]


def test_relationships_of_a_type_use_that_type(fake_neo4j: FakeNeo4j, store: Neo4jStore) -> None:
    store.upsert(W, [org("a"), org("b")], [partners("a", "b")])
    start = len(fake_neo4j.log)
    (rel,) = store.list_relationships(W, type=RelType.PARTNERS_WITH)
    assert rel.source == "a"
    ((_, ran),) = transactions(fake_neo4j, start)
    assert ran == ["LIST_RELATIONSHIPS_OF_TYPE[partners_with]"]
    assert store.list_relationships(W, type=RelType.WORKS_AT) == []


def test_every_statement_the_backend_sends_is_a_constant(
    fake_neo4j: FakeNeo4j, store: Neo4jStore
) -> None:
    """The fake refuses any other text, so this holds for every test above; checked here
    once more over a whole round of calls."""
    store.upsert(W, [org("a"), org("b")])
    store.search(W, "a")
    store.workspaces()
    store.delete_workspace(W)
    sent = {f[0] for f in fake_neo4j.messages("RUN")}
    assert sent <= set(cypher.ALL_STATEMENTS.values())


# -- point 5: every analysis in memory, on both backends ---------------------------------


@pytest.mark.parametrize("name", ["summary", "centrality", "communities"])
def test_analyses_on_neo4j_equal_the_embedded_ones(
    fake_neo4j: FakeNeo4j, store: Neo4jStore, demo_store: Store, name: str
) -> None:
    """The analyses once pushed into Graph Data Science run in memory on Neo4j too, with
    the same rows as on the embedded store, even when the server has GDS."""
    fake_neo4j.scripted["RETURN gds.version() AS version"] = (["version"], [["2.6.0"]])
    import_paths(store, [DEMO_DIR], ImportOptions("demo"))
    on_neo4j = AnalysisCache().run(store, "demo", name)
    embedded = AnalysisCache().run(demo_store, "demo", name)
    assert len(on_neo4j.rows) == len(embedded.rows)
    assert on_neo4j.rows or on_neo4j.meta["nodes"] == embedded.meta["nodes"] == 74
    for mine, theirs in [
        *zip(on_neo4j.rows, embedded.rows, strict=True),
        ({k: v for k, v in on_neo4j.meta.items() if k != "workspace_version"},
         {k: v for k, v in embedded.meta.items() if k != "workspace_version"}),
    ]:  # fmt: skip
        assert mine.keys() == theirs.keys()
        for key, value in theirs.items():  # the same up to summation order
            plain = isinstance(value, str | None | list | dict)
            assert mine[key] == (value if plain else pytest.approx(value, rel=1e-9)), key
    assert "engine" not in on_neo4j.meta


def test_a_bad_uri_is_a_store_error() -> None:
    with pytest.raises(StoreError, match=r"Neo4j at bolt://127.0.0.1:1\?routing=no: Routing"):
        Neo4jStore("bolt://127.0.0.1:1?routing=no", "neo4j", "x")


def test_a_connection_lost_during_the_commit_says_so(
    fake_neo4j: FakeNeo4j, store: Neo4jStore
) -> None:
    fake_neo4j.fail(Fault("COMMIT", close=True))
    with pytest.raises(Neo4jUnavailable, match="during the commit .* may or may not"):
        store.upsert(W, [theme("a")])


def test_relationship_look_ups_by_id_use_the_type_indexes(
    fake_neo4j: FakeNeo4j, store: Neo4jStore
) -> None:
    """A relationship's type is not known from its id: each type's index is asked, in one
    transaction, instead of expanding every relationship of the workspace."""
    store.upsert(W, [org("a"), org("b")], [partners("a", "b")])
    (rel,) = store.list_relationships(W)
    start = len(fake_neo4j.log)
    assert store.get_relationship(W, rel.id) == rel
    ((_, ran),) = transactions(fake_neo4j, start)
    assert ran == [f"EXISTING_RELATIONSHIPS[{t}]" for t in RelType]
    start = len(fake_neo4j.log)
    assert store.delete_relationships(W, [rel.id, "nope"]) == 1
    (_, ran) = transactions(fake_neo4j, start)[-1]  # the write, after a check of the workspace
    assert ran == [
        "ENSURE_WORKSPACE",
        *(f"EXISTING_RELATIONSHIPS[{t}]" for t in RelType),
        "DELETE_RELATIONSHIPS[partners_with]",  # only the type it has, found by the look-up
        "CREATE_CHANGE",
        "BUMP_VERSION",
    ]
    assert store.get_relationship(W, rel.id) is None


# -- share links and saved views through the driver ---------------------------------------


def test_share_links_and_views_are_one_statement_each(
    fake_neo4j: FakeNeo4j, store: Neo4jStore
) -> None:
    from graph.views import SavedView

    start = len(fake_neo4j.log)
    link_id = store.add_share_link("h", W, "bestuur", ["https://a.example"], "2026", "2027")
    assert store.share_link_by_hash("h") is not None
    assert store.put_view(W, SavedView("Bestuur", {"focus": "a"}, "2026")) is True
    assert store.list_views(W)[0].settings == {"focus": "a"}
    assert store.delete_views(W) == 1 and store.delete_share_links(W, link_id) == 1
    ran = [(extra.get("mode", "w"), names) for extra, names in transactions(fake_neo4j, start)]
    assert ran == [
        ("w", ["CREATE_SHARE_LINK"]),
        ("r", ["SHARE_LINK_BY_HASH"]),
        ("w", ["PUT_VIEW"]),
        ("r", ["LIST_VIEWS"]),
        ("w", ["DELETE_VIEWS"]),
        ("w", ["DELETE_SHARE_LINKS"]),
    ]
    created = next(f for m, f in fake_neo4j.log[start:] if m == "RUN")
    assert created[1]["origins"] == '["https://a.example"]' and created[1]["hash"] == "h"


# -- issue 13: the change log and merging, through the driver ------------------------------


def test_the_log_entry_is_written_in_the_write_transaction(
    fake_neo4j: FakeNeo4j, store: Neo4jStore
) -> None:
    start = len(fake_neo4j.log)
    store.upsert(W, [org("a"), org("b")], [partners("a", "b")], actor=Actor("Anna", "editor"))
    ((_, ran),) = transactions(fake_neo4j, start)
    assert (
        sorted(ran[-2:]) == ["BUMP_VERSION", "CREATE_CHANGE"]
        and "UPSERT_NODES[organisation]" in ran
    )
    start = len(fake_neo4j.log)
    store.merge(W, "a", "b", actor=Actor("Anna", "editor"))
    (_, ran) = transactions(fake_neo4j, start)[-1]
    assert "DELETE_NODES" in ran and ran[-2:] == ["CREATE_CHANGE", "BUMP_VERSION"]
    assert [(c.id, c.action, c.actor) for c in store.changes(W)] == [
        (2, "merge", "Anna"),
        (1, "upsert", "Anna"),
    ]


def test_a_refused_log_entry_writes_nothing(fake_neo4j: FakeNeo4j, store: Neo4jStore) -> None:
    store.upsert(W, [org("a")])
    fake_neo4j.fail(Fault("RUN", "Neo.ClientError.Statement.SemanticError", "no", "CREATE_CHANGE"))
    with pytest.raises(StoreError, match="nothing was written"):
        store.upsert(W, [org("b")])
    assert store.get_node(W, "b") is None and store.version(W) == 1
    assert [c.id for c in store.changes(W)] == [1]


# -- graph snapshots (issue 14): the second load reads a file, not the rows ------------


@pytest.fixture
def kept(fake_neo4j: FakeNeo4j, tmp_path: Path) -> Iterator[Neo4jStore]:
    backend = Neo4jStore(fake_neo4j.uri, "neo4j", "secret", snapshots=tmp_path / "snapshots")
    yield backend
    backend.close()


def test_a_second_load_reads_the_snapshot_not_the_rows(
    fake_neo4j: FakeNeo4j, kept: Neo4jStore
) -> None:
    import_paths(kept, [DEMO_DIR], ImportOptions(W))
    first = kept.load_graph(W)
    start = len(fake_neo4j.log)
    again = kept.load_graph(W)
    assert [ran for _, ran in transactions(fake_neo4j, start)] == [["WORKSPACE_STAMP"]]
    assert picture(again) == picture(first)
    assert again is not first
    bare = Neo4jStore(fake_neo4j.uri, "neo4j", "secret")  # no snapshots: from the rows
    try:
        assert picture(bare.load_graph(W)) == picture(first)
    finally:
        bare.close()


def test_a_write_or_a_new_workspace_of_the_same_name_is_read_from_the_rows(
    fake_neo4j: FakeNeo4j, kept: Neo4jStore
) -> None:
    kept.upsert(W, [theme("a")])
    assert list(kept.load_graph(W)) == ["a"]
    kept.upsert(W, [theme("b")])
    start = len(fake_neo4j.log)
    assert sorted(kept.load_graph(W)) == ["a", "b"]
    assert "LIST_NODES" in transactions(fake_neo4j, start)[0][1]
    assert kept.snapshots is not None
    assert kept.delete_workspace(W)
    assert not kept.snapshots.path(W).exists()
    kept.upsert(W, [theme("c")])
    assert list(kept.load_graph(W)) == ["c"]


def test_the_server_keeps_neo4j_snapshots_under_its_data_dir(
    fake_neo4j: FakeNeo4j, tmp_path: Path
) -> None:
    from graph.settings import StoreSettings
    from graph.store import open_neo4j

    settings = StoreSettings(data_dir=tmp_path, store="neo4j", neo4j_uri=fake_neo4j.uri)
    store = open_neo4j(settings)
    try:
        assert isinstance(store, Neo4jStore) and store.snapshots is not None
        assert store.snapshots.folder.parent == tmp_path / "neo4j-snapshots"
        store.upsert(W, [theme("a")])
        store.load_graph(W)
        assert store.snapshots.path(W).exists()
    finally:
        store.close()
