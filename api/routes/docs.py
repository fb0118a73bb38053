"""The API's documentation pages (/docs: Swagger UI, /redoc: ReDoc), served with their
assets from this server: pinned copies shipped by the ``fastapi-offline`` package, so
the pages work offline and load no third-party script. Neither tool translates its
own interface; the descriptions in the OpenAPI document are English."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from api.i18n import language

__all__ = ["ASSETS", "router"]

#: Swagger UI and ReDoc, pinned by the fastapi-offline version in pyproject.toml.
ASSETS = Path(str(files("fastapi_offline") / "static"))

router = APIRouter(include_in_schema=False)
_templates = Jinja2Templates(directory=str(Path(__file__).parents[1] / "templates"))


@router.get("/docs", response_class=HTMLResponse)
def swagger_ui(request: Request) -> HTMLResponse:
    return _templates.TemplateResponse(request, "swagger.html", {"lang": language(request)})


@router.get("/redoc", response_class=HTMLResponse)
def redoc(request: Request) -> HTMLResponse:
    return _templates.TemplateResponse(request, "redoc.html", {"lang": language(request)})
