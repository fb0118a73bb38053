"""The store contract, run against every available backend (see ``tests/conftest.py``)."""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pytest

from graph.access import Key
from graph.errors import NotSupported, StoreError
from graph.model import Node, NodeKind, Provenance, Relationship, RelType
from graph.store.base import CypherReader, Store, StoreCapabilities, cypher_reader
from graph.store.codec import encode
from graph.store.upsert import EncodedRelationships
from tests.conftest import snapshot

W = "contract"


def org(node_id: str, name: str, **extra: object) -> Node:
    return Node.model_validate(
        {"id": node_id, "kind": "organisation", "name": name, "workspace": W, **extra}
    )


def person(node_id: str, name: str, **extra: object) -> Node:
    return Node.model_validate(
        {"id": node_id, "kind": "person", "name": name, "workspace": W, **extra}
    )


def tie(source: str, target: str, rel_type: str = "works_at", **extra: object) -> Relationship:
    return Relationship.model_validate(
        {"type": rel_type, "source": source, "target": target, "workspace": W, **extra}
    )


@pytest.fixture
def small(store: Store) -> Store:
    store.upsert(
        W,
        [
            org("roc", "ROC Midden-Nederland", org_type="school", aliases=["ROC MN"]),
            org("bedrijf", "Bouwbedrijf Één", org_type="company"),
            person("ilse", "Ilse Hartgers"),
        ],
        [tie("ilse", "roc", role="docent"), tie("roc", "bedrijf", "partners_with")],
    )
    return store


def test_upsert_creates_and_counts(store: Store) -> None:
    result = store.upsert(W, [org("a", "A"), person("p", "P")], [tie("p", "a")])
    assert (result.nodes_created, result.relationships_created) == (2, 1)
    assert result.version == store.version(W) == 1
    assert store.get_node(W, "a") == org("a", "A")


def test_same_upsert_twice_changes_nothing(small: Store) -> None:
    before = snapshot(small, W)
    result = small.upsert(W, [org("roc", "ROC Midden-Nederland", org_type="school")], [])
    assert result.nodes_unchanged == 1 and not result.changed
    assert snapshot(small, W) == before


def test_upsert_merges(small: Store) -> None:
    small.upsert(
        W,
        [
            org(
                "roc",
                "ROC Midden-Nederland",
                aliases=["ROC Utrecht"],
                properties={"students": 9000},
                provenance=[Provenance(source="s1", quote="q")],
            )
        ],
    )
    node = small.get_node(W, "roc")
    assert node is not None
    assert node.aliases == ["ROC MN", "ROC Utrecht"]
    assert node.org_type is not None and node.org_type.value == "school"  # kept, not reset
    assert node.properties == {"students": 9000}
    assert node.provenance == [Provenance(source="s1", quote="q")]
    assert small.version(W) == 2


def test_kind_cannot_change_and_nothing_is_written(small: Store) -> None:
    before = snapshot(small, W)
    with pytest.raises(StoreError, match="stored as a organisation"):
        small.upsert(W, [org("new", "New"), person("roc", "ROC as a person")])
    assert snapshot(small, W) == before
    assert small.get_node(W, "new") is None


def test_relationship_to_unknown_node_is_refused_whole(small: Store) -> None:
    before = snapshot(small, W)
    with pytest.raises(StoreError, match="'ghost'"):
        small.upsert(W, [org("x", "X")], [tie("ilse", "x"), tie("ilse", "ghost")])
    assert snapshot(small, W) == before


def test_workspaces_never_mix(small: Store) -> None:
    other = Node(id="roc", kind="theme", name="Other", workspace="other")
    small.upsert("other", [other])
    assert small.get_node("other", "roc") == other
    node = small.get_node(W, "roc")
    assert node is not None and node.kind is NodeKind.ORGANISATION
    assert small.list_relationships("other") == []
    with pytest.raises(StoreError, match="never mix"):
        small.upsert(W, [other])


def test_delete_node_takes_its_relationships(small: Store) -> None:
    assert small.delete_nodes(W, ["roc"]) == 1
    assert small.get_node(W, "roc") is None
    assert small.list_relationships(W) == []
    assert small.search(W, "ROC MN") == []
    assert small.delete_nodes(W, ["roc"]) == 0


