"""Statements of the change log, ``(:Change {workspace, id, time, actor, role, action,
summary, data})`` nodes numbered per workspace on ``w.changes``, and of exact writes
(the relationships touching nodes)."""

from __future__ import annotations

__all__ = [
    "CHANGE_LABELS",
    "RELATIONSHIPS_OF_NODES",
    "CREATE_CHANGE",
    "LIST_CHANGES",
    "LOG_ENTRIES",
    "REWRITE_CHANGES",
    "DELETE_CHANGES_BATCH",
    "PARAMETERS",
]

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
PARAMETERS: dict[str, dict[str, object]] = {
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
}
