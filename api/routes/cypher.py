"""Read-only Cypher for analysts with a server key (needs the Neo4j backend).

A query's text cannot be proven to stay inside one workspace (``$workspace IS NOT
NULL``, ``properties(n)``, a ``// $workspace`` comment all read everything), so this
route is open only to analyst keys that see every workspace (``--all``); the store
refuses ``LOAD CSV`` and procedure calls on top of running the query read-only."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from api.deps import ServerAnalystWorkspace, StoreDep
from graph.store.base import cypher_reader

router = APIRouter(prefix="/api/workspaces", tags=["cypher"])


class CypherQuery(BaseModel):
    query: str = Field(
        min_length=1,
        max_length=10_000,
        examples=["MATCH (n:Organisation {workspace: $workspace}) RETURN n.name LIMIT 10"],
        description="A read-only query; it must use the parameter $workspace.",
    )
    limit: int = Field(default=1000, ge=1, le=10_000, description="At most this many rows.")
    timeout: float = Field(default=10.0, gt=0, le=120, description="Seconds.")


class CypherRows(BaseModel):
    rows: list[dict[str, Any]]


@router.post(
    "/{workspace}/cypher",
    response_model=CypherRows,
    summary="Run a read-only Cypher query (server analyst keys only)",
    responses={
        403: {"description": "Not a server key, or too low a role"},
        501: {"description": "The embedded store has no Cypher"},
    },
)
def run_cypher(workspace: ServerAnalystWorkspace, body: CypherQuery, store: StoreDep) -> CypherRows:
    """Runs in a read transaction with a timeout and a row limit, ``$workspace`` bound
    to the workspace in the path. Only keys that see every workspace may use it: the
    text of a query cannot be proven to stay inside one."""
    return CypherRows(
        rows=cypher_reader(store).read_only(
            body.query, workspace, timeout=body.timeout, limit=body.limit
        )
    )
