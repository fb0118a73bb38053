"""Statements about share links, hashed like keys (``(:ShareLink {id, hash, workspace,
label, origins, created, expires})``, ``origins`` a JSON list), and saved map views
(``(:SavedView {workspace, name, settings, updated})``, ``settings`` a JSON object)."""

from __future__ import annotations

__all__ = [
    "CREATE_SHARE_LINK",
    "SHARE_LINK_BY_HASH",
    "LIST_SHARE_LINKS",
    "DELETE_SHARE_LINKS",
    "PUT_VIEW",
    "GET_VIEW",
    "LIST_VIEWS",
    "DELETE_VIEWS",
    "PARAMETERS",
]

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

#: The parameters each statement takes, with example values, for the syntax check.
PARAMETERS: dict[str, dict[str, object]] = {
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
}
