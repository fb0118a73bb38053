"""The Neo4j backend: the store contract on the official ``neo4j`` driver
(:class:`Neo4jStore`).

Its rooms: the store itself (:mod:`~graph.store.neo4j.store`), every Cypher statement
it sends as a named constant (:mod:`graph.store.neo4j.cypher`), the rows of the shared
upsert and of the change log (:mod:`~graph.store.neo4j.upsert`), analysts' read-only
Cypher (:mod:`~graph.store.neo4j.readonly`), and the data beside the graph: keys and
sessions, surveys, share links and views (:mod:`~graph.store.neo4j.access`,
:mod:`~graph.store.neo4j.surveys`, :mod:`~graph.store.neo4j.sharing`).
"""

from __future__ import annotations

from graph.store.neo4j.readonly import ReadOnlyQueryError, check_read_only
from graph.store.neo4j.store import Neo4jStore, Neo4jUnavailable

__all__ = ["Neo4jStore", "Neo4jUnavailable", "ReadOnlyQueryError", "check_read_only"]
