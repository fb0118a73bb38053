"""Files made by other tools: Kumu workbooks, Gephi GEXF, networkx GraphML, Pajek."""

from __future__ import annotations

from pathlib import Path

from graph.model import ActivityType, NodeKind, OrgType, RelType
from graph.store.sqlite import SQLiteStore
from importers import ImportOptions, import_paths


def kinds(store: SQLiteStore, workspace: str) -> dict[str, tuple[str, str | None]]:
    return {
        n.name: (n.kind.value, n.org_type.value if n.org_type else None)
        for n in store.list_nodes(workspace)
    }


def test_kumu_workbook(sqlite_store: SQLiteStore, fixtures: Path) -> None:
    plan, result = import_paths(
        sqlite_store, [fixtures / "kumu-rijnmond.xlsx"], ImportOptions("rijnmond")
    )
    assert (result.nodes_created, result.relationships_created) == (9, 9)
    found = kinds(sqlite_store, "rijnmond")
    assert found["Albeda"] == ("organisation", "school")
    assert found["Zadkine"] == ("organisation", "school")  # "ROC"
    assert found["Havenbedrijf Rotterdam"] == ("organisation", "company")
    assert found["Petra de Wit"] == ("person", None)
    assert found["Zorgakademie Rijnmond"] == ("network", None)
    assert found["Leven Lang Ontwikkelen"] == ("theme", None)
    stichting = sqlite_store.get_node("rijnmond", "stichting-leerwerkloket")
    assert stichting is not None and stichting.org_type is OrgType.OTHER
    assert stichting.properties["original_type"] == "Stichting"  # unknown: default kind
    werkplaats = sqlite_store.get_node("rijnmond", "werkplaats-llo")
    assert werkplaats is not None and werkplaats.activity_type is ActivityType.MEETING
    albeda = sqlite_store.get_node("rijnmond", "albeda")
    assert albeda is not None and albeda.url == "https://www.albeda.nl"
    assert albeda.properties["tags"] == "mbo; zorg"
    types = {(r.source, r.target): r.type for r in sqlite_store.list_relationships("rijnmond")}
    assert types[("albeda", "erasmus-mc")] is RelType.PARTNERS_WITH
    assert types[("petra-de-wit", "erasmus-mc")] is RelType.WORKS_AT
    assert types[("zorgakademie-rijnmond", "werkplaats-llo")] is RelType.ORGANISES
    loket = next(
        r for r in sqlite_store.list_relationships("rijnmond") if r.source.startswith("stichting")
    )
    assert loket.type is RelType.COLLABORATES_WITH and loket.properties["original_type"] == "loket"
    assert not plan.problems


def test_gephi_gexf(sqlite_store: SQLiteStore, fixtures: Path) -> None:
    _, result = import_paths(sqlite_store, [fixtures / "gephi-export.gexf"], ImportOptions("g"))
    assert (result.nodes_created, result.relationships_created) == (5, 4)
    found = kinds(sqlite_store, "g")
    assert found["Koning Willem I College"] == ("organisation", "school")
    assert found["Bosch Rexroth"] == ("organisation", "company")
    assert found["SBB"] == ("organisation", "sector_body")
    assert found["Hackathon Smart Industry"][0] == "activity"
    rels = {r.type for r in sqlite_store.list_relationships("g")}
    assert rels == {
        RelType.PARTNERS_WITH,
        RelType.MEMBER_OF,
        RelType.PARTICIPATES_IN,
        RelType.COLLABORATES_WITH,
    }
    node = sqlite_store.get_node("g", "0")
    assert node is not None and node.properties["Modularity Class"] == 0


def test_networkx_graphml(sqlite_store: SQLiteStore, fixtures: Path) -> None:
    _, result = import_paths(sqlite_store, [fixtures / "networkx.graphml"], ImportOptions("nx"))
    assert (result.nodes_created, result.relationships_created) == (4, 4)
    rels = {(r.source, r.target): r for r in sqlite_store.list_relationships("nx")}
    assert rels[("graafschap", "achterhoek-zorg")].type is RelType.PARTNERS_WITH
    assert rels[("graafschap", "achterhoek-zorg")].strength == 2.0
    assert rels[("anouk", "llo")].type is RelType.WORKS_ON
    # no type given, and the default (collaborates_with) cannot join a theme:
    odd = rels[("llo", "achterhoek-zorg")]
    assert odd.type is RelType.RELATED_TO
    assert odd.properties["original_type"] == "collaborates_with"


def test_two_mode_pajek(sqlite_store: SQLiteStore, fixtures: Path) -> None:
    plan, result = import_paths(
        sqlite_store, [fixtures / "bijeenkomsten-2mode.net"], ImportOptions("davis")
    )
    assert (result.nodes_created, result.relationships_created) == (9, 9)
    people = sqlite_store.list_nodes("davis", kind=NodeKind.PERSON)
    meetings = sqlite_store.list_nodes("davis", kind=NodeKind.ACTIVITY)
    assert len(people) == 5 and len(meetings) == 4
    rels = sqlite_store.list_relationships("davis")
    assert {r.type for r in rels} == {RelType.PARTICIPATES_IN}
    assert any(r.strength == 2.0 for r in rels)
    assert any("*Partition" in note for note in plan.notes)


def test_two_mode_kinds_are_an_option(sqlite_store: SQLiteStore, fixtures: Path) -> None:
    options = ImportOptions("orgs", two_mode_kinds=(NodeKind.ORGANISATION, NodeKind.THEME))
    import_paths(sqlite_store, [fixtures / "bijeenkomsten-2mode.net"], options)
    rels = sqlite_store.list_relationships("orgs")
    assert {r.type for r in rels} == {RelType.WORKS_ON}


def test_one_mode_pajek_with_lists_and_duplicate_labels(
    sqlite_store: SQLiteStore, fixtures: Path
) -> None:
    plan, result = import_paths(sqlite_store, [fixtures / "one-mode.paj"], ImportOptions("p"))
    assert result.nodes_created == 4
    assert result.relationships_created == 4  # 2 arcs + an edge list of 2
    assert [(s.first, s.second) for s in plan.suggestions] == [("roc-a", "roc-a-4")]
