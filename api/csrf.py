"""CSRF protection of the web pages' forms: signed double-submit tokens.

Every page gets a random nonce in a cookie (``grenswerk_csrf``: HttpOnly,
SameSite=Strict) and renders ``HMAC(secret, nonce)`` into each form as ``csrf_token``.
A POST is accepted only when its token matches its cookie. Another site can make a
browser send the cookie, but cannot read the page to learn the token, nor forge one
without the server's secret (``GRENSWERK_SECRET_KEY``). Posts from another origin are
already refused by :class:`api.gate.Gate`.

>>> signed = _sign("secret", "nonce")
>>> signed == _sign("secret", "nonce") != _sign("other secret", "nonce")
True
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from fastapi import HTTPException, Request
from fastapi.responses import Response

__all__ = ["COOKIE", "FIELD", "check_csrf", "csrf_token", "remember_csrf"]

COOKIE = "grenswerk_csrf"
FIELD = "csrf_token"


def _sign(secret: str, nonce: str) -> str:
    return hmac.new(secret.encode(), f"csrf:{nonce}".encode(), hashlib.sha256).hexdigest()


def _secret(request: Request) -> str:
    return str(request.app.state.settings.secret_key.get_secret_value())


def _nonce(request: Request) -> str:
    nonce = getattr(request.state, "csrf_nonce", None) or request.cookies.get(COOKIE)
    if not nonce:
        nonce = secrets.token_urlsafe(32)
        request.state.csrf_new = True
    request.state.csrf_nonce = nonce
    return str(nonce)


def csrf_token(request: Request) -> str:
    """The token to put in this page's forms (a cookie is set if it has none yet)."""
    return _sign(_secret(request), _nonce(request))


def remember_csrf(request: Request, response: Response) -> None:
    """Set the nonce cookie on ``response`` when this request made a new one."""
    if getattr(request.state, "csrf_new", False):
        response.set_cookie(
            COOKIE,
            request.state.csrf_nonce,
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https",
            path="/",
        )


def check_csrf(request: Request, token: str | None) -> None:
    """Refuse (403) a form whose token does not match its cookie."""
    nonce = request.cookies.get(COOKIE)
    expected = _sign(_secret(request), nonce) if nonce else None
    if not token or expected is None or not hmac.compare_digest(token, expected):
        raise HTTPException(
            403,
            "this form has expired or came from another site; reload the page and try again",
        )
