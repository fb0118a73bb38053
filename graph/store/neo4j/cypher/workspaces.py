"""Statements about whole workspaces: the ``(:Workspace {name, version, created})``
counter node, its version and stamp, the list of workspaces with their sizes, the
outline of one's graph, and deleting one in batches."""

from __future__ import annotations

__all__ = [
    "ENSURE_WORKSPACE",
    "BUMP_VERSION",
    "VERSION",
    "WORKSPACE_STAMP",
    "DELETE_WORKSPACE_BATCH",
    "DELETE_WORKSPACE_NODE",
    "LIST_WORKSPACES",
    "OUTLINE_NODES",
    "OUTLINE_TIES",
    "PARAMETERS",
]

#: Create a workspace's counter node if it is missing (its elements will carry the
#: fields in-database views filter on: ``view_fields``), and take the workspace's write
#: lock: writing a property locks the node until the transaction ends, so the writes of
#: one workspace follow each other from their first read (the write creates the ties
#: its read found absent, ``CREATE_RELATIONSHIPS``) while reads go on.
ENSURE_WORKSPACE = (
    "MERGE (w:Workspace {name: $workspace}) "
    "ON CREATE SET w.version = 0, w.created = $created, w.view_fields = 1 "
    "SET w.writing = true REMOVE w.writing"
)

#: Add one to a workspace's version, in the writing transaction.
BUMP_VERSION = (
    "MATCH (w:Workspace {name: $workspace}) "
    "SET w.version = w.version + 1 RETURN w.version AS version"
)

#: A workspace's version (no row: the workspace does not exist).
VERSION = "MATCH (w:Workspace {name: $workspace}) RETURN w.version AS version"

#: What a graph snapshot of the workspace is valid for: its creation time and version.
WORKSPACE_STAMP = (
    "MATCH (w:Workspace {name: $workspace}) RETURN w.created AS created, w.version AS version"
)

#: Delete up to ``$batch`` nodes of a workspace (repeated until none is left).
DELETE_WORKSPACE_BATCH = (
    "MATCH (n:Node {workspace: $workspace}) WITH n LIMIT $batch "
    "WITH n, n.id AS id DETACH DELETE n RETURN count(id) AS deleted"
)

#: Delete a workspace's counter node.
DELETE_WORKSPACE_NODE = (
    "MATCH (w:Workspace {name: $workspace}) "
    "WITH w, w.name AS name DELETE w RETURN count(name) AS deleted"
)

#: Every workspace with its size.
LIST_WORKSPACES = (
    "MATCH (w:Workspace) "
    "RETURN w.name AS name, w.version AS version, w.created AS created, "
    "COUNT { (n:Node {workspace: w.name}) } AS nodes, "
    "COUNT { (:Node {workspace: w.name})-[]->() } AS relationships, "
    "COUNT { (n:Source {workspace: w.name}) } AS sources, "
    "COUNT { (:Node {workspace: w.name})-[:MENTIONED_IN]->() } AS mentions "
    "ORDER BY name"
)

#: Each node's id and kind: the nodes of a workspace's outline.
OUTLINE_NODES = "MATCH (n:Node {workspace: $workspace}) RETURN n.id AS id, n.kind AS kind"

#: Each relationship's ends and type (its Neo4j type): the ties of the outline.
OUTLINE_TIES = (
    "MATCH (a:Node {workspace: $workspace})-[r]->(b) "
    "RETURN a.id AS source, b.id AS target, type(r) AS type"
)

#: The parameters each statement takes, with example values, for the syntax check.
PARAMETERS: dict[str, dict[str, object]] = {
    "ENSURE_WORKSPACE": {"workspace": "w", "created": "2024-01-01T00:00:00+00:00"},
    "BUMP_VERSION": {"workspace": "w"},
    "VERSION": {"workspace": "w"},
    "WORKSPACE_STAMP": {"workspace": "w"},
    "DELETE_WORKSPACE_BATCH": {"workspace": "w", "batch": 10_000},
    "DELETE_WORKSPACE_NODE": {"workspace": "w"},
    "LIST_WORKSPACES": {},
    "OUTLINE_NODES": {"workspace": "w"},
    "OUTLINE_TIES": {"workspace": "w"},
}
