"""CITATION.cff (issue 23, part 5): CFF 1.2.0 with the fields the format requires, the
version of the package, a license and a release date. (The CFF schema itself ships
only with cffconvert 2.0, which needs jsonschema 3: the required keys and their forms
are checked here instead.)"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from graph import __version__

CITATION = Path(__file__).parents[1] / "CITATION.cff"
#: CFF 1.2.0's top-level keys (schema.json, "properties")
KEYS = {
    "abstract", "authors", "cff-version", "commit", "contact", "date-released", "doi",
    "identifiers", "keywords", "license", "license-url", "message", "preferred-citation",
    "references", "repository", "repository-artifact", "repository-code", "title", "type",
    "url", "version",
}  # fmt: skip


def test_citation_cff_parses_and_has_the_fields() -> None:
    cff = yaml.safe_load(CITATION.read_text("utf-8"))
    assert cff["cff-version"] == "1.2.0"
    assert {"message", "title", "authors"} <= set(cff) <= KEYS
    assert cff["type"] == "software"
    assert str(cff["version"]) == __version__
    assert cff["license"] == "MIT"
    dt.date.fromisoformat(str(cff["date-released"]))
    for author in cff["authors"]:
        assert author.get("name") or author.get("family-names")
    for reference in cff.get("references", []):
        assert {"type", "title", "authors"} <= set(reference)
