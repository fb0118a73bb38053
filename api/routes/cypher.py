"""Read-only Cypher for analysts (needs the Neo4j backend)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Path
from pydantic import BaseModel, Field

from api.deps import StoreDep
from graph.model import WORKSPACE_PATTERN

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
    summary="Run a read-only Cypher query in a workspace",
    responses={501: {"description": "The embedded store has no Cypher"}},
)
def run_cypher(
    body: CypherQuery,
    store: StoreDep,
    workspace: str = Path(pattern=WORKSPACE_PATTERN),  # noqa: B008
) -> CypherRows:
    """Runs in a read transaction with a timeout and a row limit, ``$workspace`` bound
    to the workspace in the path."""
    return CypherRows(
        rows=store.read_only(body.query, workspace, timeout=body.timeout, limit=body.limit)
    )
