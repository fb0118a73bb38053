"""Each catalogue entry is a translation in its own language, not a note about one
(issue 22): a Dutch msgstr that reads as English, an English one that reads as Dutch,
one that quotes its msgid or one with a translator's note fails."""

from __future__ import annotations

import re

import pytest

from tests.api.test_i18n import catalogue

#: English function words that are no Dutch words
_ENGLISH_WORDS = (
    "the and which with without from this that these those to for by are was were "
    "be been has have it its their they you your when where what who how than then "
    "there into about after before only also each every"
)
ENGLISH = frozenset(_ENGLISH_WORDS.split())
#: Dutch function words that are no English words
_DUTCH_WORDS = (
    "de het een en van op met die dat deze dit zijn wordt worden niet geen voor te "
    "naar bij als ook er je uw hun ze zij wat wie hoe dan door uit om nog aan tot "
    "per elk elke alle"
)
DUTCH = frozenset(_DUTCH_WORDS.split())
#: what a note to a translator looks like, in place of a translation
NOTE = re.compile(
    r"\(the (existing|old|new)\b|\bmsgid\b|\bmsgstr\b|\btranslat(or|ion) note|\bTODO\b|\bFIXME\b",
    re.IGNORECASE,
)


def language_of(text: str) -> str | None:
    """``"en"`` or ``"nl"`` when a text has at least two function words of one language
    and more of them than of the other; ``None`` when it is too short to say.

    >>> language_of("the text of the old message"), language_of("de tekst van het bericht")
    ('en', 'nl')
    >>> language_of("Leerpotentieel") is None
    True
    """
    words = re.findall(r"[a-zà-ÿ']+", re.sub(r"%\(\w+\)s|\{\w+\}", " ", text.lower()))
    english = sum(w in ENGLISH for w in words)
    dutch = sum(w in DUTCH for w in words)
    if english >= 2 and english > dutch:
        return "en"
    if dutch >= 2 and dutch > english:
        return "nl"
    return None


def wrong_entries(lang: str) -> list[str]:
    """The msgstrs of ``lang``'s catalogue that are in the other language, quote their
    msgid inside other text, or hold a translator's note."""
    other = {"nl": "en", "en": "nl"}[lang]
    found = []
    for m in catalogue(lang):
        if not m.id:
            continue
        ids = [m.id] if isinstance(m.id, str) else list(m.id)
        for text in [m.string] if isinstance(m.string, str) else list(m.string):
            quoted = text not in ids and any(len(i) > 20 and i in text for i in ids)
            if language_of(text) == other or quoted or NOTE.search(text):
                found.append(text)
    return found


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_msgstr_is_in_its_own_language(lang: str) -> None:
    found = wrong_entries(lang)
    assert not found, f"{lang}: {found[:5]}"


def test_the_check_sees_a_note_in_place_of_a_translation() -> None:
    """The check is not blind: the note that once stood in the Dutch catalogue, an
    English sentence and a quoted msgid are each caught."""
    note = '(the existing Dutch text of the old msgid, which ended "…The full model follows.")'
    assert language_of(note) == "en" and NOTE.search(note)
    assert language_of("Every score comes with the reasons it rests on.") == "en"
    assert language_of("Elke score komt met de redenen waar die op rust.") == "nl"
