"""What every command opens: the settings (with ``--data-dir``), the store, the key
store, and the checked ``--workspace`` option. The settings, stores and keys are
imported when a command opens them, not when the command line is read (``--help``
stays fast)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from graph.ids import validate_workspace

if TYPE_CHECKING:  # the settings, stores and keys load only in the commands that open them
    from api.config import Settings
    from api.keys import KeyStore
    from graph.store.base import Store

#: the largest id a store keeps (a signed 64-bit integer), as
#: :data:`graph.store.datatypes.MAX_STORED_INT`, named here without loading the store
#: (``tests/cli/test_start.py`` checks they are equal)
MAX_STORED_INT = 2**63 - 1

__all__ = ["WorkspaceOpt", "check_workspace", "keys", "settings", "state", "store"]


class _State:
    data_dir: Path | None = None


state = _State()


def settings() -> Settings:
    """The settings, ``--data-dir`` winning over the environment's."""
    from api.config import Settings

    overrides: dict[str, Any] = {}
    if state.data_dir is not None:
        overrides["data_dir"] = state.data_dir
    return Settings(**overrides)


@contextmanager
def store() -> Iterator[Store]:
    """The store the settings name, closed afterwards."""
    from graph.store import open_store

    opened = open_store(settings())
    try:
        yield opened
    finally:
        opened.close()


@contextmanager
def keys() -> Iterator[KeyStore]:
    """The key store beside the store, closed afterwards."""
    from api.services.access import open_keys

    with store() as opened:
        found = open_keys(settings(), opened)
        try:
            yield found
        finally:
            found.close()


def check_workspace(value: str) -> str:
    """A valid workspace name, or the option's error."""
    try:
        return validate_workspace(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


WorkspaceOpt = Annotated[
    str, typer.Option("--workspace", "-w", help="Workspace name.", callback=check_workspace)
]
