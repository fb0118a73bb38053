"""The FastAPI application."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from api.routes import cypher, health, workspaces
from graph import __version__
from graph.errors import GrenswerkError, NotFound, NotSupported
from graph.settings import Settings, get_settings
from graph.store import open_store
from graph.store.base import Store

__all__ = ["create_app"]


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """The app, on the given store (or the one the settings name)."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        own = store is None
        app.state.store = store if store is not None else open_store(settings)
        try:
            yield
        finally:
            if own:
                app.state.store.close()

    app = FastAPI(
        title="Grenswerk",
        version=__version__,
        description="Knowledge graph and network analyses for boundary-crossing networks in "
        "Dutch vocational education (mbo).",
        lifespan=lifespan,
    )
    app.state.settings = settings
    if store is not None:
        app.state.store = store

    @app.exception_handler(NotFound)
    async def not_found(_: Request, exc: NotFound) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=404)

    @app.exception_handler(NotSupported)
    async def not_supported(_: Request, exc: NotSupported) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=501)

    @app.exception_handler(GrenswerkError)
    async def user_error(_: Request, exc: GrenswerkError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=422)

    app.include_router(health.router)
    app.include_router(workspaces.router)
    app.include_router(cypher.router)
    return app
