"""Every Cypher statement the Neo4j backend sends, each a named constant, in one
module per area: :mod:`~graph.store.neo4j.cypher.schema` (labels, types, constraints
and indexes), :mod:`~graph.store.neo4j.cypher.workspaces`,
:mod:`~graph.store.neo4j.cypher.elements` (nodes and relationships),
:mod:`~graph.store.neo4j.cypher.changes` (the change log),
:mod:`~graph.store.neo4j.cypher.access` (keys and sessions),
:mod:`~graph.store.neo4j.cypher.surveys`, :mod:`~graph.store.neo4j.cypher.sharing`
(share links and saved views) and :mod:`~graph.store.neo4j.cypher.analytics` (Graph
Data Science: projections of a view, algorithms, and the view's fields). This package
names them all (``cypher.SEARCH``).

Labels and relationship types come only from the closed vocabularies
(:class:`~graph.model.NodeKind`, :class:`~graph.model.RelType`) through
:data:`NODE_LABELS` and :data:`REL_TYPES`; no statement is ever formatted from user
text, and every value travels as a parameter. ``tests/graph/store/test_cypher.py``
runs each statement of :data:`ALL_STATEMENTS` through Neo4j's own parser
(``@neo4j-cypher/language-support``) with the parameters declared in :data:`PARAMETERS`
(each area declares those of its statements).

The graph layout:

* ``(:Workspace {name, version, created, view_fields})``: one per workspace, its
  version counter; ``view_fields`` = 1 once its elements carry the view's fields;
* ``(:Node:<Kind> {workspace, id, kind, name, norm, aliases, data, since, until,
  date})``: ``norm`` and ``aliases`` are the folded name and aliases for search,
  ``data`` the element as JSON, ``since``, ``until`` and ``date`` its dates (ISO) for
  the views of in-database analyses;
* ``[:<TYPE> {workspace, id, data, since, until, strength}]`` between two nodes of one
  workspace (``since``, ``until`` and ``strength`` for in-database views);
* ``(:Change {workspace, id, time, actor, role, action, summary, data})``: the change
  log, one per write (ids 1, 2, … per workspace, counted on ``w.changes``);
* ``(:ApiKey {id, hash, workspace, role, label, created})`` and
  ``(:Session {hash, key_id, created, expires})``: access data, only as hashes;
* ``(:Survey {workspace, id, created, data})``, ``(:SurveyInvitation {workspace,
  survey_id, id, hash, data})`` and ``(:SurveyResponse {workspace, survey_id,
  invitation_id, data})``: network surveys beside the graph, links only as hashes.
* ``(:ShareLink {id, hash, workspace, label, origins, created, expires})``: share links,
  hashed like keys (``origins`` a JSON list); ``(:SavedView {workspace, name, settings,
  updated})``: saved map views (``settings`` a JSON object); ``(:MapLayout {workspace,
  positions})``: the map's layout (``positions`` a JSON object of node id → [x, y]).
"""

from __future__ import annotations

from types import ModuleType

