"""One workspace written to a Neo4j database in the query model (docs/query.md), so that
the same query text runs unmodified on Neo4j and on the embedded engine.

The database holds nothing else while the corpus runs (the tests empty it first): a
label is the kind's label, every property of :data:`NODE_PROPERTIES` and
:data:`REL_PROPERTIES` is a property of its own (Neo4j stores no ``null``: a property
without a value is absent, which reads as ``null`` as in the engine).
"""

from __future__ import annotations

from typing import Any

from graph.store.query.model import ModelRows

#: empties the database (the tests' throw-away server)
WIPE = "MATCH (n) DETACH DELETE n"


def _props(row: dict[str, Any], skip: tuple[str, ...] = ()) -> dict[str, Any]:
    return {k: v for k, v in row.items() if v is not None and k not in skip}


def write_model(session: Any, rows: ModelRows, *, batch: int = 5000) -> None:
    """Write ``rows`` (one workspace) into the session's database."""
    session.run(WIPE).consume()
    for label in rows.nodes:
        session.run(
            f"CREATE INDEX model_{label.lower()}_id IF NOT EXISTS FOR (n:{label}) ON (n.id)"
        ).consume()
    session.run("CALL db.awaitIndexes(60)").consume()
    for label, node_rows in rows.nodes.items():
        for start in range(0, len(node_rows), batch):
            part = [_props(r) for r in node_rows[start : start + batch]]
            session.run(f"UNWIND $rows AS r CREATE (n:{label}) SET n = r", rows=part).consume()
    for rel_type, rel_rows in rows.relationships.items():
        by_ends: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for row, ends in zip(rel_rows, rows.ends[rel_type], strict=True):
            by_ends.setdefault(ends, []).append(
                {"s": row["source"], "t": row["target"], "p": _props(row, ("source", "target"))}
            )
        for (a, b), items in by_ends.items():
            for start in range(0, len(items), batch):
                session.run(
                    f"UNWIND $rows AS r MATCH (a:{a} {{id: r.s}}) MATCH (b:{b} {{id: r.t}}) "
                    f"CREATE (a)-[x:{rel_type}]->(b) SET x = r.p",
                    rows=items[start : start + batch],
                ).consume()
