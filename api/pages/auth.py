"""Logging in with an API key (a session, kept hashed on the server, never the key
itself; see :mod:`api.keys`), logging out, and the page language."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.deps import KeysDep, SettingsDep
from api.gate import SESSION_COOKIE
from api.i18n import LANGUAGES
from api.pages.common import Csrf, local_path, render, say

router = APIRouter(include_in_schema=False)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    return render(request, "login.html", next=local_path(next))


@router.post("/login", dependencies=[Csrf])
def login(
    request: Request,
    keys: KeysDep,
    settings: SettingsDep,
    key: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/",
) -> Response:
    found = keys.verify(key.strip())
    if found is None:  # a right key always logs in; wrong ones are limited (api.gate)
        address = request.client.host if request.client else "?"
        wait = request.app.state.failed_keys.refuse(address)
        if wait:
            raise HTTPException(
                429,
                say(request, "Too many failed key checks; try again in %(wait)s s.", wait=wait),
                {"Retry-After": str(wait)},
            )
        return render(request, "login.html", status=401, next=local_path(next), failed=True)
    session = keys.create_session(found, lifetime_s=settings.session_hours * 3600)
    target = local_path(next)
    if target == "/" and found.workspace != "*":
        target = f"/w/{found.workspace}"
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        session,
        max_age=int(settings.session_hours * 3600),
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
    )
    return response


@router.post("/logout", dependencies=[Csrf])
def logout(request: Request, keys: KeysDep) -> Response:
    keys.end_session(request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.post("/lang", dependencies=[Csrf])
def set_language(lang: Annotated[str, Form()], back: Annotated[str, Form()] = "/") -> Response:
    response = RedirectResponse(local_path(back), status_code=303)
    if lang in LANGUAGES:
        response.set_cookie("lang", lang, max_age=365 * 24 * 3600, samesite="lax")
    return response
