"""Statements about access data, kept only as hashes: ``(:ApiKey {id, hash, workspace,
role, label, created})`` and ``(:Session {hash, key_id, created, expires})``."""

from __future__ import annotations

__all__ = [
    "ACCESS_LABELS",
    "CREATE_KEY",
    "KEY_BY_HASH",
    "LIST_KEYS",
    "DELETE_KEYS",
    "CREATE_SESSION",
    "SESSION_KEY",
    "END_SESSION",
    "PARAMETERS",
]

#: The labels of access data (not graph elements of a workspace).
ACCESS_LABELS = ("ApiKey", "Session", "ShareLink", "SavedView")

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

#: The parameters each statement takes, with example values, for the syntax check.
PARAMETERS: dict[str, dict[str, object]] = {
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
    "END_SESSION": {"hash": "h"},
}
