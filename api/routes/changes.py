"""The change log of a workspace, undo of one change, and merging two nodes."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query
from pydantic import BaseModel, Field

from api.deps import EditorWorkspace, KeyDep, StoreDep
from api.services import changes as service
from graph.changes import ChangeEntry
from graph.errors import NotFound
from graph.model import Node

router = APIRouter(prefix="/api/workspaces/{workspace}", tags=["change log"])


class ChangePage(BaseModel):
    """One page of the log, newest first (entries without per-element details)."""

    changes: list[ChangeEntry]
    limit: int
    offset: int
    next_offset: int | None = Field(description="offset of the next page; null on the last")


class Undone(BaseModel):
    id: int = Field(description="the new change that restored the state before")
    undoes: int


class MergeRequest(BaseModel):
    other: str = Field(description="the node to fold into this one: its id, name or alias")


class MergeResult(BaseModel):
    node: Node
    merged: str = Field(description="the id of the node that went")
    change: int = Field(description="the change's id; POST …/changes/{id}/undo undoes it")


@router.get("/changes", response_model=ChangePage, summary="The change log, newest first")
def list_changes(
    workspace: EditorWorkspace,
    store: StoreDep,
    since: Annotated[
        dt.date | None,
        Query(description="from this day (YYYY-MM-DD; days on the Dutch clock, Europe/Amsterdam)"),
    ] = None,
    until: Annotated[dt.date | None, Query(description="to this day, included")] = None,
    node: Annotated[str | None, Query(description="only changes about this node id")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> ChangePage:
    found = service.list_changes(
        store, workspace, since=since, until=until, node=node, limit=limit + 1, offset=offset
    )
    more = len(found) > limit
    return ChangePage(
        changes=found[:limit],
        limit=limit,
        offset=offset,
        next_offset=offset + limit if more else None,
    )


@router.get(
    "/changes/{change_id}",
    response_model=ChangeEntry,
    summary="One change with each element's before and after",
)
def get_change(
    workspace: EditorWorkspace, store: StoreDep, change_id: Annotated[int, Path(ge=1)]
) -> ChangeEntry:
    entry = store.change(workspace, change_id)
    if entry is None:
        raise HTTPException(404, f"no change {change_id} in workspace {workspace!r}")
    return entry


@router.post(
    "/changes/{change_id}/undo",
    response_model=Undone,
    status_code=201,
    summary="Undo one change (refused with 409 when later changes touched its elements)",
    responses={409: {"description": "The change cannot be undone safely"}},
)
def undo_change(
    workspace: EditorWorkspace,
    store: StoreDep,
    key: KeyDep,
    change_id: Annotated[int, Path(ge=1)],
) -> Undone:
    try:
        new_id = service.undo_change(store, workspace, change_id, key, "api")
    except service.UndoRefused as exc:
        raise HTTPException(409, str(exc)) from None
    return Undone(id=new_id, undoes=change_id)


@router.post(
    "/nodes/{node_id}/merge",
    response_model=MergeResult,
    summary="Merge another node into this one (both names kept; ties moved)",
    responses={404: {"description": "No such node"}, 422: {"description": "Cannot merge"}},
)
def merge_node(
    workspace: EditorWorkspace,
    store: StoreDep,
    key: KeyDep,
    node_id: str,
    body: MergeRequest,
) -> Any:
    try:
        merged = service.merge_nodes(store, workspace, node_id, body.other, key, "api")
    except NotFound as exc:
        raise HTTPException(404, str(exc)) from None
    except service.MergeRefused as exc:
        raise HTTPException(422, str(exc)) from None
    return MergeResult(node=merged.node, merged=merged.other, change=merged.change)
