"""The SQLite store's schema: its migrations, applied in order when a file is opened.

1. workspaces, nodes, aliases and relationships;
2. API keys and web sessions (``api_keys``, ``sessions``), kept only as hashes;
3. network surveys (``surveys``, ``survey_invitations`` with their links' hashes,
   ``survey_responses``), beside the graph;
4. share links (``share_links``, hashed like keys) and saved map views (``saved_views``).
5. the change log (``changes``): one row per write, see :mod:`graph.changes`.
6. parts of a change's element records (``change_parts``), written batch by batch by a
   bulk write instead of held until its commit (see :mod:`graph.store.changelog`).
"""

from __future__ import annotations

__all__ = ["MIGRATIONS"]

#: Schema migrations; entry ``i`` brings ``user_version`` from ``i`` to ``i + 1``.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE workspaces (
        name     TEXT PRIMARY KEY,
        version  INTEGER NOT NULL DEFAULT 0,
        created  TEXT NOT NULL
    );
    CREATE TABLE nodes (
        workspace TEXT NOT NULL REFERENCES workspaces(name) ON DELETE CASCADE,
        id        TEXT NOT NULL,
        kind      TEXT NOT NULL,
        norm      TEXT NOT NULL,
        data      BLOB NOT NULL,
        PRIMARY KEY (workspace, id)
    ) WITHOUT ROWID;
    CREATE INDEX nodes_by_kind ON nodes (workspace, kind);
    CREATE INDEX nodes_by_norm ON nodes (workspace, norm);
    CREATE TABLE aliases (
        workspace TEXT NOT NULL,
        node_id   TEXT NOT NULL,
        norm      TEXT NOT NULL,
        PRIMARY KEY (workspace, node_id, norm),
        FOREIGN KEY (workspace, node_id) REFERENCES nodes (workspace, id) ON DELETE CASCADE
    ) WITHOUT ROWID;
    CREATE INDEX aliases_by_norm ON aliases (workspace, norm);
    CREATE TABLE relationships (
        workspace TEXT NOT NULL,
        id        TEXT NOT NULL,
        type      TEXT NOT NULL,
        source    TEXT NOT NULL,
        target    TEXT NOT NULL,
        data      BLOB NOT NULL,
        PRIMARY KEY (workspace, id),
        FOREIGN KEY (workspace, source) REFERENCES nodes (workspace, id) ON DELETE CASCADE,
        FOREIGN KEY (workspace, target) REFERENCES nodes (workspace, id) ON DELETE CASCADE
    ) WITHOUT ROWID;
    CREATE INDEX relationships_by_source ON relationships (workspace, source);
    CREATE INDEX relationships_by_target ON relationships (workspace, target);
    CREATE INDEX relationships_by_type ON relationships (workspace, type);
    """,
    """
    CREATE TABLE api_keys (
        id        INTEGER PRIMARY KEY,
        hash      TEXT UNIQUE NOT NULL,
        workspace TEXT NOT NULL,
        role      TEXT NOT NULL,
        label     TEXT NOT NULL DEFAULT '',
        created   TEXT NOT NULL
    );
    CREATE INDEX api_keys_by_workspace ON api_keys (workspace);
    CREATE TABLE sessions (
        hash    TEXT PRIMARY KEY,
        key_id  INTEGER NOT NULL REFERENCES api_keys(id) ON DELETE CASCADE,
        created REAL NOT NULL,
        expires REAL NOT NULL
    );
    CREATE INDEX sessions_by_key ON sessions (key_id);
    """,
    """
    CREATE TABLE surveys (
        workspace TEXT NOT NULL,
        id        TEXT NOT NULL,
        created   TEXT NOT NULL,
        data      TEXT NOT NULL,
        PRIMARY KEY (workspace, id)
    ) WITHOUT ROWID;
    CREATE TABLE survey_invitations (
        workspace TEXT NOT NULL,
        survey_id TEXT NOT NULL,
        id        INTEGER NOT NULL,
        hash      TEXT UNIQUE NOT NULL,
        data      TEXT NOT NULL,
        PRIMARY KEY (workspace, survey_id, id),
        FOREIGN KEY (workspace, survey_id) REFERENCES surveys (workspace, id) ON DELETE CASCADE
    ) WITHOUT ROWID;
    CREATE TABLE survey_responses (
        workspace     TEXT NOT NULL,
        survey_id     TEXT NOT NULL,
        invitation_id INTEGER NOT NULL,
        data          TEXT NOT NULL,
        PRIMARY KEY (workspace, survey_id, invitation_id),
        FOREIGN KEY (workspace, survey_id) REFERENCES surveys (workspace, id) ON DELETE CASCADE
    ) WITHOUT ROWID;
    """,
    """
    CREATE TABLE share_links (
        id        INTEGER PRIMARY KEY,
        hash      TEXT UNIQUE NOT NULL,
        workspace TEXT NOT NULL,
        label     TEXT NOT NULL DEFAULT '',
        origins   TEXT NOT NULL DEFAULT '[]',
        created   TEXT NOT NULL,
        expires   TEXT NOT NULL
    );
    CREATE INDEX share_links_by_workspace ON share_links (workspace);
    CREATE TABLE saved_views (
        workspace TEXT NOT NULL,
        name      TEXT NOT NULL,
        settings  TEXT NOT NULL,
        updated   TEXT NOT NULL,
        PRIMARY KEY (workspace, name)
    ) WITHOUT ROWID;
    """,
    """
    CREATE TABLE changes (
        workspace TEXT NOT NULL,
        id        INTEGER NOT NULL,
        time      TEXT NOT NULL,
        actor     TEXT NOT NULL,
        role      TEXT NOT NULL,
        action    TEXT NOT NULL,
        summary   BLOB NOT NULL,
        data      BLOB NOT NULL,
        PRIMARY KEY (workspace, id)
    );
    CREATE INDEX changes_by_time ON changes (workspace, time);
    """,
    """
    CREATE TABLE change_parts (
        workspace TEXT NOT NULL,
        change_id INTEGER NOT NULL,
        part      INTEGER NOT NULL,
        data      BLOB NOT NULL,
        PRIMARY KEY (workspace, change_id, part)
    ) WITHOUT ROWID;
    """,
]
