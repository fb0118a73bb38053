"""The store contract: everything the rest of Grenswerk needs from a backend.

Two backends implement it, each in its own folder: :mod:`graph.store.sqlite` (embedded,
the default) and :mod:`graph.store.neo4j`. Nothing outside ``graph/store/`` knows which
one it talks to. The contract tests in ``tests/graph/store/test_contract.py`` run
against every available backend. The values the contract passes live in
:mod:`graph.store.datatypes`, the rules every write keeps in
:mod:`graph.store.write_rules`; both are re-exported here.

Semantics every backend keeps:

* ``upsert`` writes all nodes and relationships in **one transaction**: either all
  are stored or none is. A relationship must point at nodes that exist in the
  store or in the same call, otherwise :class:`~graph.errors.StoreError`.
* Upserting an existing node **merges**: given fields replace stored ones, ``None``
  leaves them as they were, properties are merged key by key, aliases and
  provenance are united. A node cannot change its kind. Re-upserting the same
  data changes nothing, not even the version.
* Upserting an existing relationship keeps its stored ends. If it changes its type,
  the new type must allow the kinds of those stored ends
  (:data:`~graph.model.RELATIONSHIP_ENDPOINTS`,
  :func:`~graph.store.write_rules.check_type_change`),
  otherwise :class:`~graph.errors.StoreError` and nothing is written. One write
  cannot give one relationship id two types
  (:func:`~graph.store.write_rules.merge_in_one_write`).
* ``version(workspace)`` grows with every write that changes something.
* Deleting a node deletes its relationships (for the GDPR: a person is removed with
  every tie and mention).
* Every write that changes something records **one** entry in the workspace's change
  log, in its own transaction (:mod:`graph.changes`): time, the ``actor`` (a key's
  label and role; ``None`` is the console, ``system``), the action, counts and per
  element the before and after. ``changes`` reads the log, newest first.
* ``merge`` folds one node into another (:func:`graph.merge.plan_merge`) and
  ``apply`` writes a :class:`~graph.changes.Replacement` exactly (undo, forget); both
  are one transaction.
* Access data (API keys, web sessions and share links) is kept only as hashes;
  deleting a key ends its sessions. Survey links are kept only as hashes too; surveys,
  invitations and responses live beside the graph (not in it) and go with their
  workspace.
* :class:`~graph.store.datatypes.StoreCapabilities` says what a backend can do beyond
  this contract (e.g. analysts' Cypher, through :class:`CypherReader`; analyses inside
  the database, through :class:`~graph.store.analytics.InDatabaseAnalytics`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from graph.access import Actor, Key, ShareLink
from graph.changes import ChangeEntry, Replacement
from graph.errors import NotSupported
from graph.merge import merge_node, merge_relationship  # re-exported for a transition
from graph.model import Node, NodeKind, Relationship, RelType
from graph.store.datatypes import (
    MAX_STORED_INT,
    GraphOutline,
    NodeHead,
    Progress,
    StoreCapabilities,
    WorkspaceInfo,
    WriteResult,
    storable,
)
from graph.store.write_rules import check_type_change, check_workspace, merge_in_one_write
from graph.survey import Invitation, Survey, SurveyResponse
from graph.views import SavedView

if TYPE_CHECKING:  # networkx loads with the first graph (``grenswerk stats`` needs none)
    import networkx as nx

__all__ = [
    "MAX_STORED_INT",
    "CypherReader",
    "GraphOutline",
    "Progress",
    "Store",
    "StoreCapabilities",
    "WorkspaceInfo",
    "WriteResult",
    "check_type_change",
    "check_workspace",
    "cypher_reader",
    "merge_in_one_write",
    "merge_node",
    "merge_relationship",
    "storable",
]


@runtime_checkable
class Store(Protocol):
    """A place where workspaces of nodes and relationships live."""

    #: What this backend can do beyond the contract.
    capabilities: StoreCapabilities

    def upsert(
        self,
        workspace: str,
        nodes: Sequence[Node] = (),
        relationships: Sequence[Relationship] = (),
        *,
        progress: Progress | None = None,
        actor: Actor | None = None,
    ) -> WriteResult:
        """Create or merge nodes and relationships, all in one transaction."""
        ...

    def delete_nodes(
        self, workspace: str, ids: Iterable[str], *, actor: Actor | None = None
    ) -> int:
        """Delete nodes with all their relationships; returns how many nodes went."""
        ...

    def delete_relationships(
        self, workspace: str, ids: Iterable[str], *, actor: Actor | None = None
    ) -> int:
        """Delete relationships; returns how many went."""
        ...

    def merge(self, workspace: str, keep: str, other: str, *, actor: Actor | None = None) -> int:
        """Fold node ``other`` into ``keep`` in one transaction; the change's id.

        Raises :class:`~graph.errors.StoreError` for a missing node or nodes of
        different kinds (nothing is written)."""
        ...

    def apply(self, workspace: str, plan: Replacement, *, actor: Actor | None = None) -> int:
        """Write ``plan`` exactly in one transaction; the change's id (0: no change)."""
        ...

    def changes(
        self,
        workspace: str,
        *,
        since: str | None = None,
        until: str | None = None,
        node_id: str | None = None,
        after: int | None = None,
        limit: int = 50,
        offset: int = 0,
        details: bool = False,
    ) -> list[ChangeEntry]:
        """The log, newest first: from ``since`` (ISO time, inclusive) to ``until``
        (exclusive), about ``node_id``, with ids above ``after``; ``details`` adds
        each element's before and after."""
        ...

    def change(self, workspace: str, change_id: int) -> ChangeEntry | None:
        """One change with its details, or ``None``."""
        ...

    def get_node(self, workspace: str, node_id: str) -> Node | None:
        """One node, or ``None``."""
        ...

    def get_nodes(self, workspace: str, ids: Iterable[str]) -> dict[str, Node]:
        """The nodes among ``ids`` that exist, by id."""
        ...

    def node_heads(self, workspace: str, ids: Iterable[str]) -> dict[str, NodeHead]:
        """The id, kind and name of the nodes among ``ids`` that exist, by id (what
        :meth:`get_nodes` gives of them, without decoding each whole)."""
        ...

    def get_relationship(self, workspace: str, rel_id: str) -> Relationship | None:
        """One relationship, or ``None``."""
        ...

    def existing_relationship_ids(self, workspace: str, ids: Iterable[str]) -> set[str]:
        """The ids among ``ids`` of relationships that exist (without loading them)."""
        ...

    def search(
        self,
        workspace: str,
        text: str,
        *,
        kinds: Sequence[NodeKind] | None = None,
        limit: int = 20,
    ) -> list[Node]:
        """Nodes whose name or alias contains ``text`` (accent- and case-insensitive),
        exact matches first."""
        ...

    def list_nodes(self, workspace: str, *, kind: NodeKind | None = None) -> list[Node]:
        """All nodes, or those of one kind, ordered by id."""
        ...

    def list_relationships(
        self,
        workspace: str,
        *,
        type: RelType | None = None,
        node_id: str | None = None,
    ) -> list[Relationship]:
        """All relationships, of one type and/or touching one node, ordered by id."""
        ...

    def load_graph(self, workspace: str) -> nx.MultiDiGraph:
        """The workspace as a networkx multigraph (see :func:`graph.convert.to_networkx`)."""
        ...

    def outline(self, workspace: str) -> GraphOutline:
        """The graph's shape: each node's kind and each tie's ends and type, read in one
        transaction with the version (the counts of :meth:`load_graph`'s graph, without
        building it)."""
        ...

    def version(self, workspace: str) -> int:
        """A number that grows with every change to the workspace (0 if it is empty)."""
        ...

    def has_workspace(self, workspace: str) -> bool:
        """Whether the workspace exists (cheap: no counting)."""
        ...

    def workspaces(self) -> list[WorkspaceInfo]:
        """Every workspace with its size, by name."""
        ...

    def create_workspace(self, workspace: str) -> None:
        """Create an empty workspace; nothing happens if it exists."""
        ...

    def delete_workspace(self, workspace: str) -> bool:
        """Delete a workspace and everything in it; ``False`` if there was none."""
        ...

    # -- access: API keys and web sessions, stored only as hashes --------------------

    def add_key(self, key_hash: str, workspace: str, role: str, label: str, created: str) -> int:
        """Store a key by its hash; returns its new id."""
        ...

    def key_by_hash(self, key_hash: str) -> Key | None:
        """The key with this hash, or ``None``."""
        ...

    def list_keys(self, workspace: str | None = None) -> list[Key]:
        """The keys of one workspace (``None``: all keys), by id."""
        ...

    def delete_keys(self, workspace: str | None = None, key_id: int | None = None) -> int:
        """Delete the keys that match (by id and/or workspace) with their sessions;
        returns how many keys went."""
        ...

    def add_session(self, session_hash: str, key_id: int, created: float, expires: float) -> None:
        """Store a session by its hash (and drop the sessions expired before ``created``)."""
        ...

    def session_key(self, session_hash: str, now: float) -> Key | None:
        """The key of the session with this hash if it lives at ``now``, else ``None``."""
        ...

    def delete_session(self, session_hash: str) -> None:
        """End a session; an unknown hash is ignored."""
        ...

    # -- network surveys: kept apart from the graph, links only as hashes -------------

    def save_survey(self, survey: Survey) -> None:
        """Store a survey (replacing one of the same workspace and id)."""
        ...

    def get_survey(self, workspace: str, survey_id: str) -> Survey | None:
        """One survey, or ``None``."""
        ...

    def list_surveys(self, workspace: str) -> list[Survey]:
        """The surveys of a workspace, newest first."""
        ...

    def delete_survey(self, workspace: str, survey_id: str) -> bool:
        """Delete a survey with its invitations and responses; ``False`` if none."""
        ...

    def save_invitation(self, invitation: Invitation, token_hash: str) -> None:
        """Store an invitation with the hash of its link's token (replacing the one of
        the same survey and id, and so its old link)."""
        ...

    def invitation_by_hash(self, token_hash: str) -> Invitation | None:
        """The invitation whose link's token has this hash, or ``None``."""
        ...

    def list_invitations(self, workspace: str, survey_id: str) -> list[Invitation]:
        """The invitations of a survey, by id."""
        ...

    def save_response(self, response: SurveyResponse) -> None:
        """Store a response (one per invitation: it replaces an earlier one)."""
        ...

    def list_responses(self, workspace: str, survey_id: str) -> list[SurveyResponse]:
        """The responses to a survey, by invitation id."""
        ...

    def delete_response(self, workspace: str, survey_id: str, invitation_id: int) -> bool:
        """Delete the response of one invitation; ``False`` if there was none."""

    # -- share links (hashed like keys) and saved map views ----------------------------

    def add_share_link(
        self,
        link_hash: str,
        workspace: str,
        label: str,
        origins: Sequence[str],
        created: str,
        expires: str,
    ) -> int:
        """Store a share link by its token's hash; returns its new id."""
        ...

    def share_link_by_hash(self, link_hash: str) -> ShareLink | None:
        """The share link with this hash (expired or not), or ``None``."""
        ...

    def list_share_links(self, workspace: str) -> list[ShareLink]:
        """The share links of a workspace, by id."""
        ...

    def delete_share_links(self, workspace: str, link_id: int | None = None) -> int:
        """Delete a workspace's share links (one, by id, or all); how many went."""
        ...

    def put_view(self, workspace: str, view: SavedView) -> bool:
        """Save a view under its name (replacing one of that name); ``True`` if new."""
        ...

    def get_view(self, workspace: str, name: str) -> SavedView | None:
        """The view of this name, or ``None``."""
        ...

    def list_views(self, workspace: str) -> list[SavedView]:
        """A workspace's saved views, by name."""
        ...

    def delete_views(self, workspace: str, name: str | None = None) -> int:
        """Delete one view by name (``None``: all of the workspace); how many went."""
        ...

    # -- the map's layout, kept per workspace beside the graph ----------------------------

    def get_positions(self, workspace: str) -> dict[str, tuple[float, float]]:
        """The map positions kept for a workspace (node id → x, y); empty if none."""
        ...

    def put_positions(self, workspace: str, positions: Mapping[str, tuple[float, float]]) -> None:
        """Keep a workspace's map positions, replacing those kept before (deleting the
        workspace deletes them)."""
        ...

    def close(self) -> None:
        """Release connections; closing again is harmless, and every later call raises
        :class:`~graph.errors.StoreError`."""
        ...


@runtime_checkable
class CypherReader(Protocol):
    """A store that runs analysts' read-only Cypher (``capabilities.cypher``)."""

    def read_only(
        self, query: str, workspace: str, *, timeout: float = 10.0, limit: int = 1000
    ) -> list[dict[str, Any]]:
        """Run an analyst's Cypher query in a read transaction scoped by ``$workspace``."""
        ...


def cypher_reader(store: Store) -> CypherReader:
    """The store as a :class:`CypherReader`, if its capabilities say it is one.

    Raises
    ------
    NotSupported
        When the store has no Cypher (the embedded SQLite store).
    """
    if not store.capabilities.cypher or not isinstance(store, CypherReader):
        raise NotSupported(
            "Cypher queries need the Neo4j backend (GRENSWERK_STORE=neo4j, see the README); "
            "the embedded store has no Cypher. Use the analyses, or export the workspace."
        )
    return store
