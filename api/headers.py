"""The headers :class:`api.gate.Gate` adds to every response: ``nosniff``,
``Referrer-Policy``, a Content-Security-Policy on every HTML page, and redirects made
relative."""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any
from urllib.parse import urlsplit

from starlette.types import Send

__all__ = ["CSP", "shared_csp", "with_headers"]

#: The policy of every HTML page: everything from this origin, no inline script.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'self'"
)


def shared_csp(origins: tuple[str, ...]) -> str:
    """The policy of a shared page: :data:`CSP`, framed only by ``origins`` (checked
    origins, :func:`api.services.sharing.check_origins`), by none without any.

    >>> shared_csp(()).endswith("frame-ancestors 'none'")
    True
    >>> shared_csp(("https://a.example",)).endswith("frame-ancestors https://a.example")
    True
    """
    return CSP.replace(
        "frame-ancestors 'self'", "frame-ancestors " + (" ".join(origins) or "'none'")
    )


def _relative(location: bytes) -> bytes:
    """A redirect's target without scheme and host: every redirect Grenswerk makes
    stays on this server (pages check theirs with ``local_path``); an absolute one is
    built from the request's ``Host`` header (Starlette's trailing-slash redirect), which
    a client chooses.

    >>> _relative(b"http://evil.example/api/x?y=1"), _relative(b"/w/demo")
    (b'/api/x?y=1', b'/w/demo')
    """
    parts = urlsplit(location.decode("latin-1"))
    if not parts.scheme and not parts.netloc:
        return location
    path = "/" + parts.path.lstrip("/")
    return (path + (f"?{parts.query}" if parts.query else "")).encode("latin-1")


def with_headers(send: Send, frame_ancestors: tuple[str, ...] | None = None) -> Send:
    """``send`` that adds the security headers to the response; ``frame_ancestors``
    (a shared page's origins) replaces the policy's own framing rule."""
    policy = CSP if frame_ancestors is None else shared_csp(frame_ancestors)

    async def wrapped(message: MutableMapping[str, Any]) -> None:
        if message["type"] == "http.response.start":
            headers = [
                (k, _relative(v)) if k.lower() == b"location" else (k, v)
                for k, v in message.get("headers", [])
            ]
            names = {k.lower() for k, _ in headers}
            headers.append((b"x-content-type-options", b"nosniff"))
            headers.append((b"referrer-policy", b"same-origin"))
            kind = next((v for k, v in headers if k.lower() == b"content-type"), b"")
            if kind.startswith(b"text/html") and b"content-security-policy" not in names:
                headers.append((b"content-security-policy", policy.encode()))
                if frame_ancestors is None:
                    headers.append((b"x-frame-options", b"SAMEORIGIN"))
                elif not frame_ancestors:
                    headers.append((b"x-frame-options", b"DENY"))
            message["headers"] = headers
        await send(message)

    return wrapped
