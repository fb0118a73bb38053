"""Turning a refusal (a pydantic model's, or the service layer's) into a 422 a person can
act on; shared by the JSON routes and the web pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import HTTPException
from fastapi.responses import Response
from pydantic import BaseModel, ValidationError

from api.services.imports import ImportRefused
from api.services.options import BadOptions
from graph.errors import GrenswerkError, NotFound, StoreUnavailable

__all__ = ["bad_options", "file_response", "import_refused", "validated"]

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


def file_response(make: Callable[[], bytes], media_type: str, filename: str) -> Response:
    """The file ``make`` builds (a picture, a PDF), shown inline; a user's mistake becomes
    a 422 that names it."""
    try:
        content = make()
    except BadOptions as exc:
        raise bad_options(exc) from None
    except (StoreUnavailable, NotFound):
        raise  # 503 with Retry-After, 404 (api.app)
    except GrenswerkError as exc:
        raise HTTPException(422, str(exc)) from None
    headers = {"Content-Disposition": f'inline; filename="{filename}"'}
    return Response(content, media_type=media_type, headers=headers)
