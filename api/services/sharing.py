"""Share links: the read-only pages of one workspace (its map, and the node and help
pages behind it) for anyone with the link, as a viewer sees them, until the link
expires or is revoked; and the origins that may frame them (embeds).

One code path for the JSON API (:mod:`api.routes.sharing`) and the key management page
(:mod:`api.pages.keys`). Tokens are 256 random bits, kept only as hashes
(:func:`graph.access.hash_token`), like keys; :class:`api.gate.Gate` checks them before
anything else.

>>> check_origins("https://intranet.example, http://localhost:8080")
('https://intranet.example', 'http://localhost:8080')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from api.keys import KeyStore
from graph.access import ShareLink
from graph.errors import GrenswerkError, NotFound

__all__ = [
    "MAX_DAYS",
    "SHARE_PREFIX",
    "NewShareLink",
    "check_origins",
    "create_share_link",
    "embed_snippet",
    "list_share_links",
    "revoke_share_link",
    "share_path",
    "share_status",
]

#: Where the shared pages live: ``/s/<token>``, ``/s/<token>/node/<id>``, …
SHARE_PREFIX = "/s/"
#: The longest life of a share link, in days.
MAX_DAYS = 365
_MAX_ORIGINS = 10
_HOST = re.compile(
    r"^(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*)$"
)


@dataclass(frozen=True)
class NewShareLink:
    """A share link just made: the link and its token (shown once)."""

    link: ShareLink
    token: str

    @property
    def path(self) -> str:
        """The path of its shared map (:func:`share_path`)."""
        return share_path(self.token)


def share_path(token: str) -> str:
    """The path of the shared map of ``token``.

    >>> share_path("sh_abc")
    '/s/sh_abc'
    """
    return SHARE_PREFIX + token


def embed_snippet(url: str, workspace: str) -> str:
    """The HTML that embeds a shared map (to be escaped when shown on a page).

    >>> embed_snippet("https://g.example/s/sh_x", "demo")[:44]
    '<iframe src="https://g.example/s/sh_x" title'
    """
    source = url.replace("&", "&amp;").replace('"', "&quot;")
    return (
        f'<iframe src="{source}" title="Grenswerk: {workspace}" width="100%" height="600" '
        'style="border:0" loading="lazy" referrerpolicy="no-referrer"></iframe>'
    )


def _origin(text: str) -> str:
    parts = urlsplit(text)
    try:
        port = parts.port
    except ValueError:
        port = -1
    host = (parts.hostname or "").lower()
    if (
        parts.scheme not in ("http", "https")
        or not _HOST.match(host)
        or port == -1
        or parts.username is not None
        or parts.password is not None
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
        or text.endswith(("?", "#"))
    ):
        raise GrenswerkError(
            f"origins: {text!r} is not an origin; give scheme://host[:port], "
            "e.g. https://intranet.example or http://localhost:8080 (no path)"
        )
    return f"{parts.scheme}://{host}" + (f":{port}" if port is not None else "")


def check_origins(origins: str | list[str] | tuple[str, ...] | None) -> tuple[str, ...]:
    """The origins that may frame a share link, checked (``scheme://host[:port]``, http
    or https, at most 10), from a list or from text separated by commas, spaces or lines.

    Raises
    ------
    GrenswerkError
        Naming the first entry that is not an origin.
    """
    if origins is None:
        return ()
    items = re.split(r"[\s,]+", origins) if isinstance(origins, str) else list(origins)
    if not all(isinstance(item, str) for item in items):
        raise GrenswerkError("origins: give a list of texts like https://intranet.example")
    found = tuple(dict.fromkeys(_origin(item.strip()) for item in items if item.strip()))
    if len(found) > _MAX_ORIGINS:
        raise GrenswerkError(f"origins: at most {_MAX_ORIGINS} origins per share link")
    return found


def create_share_link(
    keys: KeyStore,
    workspace: str,
    expires_in_days: int,
    origins: str | list[str] | tuple[str, ...] | None = None,
    label: str = "",
) -> NewShareLink:
    """A new share link of ``workspace`` living ``expires_in_days`` days (1 to 365);
    bad input raises :class:`GrenswerkError` and stores nothing."""
    if isinstance(expires_in_days, bool) or not isinstance(expires_in_days, int):
        raise GrenswerkError("expires_in_days: give a whole number of days, 1 to 365")
    if not 1 <= expires_in_days <= MAX_DAYS:
        raise GrenswerkError(
            f"expires_in_days: {expires_in_days} is out of range; give 1 to {MAX_DAYS} days"
        )
    if len(label) > 200 or any(ord(c) < 32 for c in label):
        raise GrenswerkError("label: at most 200 characters, on one line")
    checked = check_origins(origins)
    link, token = keys.create_share_link(
        workspace, timedelta(days=expires_in_days), checked, label.strip()
    )
    return NewShareLink(link, token)


def list_share_links(keys: KeyStore, workspace: str) -> list[ShareLink]:
    """The share links of a workspace (expired ones too, until revoked), by id; they
    are kept with the keys."""
    return keys.store.list_share_links(workspace)


def revoke_share_link(keys: KeyStore, workspace: str, link_id: int) -> None:
    """Revoke a share link of ``workspace``; :class:`NotFound` if it has none by that id."""
    if not keys.store.delete_share_links(workspace, link_id):
        raise NotFound(f"no share link {link_id} in this workspace")


def share_status(link: ShareLink | None, now: datetime | None = None) -> int:
    """What a request through a share link gets: 200 (it lives), 404 (unknown or
    revoked) or 410 (expired)."""
    if link is None:
        return 404
    return 410 if link.expired(now or datetime.now(UTC)) else 200
