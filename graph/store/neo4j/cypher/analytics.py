"""Statements of the in-database analyses (Neo4j Graph Data Science, GDS 2.x): the
capability check, the projection of a workspace's view, the algorithms (each writing
its values into the projection, ``mutate``), the streams that read them back and the
drop of the projection; and the fields a view filters on (``since``, ``until``,
``date``, ``strength``), filled in for workspaces stored before they were kept.

The projection is one Cypher aggregation (``gds.graph.project`` as a function) over
the same view the in-process analyses build (:func:`graph.analysis.subgraphs.filter_view`
and :func:`~graph.analysis.subgraphs.simple_graph`): no source documents and no
``mentioned_in`` ties; the kinds, types, themes and date asked for; no self-loops;
parallel ties collapsed into one with ``weight`` the sum of their strengths (1 where
none is recorded or it is 0) and ``distance`` = 1 / weight; undirected (one tie per
pair) unless ``$directed``, when a tie of a symmetric type counts both ways. Every
node of the view is projected, isolated ones too. Dates are ISO text, which compares
in date order.
"""

from __future__ import annotations

from graph.model import RelType
from graph.store.neo4j.cypher.schema import REL_TYPES

__all__ = [
    "GDS_VERSION",
    "COUNT_VIEW_NODES",
    "THEME_IDS",
    "PROJECT_VIEW",
    "PROJECTION_NODES",
    "MUTATE",
    "NODE_PROPERTY",
    "PROJECTION_EDGES",
    "DROP_PROJECTION",
    "WORKSPACES_WITHOUT_FIELDS",
    "NODES_FOR_FIELDS",
    "SET_NODE_FIELDS",
    "RELATIONSHIPS_FOR_FIELDS",
    "SET_RELATIONSHIP_FIELDS",
    "MARK_FIELDS",
    "PARAMETERS",
]

#: The GDS library's version (fails when GDS is not installed).
GDS_VERSION = "RETURN gds.version() AS version"

#: How many nodes a workspace has (auto engine: in the database above a threshold).
COUNT_VIEW_NODES = "MATCH (n:Node {workspace: $workspace}) RETURN count(n) AS nodes"

#: The ids of a workspace's themes (a theme filter names themes by id).
THEME_IDS = "MATCH (t:Node {workspace: $workspace, kind: 'theme'}) RETURN t.id AS id ORDER BY id"


def _keeps(x: str) -> str:
    """Whether node ``x`` is in the view (as :func:`~graph.analysis.subgraphs.filter_view`
    and :func:`~graph.analysis.subgraphs.active_at`)."""
    return (
        f"{x}.kind <> 'source' AND ($kinds IS NULL OR {x}.kind IN $kinds) "
        f"AND ($at IS NULL OR (coalesce({x}.since, {x}.date, $at) <= $at "
        f"AND coalesce({x}.until, $at) >= $at)) "
        f"AND ($themes IS NULL OR {x}.id IN $themes "
        f"OR EXISTS {{ MATCH ({x})--(t:Node {{workspace: $workspace}}) WHERE t.id IN $themes }})"
    )


_TIE = (
    "type(r) <> 'MENTIONED_IN' AND ($types IS NULL OR type(r) IN $types) "
    "AND ($at IS NULL OR (coalesce(r.since, $at) <= $at AND coalesce(r.until, $at) >= $at))"
)

#: Project the view of ``$workspace`` as the in-memory graph ``$graph``; ``$kinds``
#: (node kinds), ``$types`` (relationship types, as Neo4j names them), ``$themes``
#: (theme ids) and ``$at`` (an ISO date) are null when not asked for; ``$symmetric``
#: lists the types that count both ways in a directed view.
PROJECT_VIEW = (
    f"MATCH (n:Node {{workspace: $workspace}}) WHERE {_keeps('n')} "
    "OPTIONAL MATCH (n)-[r]->(m:Node) "
    f"WHERE m.workspace = $workspace AND m <> n AND {_TIE} AND {_keeps('m')} "
    "WITH n, m, r, CASE WHEN r IS NULL THEN null "
    "WHEN r.strength IS NULL OR r.strength = 0 THEN 1.0 ELSE toFloat(r.strength) END AS w "
    "UNWIND CASE WHEN m IS NULL THEN [[n, null]] "
    "WHEN NOT $directed THEN [CASE WHEN n.id < m.id THEN [n, m] ELSE [m, n] END] "
    "WHEN type(r) IN $symmetric THEN [[n, m], [m, n]] ELSE [[n, m]] END AS ends "
    "WITH ends[0] AS a, ends[1] AS b, sum(w) AS weight "
    "WITH gds.graph.project($graph, a, b, {relationshipProperties: CASE WHEN b IS NULL "
    "THEN null ELSE {weight: weight, distance: 1.0 / weight} END}, "
    "{undirectedRelationshipTypes: CASE WHEN $directed THEN [] ELSE ['*'] END}) AS g "
    "RETURN g.nodeCount AS nodes, g.relationshipCount AS relationships"
)

#: The projection's nodes: GDS's node id, the element's id and name, by id.
PROJECTION_NODES = (
    "CALL gds.degree.stream($graph) YIELD nodeId "
    "WITH nodeId, gds.util.asNode(nodeId) AS n WHERE n.workspace = $workspace "
    "RETURN nodeId AS node, n.id AS id, n.name AS name ORDER BY id"
)

