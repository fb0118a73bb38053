"""What the console command prints: the consoles, error messages instead of tracebacks,
progress bars and table cells."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from graph.errors import GrenswerkError, ValidationFailed

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
        except ValidationError as exc:  # settings from the environment
            err.print("[bold red]error in the settings:[/]")
            for error in exc.errors():
                err.print(f"  - {error['msg']}", markup=False, highlight=False)
            raise typer.Exit(1) from None

    return wrapper


def progress_bar() -> Progress:
    """A progress bar on standard error."""
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
