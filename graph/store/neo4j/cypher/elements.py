"""Statements about a workspace's elements: ``(:Node:<Kind>)`` nodes and
``[:<TYPE>]`` relationships, read, written (``UNWIND $rows … MERGE``), deleted, searched
and listed. Look-ups by relationship id come per type, so that type's index is used."""

from __future__ import annotations

from graph.model import NodeKind, RelType
from graph.store.neo4j.cypher.schema import NODE_LABELS, REL_TYPES

__all__ = [
    "EXISTING_NODES",
    "EXISTING_RELATIONSHIPS",
    "COUNT_RELATIONSHIPS_OF_TYPE",
    "RELATIONSHIPS_OF_TYPE",
    "MISSING_NODES",
    "NODE_HEADS",
    "NODE_KINDS",
    "UPSERT_NODES",
    "CREATE_RELATIONSHIPS",
    "UPDATE_RELATIONSHIPS",
    "DELETE_NODES",
    "DELETE_RELATIONSHIPS",
    "GET_NODES",
    "SEARCH",
    "LIST_NODES",
    "LIST_NODES_OF_KIND",
    "LIST_RELATIONSHIPS",
    "LIST_RELATIONSHIPS_OF_TYPE",
    "LIST_RELATIONSHIPS_OF_NODE",
    "PARAMETERS",
]

#: Stored forms of the nodes among ``$ids``.
EXISTING_NODES = (
    "MATCH (n:Node {workspace: $workspace}) WHERE n.id IN $ids RETURN n.id AS id, n.data AS data"
)

#: Stored forms of the relationships among ``$ids``, per type (so the index is used).
EXISTING_RELATIONSHIPS: dict[RelType, str] = {
    t: f"MATCH ()-[r:{name}]->() WHERE r.workspace = $workspace AND r.id IN $ids "
    "RETURN r.id AS id, r.data AS data"
    for t, name in REL_TYPES.items()
}

#: How many relationships of one type the workspace holds, per type (from the type's
#: index: no relationship is read).
COUNT_RELATIONSHIPS_OF_TYPE: dict[RelType, str] = {
    t: f"MATCH ()-[r:{name}]->() WHERE r.workspace = $workspace RETURN count(r) AS count"
    for t, name in REL_TYPES.items()
}

#: Every relationship of one type in the workspace with its id, per type (read instead
#: of ``EXISTING_RELATIONSHIPS`` when the type has fewer ties than the write names).
RELATIONSHIPS_OF_TYPE: dict[RelType, str] = {
    t: f"MATCH ()-[r:{name}]->() WHERE r.workspace = $workspace RETURN r.id AS id, r.data AS data"
    for t, name in REL_TYPES.items()
}

#: Which of ``$ids`` name no node of the workspace.
MISSING_NODES = (
    "UNWIND $ids AS wanted "
    "OPTIONAL MATCH (n:Node {workspace: $workspace, id: wanted}) "
    "WITH wanted, n WHERE n IS NULL RETURN wanted AS id"
)

#: The heads (id, kind, name) of the nodes among ``$ids``: what an import plan needs of
#: the stored nodes it names, without their JSON.
NODE_HEADS = (
    "MATCH (n:Node {workspace: $workspace}) WHERE n.id IN $ids "
    "RETURN n.id AS id, n.kind AS kind, n.name AS name"
)

#: The kinds of the nodes among ``$ids`` (to check a relationship's change of type).
NODE_KINDS = (
    "MATCH (n:Node {workspace: $workspace}) WHERE n.id IN $ids RETURN n.id AS id, n.kind AS kind"
)

#: Create or overwrite a batch of nodes of one kind (``$rows``: id, kind, name, norm,
#: aliases, data, and the view's fields since, until and date: ISO dates or null).
UPSERT_NODES: dict[NodeKind, str] = {
    kind: "UNWIND $rows AS row "
    "MERGE (n:Node {workspace: $workspace, id: row.id}) "
    f"SET n:{label}, n.kind = row.kind, n.name = row.name, n.norm = row.norm, "
    "n.aliases = row.aliases, n.data = row.data, "
    "n.since = row.since, n.until = row.until, n.date = row.date"
    for kind, label in NODE_LABELS.items()
}

#: Create a batch of relationships of one type that the write's read found absent
#: (``$rows``: id, source, target, data, and the view's fields since, until (ISO dates)
#: and strength, or null). ``CREATE``, not ``MERGE``: a ``MERGE`` looks each new tie up in
#: the type's index, and Neo4j 5.26 answers that look-up by going through every tie
#: the transaction has already added once the index holds committed ties — 20 000 ties
#: imported into a workspace that held the demo took 380 s instead of 1.3 s. No
#: duplicate can slip in: the write holds the workspace's lock (``ENSURE_WORKSPACE``)
#: from its first read.
CREATE_RELATIONSHIPS: dict[RelType, str] = {
    t: "UNWIND $rows AS row "
    "MATCH (a:Node {workspace: $workspace, id: row.source}) "
    "MATCH (b:Node {workspace: $workspace, id: row.target}) "
    f"CREATE (a)-[r:{name} {{workspace: $workspace, id: row.id}}]->(b) "
    "SET r.data = row.data, r.since = row.since, r.until = row.until, r.strength = row.strength"
    for t, name in REL_TYPES.items()
}

