"""The Neo4j backend on the real server (issue 20): what the driver sends and in which
transactions (seen by :class:`tests.neo4j.spy.DriverSpy`), analysts' read-only queries,
the one-line errors of real failures, the analyses, and the graph snapshots."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest

from graph.access import Actor
from graph.analysis.cache import AnalysisCache
from graph.analysis.registry import ANALYSES, AnalysisOptions
from graph.errors import GrenswerkError, StoreError
from graph.model import Node, Relationship, RelType
from graph.privacy import forget
from graph.store.base import Store
from graph.store.neo4j import Neo4jStore, Neo4jUnavailable, ReadOnlyQueryError, cypher
from graph.store.neo4j.store import driver_options
from graph.undo import undo
from graph.views import SavedView
from importers import ImportOptions, import_paths
from tests.conftest import DEMO_DIR, Neo4jTarget, open_neo4j_store
from tests.graph.store.test_stored_graph import picture
from tests.neo4j.spy import DriverSpy, cut_after_commit_is_sent, cut_connection

pytestmark = pytest.mark.neo4j

W = "w"


@pytest.fixture
def store(neo4j_target: Neo4jTarget) -> Iterator[Neo4jStore]:
    """An emptied store on the real server, in batches of 7 (small writes cross them)."""
    backend = open_neo4j_store(neo4j_target, batch_size=7)
    assert isinstance(backend, Neo4jStore)
    yield backend
    backend.close()


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> DriverSpy:
    return DriverSpy(monkeypatch)


def theme(node_id: str, workspace: str = W) -> Node:
    return Node(id=node_id, kind="theme", name=node_id.upper(), workspace=workspace)


def org(node_id: str) -> Node:
    return Node(id=node_id, kind="organisation", name=node_id.upper(), workspace=W)


def partners(source: str, target: str) -> Relationship:
    return Relationship(type="partners_with", source=source, target=target, workspace=W)


def one_line(exc: BaseException) -> str:
    text = str(exc)
    assert "\n" not in text and text.strip() == text, text
    return text


# -- analysts' read-only queries --------------------------------------------------------

QUERY = "MATCH (n:Node {workspace: $workspace}) RETURN n.name AS name ORDER BY name"


def test_read_only_runs_in_a_read_transaction_with_its_timeout(
    store: Neo4jStore, spy: DriverSpy
) -> None:
    store.upsert(W, [theme("a"), theme("b"), theme("c")])
    store.upsert("elders", [theme("x", "elders")])
    start = len(spy.sent)
    assert store.read_only(QUERY, W, timeout=3.0, limit=2) == [{"name": "A"}, {"name": "B"}]
    (sent,) = spy.sent[start:]
    assert (sent.mode, sent.timeout, sent.statements) == ("r", 3.0, [QUERY])


def test_a_query_past_its_timeout_is_ended_by_the_server(store: Neo4jStore) -> None:
    """The timeout is the server's: it ends the transaction (a one-line refusal)."""
    slow = (
        "UNWIND range(1, 500000000) AS i WITH i WHERE i < 0 RETURN count(i) AS n, $workspace AS w"
    )
    with pytest.raises(ReadOnlyQueryError, match=r"^Neo4j refused the query: .*time") as ended:
        store.read_only(slow, W, timeout=0.5)
    one_line(ended.value)


def test_read_only_returns_own_nodes_and_refuses_others(store: Neo4jStore) -> None:
    store.upsert(W, [theme("a")])
    store.upsert("elders", [theme("b", "elders")])
    (row,) = store.read_only("MATCH (n:Node {workspace: $workspace}) RETURN n", W)
    assert {k: row["n"][k] for k in ("workspace", "id", "kind")} == {
        "workspace": W,
        "id": "a",
        "kind": "theme",
    }
    assert "norm" not in row["n"] and "aliases" not in row["n"]
    everything = "MATCH (n:Node) WHERE $workspace IS NOT NULL RETURN n ORDER BY n.id"
    with pytest.raises(ReadOnlyQueryError, match="another workspace"):
        store.read_only(everything, W)


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


@pytest.fixture(scope="module")
def unwiped(neo4j_target: Neo4jTarget) -> Iterator[Neo4jStore]:
    """A store on the real server for checks that read and write nothing."""
    backend = Neo4jStore(
        neo4j_target.uri, neo4j_target.user, neo4j_target.password, neo4j_target.database
    )
    yield backend
    backend.close()


