"""What one imported file may cost, checked before it costs it: a workbook's parts by
the sizes its zip declares (a 1 MB file must not unpack to a gigabyte), a file's
columns or declared attributes by how many properties they would give each element,
and every element's properties by their number and length. Each limit is a setting
(``GRENSWERK_IMPORT_MAX_*``, docs/settings.md) and each refusal names the file, the
part, row or element, and the column.

Python's :mod:`zipfile` never unpacks more of a part than its header declares (a part
that holds more fails its CRC check and is reported as damaged), so the declared sizes
bound what the parser can be made to read.

Examples
--------
>>> limits = ImportLimits(properties=2, value_chars=5)
>>> limits.property_problem({"a": 1, "b": 2, "c": 3})
('c', '3 properties; an element may have at most 2 (GRENSWERK_IMPORT_MAX_PROPERTIES)')
>>> limits.property_problem({"a": "abcdefgh"})
('a', 'a value of 8 characters; a property may hold at most 5 (GRENSWERK_IMPORT_MAX_VALUE_CHARS)')
>>> limits.property_problem({"a": "abc"}) is None
True
"""

from __future__ import annotations

import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.settings import StoreSettings

__all__ = ["ImportLimits", "zip_problem"]

_DEFAULTS = StoreSettings.model_fields
MB = 1024 * 1024
#: the most parts a workbook may hold (Excel writes a few dozen)
MAX_PARTS = 10_000


def _default(name: str) -> int:
    value = _DEFAULTS[f"import_max_{name}"].default
    assert isinstance(value, int)
    return value


@dataclass(frozen=True, slots=True)
class ImportLimits:
    """The limits of one import (defaults: the settings' defaults)."""

    #: a workbook's parts, unpacked, together (MB)
    unpacked_mb: int = _default("unpacked_mb")
    #: how many times its packed size a part may unpack to
    ratio: int = _default("ratio")
    #: properties per element
    properties: int = _default("properties")
    #: characters of one property's value
    value_chars: int = _default("value_chars")

    @classmethod
    def of(cls, settings: StoreSettings) -> ImportLimits:
        """The limits the settings give."""
        return cls(
            settings.import_max_unpacked_mb,
            settings.import_max_ratio,
            settings.import_max_properties,
            settings.import_max_value_chars,
        )

    def property_problem(self, properties: Mapping[str, Any]) -> tuple[str, str] | None:
        """The column and message of the first property over a limit, or ``None``."""
        if len(properties) > self.properties:
            first_over = list(properties)[self.properties]
            return first_over, (
                f"{len(properties)} properties; an element may have at most "
                f"{self.properties} (GRENSWERK_IMPORT_MAX_PROPERTIES)"
            )
        for name, value in properties.items():
            if isinstance(value, str) and len(value) > self.value_chars:
                return name, (
                    f"a value of {len(value)} characters; a property may hold at most "
                    f"{self.value_chars} (GRENSWERK_IMPORT_MAX_VALUE_CHARS)"
                )
        return None

    def columns_problem(self, extra: Sequence[str], what: str) -> tuple[str, str] | None:
        """The first column over the limit and the message, for a file whose ``extra``
        columns (or declared attributes: ``what``) beyond the known fields would give
        each element more properties than allowed; ``None`` when they would not.

        >>> ImportLimits(properties=2).columns_problem(["a", "b", "c"], "columns")
        ('c', '3 columns beyond the known fields; an element may have at most 2 \
properties (GRENSWERK_IMPORT_MAX_PROPERTIES)')
        """
        if len(extra) <= self.properties:
            return None
        return extra[self.properties], (
            f"{len(extra)} {what} beyond the known fields; an element may have at most "
            f"{self.properties} properties (GRENSWERK_IMPORT_MAX_PROPERTIES)"
        )


def _size(n: int) -> str:
    """``n`` bytes for a person.

    >>> _size(500), _size(12_345), _size(3 * MB)
    ('500 bytes', '12 kB', '3.0 MB')
    """
    if n < 1024:
        return f"{n} bytes"
    return f"{n // 1024} kB" if n < MB else f"{n / MB:.1f} MB"


def zip_problem(path: Path, limits: ImportLimits) -> tuple[str | None, str] | None:
    """The part (``None``: the whole file) and message of a zip file that would unpack
    to more than ``limits`` allow, read from its directory alone; ``None`` when it may
    be read. A file that is not a zip file is left to the reader to say so.

    Examples
    --------
    >>> import io, tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> with zipfile.ZipFile(folder / "b.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    ...     z.writestr("xl/sharedStrings.xml", b"a" * 1_000_000)
    >>> part, message = zip_problem(folder / "b.xlsx", ImportLimits())
    >>> part, message.split(" (")[0]
    ('xl/sharedStrings.xml', 'the part unpacks to 976 kB from 986 bytes')
    """
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return None
    if len(parts) > MAX_PARTS:
        return None, f"the workbook holds {len(parts)} parts; at most {MAX_PARTS} are read"
    packed = sum(p.compress_size for p in parts)
    if packed > path.stat().st_size:
        return None, (
            "the workbook's directory declares more packed data than the file holds; "
            "the file is damaged"
        )
    for part in parts:
        if part.file_size > max(part.compress_size, 1024) * limits.ratio:
            times = part.file_size // max(part.compress_size, 1)
            return part.filename, (
                f"the part unpacks to {_size(part.file_size)} from "
                f"{_size(part.compress_size)} ({times} times); Grenswerk unpacks at "
                f"most {limits.ratio} times a part's packed size "
                "(GRENSWERK_IMPORT_MAX_RATIO), so a small file cannot cost gigabytes"
            )
    unpacked = sum(p.file_size for p in parts)
    if unpacked > limits.unpacked_mb * MB:
        return None, (
            f"the workbook unpacks to {unpacked / MB:.0f} MB; at most "
            f"{limits.unpacked_mb} MB are read (GRENSWERK_IMPORT_MAX_UNPACKED_MB): split "
            "it, or save the sheets as CSV"
        )
    return None
