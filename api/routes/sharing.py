"""Share links of a workspace (admin): read-only pages without a key, for a while."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from api.deps import AdminWorkspace, KeysDep, StoredId
from api.services.sharing import (
    MAX_DAYS,
    create_share_link,
    list_share_links,
    revoke_share_link,
)
from graph.access import ShareLink

router = APIRouter(prefix="/api/workspaces", tags=["share links"])


class NewShareLinkBody(BaseModel):
    expires_in_days: int = Field(ge=1, le=MAX_DAYS, examples=[7])
    origins: list[str] = Field(
        default_factory=list,
        max_length=10,
        description="Origins (scheme://host[:port]) that may frame the shared pages.",
        examples=[["https://intranet.example"]],
    )
    label: str = Field(default="", max_length=200, examples=["bestuur ROC"])


class CreatedShareLink(BaseModel):
    id: int
    url: str = Field(description="Opens the read-only map without a key; shown once.")
    expires: str
    origins: list[str]
    label: str


class ShareLinkInfo(BaseModel):
    id: int
    label: str
    origins: list[str]
    created: str
    expires: str


def _info(link: ShareLink) -> ShareLinkInfo:
    return ShareLinkInfo(
        id=link.id,
        label=link.label,
        origins=list(link.origins),
        created=link.created,
        expires=link.expires,
    )


@router.post(
    "/{workspace}/share-links",
    response_model=CreatedShareLink,
    status_code=201,
    summary="Create a share link (admin)",
)
def create_link(
    workspace: AdminWorkspace, body: NewShareLinkBody, keys: KeysDep, request: Request
) -> CreatedShareLink:
    made = create_share_link(keys, workspace, body.expires_in_days, body.origins, body.label)
    return CreatedShareLink(
        id=made.link.id,
        url=str(request.base_url).rstrip("/") + made.path,
        expires=made.link.expires,
        origins=list(made.link.origins),
        label=made.link.label,
    )


@router.get(
    "/{workspace}/share-links",
    response_model=list[ShareLinkInfo],
    summary="This workspace's share links (admin)",
)
def list_links(workspace: AdminWorkspace, keys: KeysDep) -> list[ShareLinkInfo]:
    return [_info(link) for link in list_share_links(keys, workspace)]


@router.delete(
    "/{workspace}/share-links/{link_id}", status_code=204, summary="Revoke a share link (admin)"
)
def revoke_link(workspace: AdminWorkspace, link_id: StoredId, keys: KeysDep) -> None:
    revoke_share_link(keys, workspace, link_id)
