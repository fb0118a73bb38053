"""What the console command prints: the consoles, error messages instead of tracebacks,
progress bars and table cells."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

import typer
from rich.console import Console

from graph.errors import GrenswerkError, ValidationFailed

if TYPE_CHECKING:
    from rich.progress import Progress

__all__ = ["err", "fmt", "friendly", "out", "progress_bar"]

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

P = ParamSpec("P")
R = TypeVar("R")


def friendly(func: Callable[P, R]) -> Callable[P, R]:
    """Turn user-facing errors into a red message and exit code 1, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except ValidationFailed as exc:
            err.print(f"[bold red]error:[/] {len(exc.problems)} problem(s); nothing was written.")
            for problem in exc.problems[:200]:
                err.print(f"  - {problem}", markup=False, highlight=False)
            if len(exc.problems) > 200:
                err.print(f"  … and {len(exc.problems) - 200} more")
            raise typer.Exit(1) from None
        except GrenswerkError as exc:
            err.print("[bold red]error:[/] ", end="")
            err.print(str(exc), markup=False, highlight=False)
            raise typer.Exit(1) from None
        except Exception as exc:
            if not _settings_error(exc):
                raise
            err.print("[bold red]error in the settings:[/]")
            for error in exc.errors():  # type: ignore[attr-defined]
                err.print(f"  - {error['msg']}", markup=False, highlight=False)
            raise typer.Exit(1) from None

    return wrapper


def _settings_error(exc: Exception) -> bool:
    """Whether ``exc`` is pydantic's ``ValidationError`` (settings from the environment),
    without importing pydantic for commands that never loaded it: an error of a module
    not loaded cannot have been raised."""
    pydantic = sys.modules.get("pydantic")
    return pydantic is not None and isinstance(exc, pydantic.ValidationError)


def progress_bar() -> Progress:
    """A progress bar on standard error."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=False,
    )


def fmt(value: Any) -> str:
    """A value as a table cell.

    >>> fmt(0.123456), fmt(float("nan")), fmt(["a", "b"]), fmt(3)
    ('0.1235', '–', 'a; b', '3')
    """
    if isinstance(value, float):
        return "–" if value != value else f"{value:.4g}"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)
