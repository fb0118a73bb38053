"""Saved views of a workspace's map (viewers read, analysts and up write)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response
from pydantic import BaseModel, Field

from api.deps import AnalystWorkspace, StoreDep, ViewerWorkspace
from api.services.views import delete_view, get_view, list_views, save_view, view_query
from graph.views import SavedView

router = APIRouter(prefix="/api/workspaces", tags=["views"])

ViewName = Annotated[str, Path(min_length=1, max_length=80)]


class ViewBody(BaseModel):
    settings: dict[str, str] = Field(
        default_factory=dict,
        description="The map's settings: color_by, size_by, kinds, at, highlight, focus, "
        "depth, hide, themes.",
        examples=[{"color_by": "sector", "focus": "roc-midden-nederland", "depth": "2"}],
    )


class ViewInfo(BaseModel):
    name: str
    settings: dict[str, str]
    updated: str
    query: str = Field(description="The map page's query string that opens the view.")


def _info(view: SavedView) -> ViewInfo:
    return ViewInfo(
        name=view.name, settings=view.settings, updated=view.updated, query=view_query(view)
    )


@router.get("/{workspace}/views", response_model=list[ViewInfo], summary="Saved map views")
def list_saved(workspace: ViewerWorkspace, store: StoreDep) -> list[ViewInfo]:
    return [_info(view) for view in list_views(store, workspace)]


@router.get("/{workspace}/views/{name}", response_model=ViewInfo, summary="One saved map view")
def get_saved(workspace: ViewerWorkspace, name: ViewName, store: StoreDep) -> ViewInfo:
    return _info(get_view(store, workspace, name))


@router.put(
    "/{workspace}/views/{name}",
    response_model=ViewInfo,
    summary="Save a map view under a name (analyst)",
    responses={201: {"description": "A new view"}, 200: {"description": "A view replaced"}},
)
def put_saved(
    workspace: AnalystWorkspace, name: ViewName, body: ViewBody, store: StoreDep, response: Response
) -> ViewInfo:
    view, created = save_view(store, workspace, name, body.settings)
    response.status_code = 201 if created else 200
    return _info(view)


@router.delete("/{workspace}/views/{name}", status_code=204, summary="Delete a saved view")
def delete_saved(workspace: AnalystWorkspace, name: ViewName, store: StoreDep) -> None:
    delete_view(store, workspace, name)