@pytest.mark.parametrize("query", sorted(REFUSED))
def test_read_only_refuses_before_sending(unwiped: Neo4jStore, spy: DriverSpy, query: str) -> None:
    with pytest.raises(ReadOnlyQueryError) as refused:
        unwiped.read_only(query, W)
    assert REFUSED[query] in one_line(refused.value)
    assert isinstance(refused.value, GrenswerkError)
    assert spy.sent == []  # not a byte reached the server


def test_the_server_would_run_what_the_check_refuses(store: Neo4jStore) -> None:
    """Why the check exists: the real server runs a procedure call and a listing of its
    transactions in a read transaction, scoped or not."""
    with store._session() as session:  # noqa: SLF001 - the server itself, unchecked
        for query in (
            "CALL dbms.components() YIELD name RETURN name, $workspace",
            "SHOW TRANSACTIONS YIELD transactionId WHERE $workspace IS NOT NULL RETURN *",
        ):
            assert session.execute_read(lambda tx, q=query: list(tx.run(q, workspace=W)))


ALLOWED = [
    "MATCH (n:Node {workspace: $workspace}) WHERE n.name = 'CALL dbms.x() LOAD CSV' RETURN n.name",
    "MATCH (n:Node {workspace: $workspace}) WHERE n.recall = 1 RETURN n.db AS db, n.name",
    "MATCH (n:Node {workspace: $workspace}) // CALL db.labels()\nRETURN n.name",
]


@pytest.mark.parametrize(
    ("query", "rows"),
    list(
        zip(
            ALLOWED,
            [[{"n.name": "CALL dbms.x() LOAD CSV"}], [], [{"n.name": "CALL dbms.x() LOAD CSV"}]],
            strict=True,
        )
    ),
)
def test_read_only_allows_the_words_in_strings_names_and_comments(
    store: Neo4jStore, query: str, rows: list[dict[str, Any]]
) -> None:
    store.upsert(W, [Node(id="x", kind="theme", name="CALL dbms.x() LOAD CSV", workspace=W)])
    assert store.read_only(query, W) == rows


def test_read_only_syntax_error_is_one_line(store: Neo4jStore) -> None:
    """Neo4j's own message spans lines (the query and a caret); the store's is one."""
    with pytest.raises(ReadOnlyQueryError, match=r"^Neo4j refused the query: Invalid input"):
        store.read_only("MATCH (n:Node {workspace: $workspace}) RETRN n", W)
    with pytest.raises(ReadOnlyQueryError) as refused:
        store.read_only("MATCH (n:Node {workspace: $workspace}) RETRN n", W)
    one_line(refused.value)


def test_the_servers_warnings_are_not_asked_for(
    store: Neo4jStore, caplog: pytest.LogCaptureFixture
) -> None:
    """Neo4j warns about a label it has never seen (on a new database: about every
    label and property); the driver would log each warning, which a console command
    prints to its user. The store asks for none."""
    query = "MATCH (n:NoSuchLabelEver {workspace: $workspace}) RETURN n.nothing AS x"
    with caplog.at_level(logging.DEBUG, logger="neo4j.notifications"):
        assert store.read_only(query, W) == []
    assert [r.getMessage() for r in caplog.records if r.name == "neo4j.notifications"] == []


# -- real failures are one-line StoreErrors ---------------------------------------------


def test_a_read_the_server_ends_while_streaming_is_a_store_error(
    store: Neo4jStore, spy: DriverSpy, neo4j_target: Neo4jTarget
) -> None:
    """Another session ends the read transaction after its first batch of 7 records
    (``TERMINATE TRANSACTIONS``); the rest never comes."""
    store.upsert(W, [theme(f"t{i:02}") for i in range(40)])
    auth = (neo4j_target.user, neo4j_target.password or "")
    admin = neo4j.GraphDatabase.driver(neo4j_target.uri, auth=auth)

    def terminate(tx: Any, name: str) -> None:
        with admin.session(database=neo4j_target.database) as session:
            ids = session.run(
                "SHOW TRANSACTIONS YIELD transactionId AS id, currentQuery "
                "WHERE currentQuery = $listing RETURN collect(id) AS ids",
                listing=cypher.LIST_NODES,
            ).single(strict=True)["ids"]
            assert len(ids) == 1  # the store's read, suspended after its first batch
            session.run("TERMINATE TRANSACTIONS $ids", ids=ids).consume()

    spy.after_run["LIST_NODES"] = terminate
    try:
        ended_by = r"^Neo4j refused reading the workspace .*Terminated"
        with pytest.raises(StoreError, match=ended_by) as ended:
            store.load_graph(W)
    finally:
        admin.close()
    one_line(ended.value)


