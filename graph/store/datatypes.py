"""The values of the store contract (:mod:`graph.store.base`): what a write reports
(:class:`WriteResult`, :data:`Progress`), what a workspace is (:class:`WorkspaceInfo`)
and the shape of its graph (:class:`GraphOutline`), what a backend can do beyond the
contract (:class:`StoreCapabilities`), and the largest integer a store keeps
(:data:`MAX_STORED_INT`, :func:`storable`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from pydantic import BaseModel

from graph.kinds import NodeKind

__all__ = [
    "MAX_STORED_INT",
    "NodeHead",
    "GraphOutline",
    "Progress",
    "StoreCapabilities",
    "WorkspaceInfo",
    "WriteResult",
    "storable",
]

#: The largest integer SQLite and Neo4j keep (a signed 64-bit integer): ids and offsets
#: past it find nothing instead of failing in the driver.
MAX_STORED_INT = 2**63 - 1


def storable(*numbers: int | None) -> bool:
    """Whether every number given (``None``: not given) fits a store's integer.

    >>> storable(1, None, MAX_STORED_INT), storable(MAX_STORED_INT + 1), storable(-(2**64))
    (True, False, False)
    """
    return all(n is None or -MAX_STORED_INT - 1 <= n <= MAX_STORED_INT for n in numbers)


class NodeHead(NamedTuple):
    """A stored node's id, kind and name (:meth:`graph.store.base.Store.node_heads`):
    what an import plan needs of the stored nodes it names, without decoding them."""

    id: str
    kind: NodeKind
    name: str


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


@dataclass(frozen=True)
class GraphOutline:
    """The shape of a workspace graph without its attributes: what each node is and
    what joins what, enough to count it (``grenswerk stats``) without loading and
    decoding every element (:meth:`graph.store.base.Store.outline`).

    Attributes
    ----------
    version
        The workspace version the outline was read at (in the same transaction).
    kinds
        Each stored node's id and kind.
    ties
        Each relationship's source, target and type (an end may be missing from
        ``kinds`` only where the loaded graph would hold it without attributes).

    Examples
    --------
    >>> outline = GraphOutline(3, {"a": "person", "b": "organisation"}, [("a", "b", "works_at")])
    >>> len(outline.kinds), len(outline.ties)
    (2, 1)
    """

    version: int
    kinds: dict[str, str]
    ties: list[tuple[str, str, str]]


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
        Centrality and communities can run inside the database (the store is a
        :class:`~graph.store.analytics.InDatabaseAnalytics`): Neo4j with Graph Data
        Science 2.13+, found when the store opens. Without it every analysis runs on
        the networkx graph of :meth:`graph.store.base.Store.load_graph`.
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
