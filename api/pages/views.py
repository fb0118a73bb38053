"""Saving and deleting the map's named views from the map page (analysts and up); the
views are kept per workspace in the store (:mod:`api.services.views`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse

from api.deps import StoreDep
from api.pages.common import AnalystPage, Csrf, service_error
from api.services.views import delete_view, save_view, view_query, view_settings
from graph.errors import GrenswerkError, NotFound

router = APIRouter(include_in_schema=False)


@router.post("/w/{workspace}/views", dependencies=[Csrf])
def view_save(
    request: Request,
    store: StoreDep,
    workspace: AnalystPage,
    name: Annotated[str, Form()] = "",
    query: Annotated[str, Form()] = "",
    moved: Annotated[str, Form()] = "",
) -> RedirectResponse:
    """Save the view (the map page's query and the dragged nodes) under ``name``, then
    open it."""
    try:
        view, _ = save_view(store, workspace, name, view_settings(query, moved))
    except GrenswerkError as exc:
        raise service_error(exc) from None
    return RedirectResponse(f"/w/{workspace}?{view_query(view)}", 303)


@router.post("/w/{workspace}/views/delete", dependencies=[Csrf])
def view_delete(
    request: Request, store: StoreDep, workspace: AnalystPage, name: Annotated[str, Form()] = ""
) -> RedirectResponse:
    """Delete the view ``name``, then show the map."""
    try:
        delete_view(store, workspace, name)
    except NotFound as exc:
        raise HTTPException(404, str(exc)) from None
    return RedirectResponse(f"/w/{workspace}", 303)