#: Overwrite a batch of stored relationships of one type (``$rows`` as for
#: ``CREATE_RELATIONSHIPS``; their ends stay as stored).
UPDATE_RELATIONSHIPS: dict[RelType, str] = {
    t: "UNWIND $rows AS row "
    f"MATCH ()-[r:{name}]->() WHERE r.workspace = $workspace AND r.id = row.id "
    "SET r.data = row.data, r.since = row.since, r.until = row.until, r.strength = row.strength"
    for t, name in REL_TYPES.items()
}

#: Delete nodes with every relationship they have.
DELETE_NODES = (
    "MATCH (n:Node {workspace: $workspace}) WHERE n.id IN $ids "
    "WITH n, n.id AS id DETACH DELETE n RETURN count(id) AS deleted"
)

#: Delete relationships by id, per type (so the index is used).
DELETE_RELATIONSHIPS: dict[RelType, str] = {
    t: f"MATCH ()-[r:{name}]->() WHERE r.workspace = $workspace AND r.id IN $ids "
    "WITH r, r.id AS id DELETE r RETURN count(id) AS deleted"
    for t, name in REL_TYPES.items()
}

#: The nodes among ``$ids``.
GET_NODES = "MATCH (n:Node {workspace: $workspace}) WHERE n.id IN $ids RETURN n.data AS data"

#: Name or alias search: exact matches first, then prefixes, then the rest.
SEARCH = (
    "MATCH (n:Node {workspace: $workspace}) "
    "WHERE n.kind IN $kinds AND (n.norm CONTAINS $needle "
    "OR any(a IN n.aliases WHERE a CONTAINS $needle)) "
    "WITH n, CASE WHEN n.norm = $needle OR $needle IN n.aliases THEN 0 "
    "WHEN n.norm STARTS WITH $needle OR any(a IN n.aliases WHERE a STARTS WITH $needle) "
    "THEN 1 ELSE 2 END AS rank "
    "RETURN n.data AS data ORDER BY rank, size(n.norm), n.norm LIMIT $limit"
)

#: All nodes of a workspace, by id (streamed when loading the graph).
LIST_NODES = "MATCH (n:Node {workspace: $workspace}) RETURN n.data AS data ORDER BY n.id"

#: The nodes of one kind.
LIST_NODES_OF_KIND = (
    "MATCH (n:Node {workspace: $workspace, kind: $kind}) RETURN n.data AS data ORDER BY n.id"
)

#: All relationships of a workspace, by id (streamed when loading the graph).
LIST_RELATIONSHIPS = (
    "MATCH (:Node {workspace: $workspace})-[r]->() RETURN r.data AS data ORDER BY r.id"
)

#: The relationships of one type, per type (so the type's index is used).
LIST_RELATIONSHIPS_OF_TYPE: dict[RelType, str] = {
    t: f"MATCH ()-[r:{name}]->() WHERE r.workspace = $workspace RETURN r.data AS data ORDER BY r.id"
    for t, name in REL_TYPES.items()
}

#: The relationships touching one node.
LIST_RELATIONSHIPS_OF_NODE = (
    "MATCH (:Node {workspace: $workspace, id: $node})-[r]-() "
    "RETURN DISTINCT r.data AS data, r.id AS id ORDER BY id"
)

_ROWS: list[dict[str, object]] = [
    {
        "id": "a",
        "kind": "theme",
        "name": "A",
        "norm": "a",
        "aliases": [],
        "data": "{}",
        "source": "a",
        "target": "b",
        "since": "2020-01-01",
        "until": None,
        "date": None,
        "strength": 2.0,
    }
]

#: The parameters each statement takes, with example values, for the syntax check.
PARAMETERS: dict[str, dict[str, object]] = {
    "EXISTING_NODES": {"workspace": "w", "ids": ["a"]},
    "EXISTING_RELATIONSHIPS": {"workspace": "w", "ids": ["a"]},
    "COUNT_RELATIONSHIPS_OF_TYPE": {"workspace": "w"},
    "RELATIONSHIPS_OF_TYPE": {"workspace": "w"},
    "MISSING_NODES": {"workspace": "w", "ids": ["a"]},
    "NODE_HEADS": {"workspace": "w", "ids": ["a"]},
    "NODE_KINDS": {"workspace": "w", "ids": ["a"]},
    "UPSERT_NODES": {"workspace": "w", "rows": _ROWS},
    "CREATE_RELATIONSHIPS": {"workspace": "w", "rows": _ROWS},
    "UPDATE_RELATIONSHIPS": {"workspace": "w", "rows": _ROWS},
    "DELETE_NODES": {"workspace": "w", "ids": ["a"]},
    "DELETE_RELATIONSHIPS": {"workspace": "w", "ids": ["a"]},
    "GET_NODES": {"workspace": "w", "ids": ["a"]},
    "SEARCH": {"workspace": "w", "kinds": ["theme"], "needle": "a", "limit": 20},
    "LIST_NODES": {"workspace": "w"},
    "LIST_NODES_OF_KIND": {"workspace": "w", "kind": "theme"},
    "LIST_RELATIONSHIPS": {"workspace": "w"},
    "LIST_RELATIONSHIPS_OF_TYPE": {"workspace": "w"},
    "LIST_RELATIONSHIPS_OF_NODE": {"workspace": "w", "node": "a"},
}
