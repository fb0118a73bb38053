"""Uploads streamed to disk under the size limit (for the import route and page)."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi import HTTPException, UploadFile

__all__ = ["save_uploads"]

_CHUNK = 1024 * 1024


def _safe_name(name: str | None, index: int, taken: set[str]) -> str:
    """A file name of the upload's own name (no path, no ``.`` or ``..``), made unique
    among ``taken`` (``n.csv``, ``n (2).csv``: two uploads of one name are two files).

    >>> taken: set[str] = set()
    >>> [_safe_name(n, i, taken) for i, n in enumerate(["..", "../x.csv", "x.csv", "."])]
    ['upload-0', 'x.csv', 'x (2).csv', 'upload-3']
    """
    base = Path(name or "").name
    cleaned = re.sub(r"[^\w.\- ]", "_", base).strip()[:120]
    if not cleaned.strip("."):
        cleaned = f"upload-{index}"
    path = Path(cleaned)
    number = 1
    while cleaned in taken:
        number += 1
        cleaned = f"{path.stem} ({number}){path.suffix}"
    taken.add(cleaned)
    return cleaned


async def save_uploads(files: list[UploadFile], folder: Path, limit_mb: int) -> list[Path]:
    """Stream uploads to disk, refusing (413) anything over the size limit."""
    limit = limit_mb * 1024 * 1024
    total = 0
    paths = []
    taken: set[str] = set()
    for index, upload in enumerate(files):
        path = folder / _safe_name(upload.filename, index, taken)
        with path.open("wb") as out:
            while chunk := await upload.read(_CHUNK):
                total += len(chunk)
                if total > limit:
                    raise HTTPException(
                        413, f"the upload is larger than {limit_mb} MB (GRENSWERK_MAX_UPLOAD_MB)"
                    )
                out.write(chunk)
        paths.append(path)
    return paths
