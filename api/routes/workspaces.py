"""Workspaces: one map per engagement; they never mix."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import StoreDep
from graph.store.base import WorkspaceInfo

router = APIRouter(prefix="/api/workspaces", tags=["workspaces"])


@router.get("", response_model=list[WorkspaceInfo], summary="List workspaces")
def list_workspaces(store: StoreDep) -> list[WorkspaceInfo]:
    """Every workspace with its number of nodes and relationships and its version."""
    return store.workspaces()
