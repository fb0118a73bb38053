"""Imports: plan files (a dry run) and, unless asked not to, write them; the report and
the problems name the files as the user called them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel

from graph.errors import GrenswerkError, Problem, StoreUnavailable, ValidationFailed
from graph.store.base import Store
from importers import FORMATS, ImportOptions, apply_plan, plan_paths

__all__ = ["ImportProblem", "ImportRefused", "ImportReport", "import_files"]

#: at most this many problems are reported
MAX_PROBLEMS = 500


class ImportProblem(BaseModel):
    file: str
    row: int | None
    column: str | None
    element: str | None
    message: str


class ImportReport(BaseModel):
    dry_run: bool
    nodes_new: int
    nodes_existing: int
    relationships_new: int
    relationships_existing: int
    written: dict[str, int] | None = None
    #: the likeliest near-duplicates (at most 200), likeliest first
    suggestions: list[str] = []
    #: how many more near-duplicates were found than ``suggestions`` lists
    suggestions_more: int = 0
    notes: list[str] = []


class ImportRefused(GrenswerkError):
    """The files were not imported; ``problems`` (possibly empty) say where and why."""

    def __init__(
        self, message: str, problems: list[dict[str, Any]] | None = None, count: int = 0
    ) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems
        #: how many problems there were (``problems`` holds the first ones)
        self.count = count


def import_files(
    store: Store, workspace: str, paths: list[Path], fmt: str, dry_run: bool
) -> ImportReport:
    """Plan (and unless ``dry_run``, write) saved files; messages name the files as the
    user called them, not the temporary folder they were saved in.

    Raises :class:`ImportRefused` for the user's mistakes; a store that cannot answer
    raises :class:`StoreUnavailable`.
    """
    if fmt not in FORMATS:
        raise ImportRefused(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    folder = str(paths[0].parent) + "/" if paths else ""

    def shown(text: str) -> str:
        return text.replace(folder, "")

    try:
        plan = plan_paths(store, paths, ImportOptions(workspace), fmt)
        if plan.problems:
            raise ValidationFailed(plan.problems)
        written = None
        if not dry_run:
            result = apply_plan(store, plan)
            written = {k: v for k, v in result.model_dump().items() if isinstance(v, int)}
    except ValidationFailed as exc:
        problems = [_problem(p, shown) for p in exc.problems[:MAX_PROBLEMS]]
        message = f"{len(exc.problems)} problem(s); nothing was imported"
        raise ImportRefused(message, problems, len(exc.problems)) from None
    except StoreUnavailable:
        raise
    except GrenswerkError as exc:
        raise ImportRefused(shown(str(exc))) from None
    return ImportReport(
        dry_run=dry_run,
        nodes_new=plan.nodes_new,
        nodes_existing=plan.nodes_existing,
        relationships_new=plan.relationships_new,
        relationships_existing=plan.relationships_existing,
        written=written,
        suggestions=[str(s) for s in plan.suggestions],
        suggestions_more=plan.suggestions_more,
        notes=[shown(n) for n in plan.notes],
    )


def _problem(problem: Problem, shown: Any) -> dict[str, Any]:
    return ImportProblem(
        file=shown(problem.file),
        row=problem.row,
        column=problem.column,
        element=problem.element,
        message=problem.message,
    ).model_dump()
