"""Share links, saved map views and the map's layout in the SQLite store (tables
``share_links`` and ``saved_views``, added by the store's fourth migration, and
``map_positions``, by its seventh); mixed into
:class:`~graph.store.sqlite.SQLiteStore`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from typing import Any

from graph.access import ShareLink
from graph.store.datatypes import storable
from graph.views import SavedView, positions_from_json, positions_to_json

__all__ = ["SQLiteSharing"]

_LINK_COLUMNS = "id, workspace, label, origins, created, expires"


def _link(row: Sequence[Any]) -> ShareLink:
    link_id, workspace, label, origins, created, expires = row
    return ShareLink(int(link_id), workspace, label, tuple(json.loads(origins)), created, expires)


def _view(row: Sequence[Any]) -> SavedView:
    name, settings, updated = row
    return SavedView(name, dict(json.loads(settings)), updated)


class SQLiteSharing:
    """The share-link and saved-view part of the store contract on SQLite."""

    def _transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError  # provided by SQLiteStore

    def _reading(self, snapshot: bool = False) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError  # provided by SQLiteStore

    def add_share_link(
        self,
        link_hash: str,
        workspace: str,
        label: str,
        origins: Sequence[str],
        created: str,
        expires: str,
    ) -> int:
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT INTO share_links (hash, workspace, label, origins, created, expires) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (link_hash, workspace, label, json.dumps(list(origins)), created, expires),
            )
            return int(cursor.lastrowid or 0)

    def share_link_by_hash(self, link_hash: str) -> ShareLink | None:
        with self._reading() as db:
            row = db.execute(
                f"SELECT {_LINK_COLUMNS} FROM share_links WHERE hash = ?", (link_hash,)
            ).fetchone()
        return _link(row) if row else None

    def list_share_links(self, workspace: str) -> list[ShareLink]:
        with self._reading() as db:
            rows = db.execute(
                f"SELECT {_LINK_COLUMNS} FROM share_links WHERE workspace = ? ORDER BY id",
                (workspace,),
            ).fetchall()
        return [_link(row) for row in rows]

    def delete_share_links(self, workspace: str, link_id: int | None = None) -> int:
        if not storable(link_id):
            return 0
        with self._transaction() as db:
            cursor = db.execute(
                "DELETE FROM share_links WHERE workspace = ? AND (? IS NULL OR id = ?)",
                (workspace, link_id, link_id),
            )
            return int(cursor.rowcount)

    def put_view(self, workspace: str, view: SavedView) -> bool:
        with self._transaction() as db:
            existed = db.execute(
                "SELECT 1 FROM saved_views WHERE workspace = ? AND name = ?",
                (workspace, view.name),
            ).fetchone()
            db.execute(
                "INSERT INTO saved_views (workspace, name, settings, updated) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (workspace, name) "
                "DO UPDATE SET settings = excluded.settings, updated = excluded.updated",
                (workspace, view.name, json.dumps(view.settings, sort_keys=True), view.updated),
            )
        return existed is None

    def get_view(self, workspace: str, name: str) -> SavedView | None:
        with self._reading() as db:
            row = db.execute(
                "SELECT name, settings, updated FROM saved_views WHERE workspace = ? AND name = ?",
                (workspace, name),
            ).fetchone()
        return _view(row) if row else None

    def list_views(self, workspace: str) -> list[SavedView]:
        with self._reading() as db:
            rows = db.execute(
                "SELECT name, settings, updated FROM saved_views WHERE workspace = ? ORDER BY name",
                (workspace,),
            ).fetchall()
        return [_view(row) for row in rows]

    def delete_views(self, workspace: str, name: str | None = None) -> int:
        with self._transaction() as db:
            cursor = db.execute(
                "DELETE FROM saved_views WHERE workspace = ? AND (? IS NULL OR name = ?)",
                (workspace, name, name),
            )
            return int(cursor.rowcount)

    def get_positions(self, workspace: str) -> dict[str, tuple[float, float]]:
        with self._reading() as db:
            row = db.execute(
                "SELECT positions FROM map_positions WHERE workspace = ?", (workspace,)
            ).fetchone()
        return positions_from_json(row[0]) if row else {}

    def put_positions(self, workspace: str, positions: Mapping[str, tuple[float, float]]) -> None:
        with self._transaction() as db:
            db.execute(
                "INSERT INTO map_positions (workspace, positions) VALUES (?, ?) "
                "ON CONFLICT (workspace) DO UPDATE SET positions = excluded.positions",
                (workspace, positions_to_json(positions)),
            )
