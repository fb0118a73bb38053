"""Workspaces (one map per engagement; they never mix) and their keys."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, Field

from api.deps import (
    AdminWorkspace,
    KeyDep,
    KeysDep,
    ServerAdminKey,
    StoreDep,
    StoredId,
    ViewerWorkspace,
)
from api.services.access import delete_workspace as delete_with_keys
from graph.access import ROLES
from graph.model import WORKSPACE_PATTERN
from graph.store.base import WorkspaceInfo

router = APIRouter(prefix="/api/workspaces", tags=["workspaces"])


class NewWorkspace(BaseModel):
    name: str = Field(pattern=WORKSPACE_PATTERN, examples=["roc-rivierenland"])


class CreatedWorkspace(BaseModel):
    name: str
    admin_key: str = Field(description="An admin key for the new workspace, shown once.")


class NewKey(BaseModel):
    role: str = Field(pattern="^(" + "|".join(ROLES) + ")$", examples=["viewer"])
    label: str = Field(default="", max_length=200, examples=["bestuur ROC"])


class CreatedKey(BaseModel):
    key: str = Field(description="Shown once; only its hash is kept.")
    role: str


class KeyInfo(BaseModel):
    id: int
    role: str
    label: str
    created: str


@router.get("", response_model=list[WorkspaceInfo], summary="List the workspaces you can see")
def list_workspaces(store: StoreDep, key: KeyDep) -> list[WorkspaceInfo]:
    return [w for w in store.workspaces() if key.sees(w.name)]


@router.post(
    "",
    response_model=CreatedWorkspace,
    status_code=201,
    summary="Create a workspace (server admin key)",
)
def create_workspace(
    body: NewWorkspace, store: StoreDep, keys: KeysDep, key: ServerAdminKey
) -> CreatedWorkspace:
    if store.has_workspace(body.name):
        raise HTTPException(409, f"workspace {body.name!r} exists already")
    store.create_workspace(body.name)
    return CreatedWorkspace(name=body.name, admin_key=keys.create(body.name, "admin"))


@router.get("/{workspace}", response_model=WorkspaceInfo, summary="One workspace")
def get_workspace(workspace: ViewerWorkspace, store: StoreDep) -> WorkspaceInfo:
    return next(w for w in store.workspaces() if w.name == workspace)


@router.delete("/{workspace}", status_code=204, summary="Delete a workspace and its keys")
def delete_workspace(workspace: AdminWorkspace, store: StoreDep, keys: KeysDep) -> None:
    delete_with_keys(store, keys, workspace)


@router.post(
    "/{workspace}/keys",
    response_model=CreatedKey,
    status_code=201,
    summary="Make a key for this workspace",
)
def create_key(workspace: AdminWorkspace, body: NewKey, keys: KeysDep) -> CreatedKey:
    return CreatedKey(key=keys.create(workspace, body.role, body.label), role=body.role)


@router.get("/{workspace}/keys", response_model=list[KeyInfo], summary="This workspace's keys")
def list_keys(workspace: AdminWorkspace, keys: KeysDep) -> list[KeyInfo]:
    return [
        KeyInfo(id=k.id, role=k.role, label=k.label, created=k.created)
        for k in keys.list(workspace)
    ]


@router.delete("/{workspace}/keys/{key_id}", status_code=204, summary="Revoke a key")
def revoke_key(workspace: AdminWorkspace, key_id: StoredId, keys: KeysDep) -> None:
    if not keys.revoke(key_id, workspace):
        raise HTTPException(404, f"no key {key_id} in this workspace")