from graph.store.neo4j.cypher import (
    access,
    analytics,
    changes,
    elements,
    schema,
    sharing,
    surveys,
    workspaces,
)
from graph.store.neo4j.cypher.access import (
    ACCESS_LABELS,
    CREATE_KEY,
    CREATE_SESSION,
    DELETE_KEYS,
    END_SESSION,
    KEY_BY_HASH,
    LIST_KEYS,
    SESSION_KEY,
)
from graph.store.neo4j.cypher.analytics import (
    COUNT_VIEW_NODES,
    DROP_PROJECTION,
    GDS_VERSION,
    MARK_FIELDS,
    MUTATE,
    NODE_PROPERTY,
    NODES_FOR_FIELDS,
    PROJECT_VIEW,
    PROJECTION_EDGES,
    PROJECTION_NODES,
    RELATIONSHIPS_FOR_FIELDS,
    SET_NODE_FIELDS,
    SET_RELATIONSHIP_FIELDS,
    THEME_IDS,
    WORKSPACES_WITHOUT_FIELDS,
)
from graph.store.neo4j.cypher.changes import (
    CHANGE_LABELS,
    CREATE_CHANGE,
    DELETE_CHANGES_BATCH,
    LIST_CHANGES,
    LOG_ENTRIES,
    RELATIONSHIPS_OF_NODES,
    REWRITE_CHANGES,
)
from graph.store.neo4j.cypher.elements import (
    COUNT_RELATIONSHIPS_OF_TYPE,
    CREATE_RELATIONSHIPS,
    DELETE_NODES,
    DELETE_RELATIONSHIPS,
    EXISTING_NODES,
    EXISTING_RELATIONSHIPS,
    GET_NODES,
    LIST_NODES,
    LIST_NODES_OF_KIND,
    LIST_RELATIONSHIPS,
    LIST_RELATIONSHIPS_OF_NODE,
    LIST_RELATIONSHIPS_OF_TYPE,
    MISSING_NODES,
    NODE_HEADS,
    NODE_KINDS,
    RELATIONSHIPS_OF_TYPE,
    SEARCH,
    UPDATE_RELATIONSHIPS,
    UPSERT_NODES,
)
from graph.store.neo4j.cypher.schema import (
    NODE_LABELS,
    REL_TYPES,
    SCHEMA,
)
from graph.store.neo4j.cypher.sharing import (
    CREATE_SHARE_LINK,
    DELETE_POSITIONS,
    DELETE_SHARE_LINKS,
    DELETE_VIEWS,
    GET_POSITIONS,
    GET_VIEW,
    LIST_SHARE_LINKS,
    LIST_VIEWS,
    PUT_POSITIONS,
    PUT_VIEW,
    SHARE_LINK_BY_HASH,
)
from graph.store.neo4j.cypher.surveys import (
    DELETE_RESPONSE,
    DELETE_SURVEY,
    DELETE_WORKSPACE_SURVEYS,
    GET_SURVEY,
    INVITATION_BY_HASH,
    LIST_INVITATIONS,
    LIST_RESPONSES,
    LIST_SURVEYS,
    SAVE_INVITATION,
    SAVE_RESPONSE,
    SAVE_SURVEY,
    SURVEY_LABELS,
)
from graph.store.neo4j.cypher.workspaces import (
    BUMP_VERSION,
    DELETE_WORKSPACE_BATCH,
    DELETE_WORKSPACE_NODE,
    ENSURE_WORKSPACE,
    LIST_WORKSPACES,
    OUTLINE_NODES,
    OUTLINE_TIES,
    VERSION,
    WORKSPACE_STAMP,
)

