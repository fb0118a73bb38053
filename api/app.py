"""The FastAPI application: JSON API, maps and server-rendered web pages."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from api import pages
from api.config import Settings, get_settings
from api.gate import FailedKeys, Gate, declare_roles
from api.keys import KeyStore
from api.routes import (
    analyses,
    changes,
    cypher,
    docs,
    elements,
    exports,
    health,
    imports,
    maps,
    query,
    reports,
    sharing,
    surveys,
    views,
    workspaces,
)
from api.services.access import open_keys
from graph import __version__
from graph.analysis.cache import AnalysisCache
from graph.errors import GrenswerkError, NotFound, NotSupported, StoreUnavailable
from graph.store import open_store
from graph.store.base import Store
from graph.store.query import QueryEngines
from visualizations.maps import MAP_ASSETS, VIS_DIR

__all__ = ["create_app"]

STATIC = Path(__file__).parent / "static"


def create_app(
    settings: Settings | None = None, store: Store | None = None, keys: KeyStore | None = None
) -> FastAPI:
    """The app, on the given store and key store (or the ones the settings name)."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        own_store, own_keys = store is None, keys is None
        if own_store:
            app.state.store = open_store(settings)
        if own_keys:
            app.state.keys = open_keys(settings, app.state.store)
        try:
            yield
        finally:
            if own_store:
                app.state.store.close()
            if own_keys:
                app.state.keys.close()
            app.state.query_engines.close()

    app = FastAPI(
        title="Grenswerk",
        version=__version__,
        description="Knowledge graph and network analyses for boundary-crossing networks in "
        "Dutch vocational education (mbo). Authenticate with an API key: "
        "`Authorization: Bearer gw_…`.",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.cache = AnalysisCache()
    app.state.query_engines = QueryEngines(settings.query_workspaces, settings.query_memory_mb)
    app.state.failed_keys = FailedKeys(
        settings.failed_keys_per_address,
        settings.failed_keys_global,
        settings.failed_keys_window_s,
    )
    if store is not None:
        app.state.store = store
    if keys is not None:
        app.state.keys = keys
    routers = [health, workspaces, elements, analyses, imports, exports, maps, cypher, query]
    routers += [docs, pages]
    routers.insert(-3, surveys)
    routers.insert(-3, reports)  # before the pages
    routers[-1:-1] = [sharing, views]  # before the pages
    routers.insert(-3, changes)
    routes = [route for module in routers for route in module.router.routes]
    declare_roles(routes)
    app.add_middleware(Gate, state=app.state, routes=routes, doors=[pages.survey_respond.DOOR])

    _handle_errors(app)
    app.mount("/static/vis", StaticFiles(directory=VIS_DIR), name="vis")
    app.mount("/static/maps", StaticFiles(directory=MAP_ASSETS), name="maps")
    app.mount("/static/docs", StaticFiles(directory=docs.ASSETS), name="docs-assets")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for module in routers:
        app.include_router(module.router)
    return app


def _handle_errors(app: FastAPI) -> None:
    """Errors as answers: JSON under ``/api/`` and ``/health``, an error page elsewhere."""

    @app.exception_handler(StoreUnavailable)
    async def busy(request: Request, exc: StoreUnavailable) -> Response:
        headers = {"Retry-After": str(exc.retry_after)}
        if not request.url.path.startswith("/api/") and request.url.path != "/health":
            return await pages.error_page(
                request, StarletteHTTPException(503, str(exc), headers=headers)
            )
        return JSONResponse({"detail": str(exc)}, status_code=503, headers=headers)

    @app.exception_handler(NotFound)
    async def not_found(_: Request, exc: NotFound) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=404)

    @app.exception_handler(NotSupported)
    async def not_supported(_: Request, exc: NotSupported) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=501)

    @app.exception_handler(GrenswerkError)
    async def user_error(_: Request, exc: GrenswerkError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=422)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        if not request.url.path.startswith("/api/") and request.url.path != "/health":
            return await pages.validation_page(request, exc)
        errors = [
            {"where": ".".join(str(p) for p in e["loc"]), "message": e["msg"]} for e in exc.errors()
        ]
        return JSONResponse({"detail": errors}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if not request.url.path.startswith("/api/") and request.url.path != "/health":
            return await pages.error_page(request, exc)
        return JSONResponse(
            {"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers
        )