def test_delete_relationships(small: Store) -> None:
    rel = small.list_relationships(W, type=RelType.WORKS_AT)[0]
    version = small.version(W)
    assert small.delete_relationships(W, [rel.id]) == 1
    assert small.get_relationship(W, rel.id) is None
    assert small.version(W) == version + 1


def test_search(small: Store) -> None:
    assert [n.id for n in small.search(W, "midden")] == ["roc"]
    assert [n.id for n in small.search(W, "roc mn")] == ["roc"]  # alias
    assert [n.id for n in small.search(W, "een")] == ["bedrijf"]  # accents folded
    assert small.search(W, "ilse", kinds=[NodeKind.ORGANISATION]) == []
    assert small.search(W, "%") == []  # LIKE wildcards are literal
    assert small.search(W, "   ") == []


def test_exact_matches_come_first(store: Store) -> None:
    store.upsert(W, [org("long", "Noorderpoort College Groningen"), org("n", "Noorderpoort")])
    assert [n.id for n in store.search(W, "noorderpoort")] == ["n", "long"]


def test_lists_are_ordered_and_filtered(small: Store) -> None:
    assert [n.id for n in small.list_nodes(W)] == ["bedrijf", "ilse", "roc"]
    assert [n.id for n in small.list_nodes(W, kind=NodeKind.PERSON)] == ["ilse"]
    assert len(small.list_relationships(W, node_id="roc")) == 2
    assert len(small.list_relationships(W, type=RelType.PARTNERS_WITH)) == 1
    assert small.get_nodes(W, ["roc", "nope"]).keys() == {"roc"}


def test_load_graph(small: Store) -> None:
    graph = small.load_graph(W)
    assert isinstance(graph, nx.MultiDiGraph)
    assert sorted(graph.nodes) == ["bedrijf", "ilse", "roc"]
    assert graph.nodes["roc"]["org_type"] == "school"
    ((u, v, data),) = [e for e in graph.edges(data=True) if e[2]["type"] == "works_at"]
    assert (u, v, data["role"]) == ("ilse", "roc", "docent")


def test_workspace_list_and_delete(small: Store) -> None:
    small.create_workspace("empty")
    small.create_workspace("empty")
    infos = {w.name: w for w in small.workspaces()}
    assert (infos[W].nodes, infos[W].relationships) == (3, 2)
    assert infos["empty"].nodes == 0 and small.version("empty") == 0
    assert small.delete_workspace(W) is True
    assert small.delete_workspace(W) is False
    assert small.list_nodes(W) == [] and small.version(W) == 0


def test_valid_time_round_trips(store: Store) -> None:
    node = org("a", "A", since=dt.date(2017, 10, 1), until=dt.date(2019, 1, 1))
    store.upsert(W, [node])
    assert store.get_node(W, "a") == node


def test_progress_reports_every_element(store: Store) -> None:
    seen: list[int] = []
    nodes = [org(f"o{i}", f"Org {i}") for i in range(30)]
    rels = [tie(f"o{i}", f"o{i + 1}", "partners_with") for i in range(29)]
    store.upsert(W, nodes, rels, progress=seen.append)
    assert sum(seen) == 59


def test_existing_relationship_ids(small: Store) -> None:
    rel = small.list_relationships(W)[0]
    assert small.existing_relationship_ids(W, [rel.id, "nope"]) == {rel.id}
    assert small.existing_relationship_ids("other", [rel.id]) == set()


def test_has_workspace(small: Store) -> None:
    assert small.has_workspace(W) and not small.has_workspace("nope")
    small.create_workspace("empty")
    assert small.has_workspace("empty")


def test_a_type_change_is_checked_against_the_stored_ends(small: Store) -> None:
    (partners,) = small.list_relationships(W, type=RelType.PARTNERS_WITH)  # roc → bedrijf
    before = snapshot(small, W)
    # works_at needs a person at its source; the stored ends are two organisations, and
    # the ends this upsert names (ilse → roc) do not replace them
    moved = tie("ilse", "roc", "works_at", id=partners.id)
    with pytest.raises(StoreError, match=r"cannot become works_at: a works_at relationship"):
        small.upsert(W, [org("new", "New")], [moved])
    assert snapshot(small, W) == before
    assert small.get_node(W, "new") is None


