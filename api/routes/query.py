"""Read-only Cypher for analysts of a workspace, on every backend: the query runs on a
read-only copy of the workspace in the embedded engine, so it sees that workspace and
nothing else whatever its text says (``docs/query.md``)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException
from fastapi.responses import Response
from pydantic import BaseModel, Field

from api.deps import AnalystWorkspace, CacheDep, QueryEnginesDep, SettingsDep, StoreDep
from api.services.query import QueryError, answer_csv, run_query

router = APIRouter(prefix="/api/workspaces", tags=["query"])


class Query(BaseModel):
    query: str = Field(
        min_length=1,
        max_length=20_000,
        examples=[
            "MATCH (o:Organisation)-[:WORKS_ON]->(t:Theme) "
            "RETURN t.name AS theme, count(o) AS organisations ORDER BY organisations DESC"
        ],
        description="One read-only Cypher query in the query model (docs/query.md).",
    )
    limit: int | None = Field(
        default=None, ge=1, description="At most this many rows (never more than the setting)."
    )
    timeout: float | None = Field(
        default=None, gt=0, description="Seconds (never more than the setting)."
    )
    format: str = Field(default="json", pattern="^(json|csv)$", description="json or csv.")


class QueryRows(BaseModel):
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool = Field(description="More rows than the row limit: the rest left out.")
    row_limit: int
    timeout_s: float
    seconds: float
    node_ids: list[str] = Field(description="Ids of the workspace's nodes the answer names.")


@router.post(
    "/{workspace}/query",
    response_model=QueryRows,
    summary="Ask the workspace a question in read-only Cypher",
    responses={
        200: {"content": {"text/csv": {}}, "description": "The rows (JSON, or CSV)"},
        400: {
            "description": "Refused (a write, procedure, file or second statement) or not "
            "understood; `detail` is the engine's message"
        },
        422: {"description": "Too slow or too big: stopped at a limit"},
    },
)
def run(
    workspace: AnalystWorkspace,
    body: Query,
    store: StoreDep,
    cache: CacheDep,
    engines: QueryEnginesDep,
    settings: SettingsDep,
) -> Any:
    """Runs on a read-only copy of the workspace with a timeout and a row limit; the
    same query gives the same rows on the embedded store and on Neo4j."""
    try:
        answer = run_query(
            engines,
            cache,
            store,
            settings,
            workspace,
            body.query,
            limit=body.limit,
            timeout_s=body.timeout,
        )
    except QueryError as exc:
        status = 400 if exc.kind in ("refused", "invalid") else 422
        if exc.kind == "busy":
            raise HTTPException(503, str(exc), headers={"Retry-After": "5"}) from None
        raise HTTPException(status, str(exc)) from None
    if body.format == "csv":
        return Response(
            answer_csv(answer),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{workspace}-query.csv"'},
        )
    return QueryRows(**answer.to_json())