def test_an_error_during_schema_set_up_is_a_store_error(neo4j_target: Neo4jTarget) -> None:
    with pytest.raises(StoreError, match="constraints and indexes.*DatabaseNotFound") as failed:
        Neo4jStore(neo4j_target.uri, neo4j_target.user, neo4j_target.password, "nowhere")
    one_line(failed.value)


def test_wrong_credentials_say_which_settings_to_check(neo4j_target: Neo4jTarget) -> None:
    with pytest.raises(StoreError, match="refused the credentials.*GRENSWERK_NEO4J_PASSWORD"):
        Neo4jStore(neo4j_target.uri, neo4j_target.user, "not-the-password")


def test_a_server_that_is_not_there_is_unavailable_at_once() -> None:
    with pytest.raises(Neo4jUnavailable, match="cannot reach Neo4j at bolt://127.0.0.1:1") as no:
        Neo4jStore("bolt://127.0.0.1:1", "neo4j", "x", timeout=1.0)
    one_line(no.value)


def test_a_bad_uri_is_a_store_error() -> None:
    with pytest.raises(StoreError, match=r"Neo4j at bolt://127.0.0.1:1\?routing=no: Routing"):
        Neo4jStore("bolt://127.0.0.1:1?routing=no", "neo4j", "x")


def test_a_write_the_server_refuses_writes_nothing(store: Neo4jStore) -> None:
    """The change log's counter is not a number (written past Grenswerk): Neo4j refuses
    the log entry, the last statement of the write, and rolls the elements back too."""
    store.upsert(W, [org("a")])
    with store._session() as session:  # noqa: SLF001 - damage the counter
        session.run("MATCH (w:Workspace {name: $w}) SET w.changes = true", w=W).consume()
    with pytest.raises(StoreError, match=r"^Neo4j refused the write, nothing was written") as no:
        store.upsert(W, [org("b")], [partners("a", "b")])
    assert "TypeError" in one_line(no.value) or "Type mismatch" in str(no.value)
    assert store.get_node(W, "b") is None and store.version(W) == 1
    assert store.list_relationships(W) == []


def test_a_connection_cut_during_a_write_is_retried_and_counted_once(
    store: Neo4jStore, spy: DriverSpy
) -> None:
    """The network drops the connection after the first batch of ties: the server rolls
    that attempt back, the driver writes again on a new connection, and nothing is
    stored or counted twice."""
    seen: list[int] = []
    nodes = [org(f"o{i}") for i in range(30)]
    rels = [partners(f"o{i}", f"o{i + 1}") for i in range(29)]
    cut: list[str] = []

    def once(tx: Any, name: str) -> None:
        if not cut:
            cut.append(name)
            cut_connection(tx)

    spy.before_run["CREATE_RELATIONSHIPS[partners_with]"] = once
    result = store.upsert(W, nodes, rels, progress=seen.append)
    assert cut and sum(seen) == 59
    assert [s.committed for s in spy.sent if s.mode == "w"] == [False, True]
    assert (result.nodes_created, result.relationships_created, result.version) == (30, 29, 1)
    assert len(store.list_relationships(W)) == 29
    assert [c.id for c in store.changes(W)] == [1]


def test_a_connection_lost_during_the_commit_says_so(store: Neo4jStore, spy: DriverSpy) -> None:
    """The COMMIT went out, the answer never came: the store cannot know whether the
    write is stored and says so (the driver does not retry it)."""
    spy.before_commit["UPSERT_NODES[theme]"] = lambda tx, _: cut_after_commit_is_sent(tx)
    with pytest.raises(Neo4jUnavailable, match="during the commit .* may or may not") as lost:
        store.upsert(W, [theme("a")])
    one_line(lost.value)
    assert [s.mode for s in spy.sent] == ["w"]  # one attempt


# -- what is sent, in which transactions ------------------------------------------------


