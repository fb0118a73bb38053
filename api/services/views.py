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


def view_settings(query: str, moved: str = "") -> dict[str, str]:
    """The settings of a map page's query string (other parameters are left out; a
    repeated one, a ticked choice, as a comma list) and the dragged nodes.

    >>> view_settings("color_by=sector&focus=roc&lang=en&kinds=&sectors=bouw&sectors=zorg")
    {'color_by': 'sector', 'focus': 'roc', 'sectors': 'bouw,zorg'}
    """
    from urllib.parse import parse_qsl

    settings: dict[str, list[str]] = {}
    for k, v in parse_qsl(query):
        if k in VIEW_SETTINGS and k != "moved" and v:
            settings.setdefault(k, []).append(v)
    out = {k: ",".join(v) for k, v in settings.items()}
    return out | ({"moved": moved} if moved else {})


def view_query(view: SavedView) -> str:
    """The map page's query string that opens ``view`` (its dragged nodes come from the
    store, by the view's name).

    >>> view_query(SavedView("Bestuur", {"focus": "roc", "color_by": "sector", "moved": "a:1:2"}))
    'color_by=sector&focus=roc&view=Bestuur'
    """
    settings = {k: view.settings[k] for k in VIEW_SETTINGS if k in view.settings and k != "moved"}
    return urlencode({**settings, "view": view.name})
