"""Turning a refusal (a pydantic model's, or the service layer's) into a 422 a person can
act on; shared by the JSON routes and the web pages."""

from __future__ import annotations

from typing import Any, TypeVar

from fastapi import HTTPException
from pydantic import BaseModel, ValidationError

from api.services.imports import ImportRefused
from api.services.options import BadOptions

__all__ = ["bad_options", "import_refused", "validated"]

M = TypeVar("M", bound=BaseModel)


def validated(model: type[M], data: dict[str, Any], label: str = "field") -> M:
    """``model`` made from ``data``, or HTTP 422 listing each ``label`` and what is wrong."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise HTTPException(
            422,
            [
                {label: ".".join(str(p) for p in e["loc"]), "message": e["msg"]}
                for e in exc.errors()
            ],
        ) from None


def bad_options(exc: BadOptions) -> HTTPException:
    """HTTP 422 listing each refused option and what is wrong with it."""
    return HTTPException(
        422, [{"option": ".".join(where), "message": message} for where, message in exc.errors]
    )


def import_refused(exc: ImportRefused) -> HTTPException:
    """HTTP 422 with the message and, when there are, the problems of an import."""
    if exc.problems is None:
        return HTTPException(422, exc.message)
    return HTTPException(422, {"message": exc.message, "problems": exc.problems})
