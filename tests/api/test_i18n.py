"""One language at a time: the message catalogues, the vocabulary's labels, and pages
that show neither internal identifiers nor English vocabulary in Dutch (issue 12, §1)."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from api.i18n import VOCABULARY, format_date_for, vocabulary_label
from graph.model import Mechanism, NodeKind, OrgType, RelType
from tests.api.conftest import Env
from tests.api.test_pages import login, token

LOCALE = Path(__file__).parents[2] / "api" / "locale"
ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")
#: vocabulary values that are also ordinary Dutch words
DUTCH_TOO = {"school"}
#: the internal identifiers and English vocabulary a Dutch page must not show
INTERNAL = sorted(
    {
        value
        for enum in (RelType, NodeKind, OrgType, Mechanism)
        for value in (member.value for member in enum)
        if "_" in value or value not in DUTCH_TOO
    }
    | set(ROLES)
)
DUTCH_PAGES = (
    "/",
    "/w/demo",
    "/w/demo?color_by=org_type&size_by=betweenness",
    "/w/demo/node/examinering",  # a theme: no recommendations
    "/w/demo/paths",
    "/w/demo/overview",
    "/w/demo/import",
    "/w/demo/help",
    "/w/demo/node/nobody",  # an error page
    "/w/demo?at=01-09-2024",  # an error page
    # recommendations and hops explained (graph.analysis.reasons)
    "/w/demo/node/roc-midden-nederland",
    "/w/demo/node/cinop",
    "/w/demo/node/noorderpoort",
    "/w/demo/paths?source=roc-midden-nederland&target=cinop",
    # the advisor's pages (issue 13)
    "/w/demo/node-new",
    "/w/demo/node/roc-midden-nederland/edit",
    "/w/demo/node/cinop/delete",
    "/w/demo/tie-new?from=cinop",
    "/w/demo/changes",
    "/w/demo/duplicates",
    "/w/demo/keys",
    "/w/demo/surveys",
    # issue 22: a change's page, the merge confirmation, the model for analysts
    "/w/demo/changes/1",
    "/w/demo/duplicates/confirm?keep=cinop&a=cinop&b=noorderpoort",
    "/w/demo/help/model",
)


def catalogue(lang: str) -> Catalog:
    with (LOCALE / lang / "LC_MESSAGES" / "messages.po").open("rb") as file:
        return read_po(file, locale=lang)


class VisibleText(HTMLParser):
    """The text a reader sees: text nodes (not scripts or styles) and the title,
    aria-label, alt and placeholder attributes. Left out: an element declared English
    (``lang="en"``: on a Dutch page only the help page's list of English sources, see
    tests/api/test_help.py) and ``<code>``/``<pre>`` (literal names to type, such as a
    field of the model)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0
        self.data_json = ""
        self.in_data = False
        #: the tag of the element left out, and how deep it is nested in itself
        self.left_out: str | None = None
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        declared = tag != "html" and named.get("lang") == "en"  # html: the page's own
        if self.left_out is None and (declared or tag in ("code", "pre")):
            self.left_out = tag
        if tag == self.left_out:
            self.depth += 1
        if tag in ("script", "style"):
            self.skip += 1
            self.in_data = named.get("id") == "map-data"
        for name in ("title", "aria-label", "alt", "placeholder"):
            if named.get(name) and self.left_out is None:
                self.parts.append(str(named[name]))

    def handle_endtag(self, tag: str) -> None:
        if tag == self.left_out:
            self.depth -= 1
            if self.depth == 0:
                self.left_out = None
        if tag in ("script", "style"):
            self.skip -= 1
            self.in_data = False

    def handle_data(self, data: str) -> None:
        if self.in_data:
            self.data_json += data
        elif not self.skip and self.left_out is None:
            self.parts.append(data)


def visible(html: str) -> str:
    """The visible text of a page, with the map's tooltips and legend labels (they
    come as JSON in ``#map-data``)."""
    parser = VisibleText()
    parser.feed(html)
    shown = parser.parts
    if parser.data_json:
        data = json.loads(parser.data_json)
        shown += [str(n.get("title", "")) for n in data["nodes"]]
        shown += [str(e.get("title", "")) for e in data["edges"]]
        shown += [str(item.get("label", "")) for item in data["legend"]]
    return "\n".join(shown)