def test_a_read_after_a_write_carries_the_writes_bookmark(
    store: Neo4jStore, spy: DriverSpy
) -> None:
    """One bookmark manager: each read begins with the bookmark of the store's last
    write, so on a cluster it waits for that write."""
    store.upsert(W, [theme("a")])
    written = store._bookmarks.get_bookmarks()  # noqa: SLF001
    assert written and all(isinstance(b, str) for b in written)
    start = len(spy.sent)
    assert store.version(W) == 1
    (read,) = spy.sent[start:]
    assert read.mode == "r" and read.bookmarks == frozenset(written)
    store.delete_nodes(W, ["a"])
    assert store._bookmarks.get_bookmarks() != written  # noqa: SLF001
    start = len(spy.sent)
    assert store.get_node(W, "a") is None
    (read,) = spy.sent[start:]
    assert read.bookmarks == frozenset(store._bookmarks.get_bookmarks())  # noqa: SLF001


def test_load_graph_reads_in_one_transaction(store: Neo4jStore, spy: DriverSpy) -> None:
    store.upsert(W, [org("a"), org("b")], [partners("a", "b")])
    start = len(spy.sent)
    graph = store.load_graph(W)
    assert (sorted(graph.nodes), graph.number_of_edges()) == (["a", "b"], 1)
    assert spy.since(start) == [("r", ["LIST_NODES", "LIST_RELATIONSHIPS"])]


def test_relationships_of_a_type_use_that_type(store: Neo4jStore, spy: DriverSpy) -> None:
    store.upsert(W, [org("a"), org("b")], [partners("a", "b")])
    start = len(spy.sent)
    (rel,) = store.list_relationships(W, type=RelType.PARTNERS_WITH)
    assert rel.source == "a"
    assert spy.since(start) == [("r", ["LIST_RELATIONSHIPS_OF_TYPE[partners_with]"])]
    assert store.list_relationships(W, type=RelType.WORKS_AT) == []


def test_relationship_look_ups_by_id_use_the_type_indexes(
    store: Neo4jStore, spy: DriverSpy
) -> None:
    """A relationship's type is not known from its id: each type's index is asked in
    turn, in one transaction, instead of expanding every relationship of the workspace;
    a found id is not asked again. (A few ids: no type is counted first.)"""
    store.upsert(W, [org("a"), org("b")], [partners("a", "b")])
    (rel,) = store.list_relationships(W)
    types = list(RelType)
    upto = types[: types.index(RelType.PARTNERS_WITH) + 1]  # found there: the rest not asked
    start = len(spy.sent)
    assert store.get_relationship(W, rel.id) == rel
    assert spy.since(start) == [("r", [f"EXISTING_RELATIONSHIPS[{t}]" for t in upto])]
    start = len(spy.sent)
    assert store.delete_relationships(W, [rel.id, "nope"]) == 1
    looked_up = [f"EXISTING_RELATIONSHIPS[{t}]" for t in types]  # "nope": every type
    assert spy.since(start)[-1] == (
        "w",
        [
            "ENSURE_WORKSPACE",
            *looked_up,
            "DELETE_RELATIONSHIPS[partners_with]",  # only the type it has
            "CREATE_CHANGE",
            "BUMP_VERSION",
        ],
    )
    assert store.get_relationship(W, rel.id) is None


def test_share_links_and_views_are_one_statement_each(store: Neo4jStore, spy: DriverSpy) -> None:
    start = len(spy.sent)
    link_id = store.add_share_link("h", W, "bestuur", ["https://a.example"], "2026", "2027")
    assert store.share_link_by_hash("h") is not None
    assert store.put_view(W, SavedView("Bestuur", {"focus": "a"}, "2026")) is True
    assert store.list_views(W)[0].settings == {"focus": "a"}
    assert store.delete_views(W) == 1 and store.delete_share_links(W, link_id) == 1
    assert spy.since(start) == [
        ("w", ["CREATE_SHARE_LINK"]),
        ("r", ["SHARE_LINK_BY_HASH"]),
        ("w", ["PUT_VIEW"]),
        ("r", ["LIST_VIEWS"]),
        ("w", ["DELETE_VIEWS"]),
        ("w", ["DELETE_SHARE_LINKS"]),
    ]