__all__ = [
    "ACCESS_LABELS",
    "ALL_STATEMENTS",
    "AREAS",
    "BUMP_VERSION",
    "CHANGE_LABELS",
    "COUNT_VIEW_NODES",
    "CREATE_CHANGE",
    "CREATE_KEY",
    "CREATE_SESSION",
    "CREATE_SHARE_LINK",
    "DELETE_CHANGES_BATCH",
    "DELETE_KEYS",
    "DELETE_NODES",
    "DELETE_POSITIONS",
    "DELETE_RELATIONSHIPS",
    "DELETE_RESPONSE",
    "DELETE_SHARE_LINKS",
    "DELETE_SURVEY",
    "DELETE_VIEWS",
    "DELETE_WORKSPACE_BATCH",
    "DELETE_WORKSPACE_NODE",
    "DELETE_WORKSPACE_SURVEYS",
    "DROP_PROJECTION",
    "END_SESSION",
    "ENSURE_WORKSPACE",
    "EXISTING_NODES",
    "EXISTING_RELATIONSHIPS",
    "GDS_VERSION",
    "GET_NODES",
    "GET_POSITIONS",
    "GET_SURVEY",
    "GET_VIEW",
    "INVITATION_BY_HASH",
    "KEY_BY_HASH",
    "LIST_CHANGES",
    "LIST_INVITATIONS",
    "LIST_KEYS",
    "LIST_NODES",
    "LIST_NODES_OF_KIND",
    "LIST_RELATIONSHIPS",
    "LIST_RELATIONSHIPS_OF_NODE",
    "LIST_RELATIONSHIPS_OF_TYPE",
    "LIST_RESPONSES",
    "LIST_SHARE_LINKS",
    "LIST_SURVEYS",
    "LIST_VIEWS",
    "LIST_WORKSPACES",
    "LOG_ENTRIES",
    "MARK_FIELDS",
    "MISSING_NODES",
    "MUTATE",
    "NODES_FOR_FIELDS",
    "NODE_HEADS",
    "NODE_KINDS",
    "NODE_LABELS",
    "NODE_PROPERTY",
    "OUTLINE_NODES",
    "OUTLINE_TIES",
    "PARAMETERS",
    "PUT_POSITIONS",
    "PROJECTION_EDGES",
    "PROJECTION_NODES",
    "PROJECT_VIEW",
    "PUT_VIEW",
    "RELATIONSHIPS_FOR_FIELDS",
    "RELATIONSHIPS_OF_NODES",
    "REL_TYPES",
    "REWRITE_CHANGES",
    "SAVE_INVITATION",
    "SAVE_RESPONSE",
    "SAVE_SURVEY",
    "SCHEMA",
    "SEARCH",
    "SESSION_KEY",
    "SET_NODE_FIELDS",
    "SET_RELATIONSHIP_FIELDS",
    "SHARE_LINK_BY_HASH",
    "SURVEY_LABELS",
    "THEME_IDS",
    "UNSCOPED",
    "UPSERT_NODES",
    "COUNT_RELATIONSHIPS_OF_TYPE",
    "CREATE_RELATIONSHIPS",
    "RELATIONSHIPS_OF_TYPE",
    "UPDATE_RELATIONSHIPS",
    "VERSION",
    "WORKSPACES_WITHOUT_FIELDS",
    "WORKSPACE_STAMP",
]

#: The statement modules, one per area.
AREAS: tuple[ModuleType, ...] = (
    schema,
    workspaces,
    elements,
    changes,
    access,
    surveys,
    sharing,
    analytics,
)

#: Statements about access data that are not scoped to one workspace.
UNSCOPED = (
    "LIST_WORKSPACES",
    "KEY_BY_HASH",
    "CREATE_SESSION",
    "SESSION_KEY",
    "END_SESSION",
    "INVITATION_BY_HASH",
    "SHARE_LINK_BY_HASH",
    # the analytics: GDS's version, and statements on a projection (made from one
    # workspace's view by PROJECT_VIEW, which is scoped) or on every workspace
    "GDS_VERSION",
    "MUTATE",
    "NODE_PROPERTY",
    "PROJECTION_EDGES",
    "DROP_PROJECTION",
    "WORKSPACES_WITHOUT_FIELDS",
)

#: Constants of the areas that are not statements (the vocabularies' mappings).
_NOT_STATEMENTS = ("NODE_LABELS", "REL_TYPES", "PARAMETERS")


def _statements(areas: tuple[ModuleType, ...]) -> dict[str, str]:
    """Every statement of the areas by a readable name: a constant as it is named, a
    list or mapping of statements entry by entry (``SCHEMA[0]``, ``UPSERT_NODES[person]``);
    tuples (the label sets) are no statements."""
    out: dict[str, str] = {}
    for area in areas:
        for name in area.__all__:
            value = getattr(area, name)
            if name in _NOT_STATEMENTS:
                continue
            if isinstance(value, str):
                out[name] = value
            elif isinstance(value, list):
                out.update({f"{name}[{i}]": s for i, s in enumerate(value)})
            elif isinstance(value, dict):
                out.update({f"{name}[{key}]": s for key, s in value.items()})
    return out


#: Every statement by a readable name (``UPSERT_NODES[person]``…), for the syntax check.
ALL_STATEMENTS: dict[str, str] = _statements(AREAS)

#: The parameters each statement takes, with example values, for the syntax check.
PARAMETERS: dict[str, dict[str, object]] = {
    name: parameters for area in AREAS for name, parameters in area.PARAMETERS.items()
}