def internal_words(text: str) -> list[str]:
    return [w for w in INTERNAL if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_catalogue_entry_is_translated(lang: str) -> None:
    entries = [m for m in catalogue(lang) if m.id]
    assert len(entries) > 100
    empty = [
        m.id for m in entries if not (m.string if isinstance(m.string, str) else all(m.string))
    ]
    assert not empty, f"{lang}: untranslated {empty[:10]}"
    fuzzy = [m.id for m in entries if m.fuzzy]
    assert not fuzzy, f"{lang}: fuzzy {fuzzy[:10]}"


def messages(catalog: Catalog) -> dict[tuple[str | None, object], object]:
    """What a catalogue says, whatever tool wrote it: (context, msgid) to msgstr, the
    plural forms, and the messages the runtime would skip (fuzzy). Headers (``Generated-By``,
    dates) are left out: a newer Babel writes other bytes for the same messages."""

    def frozen(value: object) -> object:
        return tuple(value) if isinstance(value, list | tuple) else value

    said: dict[tuple[str | None, object], object] = {
        (m.context, frozen(m.id)): frozen(m.string) for m in catalog if m.id and not m.fuzzy
    }
    said[(None, "__plural_forms__")] = (catalog.num_plurals, catalog.plural_expr)
    return said


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_compiled_catalogue_is_the_po_file(lang: str) -> None:
    """The ``.mo`` file the app reads says what the ``.po`` file says, message by
    message (issue 19): a changed or missing translation in either fails, another
    Babel's header does not."""
    with (LOCALE / lang / "LC_MESSAGES" / "messages.mo").open("rb") as file:
        compiled = read_mo(file)
    source = catalogue(lang)
    assert messages(compiled) == messages(source), "run `make catalogues` to compile the .po"


def test_the_catalogue_comparison_sees_one_changed_translation() -> None:
    """The comparison above is not blind: one Dutch msgstr changed in the ``.po`` only,
    or one message dropped from it, makes the two differ."""
    source = catalogue("nl")
    buffer = io.BytesIO()
    write_mo(buffer, source)
    buffer.seek(0)
    compiled = read_mo(buffer)
    assert messages(compiled) == messages(source)
    first = next(m for m in source if m.id and isinstance(m.string, str) and m.string)
    first.string = first.string + " (gewijzigd)"
    assert messages(compiled) != messages(source)
    first.string = first.string.removesuffix(" (gewijzigd)")
    assert messages(compiled) == messages(source)
    source.delete(first.id, context=first.context)
    assert messages(compiled) != messages(source)


def test_every_vocabulary_value_has_a_label_in_both_languages() -> None:
    values = {
        "node kind": NodeKind,
        "org type": OrgType,
        "relationship type": RelType,
        "mechanism": Mechanism,
    }
    for context, enum in values.items():
        for member in enum:
            assert (context, member.value) in VOCABULARY
    for role in ROLES:
        assert ("brokerage role", role) in VOCABULARY
    for lang in ("nl", "en"):
        entries = {(m.context, m.id): m.string for m in catalogue(lang)}
        for key in VOCABULARY:
            assert entries.get(key), f"{lang}: no label for {key}"
    assert vocabulary_label("organisation", "nl", "node kind") == "organisatie"
    assert vocabulary_label("knowledge_institute", "en", "org type") == "knowledge institute"
    assert vocabulary_label("reflection", "nl", "mechanism") == "reflectie"
    assert vocabulary_label("gatekeeper", "nl", "brokerage role") == "poortwachter"
    assert vocabulary_label("flexibilisering", "nl", "sector") == "flexibilisering"


def pages_with_internal_words(env: Env, paths: tuple[str, ...]) -> dict[str, list[str]]:
    """Per page, the internal identifiers and the English lines it shows (issue 22:
    a line of visible text that reads as English, by its function words)."""
    from tests.api.test_catalogue_language import language_of

    found = {}
    for path in paths:
        page = env.client.get(path)
        assert page.status_code in (200, 404, 422), path
        text = visible(page.text)
        words = internal_words(text)
        words += [line for line in text.splitlines() if language_of(line) == "en"]
        if words:
            found[path] = words
    return found


def test_dutch_pages_show_no_internal_identifiers(env: Env) -> None:
    login(env, "admin")
    found = pages_with_internal_words(env, DUTCH_PAGES)
    download = env.client.get(
        "/api/workspaces/demo/map?download=true&lang=nl", headers=env.as_("viewer")
    )
    assert download.status_code == 200
    words = internal_words(visible(download.text))
    if words:
        found["download"] = words
    assert not found, found


def test_login_page_in_dutch_and_english(env: Env) -> None:
    page = env.client.get("/login").text
    assert "Toegangssleutel" in page and not internal_words(visible(page))
    env.client.cookies.set("lang", "en")
    assert "Access key" in env.client.get("/login").text


def test_english_pages_show_english_labels(env: Env) -> None:
    login(env, "editor")
    env.client.cookies.set("lang", "en")
    node = visible(env.client.get("/w/demo/node/roc-midden-nederland").text)
    assert "organisation · school" in node
    assert "Partners" in node and "works at" not in node  # roles are listed apart
    mapped = visible(env.client.get("/w/demo?color_by=org_type").text)
    assert "knowledge institute" in mapped and "knowledge_institute" not in mapped
    download = env.client.get(
        "/api/workspaces/demo/map?download=true&lang=en", headers=env.as_("viewer")
    )
    shown = visible(download.text)
    assert "organisation" in shown and "organisatie" not in shown
    paths = visible(env.client.get("/w/demo/paths?source=roc-midden-nederland&target=cinop").text)
    assert "Noorderpoort → CINOP: crosses school → knowledge institute" in paths
    assert "at the level of reflection" in paths


def test_numbers_and_dates_in_the_page_language(env: Env) -> None:
    login(env, "editor")
    dutch = visible(env.client.get("/w/demo/node/roc-midden-nederland").text)
    assert (
        "Tussenpositie\nligt op 0,01% van de kortste verbindingen tussen twee anderen "
        "(0,0001 op een schaal van 0 tot 1)" in dutch
    ), dutch
    env.client.cookies.set("lang", "en")
    english = visible(env.client.get("/w/demo/node/roc-midden-nederland").text)
    assert (
        "Betweenness\nlies on 0.01% of the shortest connections between two others "
        "(0.0001 on a scale from 0 to 1)" in english
    ), english


def test_dates_in_the_page_language() -> None:
    assert format_date_for(dt.date(2024, 9, 1), "nl") == "1 september 2024"
    assert format_date_for(dt.date(2024, 9, 1), "en") == "September 1, 2024"


def test_import_problems_are_counted_in_the_page_language(env: Env) -> None:
    login(env, "editor")
    form = token(env, "/w/demo/import")
    bad = env.client.post(
        "/w/demo/import",
        data={"format": "auto", "csrf_token": form},
        files={"files": ("n.csv", b"name,kind\nNieuw,planeet\nOud,planeet\n")},
    )
    assert bad.status_code == 422
    assert "2 problemen; er is niets geïmporteerd" in bad.text
    one = env.client.post(
        "/w/demo/import",
        data={"format": "auto", "csrf_token": form},
        files={"files": ("n.csv", b"name,kind\nNieuw,planeet\n")},
    )
    assert "1 probleem; er is niets geïmporteerd" in one.text
    assert "problem(s)" not in one.text


@pytest.mark.parametrize(
    ("words", "context"),
    [("map", "map"), ("report", "report")],
)
def test_the_maps_and_reports_words_come_from_the_catalogues(words: str, context: str) -> None:
    """Each word of the interactive map (api.services.maps.map_labels) and of the drawn
    maps and reports (api.services.report_labels.labels) is a catalogue entry: its
    English text the msgid, its Dutch text that entry's translation."""
    from api.services.maps import map_labels
    from api.services.report_labels import labels

    english, dutch = (
        (map_labels("en"), map_labels("nl")) if words == "map" else (labels("en"), labels("nl"))
    )
    nl = {m.id: m.string for m in catalogue("nl") if m.context == context}
    assert english.keys() == dutch.keys() and len(english) > 30
    assert {key: nl.get(text) for key, text in english.items()} == dutch
    assert all(dutch[key] != english[key] for key in ("legend", "from", "to"))


def test_dutch_words_do_not_call_a_node_a_knoop() -> None:
    """'knoop' (a node, in network science) means a knot or a button to a manager: the
    Dutch words say 'onderdeel'."""
    found = [
        m.string
        for m in catalogue("nl")
        for text in ([m.string] if isinstance(m.string, str) else m.string)
        if re.search(r"kno(o|p)p?(en|punt)?", text, re.IGNORECASE)
    ]
    assert not found
