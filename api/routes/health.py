"""Liveness: is the service up, and can it read its store?"""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from api.deps import SettingsDep, StoreDep
from graph import __version__

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: str
    version: str
    store: str


@router.get("/health", response_model=Health, summary="Service health")
def health(store: StoreDep, settings: SettingsDep) -> Health:
    """``ok`` when the service answers and its store can be read (one cheap query, so a
    load balancer may call it often)."""
    store.has_workspace("-")  # raises when the store cannot be read
    return Health(status="ok", version=__version__, store=settings.store)
