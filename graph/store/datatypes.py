"""The values of the store contract (:mod:`graph.store.base`): what a write reports
(:class:`WriteResult`, :data:`Progress`), what a workspace is (:class:`WorkspaceInfo`)
and what a backend can do beyond the contract (:class:`StoreCapabilities`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from pydantic import BaseModel

__all__ = ["Progress", "StoreCapabilities", "WorkspaceInfo", "WriteResult"]

#: Called with the number of elements written since the last call.
Progress = Callable[[int], None]


class WorkspaceInfo(BaseModel):
    """A workspace and its size."""

    name: str
    #: every node, source documents included (as :func:`graph.analysis.stats.network_counts`)
    nodes: int
    relationships: int
    version: int
    #: how many of the nodes are source documents
    sources: int = 0
    #: how many of the relationships are mentions in a source document
    mentions: int = 0
    created: datetime | None = None


class WriteResult(BaseModel):
    """What an upsert did."""

    nodes_created: int = 0
    nodes_updated: int = 0
    nodes_unchanged: int = 0
    relationships_created: int = 0
    relationships_updated: int = 0
    relationships_unchanged: int = 0
    version: int = 0

    @property
    def changed(self) -> bool:
        return bool(
            self.nodes_created
            or self.nodes_updated
            or self.relationships_created
            or self.relationships_updated
        )


@dataclass(frozen=True)
class StoreCapabilities:
    """What a backend can do beyond the shared contract; callers ask this instead of
    probing a backend's class or attributes.

    Attributes
    ----------
    cypher
        Analysts may run read-only Cypher (the store is a
        :class:`~graph.store.base.CypherReader`).
    in_database_analytics
        Analyses can run inside the database (no backend does so yet: every analysis
        runs on the networkx graph of
        :meth:`graph.store.base.Store.load_graph`).
    concurrent_readers
        Reads do not wait for a write under way.
    concurrent_writers
        Several writes can run at once (SQLite has one writer at a time).

    Examples
    --------
    >>> StoreCapabilities(cypher=True).cypher
    True
    """

    cypher: bool = False
    in_database_analytics: bool = False
    concurrent_readers: bool = True
    concurrent_writers: bool = False
