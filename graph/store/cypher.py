"""Every Cypher statement the Neo4j backend sends, in one place.

Labels and relationship types come only from the closed vocabularies
(:class:`~graph.model.NodeKind`, :class:`~graph.model.RelType`) through
:data:`NODE_LABELS` and :data:`REL_TYPES`; no statement is ever formatted from user
text, and every value travels as a parameter. ``tests/graph/store/test_cypher.py``
runs each statement through Neo4j's own parser (``@neo4j-cypher/language-support``)
with the parameters declared in :data:`PARAMETERS`.

The graph layout:

* ``(:Workspace {name, version, created})``: one per workspace, its version counter;
* ``(:Node:<Kind> {workspace, id, kind, name, norm, aliases, data})``: ``norm`` and
  ``aliases`` are the folded name and aliases for search, ``data`` the element as JSON;
* ``[:<TYPE> {workspace, id, data}]`` between two nodes of one workspace;
* ``(:Change {workspace, id, time, actor, role, action, summary, data})``: the change
  log, one per write (ids 1, 2, … per workspace, counted on ``w.changes``);
* ``(:ApiKey {id, hash, workspace, role, label, created})`` and
  ``(:Session {hash, key_id, created, expires})``: access data, only as hashes;
* ``(:Survey {workspace, id, created, data})``, ``(:SurveyInvitation {workspace,
  survey_id, id, hash, data})`` and ``(:SurveyResponse {workspace, survey_id,
  invitation_id, data})``: network surveys beside the graph, links only as hashes.
* ``(:ShareLink {id, hash, workspace, label, origins, created, expires})``: share links,
  hashed like keys (``origins`` a JSON list); ``(:SavedView {workspace, name, settings,
  updated})``: saved map views (``settings`` a JSON object); ``(:MapLayout {workspace,
  positions})``: the map's layout (``positions`` a JSON object of node id → [x, y]).
"""

from __future__ import annotations

from graph.model import NodeKind, RelType

__all__ = [
    "SURVEY_LABELS",
    "SAVE_SURVEY",
    "GET_SURVEY",
    "LIST_SURVEYS",
    "DELETE_SURVEY",
    "DELETE_WORKSPACE_SURVEYS",
    "SAVE_INVITATION",
    "INVITATION_BY_HASH",
    "LIST_INVITATIONS",
    "SAVE_RESPONSE",
    "LIST_RESPONSES",
    "DELETE_RESPONSE",
    "CHANGE_LABELS",
    "CREATE_CHANGE",
    "DELETE_CHANGES_BATCH",
    "LIST_CHANGES",
    "LOG_ENTRIES",
    "RELATIONSHIPS_OF_NODES",
    "REWRITE_CHANGES",
    "UNSCOPED",
    "CREATE_SHARE_LINK",
    "SHARE_LINK_BY_HASH",
    "LIST_SHARE_LINKS",
    "DELETE_SHARE_LINKS",
    "PUT_VIEW",
    "GET_VIEW",
    "LIST_VIEWS",
    "DELETE_VIEWS",
    "PUT_POSITIONS",
    "GET_POSITIONS",
    "DELETE_POSITIONS",
    "END_SESSION",
    "SESSION_KEY",
    "CREATE_SESSION",
    "DELETE_KEYS",
    "LIST_KEYS",
    "KEY_BY_HASH",
    "CREATE_KEY",
    "ACCESS_LABELS",
    "ALL_STATEMENTS",
    "BUMP_VERSION",
    "DELETE_NODES",
    "DELETE_RELATIONSHIPS",
    "DELETE_WORKSPACE_BATCH",
    "DELETE_WORKSPACE_NODE",
    "ENSURE_WORKSPACE",
    "EXISTING_NODES",
    "EXISTING_RELATIONSHIPS",
    "GET_NODES",
    "LIST_NODES",
    "LIST_NODES_OF_KIND",
    "LIST_RELATIONSHIPS",
    "LIST_RELATIONSHIPS_OF_NODE",
    "LIST_RELATIONSHIPS_OF_TYPE",
    "LIST_WORKSPACES",
    "MISSING_NODES",
    "NODE_KINDS",
    "NODE_LABELS",
    "PARAMETERS",
    "REL_TYPES",
    "SCHEMA",
    "SEARCH",
    "UPSERT_NODES",
    "UPSERT_RELATIONSHIPS",
    "VERSION",
    "WORKSPACE_STAMP",
]

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
    "CREATE CONSTRAINT map_layout_key IF NOT EXISTS "
    "FOR (m:MapLayout) REQUIRE m.workspace IS UNIQUE",
    *[
        f"CREATE INDEX rel_{name.lower()} IF NOT EXISTS FOR ()-[r:{name}]-() ON (r.workspace, r.id)"
        for name in REL_TYPES.values()
    ],
]