#: Each algorithm, writing its values into the projection under ``mutateProperty``
#: (``$config`` holds it and the algorithm's settings); what it reports comes back.
MUTATE: dict[str, str] = {
    "degree": "CALL gds.degree.mutate($graph, $config) "
    "YIELD nodePropertiesWritten RETURN nodePropertiesWritten AS written",
    "betweenness": "CALL gds.betweenness.mutate($graph, $config) "
    "YIELD nodePropertiesWritten RETURN nodePropertiesWritten AS written",
    "pagerank": "CALL gds.pageRank.mutate($graph, $config) "
    "YIELD ranIterations, didConverge "
    "RETURN ranIterations AS iterations, didConverge AS converged",
    "closeness": "CALL gds.closeness.mutate($graph, $config) "
    "YIELD nodePropertiesWritten RETURN nodePropertiesWritten AS written",
    "harmonic": "CALL gds.closeness.harmonic.mutate($graph, $config) "
    "YIELD nodePropertiesWritten RETURN nodePropertiesWritten AS written",
    "louvain": "CALL gds.louvain.mutate($graph, $config) "
    "YIELD ranLevels, communityCount, modularity "
    "RETURN ranLevels AS levels, communityCount AS count, modularity",
    "leiden": "CALL gds.leiden.mutate($graph, $config) "
    "YIELD ranLevels, didConverge, communityCount, modularity "
    "RETURN ranLevels AS levels, didConverge AS converged, communityCount AS count, modularity",
}

#: One node property of the projection (an algorithm's values), by GDS node id.
NODE_PROPERTY = (
    "CALL gds.graph.nodeProperty.stream($graph, $property) "
    "YIELD nodeId, propertyValue RETURN nodeId AS node, propertyValue AS value"
)

#: The projection's ties with their weight (an undirected tie once each way).
PROJECTION_EDGES = (
    "CALL gds.graph.relationshipProperty.stream($graph, 'weight') "
    "YIELD sourceNodeId, targetNodeId, propertyValue "
    "RETURN sourceNodeId AS source, targetNodeId AS target, propertyValue AS weight"
)

#: Drop the projection (nothing happens when it is gone already).
DROP_PROJECTION = "CALL gds.graph.drop($graph, false) YIELD graphName RETURN graphName AS name"

#: Workspaces whose elements were stored before the view's fields were kept.
WORKSPACES_WITHOUT_FIELDS = (
    "MATCH (w:Workspace) WHERE w.view_fields IS NULL RETURN w.name AS workspace"
)

#: The next ``$batch`` nodes after id ``$after``, with their stored form.
NODES_FOR_FIELDS = (
    "MATCH (n:Node {workspace: $workspace}) WHERE n.id > $after "
    "RETURN n.id AS id, n.data AS data ORDER BY id LIMIT $batch"
)

#: The view's fields of a batch of nodes, where the stored form is still the one read.
SET_NODE_FIELDS = (
    "UNWIND $rows AS row MATCH (n:Node {workspace: $workspace, id: row.id}) "
    "WHERE n.data = row.data SET n.since = row.since, n.until = row.until, n.date = row.date"
)

#: The next ``$batch`` relationships of one type after id ``$after``.
RELATIONSHIPS_FOR_FIELDS: dict[RelType, str] = {
    t: f"MATCH ()-[r:{name}]->() WHERE r.workspace = $workspace AND r.id > $after "
    "RETURN r.id AS id, r.data AS data ORDER BY id LIMIT $batch"
    for t, name in REL_TYPES.items()
}

#: The view's fields of a batch of relationships of one type.
SET_RELATIONSHIP_FIELDS: dict[RelType, str] = {
    t: f"UNWIND $rows AS row MATCH ()-[r:{name}]->() "
    "WHERE r.workspace = $workspace AND r.id = row.id AND r.data = row.data "
    "SET r.since = row.since, r.until = row.until, r.strength = row.strength"
    for t, name in REL_TYPES.items()
}

#: The workspace's elements all have the view's fields.
MARK_FIELDS = "MATCH (w:Workspace {name: $workspace}) SET w.view_fields = 1"

_VIEW = {
    "workspace": "w",
    "graph": "g",
    "kinds": ["person"],
    "types": ["WORKS_AT"],
    "themes": ["t"],
    "at": "2024-01-01",
    "directed": False,
    "symmetric": ["PARTNERS_WITH"],
}
_FIELDS = [{"id": "a", "data": "{}", "since": None, "until": None, "date": None, "strength": 1.0}]

#: The parameters each statement takes, with example values, for the syntax check.
PARAMETERS: dict[str, dict[str, object]] = {
    "GDS_VERSION": {},
    "COUNT_VIEW_NODES": {"workspace": "w"},
    "THEME_IDS": {"workspace": "w"},
    "PROJECT_VIEW": _VIEW,
    "PROJECTION_NODES": {"graph": "g", "workspace": "w"},
    "MUTATE": {"graph": "g", "config": {"mutateProperty": "x"}},
    "NODE_PROPERTY": {"graph": "g", "property": "x"},
    "PROJECTION_EDGES": {"graph": "g"},
    "DROP_PROJECTION": {"graph": "g"},
    "WORKSPACES_WITHOUT_FIELDS": {},
    "NODES_FOR_FIELDS": {"workspace": "w", "after": "", "batch": 10_000},
    "SET_NODE_FIELDS": {"workspace": "w", "rows": _FIELDS},
    "RELATIONSHIPS_FOR_FIELDS": {"workspace": "w", "after": "", "batch": 10_000},
    "SET_RELATIONSHIP_FIELDS": {"workspace": "w", "rows": _FIELDS},
    "MARK_FIELDS": {"workspace": "w"},
}