def test_an_allowed_type_change_keeps_the_stored_ends(small: Store) -> None:
    (partners,) = small.list_relationships(W, type=RelType.PARTNERS_WITH)
    result = small.upsert(W, [], [tie("roc", "bedrijf", "collaborates_with", id=partners.id)])
    assert (result.relationships_created, result.relationships_updated) == (0, 1)
    changed = small.get_relationship(W, partners.id)
    assert changed is not None
    assert (changed.type, changed.source, changed.target) == (
        RelType.COLLABORATES_WITH,
        "roc",
        "bedrijf",
    )
    assert small.list_relationships(W, type=RelType.PARTNERS_WITH) == []
    assert [r.id for r in small.list_relationships(W, type=RelType.COLLABORATES_WITH)] == [
        partners.id
    ]
    graph = small.load_graph(W)
    assert [d["type"] for _, _, d in graph.edges(data=True)].count("collaborates_with") == 1
    assert graph.number_of_edges() == 2


READ_ONLY_QUERY = "MATCH (n:Node {workspace: $workspace}) RETURN n.id AS id ORDER BY id"


def test_read_only(small: Store) -> None:
    """Cypher for analysts: the embedded store says it needs Neo4j; Neo4j answers the
    workspace's rows and refuses what a read-only query may not do."""
    try:
        reader = cypher_reader(small)
    except NotSupported as exc:
        assert "Neo4j backend" in str(exc)
        assert not small.capabilities.cypher and not isinstance(small, CypherReader)
        return
    assert small.capabilities.cypher and isinstance(small, CypherReader)
    rows = reader.read_only(READ_ONLY_QUERY, W)
    assert rows == [{"id": "bedrijf"}, {"id": "ilse"}, {"id": "roc"}]
    assert small.read_only(READ_ONLY_QUERY, W, limit=1) == [{"id": "bedrijf"}]
    for refused in (
        "CALL dbms.components() YIELD name RETURN name, $workspace",
        "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row, $workspace",
        "MATCH (n:Node) RETURN n.id // $workspace",
    ):
        with pytest.raises(StoreError, match="the query m"):
            small.read_only(refused, W)


def test_one_write_cannot_give_a_relationship_two_types(small: Store) -> None:
    before = snapshot(small, W)
    twice = [tie("roc", "bedrijf", "partners_with", id="x"), tie("ilse", "roc", id="x")]
    with pytest.raises(StoreError, match=r"'x' appears twice in one write"):
        small.upsert(W, [], twice)
    with pytest.raises(StoreError, match="stored as a organisation"):
        small.upsert(W, [org("n", "N"), person("n", "N as a person")])
    assert snapshot(small, W) == before


def test_capabilities_say_what_the_backend_can_do(store: Store) -> None:
    """Callers ask the store what it can do instead of probing its class or attributes."""
    caps = store.capabilities
    assert isinstance(caps, StoreCapabilities)
    embedded = type(store).__name__ == "SQLiteStore"
    assert caps == StoreCapabilities(
        cypher=not embedded,
        in_database_analytics=False,
        concurrent_readers=True,
        concurrent_writers=not embedded,
    )
    with pytest.raises(AttributeError):
        caps.cypher = True  # type: ignore[misc]


# -- access data: API keys and web sessions, only as hashes ------------------------------

CREATED = "2024-05-01T12:00:00+00:00"


def test_keys_are_stored_by_hash(store: Store) -> None:
    first = store.add_key("hash-1", "demo", "analyst", "onderzoek", CREATED)
    second = store.add_key("hash-2", "*", "admin", "", CREATED)
    assert second == first + 1
    assert store.key_by_hash("hash-1") == Key(first, "demo", "analyst", "onderzoek", CREATED)
    assert store.key_by_hash("nope") is None
    assert store.list_keys() == [
        Key(first, "demo", "analyst", "onderzoek", CREATED),
        Key(second, "*", "admin", "", CREATED),
    ]
    assert [k.id for k in store.list_keys("demo")] == [first]
    assert store.list_keys("other") == []
    with pytest.raises(ValueError, match="a workspace or a key id"):
        store.delete_keys()