def test_the_log_entry_is_written_in_the_write_transaction(
    store: Neo4jStore, spy: DriverSpy
) -> None:
    start = len(spy.sent)
    store.upsert(W, [org("a"), org("b")], [partners("a", "b")], actor=Actor("Anna", "editor"))
    ((mode, ran),) = spy.since(start)
    assert mode == "w" and sorted(ran[-2:]) == ["BUMP_VERSION", "CREATE_CHANGE"]
    assert "UPSERT_NODES[organisation]" in ran
    start = len(spy.sent)
    store.merge(W, "a", "b", actor=Actor("Anna", "editor"))
    (_, ran) = spy.since(start)[-1]
    assert "DELETE_NODES" in ran and ran[-2:] == ["CREATE_CHANGE", "BUMP_VERSION"]
    assert [(c.id, c.action, c.actor) for c in store.changes(W)] == [
        (2, "merge", "Anna"),
        (1, "upsert", "Anna"),
    ]


def test_every_statement_sent_is_a_constant_and_none_is_deprecated(
    neo4j_target: Neo4jTarget, spy: DriverSpy, caplog: pytest.LogCaptureFixture
) -> None:
    """A round of every kind of call, with the server's warnings asked for: every
    statement is one of the named constants, and Neo4j 5.26 calls none deprecated (it
    would be refused by a later Neo4j)."""
    options = {**driver_options(5.0), "notifications_min_severity": "WARNING"}
    auth = (neo4j_target.user, neo4j_target.password or "")
    driver = neo4j.GraphDatabase.driver(neo4j_target.uri, auth=auth, **options)
    store = open_neo4j_store(neo4j_target, driver=driver, batch_size=7)
    start = len(spy.sent)
    try:
        with caplog.at_level(logging.INFO, logger="neo4j.notifications"):
            _every_kind_of_call(store)
    finally:
        store.close()
    sent = {name for each in spy.sent[start:] for name in each.statements}
    assert sent and sent <= set(cypher.ALL_STATEMENTS)
    deprecated = [r.getMessage() for r in caplog.records if "DEPRECATION" in r.getMessage()]
    assert deprecated == []


def _every_kind_of_call(store: Store) -> None:
    import datetime as dt

    from graph.survey import Invitation, Survey

    import_paths(store, [DEMO_DIR], ImportOptions("demo"))
    store.search("demo", "roc")
    store.workspaces()
    store.load_graph("demo")
    store.list_relationships("demo", node_id="cinop")
    store.existing_relationship_ids("demo", ["x"])
    store.upsert(
        "demo",
        [
            Node(id="x", kind="theme", name="X", workspace="demo"),
            Node(id="y", kind="theme", name="Y", workspace="demo"),
        ],
    )
    merged = store.merge("demo", "x", "y")
    undo(store, "demo", merged)
    forget(store, "demo", "ilse-hartgers")
    store.changes("demo", node_id="cinop", since="2000-01-01", details=True)
    key = store.add_key("h", "demo", "viewer", "", "2026")
    store.add_session("s", key, 1.0, 2.0)
    store.session_key("s", 1.5)
    store.delete_session("s")
    store.list_keys("demo")
    store.delete_keys("demo")
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    survey = Survey(workspace="demo", id="s", name="S", consent="ja", created=now, expires=now)
    store.save_survey(survey)
    invitation = Invitation(
        workspace="demo", survey_id="s", id=1, node_id="cinop", name="C", issued=now, expires=now
    )
    store.save_invitation(invitation, "th")
    store.invitation_by_hash("th")
    store.list_invitations("demo", "s")
    store.list_responses("demo", "s")
    store.list_surveys("demo")
    store.delete_survey("demo", "s")
    store.put_view("demo", SavedView("v", {}, "2026"))
    store.add_share_link("l", "demo", "", [], "2026", "2027")
    store.delete_workspace("demo")


# -- every analysis in memory, equal on both backends -----------------------------------


