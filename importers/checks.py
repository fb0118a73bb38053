"""The checks every field of a row goes through, shared by the builders of nodes and
relationships (:class:`importers.records.RecordBuilder`): ids made safe or refused,
vocabulary terms read strictly or through synonyms, provenance, and pydantic's errors
turned into located problems, one per fault.

Examples
--------
>>> checks = RowChecks(ImportOptions("w"), strict=True)
>>> loc = Location("people.csv", row=3)
>>> checks._id("a/b", loc, "id", {})
'a/b'
>>> print(checks.problems[0])
people.csv, row 3, column 'id': id 'a/b' is not allowed: ...
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from pydantic import ValidationError

from graph.errors import Problem
from graph.model import (
    Node,
    NodeKind,
    Provenance,
    Relationship,
    RelType,
    Scalar,
    id_problem,
    is_safe_id,
    safe_id,
)
from graph.vocabulary import vocabulary_names
from importers.rows import ImportOptions, Location, as_text, split_list

__all__ = ["RowChecks"]

_M = TypeVar("_M", Node, Relationship)
_T = TypeVar("_T", NodeKind, RelType)


class RowChecks:
    """A problem for each fault of a row, collected in :attr:`problems`; ``strict``
    formats refuse what other tools' files may write loosely.

    In a lenient format an id that does not fit :data:`~graph.model.ID_PATTERN` is
    replaced by :func:`~graph.model.safe_id` of it, the original kept as the property
    ``original_id`` and listed in :attr:`replaced_ids`.
    """

    def __init__(self, options: ImportOptions, *, strict: bool) -> None:
        self.options = options
        self.strict = strict
        self.problems: list[Problem] = []
        #: foreign id -> the safe id it was replaced by
        self.replaced_ids: dict[str, str] = {}

    def _fail(self, location: Location, message: str, column: str | None = None) -> None:
        self.problems.append(location.problem(message, column))

    def _id(
        self, value: Any, loc: Location, column: str, properties: dict[str, Scalar]
    ) -> str | None:
        """The row's own id: checked (strict) or made safe (lenient); ``None`` if absent."""
        text = as_text(value)
        if text is None or is_safe_id(text):
            return text
        if self.strict:
            self._fail(loc, id_problem(text) or "", column)
            return text
        properties.setdefault("original_id", text)
        self.replaced_ids[text] = safe_id(text)
        return self.replaced_ids[text]

    def _within_limits(self, loc: Location, properties: Any) -> bool:
        """Whether an element's properties keep to the import's limits (their number and
        each value's length); a problem naming the column over a limit otherwise."""
        if not isinstance(properties, Mapping):
            return True
        found = self.options.limits.property_problem(properties)
        if found is not None:
            self._fail(loc, found[1], found[0])
        return found is None

    # -- helpers --------------------------------------------------------------------

    def _term(
        self,
        text: str | None,
        loc: Location,
        column: str,
        what: str,
        vocabulary: list[_T],
        strict_lookup: Callable[[str], _T | None],
        lenient_lookup: Callable[[str], _T | None],
        default: _T,
        properties: dict[str, Scalar],
    ) -> _T | None:
        """A kind or type from the text: strict formats accept the vocabulary only (a
        problem otherwise); other tools' files map through the synonyms, else the default,
        keeping the original text as ``original_type``. ``None`` after a problem."""
        if text is None:
            if self.strict:
                self._fail(loc, f"a {what.split()[0]} needs a {what.split()[-1]}", column)
                return None
            return default
        if self.strict:
            found = strict_lookup(text)
            if found is None:
                self._fail(
                    loc,
                    f"unknown {what} {text!r}; use one of {vocabulary_names(vocabulary)}",
                    column,
                )
            return found
        found = lenient_lookup(text)
        if found is None or text.strip().lower() != str(found):
            properties.setdefault("original_type", text)
        return default if found is None else found

    def _provenance(self, fields: Mapping[str, Any]) -> list[Provenance]:
        value = fields.get("provenance")
        if value is None:
            return []
        if isinstance(value, list) and value and isinstance(value[0], dict | Provenance):
            return [Provenance.model_validate(v) for v in value]
        sources = split_list(value)
        quote = as_text(fields.get("quote")) if "quote" in fields else None
        return [Provenance(source=s, quote=quote) for s in sources]

    def _exact_term(
        self,
        data: dict[str, Any],
        key: str,
        what: str,
        vocabulary: type[_T],
        strict_lookup: Callable[[str], _T | None],
        loc: Location,
    ) -> bool:
        """Put the vocabulary term an exact row names (English or Dutch) in ``data``;
        ``False`` with a problem when it names none."""
        text = data.get(key)
        if not isinstance(text, str):
            return True  # missing or not text: the model's own message says so
        found = strict_lookup(text)
        if found is None:
            self._fail(
                loc, f"unknown {what} {text!r}; use one of {vocabulary_names(vocabulary)}", key
            )
            return False
        data[key] = found
        return True

    def _exact(
        self,
        model: type[_M],
        loc: Location,
        data: dict[str, Any],
        *,
        skip: frozenset[str] | set[str] = frozenset(),
    ) -> _M | None:
        """The model made from fields that are already its own; a problem per fault,
        except for the fields in ``skip`` (reported already)."""
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            self._validation(loc, exc, {}, skip)
            return None

    def _validation(
        self,
        loc: Location,
        exc: ValidationError,
        col: Mapping[str, str],
        skip: frozenset[str] | set[str] = frozenset(),
    ) -> None:
        for error in exc.errors():
            where = str(error["loc"][0]) if error["loc"] else None
            if where in skip:
                continue
            message = error["msg"].removeprefix("Value error, ")
            self._fail(loc, message, col.get(where, where) if where else None)
