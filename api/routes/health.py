"""Liveness: is the service up, and can it read its store?"""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from api.deps import OptionalKeyDep, SettingsDep, StoreDep
from graph import __version__

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: str
    version: str | None = None
    store: str | None = None


@router.get(
    "/health", response_model=Health, response_model_exclude_none=True, summary="Service health"
)
def health(store: StoreDep, settings: SettingsDep, key: OptionalKeyDep) -> Health:
    """``ok`` when the service answers and its store can be read (one cheap query, so a
    load balancer may call it often). Anonymous callers learn only that; a caller with
    a valid key also sees the version and the kind of store."""
    store.has_workspace("-")  # raises when the store cannot be read
    if key is None:
        return Health(status="ok")
    return Health(status="ok", version=__version__, store=settings.store)
