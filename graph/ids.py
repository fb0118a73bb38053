"""Ids and names: the pattern every node and relationship id fits, workspace names, and
the ids made from names (matching folds case, accents and punctuation).

A relationship's id made from its type and ends is :func:`graph.model.relationship_id`,
as it depends on the types of the model.

Examples
--------
>>> slugify("ROC Midden-Nederland"), is_safe_id("roc-midden-nederland")
('roc-midden-nederland', True)
>>> safe_id("a/b")
'a-b-3ec69c85a4'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = [
    "ID_PATTERN",
    "MAX_ID_LENGTH",
    "WORKSPACE_PATTERN",
    "id_problem",
    "is_safe_id",
    "normalise",
    "safe_id",
    "slugify",
    "validate_id",
    "validate_workspace",
]

WORKSPACE_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,62}$"
_WORKSPACE_RE = re.compile(WORKSPACE_PATTERN)
_NON_WORD = re.compile(r"[\W_]+")

#: Node and relationship ids: a letter or digit, then letters, digits, ``_``, ``.`` or
#: ``-``; 1-200 characters in all. Letters and digits of any script count (``\w``), so
#: every id made from a name (:func:`slugify`) fits. Such an id is one path segment of
#: a URL and one item of a comma-separated list, as the API and the pages use it.
ID_PATTERN = r"^[^\W_][\w.-]{0,199}$"
_ID_RE = re.compile(ID_PATTERN.removeprefix("^").removesuffix("$"))
MAX_ID_LENGTH = 200


def normalise(text: str) -> str:
    """Fold case, accents, punctuation and spacing, for matching names.

    >>> normalise("  ROC  Midden-Nederland ")
    'roc midden nederland'
    >>> normalise("Geïnspireerd")
    'geinspireerd'
    """
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NON_WORD.sub(" ", text.casefold()).split())


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:10]


def slugify(text: str) -> str:
    """An id made from a name (a safe id, see :data:`ID_PATTERN`).

    >>> slugify("ROC Midden-Nederland")
    'roc-midden-nederland'
    """
    slug = normalise(text).replace(" ", "-")
    if len(slug) > MAX_ID_LENGTH:
        slug = slug[: MAX_ID_LENGTH - 11].rstrip("-") + "-" + _digest(text)
    return slug or "x-" + _digest(text)


def is_safe_id(text: str) -> bool:
    """Whether ``text`` fits :data:`ID_PATTERN`.

    >>> is_safe_id("roc-mn"), is_safe_id("a/b")
    (True, False)
    """
    return _ID_RE.fullmatch(text) is not None


def safe_id(text: str) -> str:
    """``text`` if it is a safe id, else a stable safe id derived from it.

    The derived id is the name-made id of ``text`` followed by a short hash of the
    original, so that ``a/b`` and ``a b`` stay apart and a re-import finds the same id.

    >>> safe_id("n0"), safe_id("a/b")
    ('n0', 'a-b-3ec69c85a4')
    """
    if is_safe_id(text):
        return text
    stem = normalise(text).replace(" ", "-")[: MAX_ID_LENGTH - 11].rstrip("-")
    return f"{stem or 'x'}-{_digest(text)}"


def id_problem(text: str) -> str | None:
    """Why ``text`` cannot be a node or relationship id, or ``None`` if it can.

    >>> id_problem("a/b").split(":")[0]
    "id 'a/b' is not allowed"
    >>> id_problem("roc-mn") is None
    True
    """
    if is_safe_id(text):
        return None
    return (
        f"id {text!r} is not allowed: use 1-{MAX_ID_LENGTH} letters, digits, '_', '.' or '-', "
        f"starting with a letter or digit (pattern {ID_PATTERN})"
    )


def validate_id(text: str) -> str:
    """Check a node or relationship id against :data:`ID_PATTERN`.

    >>> validate_id("roc-mn")
    'roc-mn'
    """
    problem = id_problem(text)
    if problem is not None:
        raise ValueError(problem)
    return text


def validate_workspace(name: str) -> str:
    """Check a workspace name: lower-case letters, digits, ``-`` and ``_``.

    >>> validate_workspace("roc-a")
    'roc-a'
    """
    if not _WORKSPACE_RE.match(name):
        raise ValueError(
            f"workspace name {name!r} is not allowed: use 1-63 lower-case letters, digits, "
            "'-' or '_', starting with a letter or digit"
        )
    return name
