"""Saved views of a workspace's map: a name and the map's settings (colour, size,
filters, focus, layers), kept per workspace in the store.

The settings are the map page's own query parameters, as a JSON object of short
strings; :func:`check_view` refuses anything else with a message naming the field.

>>> check_view(" Bestuur ", {"color_by": "sector", "focus": "roc-mn", "kinds": ""}).settings
{'color_by': 'sector', 'focus': 'roc-mn'}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.errors import GrenswerkError

__all__ = ["VIEW_SETTINGS", "SavedView", "check_view"]

#: The settings a view keeps: the map page's query parameters.
VIEW_SETTINGS = (
    "color_by",
    "size_by",
    "kinds",
    "at",
    "highlight",
    "focus",
    "depth",
    "hide",
    "themes",
)
_MAX_NAME = 80
_MAX_VALUE = 500


@dataclass(frozen=True)
class SavedView:
    """A named view of a workspace's map; ``updated`` is when it was last saved
    (ISO 8601)."""

    name: str
    settings: dict[str, str] = field(default_factory=dict)
    updated: str = ""


def check_view(name: str, settings: Any) -> SavedView:
    """A view from a user's name and settings, or :class:`GrenswerkError` naming what
    is wrong (an empty or long name, an unknown setting, a value that is not text).

    Parameters
    ----------
    name
        The view's name (1–80 characters, no control characters).
    settings
        A mapping of :data:`VIEW_SETTINGS` to strings (empty strings are dropped).
    """
    clean = name.strip() if isinstance(name, str) else ""
    if not clean or len(clean) > _MAX_NAME or any(ord(c) < 32 for c in clean):
        raise GrenswerkError(
            f"name: a view needs a name of 1 to {_MAX_NAME} characters (got {name!r})"
        )
    if not isinstance(settings, dict):
        raise GrenswerkError('settings: give an object of settings, e.g. {"color_by": "sector"}')
    kept: dict[str, str] = {}
    for key, value in settings.items():
        if key not in VIEW_SETTINGS:
            raise GrenswerkError(
                f"settings.{key}: unknown setting; a view keeps {', '.join(VIEW_SETTINGS)}"
            )
        if not isinstance(value, str) or len(value) > _MAX_VALUE:
            raise GrenswerkError(f"settings.{key}: give text of at most {_MAX_VALUE} characters")
        if value:
            kept[key] = value
    return SavedView(clean, kept)
