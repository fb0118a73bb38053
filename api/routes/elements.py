"""Nodes and relationships: create, read, update, delete, search, filter."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query
from pydantic import BaseModel

from api.deps import AnalystWorkspace, EditorWorkspace, KeyDep, StoreDep
from api.validation import validated
from graph.access import Actor, Key
from graph.errors import StoreError, StoreUnavailable
from graph.model import Node, NodeKind, Relationship, RelType
from graph.privacy import forget

router = APIRouter(prefix="/api/workspaces/{workspace}", tags=["nodes and relationships"])


class Deleted(BaseModel):
    deleted: int


def _write(
    store: Any, workspace: str, nodes: list[Node], rels: list[Relationship], key: Key
) -> None:
    try:
        store.upsert(workspace, nodes, rels, actor=Actor.of(key, "api"))
    except StoreUnavailable:
        raise  # 503 with Retry-After (api.app)
    except StoreError as exc:
        raise HTTPException(422, str(exc)) from None


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


@router.post("/nodes", response_model=Node, status_code=201, summary="Create or merge a node")
def create_node(
    workspace: EditorWorkspace, store: StoreDep, key: KeyDep, body: dict[str, Any]
) -> Node:
    node = validated(Node, {**body, "workspace": workspace})
    _write(store, workspace, [node], [], key)
    return get_node(workspace, store, node.id)


@router.get("/nodes/{node_id}", response_model=Node, summary="One node")
def get_node(workspace: AnalystWorkspace, store: StoreDep, node_id: str) -> Node:
    node = store.get_node(workspace, node_id)
    if node is None:
        raise HTTPException(404, f"no node {node_id!r}")
    return node


@router.patch("/nodes/{node_id}", response_model=Node, summary="Update a node's fields")
def update_node(
    workspace: EditorWorkspace, store: StoreDep, key: KeyDep, node_id: str, body: dict[str, Any]
) -> Node:
    node = get_node(workspace, store, node_id)
    data = {**node.model_dump(), **body, "id": node_id, "workspace": workspace, "kind": node.kind}
    _write(store, workspace, [validated(Node, data)], [], key)
    return get_node(workspace, store, node_id)


@router.delete(
    "/nodes/{node_id}",
    response_model=Deleted,
    summary="Delete a node with all its ties; a person also from every text (GDPR)",
)
def delete_node(workspace: EditorWorkspace, store: StoreDep, key: KeyDep, node_id: str) -> Deleted:
    """A person is forgotten as `grenswerk forget` does (docs/privacy.md): the node, its
    ties and every mention of their names in the workspace's texts."""
    node = store.get_node(workspace, node_id)
    if node is None:
        raise HTTPException(404, f"no node {node_id!r}")
    if node.kind is NodeKind.PERSON:
        forget(store, workspace, node_id, actor=Actor.of(key, "api"))
        return Deleted(deleted=1)
    return Deleted(deleted=store.delete_nodes(workspace, [node_id], actor=Actor.of(key, "api")))


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
    workspace: EditorWorkspace, store: StoreDep, key: KeyDep, body: dict[str, Any]
) -> Relationship:
    rel = validated(Relationship, {**body, "workspace": workspace})
    ends = store.get_nodes(workspace, [rel.source, rel.target])
    for end in (rel.source, rel.target):
        if end not in ends:
            raise HTTPException(422, f"no node {end!r} in this workspace")
    problem = rel.endpoints_problem(ends[rel.source].kind, ends[rel.target].kind)
    if problem:
        raise HTTPException(422, problem)
    _write(store, workspace, [], [rel], key)
    return get_relationship(workspace, store, rel.id)


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
    workspace: EditorWorkspace, store: StoreDep, key: KeyDep, rel_id: str, body: dict[str, Any]
) -> Relationship:
    rel = get_relationship(workspace, store, rel_id)
    data = {
        **rel.model_dump(),
        **body,
        "id": rel_id,
        "workspace": workspace,
        "type": rel.type,
        "source": rel.source,
        "target": rel.target,
    }
    _write(store, workspace, [], [validated(Relationship, data)], key)
    return get_relationship(workspace, store, rel_id)


@router.delete("/relationships/{rel_id}", response_model=Deleted, summary="Delete a relationship")
def delete_relationship(
    workspace: EditorWorkspace, store: StoreDep, key: KeyDep, rel_id: str
) -> Deleted:
    deleted = store.delete_relationships(workspace, [rel_id], actor=Actor.of(key, "api"))
    if not deleted:
        raise HTTPException(404, f"no relationship {rel_id!r}")
    return Deleted(deleted=deleted)
