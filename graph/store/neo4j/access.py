"""API keys and web sessions in the Neo4j store: ``(:ApiKey)`` and ``(:Session)`` nodes,
every statement a constant of :mod:`graph.store.neo4j.cypher`; mixed into
:class:`~graph.store.neo4j.Neo4jStore`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from graph.access import Key
from graph.store.datatypes import storable
from graph.store.neo4j import cypher

__all__ = ["Neo4jAccess"]

T = TypeVar("T")


def _key(record: Any) -> Key:
    return Key(
        int(record["id"]), record["workspace"], record["role"], record["label"], record["created"]
    )


class Neo4jAccess:
    """The access part of the store contract on Neo4j."""

    def _read(self, query: str, **params: Any) -> list[Any]:
        raise NotImplementedError  # provided by Neo4jStore

    def _write(self, work: Callable[[Any], T]) -> T:
        raise NotImplementedError  # provided by Neo4jStore

    def _run(self, query: str, **params: Any) -> list[Any]:
        """Run one statement in a write transaction; its records."""
        return self._write(lambda tx: list(tx.run(query, params)))

    def add_key(self, key_hash: str, workspace: str, role: str, label: str, created: str) -> int:
        records = self._run(
            cypher.CREATE_KEY,
            hash=key_hash,
            workspace=workspace,
            role=role,
            label=label,
            created=created,
        )
        return int(records[0]["id"])

    def key_by_hash(self, key_hash: str) -> Key | None:
        records = self._read(cypher.KEY_BY_HASH, hash=key_hash)
        return _key(records[0]) if records else None

    def list_keys(self, workspace: str | None = None) -> list[Key]:
        return [_key(r) for r in self._read(cypher.LIST_KEYS, workspace=workspace)]

    def delete_keys(self, workspace: str | None = None, key_id: int | None = None) -> int:
        if workspace is None and key_id is None:
            raise ValueError("delete_keys needs a workspace or a key id")
        if not storable(key_id):
            return 0
        records = self._run(cypher.DELETE_KEYS, id=key_id, workspace=workspace)
        return int(records[0]["deleted"]) if records else 0

    def add_session(self, session_hash: str, key_id: int, created: float, expires: float) -> None:
        self._run(
            cypher.CREATE_SESSION,
            hash=session_hash,
            key_id=key_id,
            created=created,
            expires=expires,
        )

    def session_key(self, session_hash: str, now: float) -> Key | None:
        records = self._read(cypher.SESSION_KEY, hash=session_hash, now=now)
        return _key(records[0]) if records else None

    def delete_session(self, session_hash: str) -> None:
        self._run(cypher.END_SESSION, hash=session_hash)
