"""Files made by other tools: Kumu workbooks, Gephi GEXF, networkx GraphML, Pajek."""

from __future__ import annotations

from pathlib import Path

from graph.model import ActivityType, NodeKind, OrgType, Relationship, RelType
from graph.store.base import Store
from graph.store.sqlite import SQLiteStore
from importers import ImportOptions, import_paths
from tests.conftest import on_both


def kinds(store: SQLiteStore, workspace: str) -> dict[str, tuple[str, str | None]]:
    return {
        n.name: (n.kind.value, n.org_type.value if n.org_type else None)
        for n in store.list_nodes(workspace)
    }


@on_both
def test_kumu_workbook(flow_store: Store, fixtures: Path) -> None:
    plan, result = import_paths(
        flow_store, [fixtures / "kumu-rijnmond.xlsx"], ImportOptions("rijnmond")
    )
    assert (result.nodes_created, result.relationships_created) == (9, 9)
    found = kinds(flow_store, "rijnmond")
    assert found["Albeda"] == ("organisation", "school")
    assert found["Zadkine"] == ("organisation", "school")  # "ROC"
    assert found["Havenbedrijf Rotterdam"] == ("organisation", "company")
    assert found["Petra de Wit"] == ("person", None)
    assert found["Zorgakademie Rijnmond"] == ("network", None)
    assert found["Leven Lang Ontwikkelen"] == ("theme", None)
    stichting = flow_store.get_node("rijnmond", "stichting-leerwerkloket")
    assert stichting is not None and stichting.org_type is OrgType.OTHER
    assert stichting.properties["original_type"] == "Stichting"  # unknown: default kind
    werkplaats = flow_store.get_node("rijnmond", "werkplaats-llo")
    assert werkplaats is not None and werkplaats.activity_type is ActivityType.MEETING
    albeda = flow_store.get_node("rijnmond", "albeda")
    assert albeda is not None and albeda.url == "https://www.albeda.nl"
    assert albeda.properties["tags"] == "mbo; zorg"
    types = {(r.source, r.target): r.type for r in flow_store.list_relationships("rijnmond")}
    assert types[("albeda", "erasmus-mc")] is RelType.PARTNERS_WITH
    assert types[("petra-de-wit", "erasmus-mc")] is RelType.WORKS_AT
    assert types[("zorgakademie-rijnmond", "werkplaats-llo")] is RelType.ORGANISES
    loket = next(
        r for r in flow_store.list_relationships("rijnmond") if r.source.startswith("stichting")
    )
    assert loket.type is RelType.COLLABORATES_WITH and loket.properties["original_type"] == "loket"
    assert not plan.problems


@on_both
def test_gephi_gexf(flow_store: Store, fixtures: Path) -> None:
    _, result = import_paths(flow_store, [fixtures / "gephi-export.gexf"], ImportOptions("g"))
    assert (result.nodes_created, result.relationships_created) == (5, 4)
    found = kinds(flow_store, "g")
    assert found["Koning Willem I College"] == ("organisation", "school")
    assert found["Bosch Rexroth"] == ("organisation", "company")
    assert found["SBB"] == ("organisation", "sector_body")
    assert found["Hackathon Smart Industry"][0] == "activity"
    rels = {r.type for r in flow_store.list_relationships("g")}
    assert rels == {
        RelType.PARTNERS_WITH,
        RelType.MEMBER_OF,
        RelType.PARTICIPATES_IN,
        RelType.COLLABORATES_WITH,
    }
    node = flow_store.get_node("g", "0")
    assert node is not None and node.properties["Modularity Class"] == 0


@on_both
def test_networkx_graphml(flow_store: Store, fixtures: Path) -> None:
    _, result = import_paths(flow_store, [fixtures / "networkx.graphml"], ImportOptions("nx"))
    assert (result.nodes_created, result.relationships_created) == (4, 4)
    rels = {(r.source, r.target): r for r in flow_store.list_relationships("nx")}
    assert rels[("graafschap", "achterhoek-zorg")].type is RelType.PARTNERS_WITH
    assert rels[("graafschap", "achterhoek-zorg")].strength == 2.0
    assert rels[("anouk", "llo")].type is RelType.WORKS_ON
    # no type given, and the default (collaborates_with) cannot join a theme:
    odd = rels[("llo", "achterhoek-zorg")]
    assert odd.type is RelType.RELATED_TO
    assert odd.properties["original_type"] == "collaborates_with"


@on_both
def test_two_mode_pajek(flow_store: Store, fixtures: Path) -> None:
    plan, result = import_paths(
        flow_store, [fixtures / "bijeenkomsten-2mode.net"], ImportOptions("davis")
    )
    assert (result.nodes_created, result.relationships_created) == (9, 9)
    people = flow_store.list_nodes("davis", kind=NodeKind.PERSON)
    meetings = flow_store.list_nodes("davis", kind=NodeKind.ACTIVITY)
    assert len(people) == 5 and len(meetings) == 4
    rels = flow_store.list_relationships("davis")
    assert {r.type for r in rels} == {RelType.PARTICIPATES_IN}
    assert any(r.strength == 2.0 for r in rels)
    assert any("*Partition" in note for note in plan.notes)


