"""The page language (Dutch by default, English by choice, kept in the ``lang``
cookie) and everything said in it: gettext message catalogues (``api/locale/*/
LC_MESSAGES/messages.po``, compiled to ``.mo``; see docs/i18n.md), the labels of the
vocabulary, and numbers and dates formatted with Babel.

Examples
--------
>>> vocabulary_label("knowledge_institute", "nl", "org type")
'kennisinstituut'
>>> format_number(0.52, "nl")
'0,52'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from babel.dates import format_date
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

if TYPE_CHECKING:
    from fastapi import Request

__all__ = [
    "LANGUAGES",
    "LOCALE_DIR",
    "VOCABULARY",
    "format_date_for",
    "format_number",
    "language",
    "translations",
    "translator",
    "vocabulary_label",
]

LANGUAGES = ("nl", "en")
DEFAULT = "nl"
LOCALE_DIR = Path(__file__).parent / "locale"


def _v(context: str, value: str) -> tuple[str, str]:
    """Marks a vocabulary value for the catalogues (``pybabel extract -k _v:1c,2``)."""
    return context, value


#: Every vocabulary value with a label in the catalogues, as (context, internal value).
#: Sectors are free text and shown as they are.
VOCABULARY: tuple[tuple[str, str], ...] = (
    _v("node kind", "person"),
    _v("node kind", "organisation"),
    _v("node kind", "network"),
    _v("node kind", "theme"),
    _v("node kind", "activity"),
    _v("node kind", "source"),
    _v("org type", "school"),
    _v("org type", "company"),
    _v("org type", "government"),
    _v("org type", "knowledge_institute"),
    _v("org type", "sector_body"),
    _v("org type", "other"),
    _v("org type", "unknown"),
    _v("activity type", "meeting"),
    _v("activity type", "session"),
    _v("activity type", "course"),
    _v("activity type", "study_day"),
    _v("activity type", "conference"),
    _v("activity type", "interview"),
    _v("activity type", "work_session"),
    _v("activity type", "project"),
    _v("activity type", "other"),
    _v("relationship type", "works_at"),
    _v("relationship type", "member_of"),
    _v("relationship type", "participates_in"),
    _v("relationship type", "facilitates"),
    _v("relationship type", "organises"),
    _v("relationship type", "hosts"),
    _v("relationship type", "partners_with"),
    _v("relationship type", "works_on"),
    _v("relationship type", "addresses"),
    _v("relationship type", "collaborates_with"),
    _v("relationship type", "mentioned_in"),
    _v("relationship type", "part_of"),
    _v("relationship type", "related_to"),
    _v("mechanism", "identification"),
    _v("mechanism", "coordination"),
    _v("mechanism", "reflection"),
    _v("mechanism", "transformation"),
    _v("brokerage role", "coordinator"),
    _v("brokerage role", "itinerant"),
    _v("brokerage role", "representative"),
    _v("brokerage role", "gatekeeper"),
    _v("brokerage role", "liaison"),
    _v("measure", "degree"),
    _v("measure", "betweenness"),
    _v("measure", "closeness"),
    _v("measure", "harmonic"),
    _v("measure", "eigenvector"),
    _v("measure", "pagerank"),
    _v("colour by", "kind"),
    _v("colour by", "org_type"),
    _v("colour by", "sector"),
    _v("colour by", "community"),
)
_CONTEXTS: dict[str, tuple[str, ...]] = {}
for _context, _value in VOCABULARY:
    _CONTEXTS.setdefault(_value, ())
    _CONTEXTS[_value] += (_context,)


def language(request: Request) -> str:
    """The page language: the ``lang`` cookie if it names one, else Dutch."""
    lang = request.cookies.get("lang", DEFAULT)
    return lang if lang in LANGUAGES else DEFAULT


def known_language(lang: str | None) -> str:
    """``lang`` if it is one of :data:`LANGUAGES`, else Dutch."""
    return lang if lang in LANGUAGES else DEFAULT


@cache
def translations(lang: str) -> NullTranslations:
    """The compiled catalogue of ``lang`` (read once)."""
    return Translations.load(str(LOCALE_DIR), [known_language(lang)], domain="messages")


def vocabulary_label(value: str, lang: str, context: str | None = None) -> str:
    """The label of a vocabulary value in ``lang``; ``context`` picks the vocabulary
    (``node kind``, ``org type``, ``relationship type``, ``mechanism``,
    ``brokerage role``…), by default the first one that has ``value``. A value no
    vocabulary has (a sector, a community number) is returned as it is."""
    contexts = (context,) if context else _CONTEXTS.get(value, ())
    for ctx in contexts:
        if (ctx, value) in _VOCABULARY_SET:
            return str(translations(lang).pgettext(ctx, value))
    return value


_VOCABULARY_SET = frozenset(VOCABULARY)


def translator(lang: str) -> Callable[[str, str], str]:
    """``translate(context, text)`` for :mod:`visualizations.maps`: a vocabulary
    value's label, or a message of the ``map`` context."""
    catalogue = translations(lang)

    def translate(context: str, text: str) -> str:
        if (context, text) in _VOCABULARY_SET:
            return str(catalogue.pgettext(context, text))
        if context in _CONTEXT_NAMES:
            return text  # free text (a sector) or a number
        return str(catalogue.pgettext(context, text))

    return translate


_CONTEXT_NAMES = frozenset(c for c, _ in VOCABULARY)


def format_number(value: float | int, lang: str, digits: int | None = None) -> str:
    """``value`` in the notation of ``lang`` (``0,52`` in Dutch); ``digits``: exactly
    that many decimals."""
    if digits is None:
        return format_decimal(value, locale=known_language(lang))
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=known_language(lang))


def format_date_for(value: dt.date | str, lang: str, form: str = "long") -> str:
    """A date in the words of ``lang`` (``1 september 2024``); an ISO date string is
    read first, anything else is returned as it is."""
    if isinstance(value, str):
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            return value
    else:
        day = value
    return str(format_date(day, format=form, locale=known_language(lang)))
