"""Turning a pydantic model's refusal into a 422 a person can act on."""

from __future__ import annotations

from typing import Any, TypeVar

from fastapi import HTTPException
from pydantic import BaseModel, ValidationError

__all__ = ["validated"]

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
