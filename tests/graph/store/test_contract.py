"""The store contract, run against every available backend (see ``tests/conftest.py``)."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import networkx as nx
import pytest

from graph.access import Actor, Key, ShareLink
from graph.changes import Replacement, UndoRefused
from graph.errors import NotFound, NotSupported, StoreError
from graph.model import Node, NodeKind, Provenance, Relationship, RelType
from graph.privacy import forget
from graph.store.base import CypherReader, GraphOutline, Store, StoreCapabilities, cypher_reader
from graph.store.codec import encode
from graph.store.datatypes import NodeHead
from graph.store.upsert import EncodedRelationships
from graph.survey import Answer, Invitation, Survey, SurveyResponse
from graph.undo import undo
from graph.views import SavedView
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


def test_workspaces_count_as_the_graph_does(small: Store) -> None:
    """The workspace list counts nodes, source documents, ties and mentions as
    :func:`graph.analysis.stats.network_counts` counts the loaded graph (issue 22)."""
    from graph.analysis.stats import network_counts

    notes = Node(id="notes", kind="source", name="Verslag", workspace=W)
    small.upsert(
        W, [notes], [tie("ilse", "notes", "mentioned_in"), tie("roc", "notes", "mentioned_in")]
    )
    info = next(w for w in small.workspaces() if w.name == W)
    counted = {k: getattr(info, k) for k in ("nodes", "sources", "relationships", "mentions")}
    assert (
        counted
        == network_counts(small.load_graph(W))
        == {
            "nodes": 4,
            "sources": 1,
            "relationships": 4,
            "mentions": 2,
        }
    )


def test_the_outline_is_the_loaded_graphs_shape(small: Store) -> None:
    """``outline`` (what ``grenswerk stats`` counts instead of loading the graph) is the
    shape of the graph ``load_graph`` builds: each node's kind, each tie's ends and type,
    parallel ties and mentions included, at the version it was read; after a delete too."""
    from collections import Counter

    from graph.analysis.stats import graph_stats, outline_stats

    assert small.outline("nowhere") == GraphOutline(0, {}, [])
    notes = Node(id="notes", kind="source", name="Verslag", workspace=W)
    theme = Node(id="llo", kind="theme", name="LLO", workspace=W)
    small.upsert(
        W,
        [notes, theme],
        [tie("ilse", "notes", "mentioned_in"), tie("ilse", "roc", "member_of")],
    )
    for step in ("written", "deleted"):
        outline = small.outline(W)
        graph = small.load_graph(W)
        assert outline.version == small.version(W)
        assert outline.kinds == dict(graph.nodes(data="kind"))
        assert Counter(outline.ties) == Counter(graph.edges(data="type"))
        assert outline_stats(outline) == graph_stats(graph)
        if step == "written":
            assert outline_stats(outline)["isolates"] == 1  # the theme
            small.delete_nodes(W, ["ilse"])
    assert sorted(outline.kinds) == ["bedrijf", "llo", "notes", "roc"]
    assert outline.ties == [("roc", "bedrijf", "partners_with")]


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


def test_node_heads_are_what_get_nodes_gives_of_id_kind_and_name(small: Store) -> None:
    """The import plan reads the stored nodes it names by their heads only: each is the
    id, kind and name of the whole node (``Bouwbedrijf Één``: not ASCII, as stored)."""
    ids = ["roc", "bedrijf", "ilse", "nope", "roc"]
    whole = small.get_nodes(W, ids)
    heads = small.node_heads(W, ids)
    assert heads == {i: NodeHead(n.id, n.kind, n.name) for i, n in whole.items()}
    assert heads["bedrijf"] == ("bedrijf", NodeKind.ORGANISATION, "Bouwbedrijf Één")
    assert small.node_heads(W, []) == {} and small.node_heads("elders", ["roc"]) == {}


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
        # the suite's Neo4j carries OpenGDS 2.13.9 (tests/neo4j/pom.xml)
        in_database_analytics=not embedded,
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


# -- network surveys ---------------------------------------------------------------------

_T0 = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)


def _survey(survey_id: str = "s1", workspace: str = "demo", hours: int = 0) -> Survey:
    return Survey(
        workspace=workspace,
        id=survey_id,
        name=f"Netwerkuitvraag {survey_id}",
        consent="Ik geef toestemming.",
        created=_T0 + dt.timedelta(hours=hours),
        expires=_T0 + dt.timedelta(days=30),
    )


def _invitation(number: int, survey_id: str = "s1", workspace: str = "demo") -> Invitation:
    return Invitation(
        workspace=workspace,
        survey_id=survey_id,
        id=number,
        node_id=f"org-{number}",
        name=f"Org {number}",
        issued=_T0,
        expires=_T0 + dt.timedelta(days=30),
    )


def _response(
    number: int, survey_id: str = "s1", partner: str = "Org X", workspace: str = "demo"
) -> SurveyResponse:
    return SurveyResponse(
        workspace=workspace,
        survey_id=survey_id,
        invitation_id=number,
        received=_T0,
        answers=[Answer(partner=partner, mechanism="reflection", themes=["Flexibilisering"])],
    )


def test_surveys_are_saved_listed_newest_first_and_replaced(store: Store) -> None:
    store.save_survey(_survey("s1"))
    store.save_survey(_survey("s2", hours=1))
    store.save_survey(_survey("s1", workspace="other"))
    assert [s.id for s in store.list_surveys("demo")] == ["s2", "s1"]
    assert store.get_survey("demo", "s1") == _survey("s1")
    assert store.get_survey("demo", "nope") is None
    renamed = _survey("s1").model_copy(update={"name": "Andere naam"})
    store.save_survey(renamed)
    assert store.get_survey("demo", "s1") == renamed
    assert [s.id for s in store.list_surveys("other")] == ["s1"]


def test_invitations_are_found_by_the_hash_of_their_link(store: Store) -> None:
    store.save_survey(_survey())
    store.save_invitation(_invitation(1), "hash-1")
    store.save_invitation(_invitation(2), "hash-2")
    assert store.invitation_by_hash("hash-2") == _invitation(2)
    assert store.invitation_by_hash("nope") is None
    assert [i.id for i in store.list_invitations("demo", "s1")] == [1, 2]
    store.save_invitation(_invitation(1), "hash-1b")  # a new link replaces the old one
    assert store.invitation_by_hash("hash-1") is None
    assert store.invitation_by_hash("hash-1b") == _invitation(1)
    assert store.list_invitations("demo", "other") == []


def test_responses_are_kept_one_per_invitation_and_deleted(store: Store) -> None:
    store.save_survey(_survey())
    store.save_response(_response(2))
    store.save_response(_response(1, partner="Eerste"))
    store.save_response(_response(1, partner="Tweede"))
    found = store.list_responses("demo", "s1")
    assert [(r.invitation_id, r.answers[0].partner) for r in found] == [(1, "Tweede"), (2, "Org X")]
    assert store.delete_response("demo", "s1", 1) is True
    assert store.delete_response("demo", "s1", 1) is False
    assert [r.invitation_id for r in store.list_responses("demo", "s1")] == [2]


def test_deleting_a_survey_takes_its_invitations_and_responses(store: Store) -> None:
    store.save_survey(_survey("s1"))
    store.save_survey(_survey("s2"))
    store.save_invitation(_invitation(1, "s1"), "h1")
    store.save_invitation(_invitation(1, "s2"), "h2")
    store.save_response(_response(1, "s1"))
    store.save_response(_response(1, "s2"))
    assert store.delete_survey("demo", "s1") is True
    assert store.delete_survey("demo", "s1") is False
    assert store.invitation_by_hash("h1") is None
    assert store.list_responses("demo", "s1") == []
    assert store.invitation_by_hash("h2") == _invitation(1, "s2")
    assert len(store.list_responses("demo", "s2")) == 1


def test_deleting_a_workspace_takes_its_surveys(store: Store) -> None:
    store.upsert(W, [org("a", "A")])
    store.save_survey(_survey("s1", workspace=W))
    store.save_invitation(_invitation(1, workspace=W), "h1")
    store.save_response(_response(1, workspace=W))
    store.save_survey(_survey("s1"))
    assert store.delete_workspace(W) is True
    assert store.list_surveys(W) == []
    assert store.invitation_by_hash("h1") is None
    assert store.list_responses(W, "s1") == []
    assert [s.id for s in store.list_surveys("demo")] == ["s1"]


# -- share links (hashed like keys) and saved map views ----------------------------------

LATER = "2026-01-08T00:00:00+00:00"


def test_share_links_are_stored_by_hash(store: Store) -> None:
    origins = ["https://intranet.example", "http://localhost:8080"]
    first = store.add_share_link("link-1", "demo", "bestuur", origins, CREATED, LATER)
    second = store.add_share_link("link-2", "demo", "", [], CREATED, LATER)
    other = store.add_share_link("link-3", "other", "", [], CREATED, LATER)
    assert second == first + 1 and other == second + 1
    assert store.share_link_by_hash("link-1") == ShareLink(
        first, "demo", "bestuur", tuple(origins), CREATED, LATER
    )
    assert store.share_link_by_hash("nope") is None
    assert [link.id for link in store.list_share_links("demo")] == [first, second]
    assert store.list_share_links("nowhere") == []


def test_share_links_are_revoked_one_by_one_or_per_workspace(store: Store) -> None:
    a = store.add_share_link("link-a", "demo", "", [], CREATED, LATER)
    b = store.add_share_link("link-b", "demo", "", [], CREATED, LATER)
    c = store.add_share_link("link-c", "other", "", [], CREATED, LATER)
    assert store.delete_share_links("other", link_id=a) == 0  # a is not a link of "other"
    assert store.delete_share_links("demo", link_id=a) == 1
    assert store.delete_share_links("demo", link_id=a) == 0
    assert store.share_link_by_hash("link-a") is None
    assert store.delete_share_links("demo") == 1
    assert store.share_link_by_hash("link-b") is None and b != c
    assert [link.id for link in store.list_share_links("other")] == [c]


def test_views_are_saved_replaced_and_deleted(store: Store) -> None:
    bestuur = SavedView("Bestuur", {"color_by": "sector", "focus": "roc"}, CREATED)
    assert store.put_view("demo", bestuur) is True
    assert store.put_view("demo", SavedView("Alles", {}, CREATED)) is True
    assert store.put_view("other", SavedView("Bestuur", {"kinds": "person"}, CREATED)) is True
    assert store.get_view("demo", "Bestuur") == bestuur
    assert store.get_view("demo", "Nope") is None
    assert [v.name for v in store.list_views("demo")] == ["Alles", "Bestuur"]
    changed = SavedView("Bestuur", {"size_by": "degree"}, LATER)
    assert store.put_view("demo", changed) is False
    assert store.get_view("demo", "Bestuur") == changed
    assert store.delete_views("demo", "Bestuur") == 1
    assert store.delete_views("demo", "Bestuur") == 0
    assert store.delete_views("demo") == 1
    assert store.list_views("demo") == []
    assert store.list_views("other") == [SavedView("Bestuur", {"kinds": "person"}, CREATED)]


def test_map_positions_are_kept_per_workspace_and_go_with_it(store: Store) -> None:
    assert store.get_positions("demo") == {}
    store.upsert("demo", [Node(id="a", kind="theme", name="A", workspace="demo")])
    store.upsert("other", [Node(id="a", kind="theme", name="A", workspace="other")])
    store.put_positions("demo", {"a": (1.5, -2.25), "b": (0, 1e4)})
    store.put_positions("other", {"a": (3.0, 4.0)})
    assert store.get_positions("demo") == {"a": (1.5, -2.25), "b": (0.0, 10000.0)}
    store.put_positions("demo", {"a": (7.0, 8.0)})  # replaces, not merges
    assert store.get_positions("demo") == {"a": (7.0, 8.0)}
    assert store.delete_workspace("demo")
    assert store.get_positions("demo") == {}
    assert store.get_positions("other") == {"a": (3.0, 4.0)}


# -- the change log (issue 13, point 4) and merging (point 3) -----------------------------

ANNA = Actor("Anna (adviseur)", "editor", "api")


def test_every_write_is_logged_once_with_its_actor(store: Store) -> None:
    store.upsert(W, [org("a", "A"), org("b", "B")], [tie("a", "b", "partners_with")], actor=ANNA)
    store.upsert(W, [org("a", "A", description="school in Utrecht")])
    rel_id = store.list_relationships(W)[0].id
    store.delete_relationships(W, [rel_id], actor=ANNA)
    store.delete_nodes(W, ["b"], actor=ANNA)
    log = store.changes(W)
    assert [(c.id, c.action, c.actor, c.role) for c in log] == [
        (4, "delete_nodes", "Anna (adviseur)", "editor"),
        (3, "delete_relationships", "Anna (adviseur)", "editor"),
        (2, "upsert", "console", "system"),
        (1, "upsert", "Anna (adviseur)", "editor"),
    ]
    assert log[3].counts == {"nodes_created": 2, "relationships_created": 1}
    assert log[3].note == "api" and not log[3].details and log[3].nodes == []
    update = store.change(W, 2)
    assert update is not None
    assert [(e.id, e.op, e.before, e.after) for e in update.nodes] == [
        ("a", "updated", {"description": None}, {"description": "school in Utrecht"})
    ]
    deleted = store.change(W, 3)
    assert deleted is not None and deleted.relationships[0].op == "deleted"
    assert deleted.relationships[0].before is not None
    assert deleted.relationships[0].before["source"] == "a"
    created = store.change(W, 1)
    assert created is not None
    assert [(e.id, e.op, (e.after or {}).get("name")) for e in created.nodes] == [
        ("a", "created", "A"),
        ("b", "created", "B"),
    ]
    assert dt.datetime.fromisoformat(log[0].time).tzinfo is not None


def test_a_write_that_changes_nothing_or_fails_logs_nothing(small: Store) -> None:
    small.upsert(W, [org("roc", "ROC Midden-Nederland", org_type="school")])
    with pytest.raises(StoreError):
        small.upsert(W, [person("roc", "ROC")], actor=ANNA)
    assert small.delete_nodes(W, ["nope"]) == 0
    assert [c.id for c in small.changes(W)] == [1]


def test_changes_filter_by_node_and_time_and_page(small: Store) -> None:
    small.upsert(W, [org("bedrijf", "Bouwbedrijf Één", description="aannemer")])
    small.upsert(W, [org("x", "X")])
    assert [c.id for c in small.changes(W, node_id="bedrijf")] == [2, 1]
    assert [c.id for c in small.changes(W, node_id="ilse")] == [1]  # her tie, too
    assert [c.id for c in small.changes(W, limit=2)] == [3, 2]
    assert [c.id for c in small.changes(W, limit=2, offset=2)] == [1]
    today = small.changes(W)[0].time[:10]
    assert len(small.changes(W, since=today)) == 3
    assert small.changes(W, until=today) == []
    assert small.changes("elders") == []
    assert small.change(W, 99) is None


def test_merge_keeps_both_names_and_moves_every_tie(store: Store) -> None:
    store.upsert(
        W,
        [
            org("roc", "ROC Midden-Nederland", aliases=["ROC MN"]),
            org("roc2", "ROC Midden Nederland", org_type="school", description="mbo"),
            person("ilse", "Ilse Hartgers"),
            Node(id="src", kind=NodeKind.SOURCE, name="Verslag", workspace=W),
        ],
        [
            tie("ilse", "roc", role="docent"),
            tie("ilse", "roc2", strength=2.0),
            tie("roc2", "src", "mentioned_in", quote="het ROC"),
            tie("roc", "roc2", "partners_with"),
        ],
    )
    change_id = store.merge(W, "roc", "roc2", actor=ANNA)
    keep = store.get_node(W, "roc")
    assert keep is not None and store.get_node(W, "roc2") is None
    assert keep.name == "ROC Midden-Nederland"
    assert keep.aliases == ["ROC MN", "ROC Midden Nederland"]
    assert (keep.description, keep.org_type) == ("mbo", "school")
    rels = {(r.type.value, r.source, r.target): r for r in store.list_relationships(W)}
    assert sorted(rels) == [("mentioned_in", "roc", "src"), ("works_at", "ilse", "roc")]
    works = rels[("works_at", "ilse", "roc")]
    assert (works.role, works.strength) == ("docent", 2.0)  # the two ties became one
    assert rels[("mentioned_in", "roc", "src")].quote == "het ROC"
    assert [n.id for n in store.search(W, "Midden Nederland")] == ["roc"]
    entry = store.change(W, change_id)
    assert entry is not None and (entry.action, entry.actor) == ("merge", "Anna (adviseur)")
    assert entry.counts["nodes_deleted"] == 1


def test_merge_refuses_other_kinds_and_missing_nodes_and_writes_nothing(small: Store) -> None:
    before = snapshot(small, W)
    with pytest.raises(StoreError, match="only nodes of the same kind"):
        small.merge(W, "roc", "ilse")
    with pytest.raises(StoreError, match="no node 'nope'"):
        small.merge(W, "roc", "nope")
    with pytest.raises(StoreError, match="with itself"):
        small.merge(W, "roc", "roc")
    assert snapshot(small, W) == before
    assert len(small.changes(W)) == 1


def test_a_merge_is_undone_through_the_log(small: Store) -> None:
    small.upsert(W, [org("roc2", "ROC MN Utrecht")], [tie("roc2", "bedrijf", "partners_with")])
    before = snapshot(small, W)
    merged = small.merge(W, "roc", "roc2")
    undone = undo(small, W, merged, ANNA)
    assert snapshot(small, W)[1:] == before[1:]
    assert [n.id for n in small.search(W, "ROC MN Utrecht")] == ["roc2"]
    entry = small.change(W, undone)
    assert entry is not None and (entry.action, entry.undoes) == ("undo", merged)


def test_undo_is_refused_when_a_later_change_touched_the_same_elements(small: Store) -> None:
    small.upsert(W, [org("bedrijf", "Bouwbedrijf Één", description="aannemer")])
    small.upsert(W, [org("bedrijf", "Bouwbedrijf Één", description="bouw")])
    before = snapshot(small, W)
    with pytest.raises(UndoRefused, match="change 3 .* later changed the same elements"):
        undo(small, W, 2)
    assert snapshot(small, W) == before
    undo(small, W, 3)
    node = small.get_node(W, "bedrijf")
    assert node is not None and node.description == "aannemer"
    with pytest.raises(NotFound):
        undo(small, W, 42)


def test_undo_is_refused_when_a_later_tie_joins_a_node_of_the_change(small: Store) -> None:
    small.upsert(W, [org("nieuw", "Nieuw BV")])
    small.upsert(W, [], [tie("roc", "nieuw", "partners_with")])
    before = snapshot(small, W)
    with pytest.raises(UndoRefused, match="change 3 "):
        undo(small, W, 2)
    assert snapshot(small, W) == before


def test_undo_of_a_delete_brings_the_node_and_its_ties_back(small: Store) -> None:
    before = snapshot(small, W)
    small.delete_nodes(W, ["roc"])
    undo(small, W, 2)
    assert snapshot(small, W)[1:] == before[1:]


def test_forget_leaves_no_name_in_the_log(store: Store) -> None:
    store.upsert(
        W,
        [
            person("petra-van-beveren", "Petra van Beveren", aliases=["P. van Beveren"]),
            org("roc", "ROC", description='zegt "Petra": contact'),
        ],
        [tie("petra-van-beveren", "roc", role="docent", quote="'Van Beveren' leidt het")],
        actor=Actor("Petra van Beveren", "editor"),
    )
    store.upsert(W, [org("roc", "ROC", description="contact: PÉTRA VAN BEVEREN")])
    forget(store, W, "petra-van-beveren", actor=ANNA)
    log = [store.change(W, c.id) for c in store.changes(W)]
    text = " ".join(c.model_dump_json() for c in log if c is not None)
    assert "petra" not in text.lower() and "beveren" not in text.lower()
    assert "\\u00c9" not in text and "ÉTRA" not in text
    assert (log[0] is not None) and (log[0].action, log[0].actor) == ("forget", ANNA.label)
    assert log[0].nodes == [] and log[0].counts["nodes_deleted"] == 1
    assert all(c is not None and c.scrubbed for c in log[1:])
    with pytest.raises(UndoRefused):
        undo(store, W, log[0].id if log[0] else 0)


def test_deleting_a_workspace_deletes_its_log(small: Store) -> None:
    small.delete_workspace(W)
    assert small.changes(W) == []
    small.upsert(W, [org("a", "A")])
    assert [c.id for c in small.changes(W)] == [1]


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


# -- exact writes, closing, and a contract test for every method -------------------------


def test_apply_writes_exactly_what_it_is_given(small: Store) -> None:
    """Unlike an upsert, nothing is merged: the node is put as given, a deleted tie goes,
    and the whole is one change; an apply that changes nothing is change 0."""
    before = snapshot(small, W)
    (partners,) = small.list_relationships(W, type=RelType.PARTNERS_WITH)
    plan = Replacement(
        nodes=[org("roc", "ROC MN")],  # its alias and org_type go: put, not merged
        delete_relationships=[partners.id],
        delete_nodes=["nope"],
    )
    change = small.apply(W, plan, actor=ANNA)
    assert small.get_node(W, "roc") == org("roc", "ROC MN")
    assert small.get_relationship(W, partners.id) is None
    assert small.version(W) == before[0] + 1
    entry = small.change(W, change)
    assert entry is not None and (entry.action, entry.actor) == ("apply", ANNA.label)
    assert small.apply(W, Replacement(nodes=[org("roc", "ROC MN")])) == 0
    with pytest.raises(StoreError):
        small.apply(W, Replacement(nodes=[org("x", "X")], relationships=[tie("ilse", "ghost")]))
    assert small.get_node(W, "x") is None and small.version(W) == before[0] + 1


def test_close_twice_and_a_closed_store_refuses(store: Store) -> None:
    store.upsert(W, [org("a", "A")])
    store.close()
    store.close()
    with pytest.raises(StoreError):
        store.version(W)
    with pytest.raises(StoreError):
        store.upsert(W, [org("b", "B")])


def test_every_store_method_has_a_contract_test() -> None:
    """Each method of the Store Protocol is called by a test of this file that runs on
    every backend (its ``store`` or ``small`` fixture: SQLite file and memory, the real
    Neo4j); a method added to the Protocol without a test here fails this test."""
    from graph.store.base import Store as Protocol
    from tests.conftest import BACKENDS

    ids = [b if isinstance(b, str) else b.values[0] for b in BACKENDS]
    assert ids == ["sqlite-file", "sqlite-memory", "neo4j"]
    methods = {name for name, value in vars(Protocol).items() if callable(value) and name[0] != "_"}
    tree = ast.parse(Path(__file__).read_text(encoding="utf-8"))
    called: set[str] = set()
    for function in tree.body:
        if not isinstance(function, ast.FunctionDef) or not function.name.startswith("test_"):
            continue
        if not {a.arg for a in function.args.args} & {"store", "small"}:
            continue  # not run on every backend
        called |= {
            node.func.attr
            for node in ast.walk(function)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
        }
    assert len(methods) > 40
    assert sorted(methods - called) == []