def test_revoking_keys_ends_their_sessions(store: Store) -> None:
    a = store.add_key("hash-a", "demo", "viewer", "", CREATED)
    b = store.add_key("hash-b", "demo", "editor", "", CREATED)
    c = store.add_key("hash-c", "other", "admin", "", CREATED)
    for key_id, session in ((a, "s-a"), (b, "s-b"), (c, "s-c")):
        store.add_session(session, key_id, created=100.0, expires=200.0)
    assert store.session_key("s-a", now=150.0) == Key(a, "demo", "viewer", "", CREATED)
    assert store.delete_keys("other", key_id=a) == 0  # a is not a key of "other"
    assert store.delete_keys(key_id=a) == 1
    assert store.delete_keys(key_id=a) == 0
    assert store.session_key("s-a", now=150.0) is None
    assert store.delete_keys("demo") == 1
    assert store.session_key("s-b", now=150.0) is None
    assert [k.id for k in store.list_keys()] == [c]
    assert store.session_key("s-c", now=150.0) is not None


def test_sessions_expire_and_end(store: Store) -> None:
    key_id = store.add_key("hash-s", "demo", "viewer", "", CREATED)
    store.add_session("old", key_id, created=100.0, expires=110.0)
    store.add_session("live", key_id, created=105.0, expires=300.0)
    assert store.session_key("old", now=109.0) is not None
    assert store.session_key("old", now=110.0) is None  # expired
    assert store.session_key("unknown", now=109.0) is None
    store.add_session("new", key_id, created=200.0, expires=400.0)  # drops "old"
    assert store.session_key("old", now=0.0) is None
    store.delete_session("live")
    store.delete_session("live")  # unknown: ignored
    assert store.session_key("live", now=200.0) is None
    assert store.session_key("new", now=200.0) == store.key_by_hash("hash-s")


def encoded(rels: list[Relationship]) -> EncodedRelationships:
    """Relationships in their stored form, as the bulk import path hands them over."""
    out = EncodedRelationships(W)
    for r in rels:
        out.append(r.id, r.type.value, r.source, r.target, encode(r))
    return out


def test_encoded_relationships_are_upserted_like_model_objects(store: Store) -> None:
    nodes = [org("roc", "ROC"), org("bedrijf", "Bedrijf"), person("ilse", "Ilse")]
    rels = [tie("ilse", "roc", role="docent"), tie("roc", "bedrijf", "partners_with", strength=2)]
    result = store.upsert(W, nodes, encoded(rels))
    assert (result.nodes_created, result.relationships_created, result.version) == (3, 2, 1)
    assert store.list_relationships(W) == sorted(rels, key=lambda r: r.id)
    again = store.upsert(W, nodes, encoded(rels))  # the same data changes nothing
    assert (again.relationships_unchanged, again.changed, store.version(W)) == (2, False, 1)
    changed = [tie("ilse", "roc", role="stagebegeleider", properties={"uren": 4})]
    update = store.upsert(W, [], encoded(changed))
    assert (update.relationships_updated, update.relationships_unchanged) == (1, 0)
    stored = store.get_relationship(W, changed[0].id)
    assert stored is not None and (stored.role, stored.properties) == (
        "stagebegeleider",
        {"uren": 4},
    )


def test_encoded_relationships_keep_the_rules(store: Store) -> None:
    store.upsert(W, [org("roc", "ROC"), person("ilse", "Ilse")], [tie("ilse", "roc")])
    before = snapshot(store, W)
    with pytest.raises(StoreError, match="do not exist"):
        store.upsert(W, [], encoded([tie("ilse", "nergens")]))
    moved = tie("ilse", "roc", "partners_with").model_copy(update={"id": tie("ilse", "roc").id})
    with pytest.raises(StoreError, match="cannot become partners_with"):
        store.upsert(W, [], encoded([moved]))
    assert snapshot(store, W) == before
