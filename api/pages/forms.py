"""What the editing forms share: the values a form posted, each refusal beside its
field in the page's language, and the address of a node's page."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import Request

from api.i18n import language
from api.pages.common import say
from api.services.editing import EditRefused
from api.services.imports import coded_problems

__all__ = ["blanked", "form_errors", "form_record", "node_url", "said"]


def N_(message: str) -> str:  # noqa: N802 - gettext's marker name, found by pybabel
    """Mark a message for the catalogues; it is translated where it is shown."""
    return message


#: The importers' fixed messages a form shows beside a field, translated by ``say`` (their
#: English text is the msgid); messages with values in them are said by their code
#: (importers.problem_codes, as on the import page), any other as the importers say it.
FIXED_MESSAGES = (
    N_("a node needs a name"),
    N_("a node needs a kind"),
    N_("a relationship needs a type"),
    N_("the relationship has no end here"),
)


async def form_record(request: Request, fields: tuple[str, ...]) -> dict[str, str]:
    """The values a form posted for ``fields`` (the CSRF token and buttons left out)."""
    form = await request.form()
    return {f: str(form[f]) for f in fields if isinstance(form.get(f), str)}


def form_errors(
    request: Request, exc: EditRefused, fields: tuple[str, ...]
) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """Each problem beside its field, the rest above the form, as the coded problems the
    template ``import_problems.html`` says in the page's language (an unknown name in
    the form's words: not "this import" but "this workspace")."""
    errors: dict[str, dict[str, Any]] = {}
    general: list[dict[str, Any]] = []
    messages = [{"message": problem.message} for problem in exc.problems]
    for problem, coded in zip(
        exc.problems, coded_problems(messages, language(request)), strict=True
    ):
        if coded["code"] is None:
            coded["message"] = say(request, problem.message)
        elif coded["code"] == "unknown_node":
            coded["params"]["form"] = True
        if problem.field in fields and problem.field not in errors:
            errors[problem.field] = coded
        else:
            general.append({**coded, "field": problem.field})
    return errors, general


def said(message: str) -> dict[str, Any]:
    """A message already in the page's language, as a problem the templates show."""
    return {"message": message, "code": None, "params": None}


def node_url(workspace: str, node_id: str) -> str:
    """The address of a node's page."""
    return f"/w/{workspace}/node/{quote(node_id, safe='')}"


def blanked(
    request: Request, record: dict[str, str], stored: dict[str, str], required: dict[str, str]
) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """The fields the form emptied that have a stored value: an error beside each that
    must keep one (``required``: field -> the message, a catalogue msgid), and the others,
    whose values the change removes (docs/editing.md)."""
    emptied = [f for f, v in record.items() if not v.strip() and stored.get(f, "").strip()]
    errors = {f: said(say(request, required[f])) for f in emptied if f in required}
    return errors, [f for f in emptied if f not in required]
