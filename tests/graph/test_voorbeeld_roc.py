"""The fictional workspace voorbeeld-roc: generated deterministically, every name
invented and marked so, and shaped for a manager's questions."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from graph.examples.voorbeeld_roc import NODE_COLUMNS, RELATIONSHIP_COLUMNS, _csv, generate
from graph.model import NodeKind, OrgType
from graph.store.sqlite import SQLiteStore
from importers import ImportOptions, plan_paths

DATA = Path(__file__).parents[2] / "graph" / "data" / "voorbeeld"


def test_the_shipped_files_are_what_the_script_generates() -> None:
    nodes, rels = generate()
    assert (DATA / "voorbeeld-roc-nodes.csv").read_text(encoding="utf-8") == _csv(
        nodes, NODE_COLUMNS
    )
    assert (DATA / "voorbeeld-roc-relationships.csv").read_text(encoding="utf-8") == _csv(
        rels, RELATIONSHIP_COLUMNS
    )


def test_it_imports_cleanly_as_a_roc_with_150_companies_in_six_sectors() -> None:
    plan = plan_paths(SQLiteStore(":memory:"), [DATA], ImportOptions("voorbeeld-roc"))
    assert not plan.problems and not plan.suggestions
    companies = [n for n in plan.nodes if n.org_type is OrgType.COMPANY]
    assert len(companies) == 150
    assert Counter(n.sector for n in companies) == {
        "zorg": 30,
        "techniek": 30,
        "ICT": 25,
        "bouw": 25,
        "handel": 25,
        "horeca": 15,
    }
    names = {n.name for n in plan.nodes}
    assert {"ROC Voorbeeldstad", "SBB regio Voorbeeldstad", "Gemeente Voorbeeldstad"} <= names
    years = {r.since.year for r in plan.relationships if r.since}
    assert min(years) == 2019 and max(years) >= 2025
    assert any(r.mechanism for r in plan.relationships)


def test_everything_is_marked_fictional() -> None:
    plan = plan_paths(SQLiteStore(":memory:"), [DATA], ImportOptions("voorbeeld-roc"))
    source = next(n for n in plan.nodes if n.kind is NodeKind.SOURCE)
    assert "Fictief" in (source.description or "") and "invented" in (source.description or "")
    for element in [*plan.nodes, *plan.relationships]:
        assert [p.source for p in element.provenance] == [source.id], element.id
    for node in plan.nodes:
        if node.kind is NodeKind.ORGANISATION:
            assert node.properties.get("fictional") is True, node.id


def test_horeca_is_barely_reached() -> None:
    """The story the README tells: the ROC reaches horeca far less than techniek."""
    plan = plan_paths(SQLiteStore(":memory:"), [DATA], ImportOptions("voorbeeld-roc"))
    sector = {n.id: n.sector for n in plan.nodes}
    partners = Counter(
        sector[r.target]
        for r in plan.relationships
        if r.type.value == "partners_with" and r.source == "roc-voorbeeldstad"
    )
    assert (partners["horeca"], partners["techniek"]) == (3, 27)  # as the README says
