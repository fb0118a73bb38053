"""The help page's documents: docs/*.md rendered to HTML on the server (markdown-it-py)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markupsafe import Markup

from graph.analysis.potential_model import PotentialModel

__all__ = ["DOCS", "help_context", "model_document", "rendered_doc"]

#: the project's docs folder (the app runs from the source tree)
DOCS = Path(__file__).resolve().parents[2] / "docs"


#: the heading of a document's list of sources, per language (its titles stay English)
SOURCES = {"nl": "<h2>Bronnen</h2>\n<ul>", "en": "<h2>Sources</h2>\n<ul>"}


@cache
def rendered_doc(name: str, lang: str = "en") -> str:
    """The document ``docs/<name>.md`` (or its Dutch ``docs/<name>.nl.md``) as HTML.

    Raw HTML in the document is escaped, not passed on (``html`` off), so the result is
    safe to place in a page; tables are rendered. In a Dutch document the list under
    "Bronnen" (English titles of English works) is declared ``lang="en"``.

    Parameters
    ----------
    name
        The document's file name without ``.md``, e.g. ``"learning-potential"``.
    lang
        ``nl`` for the Dutch version where there is one; else the English document.

    Returns
    -------
    str
        The HTML of the document's body.
    """
    dutch = DOCS / f"{name}.nl.md"
    path = dutch if lang == "nl" and dutch.exists() else DOCS / f"{name}.md"
    parser = MarkdownIt("commonmark", {"html": False}).enable("table")
    html = parser.render(path.read_text(encoding="utf-8"))
    if path == dutch:
        html = html.replace(SOURCES["nl"], SOURCES["nl"].replace("<ul>", '<ul lang="en">'))
    return html


def help_context() -> dict[str, Any]:
    """What the help page says of the model the pages use: the shares of its four
    parts (``35%``) and its limits."""
    defaults = PotentialModel()  # the model the pages' paths and recommendations use
    total = sum(defaults.weights.values()) or 1.0
    shares = {part: f"{round(100 * w / total)}%" for part, w in defaults.weights.items()}
    return {
        "shares": shares,
        "max_context_size": defaults.max_context_size,
        "recommendation_cutoff": defaults.recommendation_cutoff,
    }


def model_document(lang: str) -> Markup:
    """docs/learning-potential.md (or its Dutch version) as HTML."""
    return Markup(rendered_doc("learning-potential", lang))  # noqa: S704 - markdown-it escapes HTML
