"""Saved views of a workspace's map: a name and the map's settings (colour, size,
filters, focus, layers), kept per workspace in the store.

The settings are the map page's own query parameters, as a JSON object of short
strings; :func:`check_view` refuses anything else with a message naming the field.
``moved`` keeps where an advisor dragged nodes to (``id:x:y`` pairs, separated by
commas; :func:`parse_moved`), so the view opens with them there.

>>> check_view(" Bestuur ", {"color_by": "sector", "focus": "roc-mn", "kinds": ""}).settings
{'color_by': 'sector', 'focus': 'roc-mn'}
>>> parse_moved("roc-mn:12.5:-3,cinop:0:40")
{'roc-mn': (12.5, -3.0), 'cinop': (0.0, 40.0)}
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graph.errors import GrenswerkError

__all__ = [
    "VIEW_SETTINGS",
    "SavedView",
    "check_view",
    "moved_text",
    "parse_moved",
    "positions_from_json",
    "positions_to_json",
]

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
    "practices",
    "sectors",
    "types",
    "theme",
    "moved",
)
_MAX_NAME = 80
_MAX_VALUE = 500
#: the dragged positions of a view: up to about 2 000 nodes
_MAX_MOVED = 100_000


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
        limit = _MAX_MOVED if key == "moved" else _MAX_VALUE
        if not isinstance(value, str) or len(value) > limit:
            raise GrenswerkError(f"settings.{key}: give text of at most {limit} characters")
        if key == "moved":
            value = moved_text(parse_moved(value))
        if value:
            kept[key] = value
    return SavedView(clean, kept)


def parse_moved(text: str) -> dict[str, tuple[float, float]]:
    """Dragged positions from ``id:x:y`` pairs separated by commas; a pair that is not
    one is refused (:class:`GrenswerkError`, naming it)."""
    moved: dict[str, tuple[float, float]] = {}
    for pair in filter(None, (p.strip() for p in text.split(","))):
        parts = pair.rsplit(":", 2)
        try:
            if len(parts) != 3 or not parts[0]:
                raise ValueError(pair)
            x, y = float(parts[1]), float(parts[2])
            if not (math.isfinite(x) and math.isfinite(y)) or max(abs(x), abs(y)) > 1e7:
                raise ValueError(pair)
        except ValueError:
            raise GrenswerkError(
                f"settings.moved: {pair[:60]!r} is not a position; give id:x:y pairs "
                "separated by commas"
            ) from None
        moved[parts[0]] = (x, y)
    return moved


def moved_text(moved: Mapping[str, tuple[float, float]]) -> str:
    """The ``moved`` setting of dragged positions (rounded to a tenth), by id.

    >>> moved_text({"b": (1.04, 2), "a": (-3.0, 0.25)})
    'a:-3:0.2,b:1:2'
    """

    def number(value: float) -> str:
        return f"{round(value, 1):g}"

    return ",".join(f"{n}:{number(x)}:{number(y)}" for n, (x, y) in sorted(moved.items()))


def positions_to_json(positions: Mapping[str, tuple[float, float]]) -> str:
    """The stored form of a map's positions: a JSON object of id → [x, y].

    >>> positions_to_json({"b": (1.0, 2.5), "a": (0, -1)})
    '{"a":[0,-1],"b":[1.0,2.5]}'
    """
    return json.dumps(
        {n: [x, y] for n, (x, y) in positions.items()}, sort_keys=True, separators=(",", ":")
    )


def positions_from_json(text: str) -> dict[str, tuple[float, float]]:
    """The positions of :func:`positions_to_json` (entries that are not a pair of
    numbers are left out).

    >>> positions_from_json('{"a":[0,-1],"b":"x"}')
    {'a': (0.0, -1.0)}
    """
    raw = json.loads(text) if text else {}
    out: dict[str, tuple[float, float]] = {}
    for node, value in raw.items() if isinstance(raw, dict) else ():
        if (
            isinstance(value, list)
            and len(value) == 2
            and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
        ):
            out[str(node)] = (float(value[0]), float(value[1]))
    return out