def test_every_analysis_on_neo4j_equals_the_embedded_one(
    neo4j_store: Store, demo_store: Store
) -> None:
    """Every registered analysis runs in memory on the graph loaded from the real
    server, with the same rows and the same meta as on the embedded store."""
    import_paths(neo4j_store, [DEMO_DIR], ImportOptions("demo"))
    for name in ANALYSES:
        options = AnalysisOptions.model_validate(_needs(name))
        on_neo4j = AnalysisCache().run(neo4j_store, "demo", name, options)
        embedded = AnalysisCache().run(demo_store, "demo", name, options)
        assert len(on_neo4j.rows) == len(embedded.rows), name
        for mine, theirs in [
            *zip(on_neo4j.rows, embedded.rows, strict=True),
            (_comparable(on_neo4j.meta), _comparable(embedded.meta)),
        ]:  # fmt: skip
            assert mine.keys() == theirs.keys(), name
            for key, value in theirs.items():  # the same up to summation order
                plain = isinstance(value, str | None | list | dict)
                same = value if plain else pytest.approx(value, rel=1e-9, nan_ok=True)
                assert mine[key] == same, (name, key)


def _comparable(meta: dict[str, Any]) -> dict[str, Any]:
    """An analysis's meta without what differs by store or by the clock: the workspace
    version, why the engine was chosen (Neo4j could run some inside the database; both
    ran in process, ``engine`` is compared) and the time in its provenance (two runs a
    second apart differ there)."""
    out = {k: v for k, v in meta.items() if k not in ("workspace_version", "engine_reason")}
    if isinstance(out.get("provenance"), dict):
        out["provenance"] = {k: v for k, v in out["provenance"].items() if k != "time"}
    return out


def _needs(name: str) -> dict[str, Any]:
    """The options an analysis cannot run without, on the demo."""
    needs: dict[str, dict[str, Any]] = {
        "paths": {"source": "roc-midden-nederland", "target": "cinop"},
        "recommend": {"node": "noorderpoort"},
        "change": {"before": "2017-01-01", "after": "2023-01-01"},
    }
    return needs.get(name, {})


# -- graph snapshots: the second load reads a file, not the rows --------------------------


@pytest.fixture
def kept(neo4j_target: Neo4jTarget, tmp_path: Path) -> Iterator[Neo4jStore]:
    backend = open_neo4j_store(neo4j_target, snapshots=tmp_path / "snapshots")
    assert isinstance(backend, Neo4jStore)
    yield backend
    backend.close()


def test_a_second_load_reads_the_snapshot_not_the_rows(
    kept: Neo4jStore, spy: DriverSpy, neo4j_target: Neo4jTarget
) -> None:
    import_paths(kept, [DEMO_DIR], ImportOptions(W))
    first = kept.load_graph(W)
    start = len(spy.sent)
    again = kept.load_graph(W)
    assert spy.since(start) == [("r", ["WORKSPACE_STAMP"])]
    assert picture(again) == picture(first)
    assert again is not first
    bare = Neo4jStore(neo4j_target.uri, neo4j_target.user, neo4j_target.password)
    try:  # no snapshots: from the rows
        assert picture(bare.load_graph(W)) == picture(first)
    finally:
        bare.close()


def test_a_write_or_a_new_workspace_of_the_same_name_is_read_from_the_rows(
    kept: Neo4jStore, spy: DriverSpy
) -> None:
    kept.upsert(W, [theme("a")])
    assert list(kept.load_graph(W)) == ["a"]
    kept.upsert(W, [theme("b")])
    start = len(spy.sent)
    assert sorted(kept.load_graph(W)) == ["a", "b"]
    assert "LIST_NODES" in spy.since(start)[0][1]
    assert kept.snapshots is not None
    assert kept.delete_workspace(W)
    assert not kept.snapshots.path(W).exists()
    kept.upsert(W, [theme("c")])
    assert list(kept.load_graph(W)) == ["c"]


def test_the_server_keeps_neo4j_snapshots_under_its_data_dir(
    neo4j_target: Neo4jTarget, tmp_path: Path
) -> None:
    from pydantic import SecretStr

    from graph.settings import StoreSettings
    from graph.store import open_neo4j

    settings = StoreSettings(
        data_dir=tmp_path,
        store="neo4j",
        neo4j_uri=neo4j_target.uri,
        neo4j_user=neo4j_target.user,
        neo4j_password=SecretStr(neo4j_target.password or ""),
    )
    store = open_neo4j(settings)
    try:
        assert isinstance(store, Neo4jStore) and store.snapshots is not None
        assert store.snapshots.folder.parent == tmp_path / "neo4j-snapshots"
        store.upsert(W, [theme("a")])
        store.load_graph(W)
        store.snapshots.wait()  # written in a thread of its own
        assert store.snapshots.path(W).exists()
    finally:
        store.close()
