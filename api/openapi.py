"""``openapi.json`` made true of every answer, not only of success (issue 21): each
operation lists the refusals it can really give, with the body the server really sends
(:class:`Refusal`), instead of FastAPI's ``HTTPValidationError`` that no answer has.

Which refusals an operation can give follows from what it is: every guarded operation
can be refused by the gate (401 no key, 429 too many failed key checks) and by a store
that cannot answer (503); one that needs more than a viewer, or a server key, 403; one
with a path parameter 404 (another workspace's key sees a 404 too); one with a body 400
(a body that cannot be read: not UTF-8, a broken form) and 413 (too large); and every
one 422 (its input refused, by name). ``tests/api/test_schemathesis.py`` checks the
description against the running app.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from pydantic import BaseModel, Field

from api.services.imports import ImportProblem

__all__ = ["ImportRefusal", "Refusal", "WrongInput", "document_refusals"]


class WrongInput(BaseModel):
    """One thing wrong with a request, and where: ``where`` a request parameter
    (``query.limit``, ``body.name``), ``field`` a field of a form or body, ``option`` an
    analysis option."""

    message: str
    where: str | None = None
    field: str | None = None
    option: str | None = None


class ImportRefusal(BaseModel):
    """An import refused: the sentence and its problems, by file, row and column."""

    message: str
    problems: list[ImportProblem]


class Refusal(BaseModel):
    """What a refused request gets: a sentence, what is wrong where, or an import's
    problems."""

    detail: str | list[WrongInput] | ImportRefusal = Field(
        description="a sentence; or each thing wrong with the request; or an import's problems"
    )


#: status -> what it means, for the refusals every operation of a kind can give
MEANINGS = {
    400: "The body could not be read (not UTF-8, not a well-formed form)",
    401: "No valid key: send 'Authorization: Bearer <key>'",
    403: "The key's role is too low, or a workspace key where a server key is needed",
    404: "No such workspace for this key, or no such element",
    413: "The body is larger than GRENSWERK_MAX_UPLOAD_MB",
    422: "The input is refused: each problem by name",
    429: "Too many failed key checks from this address or in all (Retry-After)",
    503: "The store cannot answer now (Retry-After)",
}
_ROLES_ABOVE_VIEWER = ("analyst", "editor", "admin", "server")


def _refusals(operation: dict[str, Any], path: str) -> list[int]:
    role = operation.get("x-required-role", "public")
    codes = [422]
    if role != "public":
        codes += [401, 429, 503]
    if role in _ROLES_ABOVE_VIEWER or operation.get("x-server-key"):
        codes.append(403)
    if "{" in path:
        codes.append(404)
    if "requestBody" in operation:
        codes += [400, 413]
    return sorted(codes)


def _document(schema: dict[str, Any]) -> dict[str, Any]:
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    found = Refusal.model_json_schema(ref_template="#/components/schemas/{model}")
    components.update(found.pop("$defs", {}))
    components["Refusal"] = found
    body = {"application/json": {"schema": {"$ref": "#/components/schemas/Refusal"}}}
    for path, methods in schema.get("paths", {}).items():
        for operation in methods.values():
            responses = operation.setdefault("responses", {})
            for code in _refusals(operation, path):
                given = responses.get(str(code), {})
                responses[str(code)] = {
                    "description": given.get("description") or MEANINGS[code],
                    "content": body,
                }
            for code, given in responses.items():  # refusals a route declared itself
                if code[0] in "45" and "content" not in given:
                    given["content"] = body
    for unused in ("HTTPValidationError", "ValidationError"):
        components.pop(unused, None)
    return schema


def document_refusals(app: FastAPI) -> None:
    """Make ``app.openapi()`` describe every refusal (once; the result is kept)."""
    original: Callable[[], dict[str, Any]] = app.openapi
    done: dict[str, Any] = {}

    def described() -> dict[str, Any]:
        if "schema" not in done:
            done["schema"] = _document(original())
        return done["schema"]

    app.openapi = described  # type: ignore[method-assign]
