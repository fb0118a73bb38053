"""Share links, saved map views and the map's layout in the Neo4j store:
``(:ShareLink)``, ``(:SavedView)`` and ``(:MapLayout)`` nodes, every statement a
constant of :mod:`graph.store.neo4j.cypher`; mixed
into :class:`~graph.store.neo4j.Neo4jStore`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from graph.access import ShareLink
from graph.store.datatypes import storable
from graph.store.neo4j import cypher
from graph.views import SavedView, positions_from_json, positions_to_json

__all__ = ["Neo4jSharing"]

T = TypeVar("T")


def _link(record: Any) -> ShareLink:
    return ShareLink(
        int(record["id"]),
        record["workspace"],
        record["label"],
        tuple(json.loads(record["origins"])),
        record["created"],
        record["expires"],
    )


def _view(record: Any) -> SavedView:
    return SavedView(record["name"], dict(json.loads(record["settings"])), record["updated"])


class Neo4jSharing:
    """The share-link and saved-view part of the store contract on Neo4j."""

    def _read(self, query: str, **params: Any) -> list[Any]:
        raise NotImplementedError  # provided by Neo4jStore

    def _write(self, work: Callable[[Any], T]) -> T:
        raise NotImplementedError  # provided by Neo4jStore

    def _run_one(self, query: str, **params: Any) -> list[Any]:
        return self._write(lambda tx: list(tx.run(query, params)))

    def add_share_link(
        self,
        link_hash: str,
        workspace: str,
        label: str,
        origins: Sequence[str],
        created: str,
        expires: str,
    ) -> int:
        records = self._run_one(
            cypher.CREATE_SHARE_LINK,
            hash=link_hash,
            workspace=workspace,
            label=label,
            origins=json.dumps(list(origins)),
            created=created,
            expires=expires,
        )
        return int(records[0]["id"])

    def share_link_by_hash(self, link_hash: str) -> ShareLink | None:
        records = self._read(cypher.SHARE_LINK_BY_HASH, hash=link_hash)
        return _link(records[0]) if records else None

    def list_share_links(self, workspace: str) -> list[ShareLink]:
        return [_link(r) for r in self._read(cypher.LIST_SHARE_LINKS, workspace=workspace)]

    def delete_share_links(self, workspace: str, link_id: int | None = None) -> int:
        if not storable(link_id):
            return 0
        records = self._run_one(cypher.DELETE_SHARE_LINKS, workspace=workspace, id=link_id)
        return int(records[0]["deleted"]) if records else 0

    def put_view(self, workspace: str, view: SavedView) -> bool:
        records = self._run_one(
            cypher.PUT_VIEW,
            workspace=workspace,
            name=view.name,
            settings=json.dumps(view.settings, sort_keys=True),
            updated=view.updated,
        )
        return bool(records[0]["created"])

    def get_view(self, workspace: str, name: str) -> SavedView | None:
        records = self._read(cypher.GET_VIEW, workspace=workspace, name=name)
        return _view(records[0]) if records else None

    def list_views(self, workspace: str) -> list[SavedView]:
        return [_view(r) for r in self._read(cypher.LIST_VIEWS, workspace=workspace)]

    def delete_views(self, workspace: str, name: str | None = None) -> int:
        records = self._run_one(cypher.DELETE_VIEWS, workspace=workspace, name=name)
        return int(records[0]["deleted"]) if records else 0

    def get_positions(self, workspace: str) -> dict[str, tuple[float, float]]:
        records = self._read(cypher.GET_POSITIONS, workspace=workspace)
        return positions_from_json(records[0]["positions"]) if records else {}

    def put_positions(self, workspace: str, positions: Mapping[str, tuple[float, float]]) -> None:
        self._run_one(
            cypher.PUT_POSITIONS, workspace=workspace, positions=positions_to_json(positions)
        )
