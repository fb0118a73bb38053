"""The Neo4j schema: the label of each node kind, the type of each relationship type
(closed mappings, never user text), and the constraints and indexes created
idempotently when the backend starts."""

from __future__ import annotations

from graph.model import NodeKind, RelType

__all__ = ["NODE_LABELS", "REL_TYPES", "SCHEMA", "PARAMETERS"]

#: The label of each node kind (a closed mapping, never user text).
NODE_LABELS: dict[NodeKind, str] = {
    NodeKind.PERSON: "Person",
    NodeKind.ORGANISATION: "Organisation",
    NodeKind.NETWORK: "Network",
    NodeKind.THEME: "Theme",
    NodeKind.ACTIVITY: "Activity",
    NodeKind.SOURCE: "Source",
}

#: The relationship type of each vocabulary type.
REL_TYPES: dict[RelType, str] = {t: t.value.upper() for t in RelType}

#: Constraints and indexes, created idempotently when the backend starts.
SCHEMA: list[str] = [
    "CREATE CONSTRAINT workspace_name IF NOT EXISTS FOR (w:Workspace) REQUIRE w.name IS UNIQUE",
    # every node carries :Node, so (workspace, id) is unique across all kinds
    "CREATE CONSTRAINT node_key IF NOT EXISTS FOR (n:Node) REQUIRE (n.workspace, n.id) IS UNIQUE",
    "CREATE INDEX node_kind IF NOT EXISTS FOR (n:Node) ON (n.workspace, n.kind)",
    "CREATE INDEX node_norm IF NOT EXISTS FOR (n:Node) ON (n.workspace, n.norm)",
    "CREATE INDEX change_key IF NOT EXISTS FOR (c:Change) ON (c.workspace, c.id)",
    "CREATE CONSTRAINT api_key_hash IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.hash IS UNIQUE",
    "CREATE CONSTRAINT api_key_id IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.id IS UNIQUE",
    "CREATE CONSTRAINT session_hash IF NOT EXISTS FOR (s:Session) REQUIRE s.hash IS UNIQUE",
    "CREATE CONSTRAINT survey_invitation_hash IF NOT EXISTS "
    "FOR (i:SurveyInvitation) REQUIRE i.hash IS UNIQUE",
    "CREATE INDEX survey_key IF NOT EXISTS FOR (s:Survey) ON (s.workspace, s.id)",
    "CREATE CONSTRAINT share_link_hash IF NOT EXISTS FOR (l:ShareLink) REQUIRE l.hash IS UNIQUE",
    "CREATE CONSTRAINT saved_view_key IF NOT EXISTS "
    "FOR (v:SavedView) REQUIRE (v.workspace, v.name) IS UNIQUE",
    *[
        f"CREATE INDEX rel_{name.lower()} IF NOT EXISTS FOR ()-[r:{name}]-() ON (r.workspace, r.id)"
        for name in REL_TYPES.values()
    ],
]

#: The parameters each statement takes, with example values, for the syntax check.
PARAMETERS: dict[str, dict[str, object]] = {
    "SCHEMA": {},
}
