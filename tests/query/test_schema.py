"""The query model is documented once (docs/query.md), and the document, the embedded
engine's tables and what Neo4j shows for the same workspace say the same."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from graph.model import RelType
from graph.store.query import ladybug_db
from graph.store.query.model import LABELS, NODE_PROPERTIES, REL_PROPERTIES, TYPES, model_rows
from graph.store.sqlite import SQLiteStore
from tests.conftest import Neo4jTarget
from tests.query.neo4j_model import write_model

DOC = (Path(__file__).parents[2] / "docs" / "query.md").read_text(encoding="utf-8")
#: Neo4j's names of property types (db.schema.*TypeProperties) in the model's words
NEO4J_TYPES = {
    "String": "STRING",
    "Date": "DATE",
    "Double": "DOUBLE",
    "Long": "INT64",
    "Boolean": "BOOL",
    "StringArray": "STRING[]",
}


def section(title: str) -> str:
    found = re.search(rf"^### {re.escape(title)}\n(.*?)(?=^##)", DOC, re.M | re.S)
    assert found, f"docs/query.md has no section {title!r}"
    return found.group(1)


def documented_properties(title: str) -> dict[str, str]:
    rows = re.findall(r"^\| `(\w+)` \| ([A-Z0-9\[\]]+) \|", section(title), re.M)
    return dict(rows)


def test_the_document_lists_the_models_labels_types_and_properties() -> None:
    labels = re.findall(r"^\| (\w+) \| `:(\w+)` \|", section("Labels"), re.M)
    assert dict(labels) == {k.value: v for k, v in LABELS.items()}
    assert documented_properties("Node properties") == NODE_PROPERTIES
    assert documented_properties("Relationship properties") == REL_PROPERTIES
    assert re.findall(r"`([A-Z_]+)`", section("Relationship types").split("\n\n")[0]) == list(
        TYPES.values()
    )
    assert {t: t.value.upper() for t in RelType} == TYPES


def _rows(conn: Any, query: str) -> list[list[Any]]:
    result = conn.execute(query)
    out = []
    while result.has_next():
        out.append(result.get_next())
    return out


def test_the_engines_tables_are_the_documented_ones(
    query_store: SQLiteStore, tmp_path: Path
) -> None:
    import ladybug

    db = ladybug_db.build(model_rows(query_store.load_graph("demo")), tmp_path / "db")
    conn = ladybug.Connection(db)
    tables = {name: kind for _, name, kind, *_ in _rows(conn, "CALL show_tables() RETURN *")}
    assert {n for n, k in tables.items() if k == "NODE"} == set(LABELS.values())
    assert {n for n, k in tables.items() if k == "REL"} == set(TYPES.values())
    for name, kind in tables.items():
        columns = {row[1]: row[2] for row in _rows(conn, f"CALL table_info('{name}') RETURN *")}
        assert columns == (NODE_PROPERTIES if kind == "NODE" else REL_PROPERTIES), name
    conn.close()
    db.close()


@pytest.mark.neo4j
@pytest.mark.parametrize("workspace", ["demo", "voorbeeld-roc"])
def test_neo4j_shows_the_documented_model(
    workspace: str, neo4j_target: Neo4jTarget, query_store: SQLiteStore
) -> None:
    import neo4j

    rows = model_rows(query_store.load_graph(workspace))
    auth = (neo4j_target.user, neo4j_target.password or "")
    with (
        neo4j.GraphDatabase.driver(neo4j_target.uri, auth=auth) as driver,
        driver.session(database=neo4j_target.database) as session,
    ):
        write_model(session, rows)
        nodes = list(session.run("CALL db.schema.nodeTypeProperties()"))
        rels = list(session.run("CALL db.schema.relTypeProperties()"))
        counts = session.run(
            "MATCH (n) WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r) AS ties"
        ).single()
        session.run("MATCH (n) DETACH DELETE n").consume()
    assert counts["nodes"] == sum(len(r) for r in rows.nodes.values())
    assert counts["ties"] == sum(len(r) for r in rows.relationships.values())
    labels = {label for record in nodes for label in record["nodeLabels"]}
    assert labels == set(rows.nodes) and labels <= set(LABELS.values())
    for record in nodes:
        if record["propertyName"] is None:
            continue
        documented = NODE_PROPERTIES.get(record["propertyName"])
        shown = {NEO4J_TYPES.get(t, t) for t in record["propertyTypes"]}
        assert shown == {documented}, (record["nodeLabels"], record["propertyName"], shown)
    types = {record["relType"].strip(":`") for record in rels}
    assert types == set(rows.relationships) and types <= set(TYPES.values())
    for record in rels:
        if record["propertyName"] is None:
            continue
        documented = REL_PROPERTIES.get(record["propertyName"])
        shown = {NEO4J_TYPES.get(t, t) for t in record["propertyTypes"]}
        assert shown == {documented}, (record["relType"], record["propertyName"], shown)
