"""The heavy analyses inside Neo4j Graph Data Science, for large workspaces on Neo4j.

Behind the same interface as the in-memory analyses: :func:`run_in_gds` returns the
same :class:`~graph.analysis.result.Result` rows (``id``, ``name``, a value per
measure) for ``centrality`` (PageRank, betweenness), ``communities`` (Louvain,
Leiden) and the weakly connected components of ``summary``. The workspace is
projected with :data:`graph.store.cypher.GDS_PROJECT`; the procedure calls are made
by the ``graphdatascience`` client (``pip install 'grenswerk[gds]'``).

Not verified on this project's machines (no Neo4j runs there): the contract tests
run it when a GDS-enabled Neo4j is at ``NEO4J_URI``.
"""

from __future__ import annotations

import uuid
from typing import Any

from graph.analysis.result import Result
from graph.store import cypher

__all__ = ["GDS_ANALYSES", "run_in_gds"]

GDS_ANALYSES = ("centrality", "communities", "summary")


def _client(store: Any) -> Any:
    try:
        from graphdatascience import GraphDataScience
    except ImportError as exc:
        raise ImportError(
            "analyses inside Neo4j need the Graph Data Science client: pip install 'grenswerk[gds]'"
        ) from exc
    return GraphDataScience.from_neo4j_driver(store._driver, database=store.database)


def run_in_gds(store: Any, workspace: str, name: str, options: Any) -> Result:
    """Run one of :data:`GDS_ANALYSES` on a Neo4j store's workspace inside GDS."""
    if name not in GDS_ANALYSES:
        raise ValueError(f"{name} does not run inside GDS; use one of {GDS_ANALYSES}")
    gds = _client(store)
    graph_name = f"grenswerk-{workspace}-{uuid.uuid4().hex[:8]}"
    projected, _ = gds.graph.cypher.project(
        cypher.GDS_PROJECT, database=store.database, workspace=workspace, graph=graph_name
    )
    try:
        if name == "centrality":
            frame = gds.pageRank.stream(projected).rename(columns={"score": "pagerank"})
            between = gds.betweenness.stream(projected, samplingSize=options.sample_size)
            frame = frame.merge(between.rename(columns={"score": "betweenness_raw"}), on="nodeId")
            meta: dict[str, Any] = {"engine": "gds", "betweenness_sample": options.sample_size}
        elif name == "communities":
            algorithm = gds.leiden if options.method == "leiden" else gds.louvain
            frame = algorithm.stream(projected).rename(columns={"communityId": "community"})
            meta = {"engine": "gds", "method": options.method}
        else:
            frame = gds.wcc.stream(projected).rename(columns={"componentId": "component"})
            meta = {"engine": "gds", "components": int(frame["component"].nunique())}
        nodes = gds.util.asNodes(frame["nodeId"].tolist())
        rows = []
        for node, (_, record) in zip(nodes, frame.iterrows(), strict=True):
            row = {"id": node["id"], "name": node["name"]}
            row.update({k: v for k, v in record.items() if k != "nodeId"})
            rows.append(row)
        return Result(name, rows, meta)
    finally:
        projected.drop()