#: Create a workspace's counter node if it is missing.
ENSURE_WORKSPACE = (
    "MERGE (w:Workspace {name: $workspace}) ON CREATE SET w.version = 0, w.created = $created"
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

#: Which of ``$ids`` name no node of the workspace.
MISSING_NODES = (
    "UNWIND $ids AS wanted "
    "OPTIONAL MATCH (n:Node {workspace: $workspace, id: wanted}) "
    "WITH wanted, n WHERE n IS NULL RETURN wanted AS id"
)

#: The kinds of the nodes among ``$ids`` (to check a relationship's change of type).
NODE_KINDS = (
    "MATCH (n:Node {workspace: $workspace}) WHERE n.id IN $ids RETURN n.id AS id, n.kind AS kind"
)

#: Create or overwrite a batch of nodes of one kind (``$rows``: id, kind, name, norm,
#: aliases, data).
UPSERT_NODES: dict[NodeKind, str] = {
    kind: "UNWIND $rows AS row "
    "MERGE (n:Node {workspace: $workspace, id: row.id}) "
    f"SET n:{label}, n.kind = row.kind, n.name = row.name, n.norm = row.norm, "
    "n.aliases = row.aliases, n.data = row.data"
    for kind, label in NODE_LABELS.items()
}

#: Create or overwrite a batch of relationships of one type (``$rows``: id, source,
#: target, data).
UPSERT_RELATIONSHIPS: dict[RelType, str] = {
    t: "UNWIND $rows AS row "
    "MATCH (a:Node {workspace: $workspace, id: row.source}) "
    "MATCH (b:Node {workspace: $workspace, id: row.target}) "
    f"MERGE (a)-[r:{name} {{workspace: $workspace, id: row.id}}]->(b) "
    "SET r.data = row.data"
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

#: Every workspace with its size.
LIST_WORKSPACES = (
    "MATCH (w:Workspace) "
    "RETURN w.name AS name, w.version AS version, w.created AS created, "
    "COUNT { (n:Node {workspace: w.name}) } AS nodes, "
    "COUNT { (:Node {workspace: w.name})-[]->() } AS relationships "
    "ORDER BY name"
)

# -- access: API keys and web sessions ---------------------------------------------------

#: The labels of access data (not graph elements of a workspace).
ACCESS_LABELS = ("ApiKey", "Session", "ShareLink", "SavedView", "MapLayout")

#: Statements about access data that are not scoped to one workspace.
UNSCOPED = (
    "LIST_WORKSPACES",
    "KEY_BY_HASH",
    "CREATE_SESSION",
    "SESSION_KEY",
    "END_SESSION",
    "INVITATION_BY_HASH",
    "SHARE_LINK_BY_HASH",
)

#: Store a key by its hash with the next free id.
CREATE_KEY = (
    "OPTIONAL MATCH (k:ApiKey) WITH coalesce(max(k.id), 0) + 1 AS id "
    "CREATE (n:ApiKey {id: id, hash: $hash, workspace: $workspace, role: $role, "
    "label: $label, created: $created}) RETURN id"
)

#: The key with ``$hash``.
KEY_BY_HASH = (
    "MATCH (k:ApiKey {hash: $hash}) RETURN k.id AS id, k.workspace AS workspace, "
    "k.role AS role, k.label AS label, k.created AS created"
)

#: The keys of ``$workspace`` (null: every key), by id.
LIST_KEYS = (
    "MATCH (k:ApiKey) WHERE $workspace IS NULL OR k.workspace = $workspace "
    "RETURN k.id AS id, k.workspace AS workspace, k.role AS role, k.label AS label, "
    "k.created AS created ORDER BY id"
)

#: Delete the keys matching ``$id`` and/or ``$workspace`` (null: any) with their sessions.
DELETE_KEYS = (
    "MATCH (k:ApiKey) WHERE ($id IS NULL OR k.id = $id) "
    "AND ($workspace IS NULL OR k.workspace = $workspace) "
    "OPTIONAL MATCH (s:Session {key_id: k.id}) "
    "WITH k, collect(s) AS sessions, k.id AS id "
    "FOREACH (s IN sessions | DELETE s) DELETE k RETURN count(id) AS deleted"
)

#: Drop the sessions expired before ``$created``, then store a new one by its hash.
CREATE_SESSION = (
    "OPTIONAL MATCH (old:Session) WHERE old.expires < $created "
    "WITH collect(old) AS expired FOREACH (s IN expired | DELETE s) "
    "CREATE (:Session {hash: $hash, key_id: $key_id, created: $created, expires: $expires})"
)

#: The key of the session with ``$hash`` if it lives at ``$now``.
SESSION_KEY = (
    "MATCH (s:Session {hash: $hash}) WHERE s.expires > $now "
    "MATCH (k:ApiKey {id: s.key_id}) RETURN k.id AS id, k.workspace AS workspace, "
    "k.role AS role, k.label AS label, k.created AS created"
)

#: End the session with ``$hash``.
END_SESSION = "MATCH (s:Session {hash: $hash}) DELETE s"

# -- network surveys, beside the graph -----------------------------------------------------

#: The labels of survey data (not graph elements).
SURVEY_LABELS = ("Survey", "SurveyInvitation", "SurveyResponse")

#: Store a survey, replacing one with the same workspace and id.
SAVE_SURVEY = (
    "MERGE (s:Survey {workspace: $workspace, id: $id}) "
    "ON CREATE SET s.created = $created SET s.data = $data"
)

#: One survey's data.
GET_SURVEY = "MATCH (s:Survey {workspace: $workspace, id: $id}) RETURN s.data AS data"

#: The surveys of a workspace, newest first.
LIST_SURVEYS = (
    "MATCH (s:Survey {workspace: $workspace}) RETURN s.data AS data ORDER BY s.created DESC, s.id"
)

#: Delete a survey with its invitations and responses.
DELETE_SURVEY = (
    "MATCH (s:Survey {workspace: $workspace, id: $id}) "
    "OPTIONAL MATCH (i:SurveyInvitation {workspace: $workspace, survey_id: $id}) "
    "OPTIONAL MATCH (r:SurveyResponse {workspace: $workspace, survey_id: $id}) "
    "WITH s, collect(DISTINCT i) AS invitations, collect(DISTINCT r) AS responses, s.id AS id "
    "FOREACH (x IN invitations | DELETE x) FOREACH (x IN responses | DELETE x) "
    "DELETE s RETURN count(id) AS deleted"
)

#: Delete every survey, invitation and response of a workspace.
DELETE_WORKSPACE_SURVEYS = (
    "MATCH (x) WHERE (x:Survey OR x:SurveyInvitation OR x:SurveyResponse) "
    "AND x.workspace = $workspace DELETE x"
)

#: Store an invitation with its link's hash (replacing the old link).
SAVE_INVITATION = (
    "MERGE (i:SurveyInvitation {workspace: $workspace, survey_id: $survey_id, id: $id}) "
    "SET i.hash = $hash, i.data = $data"
)

#: The invitation whose link's token has ``$hash``.
INVITATION_BY_HASH = "MATCH (i:SurveyInvitation {hash: $hash}) RETURN i.data AS data"

#: The invitations of a survey, by id.
LIST_INVITATIONS = (
    "MATCH (i:SurveyInvitation {workspace: $workspace, survey_id: $survey_id}) "
    "RETURN i.data AS data ORDER BY i.id"
)

#: Store the response of one invitation (replacing an earlier one).
SAVE_RESPONSE = (
    "MERGE (r:SurveyResponse {workspace: $workspace, survey_id: $survey_id, "
    "invitation_id: $invitation_id}) SET r.data = $data"
)

#: The responses to a survey, by invitation id.
LIST_RESPONSES = (
    "MATCH (r:SurveyResponse {workspace: $workspace, survey_id: $survey_id}) "
    "RETURN r.data AS data ORDER BY r.invitation_id"
)

#: Delete the response of one invitation.
DELETE_RESPONSE = (
    "MATCH (r:SurveyResponse {workspace: $workspace, survey_id: $survey_id, "
    "invitation_id: $invitation_id}) "
    "WITH r, r.invitation_id AS id DELETE r RETURN count(id) AS deleted"
)


# -- share links and saved map views -------------------------------------------------

_LINK_FIELDS = (
    "l.id AS id, l.workspace AS workspace, l.label AS label, l.origins AS origins, "
    "l.created AS created, l.expires AS expires"
)

#: Store a share link by its token's hash with the next free id.
CREATE_SHARE_LINK = (
    "OPTIONAL MATCH (l:ShareLink) WITH coalesce(max(l.id), 0) + 1 AS id "
    "CREATE (n:ShareLink {id: id, hash: $hash, workspace: $workspace, label: $label, "
    "origins: $origins, created: $created, expires: $expires}) RETURN id"
)

#: The share link with ``$hash``.
SHARE_LINK_BY_HASH = "MATCH (l:ShareLink {hash: $hash}) RETURN " + _LINK_FIELDS

#: The share links of ``$workspace``, by id.
LIST_SHARE_LINKS = (
    "MATCH (l:ShareLink {workspace: $workspace}) RETURN " + _LINK_FIELDS + " ORDER BY id"
)

#: Delete the share links of ``$workspace`` (``$id``: only that one).
DELETE_SHARE_LINKS = (
    "OPTIONAL MATCH (l:ShareLink {workspace: $workspace}) WHERE $id IS NULL OR l.id = $id "
    "WITH collect(l) AS links FOREACH (l IN links | DELETE l) RETURN size(links) AS deleted"
)

#: Save the view ``$name`` of ``$workspace``; ``created`` says whether it is new.
PUT_VIEW = (
    "OPTIONAL MATCH (old:SavedView {workspace: $workspace, name: $name}) "
    "WITH old IS NULL AS created "
    "MERGE (v:SavedView {workspace: $workspace, name: $name}) "
    "SET v.settings = $settings, v.updated = $updated RETURN created"
)

#: The view ``$name`` of ``$workspace``.
GET_VIEW = (
    "MATCH (v:SavedView {workspace: $workspace, name: $name}) "
    "RETURN v.name AS name, v.settings AS settings, v.updated AS updated"
)

#: The saved views of ``$workspace``, by name.
LIST_VIEWS = (
    "MATCH (v:SavedView {workspace: $workspace}) "
    "RETURN v.name AS name, v.settings AS settings, v.updated AS updated ORDER BY name"
)

#: Delete the view ``$name`` of ``$workspace`` (null: every view of it).
DELETE_VIEWS = (
    "OPTIONAL MATCH (v:SavedView {workspace: $workspace}) WHERE $name IS NULL OR v.name = $name "
    "WITH collect(v) AS views FOREACH (v IN views | DELETE v) RETURN size(views) AS deleted"
)


# -- the map's layout ------------------------------------------------------------------

#: Keep the map positions of ``$workspace`` (a JSON object), replacing the old ones.
PUT_POSITIONS = "MERGE (m:MapLayout {workspace: $workspace}) SET m.positions = $positions"

#: The map positions of ``$workspace``.
GET_POSITIONS = "MATCH (m:MapLayout {workspace: $workspace}) RETURN m.positions AS positions"

#: Delete the map positions of ``$workspace`` (with the workspace).
DELETE_POSITIONS = "MATCH (m:MapLayout {workspace: $workspace}) DELETE m"


# -- the change log -------------------------------------------------------------------

#: The label of the change log's entries (not graph elements of a workspace).
CHANGE_LABELS = ("Change",)

_CHANGE_FIELDS = (
    "c.id AS id, c.time AS time, c.actor AS actor, c.role AS role, c.action AS action, "
    "c.summary AS summary"
)

#: The stored relationships with an end among ``$ids``.
RELATIONSHIPS_OF_NODES = (
    "MATCH (n:Node {workspace: $workspace})-[r]-() WHERE n.id IN $ids "
    "RETURN DISTINCT r.id AS id, r.data AS data"
)

#: Record one change with the workspace's next change id.
CREATE_CHANGE = (
    "MATCH (w:Workspace {name: $workspace}) "
    "SET w.changes = coalesce(w.changes, 0) + 1 "
    "CREATE (c:Change {workspace: $workspace, id: w.changes, time: $time, actor: $actor, "
    "role: $role, action: $action, summary: $summary, data: $data}) RETURN c.id AS id"
)

#: The changes that match, newest first (null parameters: no filter); ``data`` only
#: when ``$details``.
LIST_CHANGES = (
    "MATCH (c:Change {workspace: $workspace}) "
    "WHERE ($since IS NULL OR c.time >= $since) AND ($until IS NULL OR c.time < $until) "
    "AND ($after IS NULL OR c.id > $after) AND ($id IS NULL OR c.id = $id) "
    "AND ($needles IS NULL OR any(x IN $needles WHERE c.data CONTAINS x)) "
    f"RETURN {_CHANGE_FIELDS}, CASE WHEN $details THEN c.data ELSE null END AS data "
    "ORDER BY id DESC SKIP $offset LIMIT $limit"
)

#: Every change of a workspace with its details, by id (to rewrite them: forget).
LOG_ENTRIES = (
    "MATCH (c:Change {workspace: $workspace}) "
    f"RETURN {_CHANGE_FIELDS}, c.data AS data ORDER BY id"
)

#: Overwrite changes (``$rows``: id, time, actor, role, action, summary, data).
REWRITE_CHANGES = (
    "UNWIND $rows AS row MATCH (c:Change {workspace: $workspace, id: row.id}) "
    "SET c.time = row.time, c.actor = row.actor, c.role = row.role, "
    "c.action = row.action, c.summary = row.summary, c.data = row.data"
)

#: Delete up to ``$batch`` changes of a workspace (repeated until none is left).
DELETE_CHANGES_BATCH = (
    "MATCH (c:Change {workspace: $workspace}) WITH c LIMIT $batch "
    "WITH c, c.id AS id DELETE c RETURN count(id) AS deleted"
)

#: The parameters each statement takes, with example values, for the syntax check.
_ROWS = [
    {
        "id": "a",
        "kind": "theme",
        "name": "A",
        "norm": "a",
        "aliases": [],
        "data": "{}",
        "source": "a",
        "target": "b",
    }
]
PARAMETERS: dict[str, dict[str, object]] = {
    "ENSURE_WORKSPACE": {"workspace": "w", "created": "2024-01-01T00:00:00+00:00"},
    "BUMP_VERSION": {"workspace": "w"},
    "VERSION": {"workspace": "w"},
    "WORKSPACE_STAMP": {"workspace": "w"},
    "EXISTING_NODES": {"workspace": "w", "ids": ["a"]},
    "EXISTING_RELATIONSHIPS": {"workspace": "w", "ids": ["a"]},
    "MISSING_NODES": {"workspace": "w", "ids": ["a"]},
    "NODE_KINDS": {"workspace": "w", "ids": ["a"]},
    "UPSERT_NODES": {"workspace": "w", "rows": _ROWS},
    "UPSERT_RELATIONSHIPS": {"workspace": "w", "rows": _ROWS},
    "DELETE_NODES": {"workspace": "w", "ids": ["a"]},
    "DELETE_RELATIONSHIPS": {"workspace": "w", "ids": ["a"]},
    "DELETE_WORKSPACE_BATCH": {"workspace": "w", "batch": 10_000},
    "DELETE_WORKSPACE_NODE": {"workspace": "w"},
    "GET_NODES": {"workspace": "w", "ids": ["a"]},
    "SEARCH": {"workspace": "w", "kinds": ["theme"], "needle": "a", "limit": 20},
    "LIST_NODES": {"workspace": "w"},
    "LIST_NODES_OF_KIND": {"workspace": "w", "kind": "theme"},
    "LIST_RELATIONSHIPS": {"workspace": "w"},
    "LIST_RELATIONSHIPS_OF_TYPE": {"workspace": "w"},
    "LIST_RELATIONSHIPS_OF_NODE": {"workspace": "w", "node": "a"},
    "LIST_WORKSPACES": {},
    "SCHEMA": {},
    "CREATE_KEY": {
        "hash": "h",
        "workspace": "w",
        "role": "viewer",
        "label": "",
        "created": "2024-01-01T00:00:00+00:00",
    },
    "KEY_BY_HASH": {"hash": "h"},
    "LIST_KEYS": {"workspace": "w"},
    "DELETE_KEYS": {"id": 1, "workspace": "w"},
    "CREATE_SESSION": {"hash": "h", "key_id": 1, "created": 1.0, "expires": 2.0},
    "SESSION_KEY": {"hash": "h", "now": 1.0},
    "RELATIONSHIPS_OF_NODES": {"workspace": "w", "ids": ["a"]},
    "CREATE_CHANGE": {
        "workspace": "w",
        "time": "2024-01-01T00:00:00+00:00",
        "actor": "console",
        "role": "system",
        "action": "upsert",
        "summary": "{}",
        "data": "{}",
    },
    "LIST_CHANGES": {
        "workspace": "w",
        "since": None,
        "until": None,
        "after": None,
        "id": None,
        "needles": ['"id":"a"'],
        "details": False,
        "offset": 0,
        "limit": 50,
    },
    "LOG_ENTRIES": {"workspace": "w"},
    "REWRITE_CHANGES": {
        "workspace": "w",
        "rows": [
            {
                "id": 1,
                "time": "t",
                "actor": "a",
                "role": "r",
                "action": "x",
                "summary": "{}",
                "data": "{}",
            }
        ],
    },
    "DELETE_CHANGES_BATCH": {"workspace": "w", "batch": 10_000},
    "END_SESSION": {"hash": "h"},
    "SAVE_SURVEY": {"workspace": "w", "id": "s", "created": "2024-01-01", "data": "{}"},
    "GET_SURVEY": {"workspace": "w", "id": "s"},
    "LIST_SURVEYS": {"workspace": "w"},
    "DELETE_SURVEY": {"workspace": "w", "id": "s"},
    "DELETE_WORKSPACE_SURVEYS": {"workspace": "w"},
    "SAVE_INVITATION": {"workspace": "w", "survey_id": "s", "id": 1, "hash": "h", "data": "{}"},
    "INVITATION_BY_HASH": {"hash": "h"},
    "LIST_INVITATIONS": {"workspace": "w", "survey_id": "s"},
    "SAVE_RESPONSE": {"workspace": "w", "survey_id": "s", "invitation_id": 1, "data": "{}"},
    "LIST_RESPONSES": {"workspace": "w", "survey_id": "s"},
    "DELETE_RESPONSE": {"workspace": "w", "survey_id": "s", "invitation_id": 1},
    "CREATE_SHARE_LINK": {
        "hash": "h",
        "workspace": "w",
        "label": "",
        "origins": "[]",
        "created": "2024-01-01T00:00:00+00:00",
        "expires": "2024-01-08T00:00:00+00:00",
    },
    "SHARE_LINK_BY_HASH": {"hash": "h"},
    "LIST_SHARE_LINKS": {"workspace": "w"},
    "DELETE_SHARE_LINKS": {"workspace": "w", "id": 1},
    "PUT_VIEW": {"workspace": "w", "name": "v", "settings": "{}", "updated": "2024"},
    "GET_VIEW": {"workspace": "w", "name": "v"},
    "LIST_VIEWS": {"workspace": "w"},
    "DELETE_VIEWS": {"workspace": "w", "name": "v"},
    "PUT_POSITIONS": {"workspace": "w", "positions": "{}"},
    "GET_POSITIONS": {"workspace": "w"},
    "DELETE_POSITIONS": {"workspace": "w"},
}


def _all() -> dict[str, str]:
    out: dict[str, str] = {}
    for name, value in globals().items():
        if (
            not name.isupper()
            or name.startswith("_")
            or name
            in (
                "PARAMETERS",
                "SURVEY_LABELS",
                "NODE_LABELS",
                "REL_TYPES",
                "ALL_STATEMENTS",
                "CHANGE_LABELS",
            )
        ):
            continue
        if isinstance(value, str):
            out[name] = value
        elif isinstance(value, list):
            out.update({f"{name}[{i}]": s for i, s in enumerate(value)})
        elif isinstance(value, dict):
            out.update({f"{name}[{key}]": s for key, s in value.items()})
    return out


#: Every statement by a readable name (``UPSERT_NODES[person]``…), for the syntax check.
ALL_STATEMENTS: dict[str, str] = _all()
