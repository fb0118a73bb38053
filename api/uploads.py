"""Uploads streamed to disk under the size limit (for the import route and page)."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi import HTTPException, UploadFile

__all__ = ["save_uploads"]

_CHUNK = 1024 * 1024


def _safe_name(name: str | None, index: int) -> str:
    base = Path(name or f"upload-{index}").name
    cleaned = re.sub(r"[^\w.\- ]", "_", base).strip() or f"upload-{index}"
    return cleaned[:120]


async def save_uploads(files: list[UploadFile], folder: Path, limit_mb: int) -> list[Path]:
    """Stream uploads to disk, refusing (413) anything over the size limit."""
    limit = limit_mb * 1024 * 1024
    total = 0
    paths = []
    for index, upload in enumerate(files):
        path = folder / _safe_name(upload.filename, index)
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
