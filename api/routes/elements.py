"""Nodes and relationships: create, read, update, delete, search, filter."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, HTTPException, Query
from pydantic import BaseModel

from api.deps import AnalystWorkspace, EditorWorkspace, KeyDep, StoreDep
from api.services import editing
from api.services.editing import EditRefused
from graph.errors import NotFound
from graph.model import Node, NodeKind, Relationship, RelType

router = APIRouter(prefix="/api/workspaces/{workspace}", tags=["nodes and relationships"])


class Deleted(BaseModel):
    deleted: int


@router.get("/nodes", response_model=list[Node], summary="Search and filter nodes")
def list_nodes(
    workspace: AnalystWorkspace,
    store: StoreDep,
    q: Annotated[str | None, Query(description="name or alias contains (accents folded)")] = None,
    kind: NodeKind | None = None,
    theme: Annotated[str | None, Query(description="tied to this theme (id)")] = None,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 100,
) -> list[Node]:
    if q:
        found = store.search(workspace, q, kinds=[kind] if kind else None, limit=limit)
    else:
        found = store.list_nodes(workspace, kind=kind)
    if theme:
        tied = {r.source for r in store.list_relationships(workspace, node_id=theme)} | {
            r.target for r in store.list_relationships(workspace, node_id=theme)
        }
        found = [n for n in found if n.id in tied]
    return found[:limit]


def _refused(exc: EditRefused) -> HTTPException:
    """HTTP 422 listing each field of the record at fault and what is wrong with it."""
    return HTTPException(
        422, [{"field": p.field or "record", "message": p.message} for p in exc.problems]
    )


def _missing(exc: NotFound) -> HTTPException:
    return HTTPException(404, str(exc))


_RECORD = Body(
    description="Fields as the import files name them (Dutch or English; see docs/api.md)",
    examples=[
        {
            "name": "Bouwbedrijf Proef BV",
            "kind": "organisatie",
            "org_type": "bedrijf",
            "since": "01-09-2024",
        }
    ],
)


@router.post("/nodes", response_model=Node, status_code=201, summary="Create or merge a node")
def create_node(
    workspace: EditorWorkspace,
    store: StoreDep,
    key: KeyDep,
    body: Annotated[dict[str, Any], _RECORD],
) -> Node:
    """Takes what a node file takes: no ``id`` needed (made from the name, or the stored
    node of that name), Dutch or English kinds and types, the files' date forms."""
    try:
        return editing.create_node(store, workspace, body, key)
    except EditRefused as exc:
        raise _refused(exc) from None


@router.get("/nodes/{node_id}", response_model=Node, summary="One node")
def get_node(workspace: AnalystWorkspace, store: StoreDep, node_id: str) -> Node:
    node = store.get_node(workspace, node_id)
    if node is None:
        raise HTTPException(404, f"no node {node_id!r}")
    return node


@router.patch("/nodes/{node_id}", response_model=Node, summary="Update a node's fields")
def update_node(
    workspace: EditorWorkspace,
    store: StoreDep,
    key: KeyDep,
    node_id: str,
    body: Annotated[dict[str, Any], Body()],
) -> Node:
    try:
        removed = [field for field, value in body.items() if value is None]  # JSON null
        return editing.update_node(store, workspace, node_id, body, key, clear=removed)
    except EditRefused as exc:
        raise _refused(exc) from None
    except NotFound as exc:
        raise _missing(exc) from None


@router.delete(
    "/nodes/{node_id}",
    response_model=Deleted,
    summary="Delete a node with all its ties; a person also from every text (GDPR)",
)
def delete_node(workspace: EditorWorkspace, store: StoreDep, key: KeyDep, node_id: str) -> Deleted:
    """A person is forgotten as `grenswerk forget` does (docs/privacy.md): the node, its
    ties and every mention of their names in the workspace's texts."""
    try:
        return Deleted(deleted=editing.delete_node(store, workspace, node_id, key).nodes)
    except NotFound as exc:
        raise _missing(exc) from None


@router.get("/relationships", response_model=list[Relationship], summary="Filter relationships")
def list_relationships(
    workspace: AnalystWorkspace,
    store: StoreDep,
    type: RelType | None = None,
    node: str | None = None,
    limit: Annotated[int, Query(ge=1, le=100_000)] = 1000,
) -> list[Relationship]:
    return store.list_relationships(workspace, type=type, node_id=node)[:limit]


@router.post(
    "/relationships",
    response_model=Relationship,
    status_code=201,
    summary="Create or merge a relationship",
)
def create_relationship(
    workspace: EditorWorkspace,
    store: StoreDep,
    key: KeyDep,
    body: Annotated[dict[str, Any], Body()],
) -> Relationship:
    """Takes what a relationship file takes: ends by ``from``/``to`` (or ``source``/
    ``target``) as ids, names or aliases, Dutch or English types, the files' date forms."""
    try:
        return editing.create_relationship(store, workspace, body, key)
    except EditRefused as exc:
        raise _refused(exc) from None


@router.get("/relationships/{rel_id}", response_model=Relationship, summary="One relationship")
def get_relationship(workspace: AnalystWorkspace, store: StoreDep, rel_id: str) -> Relationship:
    rel = store.get_relationship(workspace, rel_id)
    if rel is None:
        raise HTTPException(404, f"no relationship {rel_id!r}")
    return rel


@router.patch(
    "/relationships/{rel_id}", response_model=Relationship, summary="Update a relationship's fields"
)
def update_relationship(
    workspace: EditorWorkspace,
    store: StoreDep,
    key: KeyDep,
    rel_id: str,
    body: Annotated[dict[str, Any], Body()],
) -> Relationship:
    try:
        removed = [field for field, value in body.items() if value is None]  # JSON null
        return editing.update_relationship(store, workspace, rel_id, body, key, clear=removed)
    except EditRefused as exc:
        raise _refused(exc) from None
    except NotFound as exc:
        raise _missing(exc) from None


@router.delete("/relationships/{rel_id}", response_model=Deleted, summary="Delete a relationship")
def delete_relationship(
    workspace: EditorWorkspace, store: StoreDep, key: KeyDep, rel_id: str
) -> Deleted:
    try:
        return Deleted(deleted=editing.delete_relationship(store, workspace, rel_id, key))
    except NotFound as exc:
        raise _missing(exc) from None