def test_two_mode_kinds_are_an_option(sqlite_store: SQLiteStore, fixtures: Path) -> None:
    options = ImportOptions("orgs", two_mode_kinds=(NodeKind.ORGANISATION, NodeKind.THEME))
    import_paths(sqlite_store, [fixtures / "bijeenkomsten-2mode.net"], options)
    rels = sqlite_store.list_relationships("orgs")
    assert {r.type for r in rels} == {RelType.WORKS_ON}


@on_both
def test_one_mode_pajek_with_lists_and_duplicate_labels(flow_store: Store, fixtures: Path) -> None:
    plan, result = import_paths(flow_store, [fixtures / "one-mode.paj"], ImportOptions("p"))
    assert result.nodes_created == 4
    assert result.relationships_created == 4  # 2 arcs + an edge list of 2
    assert [(s.first, s.second) for s in plan.suggestions] == [("roc-a", "roc-a-4")]


def ties(store: SQLiteStore, workspace: str) -> dict[tuple[str, str, str], Relationship]:
    return {(r.type.value, r.source, r.target): r for r in store.list_relationships(workspace)}


@on_both
def test_directed_gexf_keeps_direction_and_sums_parallel_arcs(
    flow_store: Store, fixtures: Path
) -> None:
    path = fixtures / "directed-gephi.gexf"
    plan, result = import_paths(flow_store, [path], ImportOptions("g"))
    found = ties(flow_store, "g")
    assert sorted(found) == [
        ("collaborates_with", "b", "c"),
        ("related_to", "a", "b"),
        ("related_to", "a", "c"),
        ("related_to", "b", "a"),
    ]
    assert found[("related_to", "a", "b")].strength == 1.0
    assert found[("related_to", "b", "a")].strength == 2.0
    parallel = found[("related_to", "a", "c")]
    assert parallel.strength == 9.5
    assert parallel.properties["merged_edges"] == 2
    assert parallel.properties["merged_weights"] == "2.5; 7"
    assert found[("collaborates_with", "b", "c")].strength == 4.0
    assert f"{path}: 4 directed edges without a known type were stored as related_to" in (
        " ".join(plan.notes)
    )
    assert any(
        n.startswith(f"{path}: merged 1 edge into the tie it repeats (1 parallel")
        for n in plan.notes
    )


def test_directed_graphml_merges_a_symmetric_pair_with_a_note(
    sqlite_store: SQLiteStore, fixtures: Path
) -> None:
    path = fixtures / "directed-keys.graphml"
    plan, _ = import_paths(sqlite_store, [path], ImportOptions("k"))
    found = ties(sqlite_store, "k")
    assert sorted(found) == [
        ("collaborates_with", "x", "z"),
        ("partners_with", "x", "y"),
        ("related_to", "z", "x"),
    ]
    pair = found[("partners_with", "x", "y")]
    assert (pair.strength, pair.properties["merged_edges"]) == (6.0, 2)
    assert found[("related_to", "z", "x")].properties["original_type"] == "buurman"
    assert any(
        n.startswith(f"{path}: merged 1 edge") and "0 parallel" in n and "1 the other way" in n
        for n in plan.notes
    )


def test_pajek_arcs_keep_direction_and_weights(sqlite_store: SQLiteStore, fixtures: Path) -> None:
    import_paths(sqlite_store, [fixtures / "arcs-and-edges.net"], ImportOptions("p"))
    found = ties(sqlite_store, "p")
    assert sorted(found) == [
        ("collaborates_with", "roc-b", "bedrijf-c"),
        ("related_to", "roc-a", "roc-b"),
        ("related_to", "roc-b", "roc-a"),
    ]
    forth = found[("related_to", "roc-a", "roc-b")]
    assert (forth.strength, forth.properties["merged_weights"]) == (9.5, "2.5; 7")
    assert found[("related_to", "roc-b", "roc-a")].strength == 1.0


def test_graphml_defaults_and_keys_inside_graph(sqlite_store: SQLiteStore, fixtures: Path) -> None:
    import_paths(sqlite_store, [fixtures / "directed-keys.graphml"], ImportOptions("k"))
    found = {n.id: n for n in sqlite_store.list_nodes("k")}
    assert found["x"].org_type is OrgType.SCHOOL  # the key's default
    assert found["y"].org_type is OrgType.COMPANY
    assert (found["x"].properties["ronde"], found["z"].properties["ronde"]) == (
        "enquete",
        "interview",
    )
    edge = ties(sqlite_store, "k")[("partners_with", "x", "y")]  # default relation: partner
    assert edge.properties["ronde"] == "enquete"  # a key "for all"


def test_gexf_defaults_and_attvalues_outside_attvalues(
    sqlite_store: SQLiteStore, fixtures: Path
) -> None:
    import_paths(sqlite_store, [fixtures / "directed-gephi.gexf"], ImportOptions("g"))
    found = {n.id: n for n in sqlite_store.list_nodes("g")}
    assert found["a"].org_type is OrgType.SCHOOL  # <attvalue> straight under <node>
    assert found["b"].org_type is OrgType.COMPANY  # the default "Bedrijf"
    assert (found["a"].properties["regio"], found["b"].properties["regio"]) == (
        "Brabant",
        "Limburg",
    )
    rels = ties(sqlite_store, "g")
    assert str(rels[("related_to", "a", "b")].since) == "2020-01-01"  # the default
    assert str(rels[("related_to", "b", "a")].since) == "2018-01-01"  # outside <attvalues>
