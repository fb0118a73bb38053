"""Paths that a token in the path opens instead of a key (:class:`TokenDoor`), and the
share links' door (:data:`SHARE_DOOR`); :class:`api.gate.Gate` checks the token before
anything else."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from api.services.sharing import SHARE_PREFIX
from graph.access import Key, ShareLink

__all__ = ["SHARE_DOOR", "TokenDoor", "TokenRefused"]


class TokenRefused(Exception):
    """A door's token opens nothing: ``status`` (404 unknown, 410 expired) and a message
    in the page's language."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


def _no_key(opened: Any) -> Key | None:
    return None


@dataclass(frozen=True)
class TokenDoor:
    """Paths under ``prefix`` that a token (the next path segment) opens, not a key.

    ``open(state, token, lang)`` returns what the token opens (left in the request's
    state under ``state_key``) or raises :class:`TokenRefused`. ``key(opened)`` is the
    key the request then acts as (none by default); ``methods`` the only methods let
    through (others 405; ``None``: any); ``frame_ancestors(opened)`` the origins that may
    frame its pages (``None``: the policy's own rule).
    """

    prefix: str
    state_key: str
    open: Callable[[Any, str, str], Any]
    key: Callable[[Any], Key | None] = _no_key
    methods: tuple[str, ...] | None = None
    frame_ancestors: Callable[[Any], tuple[str, ...]] | None = None

    def token(self, path: str) -> str:
        return path[len(self.prefix) :].split("/", 1)[0]


def _open_share_link(state: Any, token: str, lang: str) -> ShareLink:
    """The live share link of ``token``: unknown or revoked → 404, expired → 410."""
    link: ShareLink | None = state.keys.share_link(token)
    if link is None:
        raise TokenRefused(404, "no such share link")
    if link.expired(datetime.now(UTC)):
        raise TokenRefused(410, "this share link has expired")
    return link


def _share_viewer(link: ShareLink) -> Key:
    return Key(0, link.workspace, "viewer", link.label, link.created)


def _share_origins(link: ShareLink) -> tuple[str, ...]:
    return link.origins


#: Share links: a viewer of the link's workspace, reading only, framed by its origins.
SHARE_DOOR = TokenDoor(
    SHARE_PREFIX,
    "share",
    _open_share_link,
    key=_share_viewer,
    methods=("GET", "HEAD"),
    frame_ancestors=_share_origins,
)
