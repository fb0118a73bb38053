"""Saved views of a workspace's map, kept in the store (:mod:`graph.views`): one code
path for the JSON API (:mod:`api.routes.views`) and the map page."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from graph.errors import NotFound
from graph.store.base import Store
from graph.views import VIEW_SETTINGS, SavedView, check_view

__all__ = ["delete_view", "get_view", "list_views", "save_view", "view_query", "view_settings"]


def list_views(store: Store, workspace: str) -> list[SavedView]:
    """A workspace's saved views, by name."""
    return store.list_views(workspace)


def get_view(store: Store, workspace: str, name: str) -> SavedView:
    """The view of this name; :class:`NotFound` if there is none."""
    view = store.get_view(workspace, name)
    if view is None:
        raise NotFound(f"no saved view {name!r}")
    return view


def save_view(store: Store, workspace: str, name: str, settings: Any) -> tuple[SavedView, bool]:
    """Save a view (checked by :func:`graph.views.check_view`; bad input raises
    :class:`~graph.errors.GrenswerkError` and stores nothing); the view and whether it
    is new."""
    checked = check_view(name, settings)
    view = SavedView(checked.name, checked.settings, datetime.now(UTC).isoformat())
    return view, store.put_view(workspace, view)


def delete_view(store: Store, workspace: str, name: str) -> None:
    """Delete a view; :class:`NotFound` if there is none of that name."""
    if not store.delete_views(workspace, name):
        raise NotFound(f"no saved view {name!r}")


def view_settings(query: str) -> dict[str, str]:
    """The settings of a map page's query string (other parameters are left out).

    >>> view_settings("color_by=sector&focus=roc&lang=en&kinds=")
    {'color_by': 'sector', 'focus': 'roc'}
    """
    from urllib.parse import parse_qsl

    return {k: v for k, v in parse_qsl(query) if k in VIEW_SETTINGS and v}


def view_query(view: SavedView) -> str:
    """The map page's query string that opens ``view``.

    >>> view_query(SavedView("x", {"focus": "roc", "color_by": "sector"}))
    'color_by=sector&focus=roc'
    """
    return urlencode({k: view.settings[k] for k in VIEW_SETTINGS if k in view.settings})
