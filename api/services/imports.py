"""Imports: plan files (a dry run) and, unless asked not to, write them; the report and
the problems name the files as the user called them."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from graph.access import Actor
from graph.errors import GrenswerkError, Problem, StoreUnavailable, ValidationFailed
from graph.model import ActivityType, Mechanism, NodeKind, OrgType, RelType
from graph.store.base import Store
from graph.vocabulary import (
    DUTCH_ACTIVITY_TYPES,
    DUTCH_KINDS,
    DUTCH_MECHANISMS,
    DUTCH_ORG_TYPES,
    DUTCH_TYPES,
)
from importers import FORMATS, ImportOptions, apply_plan, plan_paths
from importers.problem_codes import problem_code

__all__ = ["ImportProblem", "ImportRefused", "ImportReport", "coded_problems", "import_files"]

#: at most this many problems are reported
MAX_PROBLEMS = 500


class ImportProblem(BaseModel):
    file: str
    row: int | None
    column: str | None
    element: str | None
    message: str


class SuggestedPair(BaseModel):
    """Two nodes of one kind whose names are nearly the same (for a page to word)."""

    kind: str
    first_name: str
    second_name: str
    #: how similar the names are, 0 to 100
    similarity: int


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
    #: the same suggestions as names, kind and similarity (the pages word them)
    pairs: list[SuggestedPair] = []
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
    store: Store,
    workspace: str,
    paths: list[Path],
    fmt: str,
    dry_run: bool,
    actor: Actor | None = None,
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
            result = apply_plan(store, plan, actor=actor)
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
        pairs=[
            SuggestedPair(
                kind=s.kind.value,
                first_name=s.first_name,
                second_name=s.second_name,
                similarity=round(s.score),
            )
            for s in plan.suggestions
        ],
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


#: a vocabulary an unknown value belongs to -> its values and their Dutch names
_VOCABULARIES: dict[str, tuple[type[StrEnum], Mapping[str, StrEnum]]] = {
    "node kind": (NodeKind, DUTCH_KINDS),
    "relationship type": (RelType, DUTCH_TYPES),
    "organisation type": (OrgType, DUTCH_ORG_TYPES),
    "activity type": (ActivityType, DUTCH_ACTIVITY_TYPES),
    "mechanism": (Mechanism, DUTCH_MECHANISMS),
}


def coded_problems(problems: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    """The problems with the ``code`` and ``params`` of their message (both ``None`` for
    an uncommon one), so a page can say them in its language (the JSON API keeps the
    English ``message``, see :mod:`importers.problem_codes`). An unknown value gets
    ``choices``: the names the importer accepts, Dutch ones for ``lang`` ``nl``.

    >>> coded_problems([{"file": "n.csv", "row": 2, "message": "a node needs a name"}], "nl")
    [{'file': 'n.csv', 'row': 2, 'message': 'a node needs a name', 'code': 'missing_name', \
'params': {}}]
    >>> kind = "unknown node kind 'x'; use one of person (persoon)"
    >>> coded_problems([{"file": "n.csv", "message": kind}], "nl")[0]["params"]["choices"][:3]
    ['persoon', 'organisatie', 'netwerk']
    """
    out = []
    for problem in problems:
        found = problem_code(str(problem.get("message", "")))
        code, params = found if found else (None, None)
        if code == "unknown_value" and params is not None:
            params["choices"] = _choices(params["what"], lang)
        out.append({**problem, "code": code, "params": params})
    return out


def _choices(what: str, lang: str) -> list[str]:
    """The values of a vocabulary the importer accepts, by their Dutch name in Dutch,
    written with spaces (``werkt bij``, ``knowledge institute``: the importer reads those
    as it reads ``werkt_bij``)."""
    vocabulary, dutch = _VOCABULARIES[what]
    by_value: dict[str, str] = {}
    for name, value in dutch.items():
        by_value.setdefault(str(value), name)
    names = [by_value.get(v.value, v.value) if lang == "nl" else v.value for v in vocabulary]
    return [name.replace("_", " ") for name in names]  # accepted as well, and no identifier
