"""The help page's documents: docs/*.md rendered to HTML on the server (markdown-it-py)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from markdown_it import MarkdownIt

__all__ = ["DOCS", "rendered_doc"]

#: the project's docs folder (the app runs from the source tree)
DOCS = Path(__file__).resolve().parents[2] / "docs"


@cache
def rendered_doc(name: str) -> str:
    """The document ``docs/<name>.md`` as HTML.

    Raw HTML in the document is escaped, not passed on (``html`` off), so the result is
    safe to place in a page; tables are rendered.

    Parameters
    ----------
    name
        The document's file name without ``.md``, e.g. ``"learning-potential"``.

    Returns
    -------
    str
        The HTML of the document's body.
    """
    text = (DOCS / f"{name}.md").read_text(encoding="utf-8")
    parser = MarkdownIt("commonmark", {"html": False}).enable("table")
    return parser.render(text)
