"""The help page says what "connected" means, the one definition the map, the path
finder, the recommendations and the overview use; the path page links to it."""

from __future__ import annotations

import re
from pathlib import Path

from graph.analysis.potential_model import PotentialModel
from tests.api.conftest import Env
from tests.api.test_i18n import visible
from tests.api.test_pages import login


def _section(page: str, anchor: str) -> str:
    found = re.search(rf'<section><h2 id="{anchor}">(.*?)</section>', page, re.S)
    assert found is not None, f"no section #{anchor}"
    return visible(found.group(1))


def test_help_page_says_what_connected_means(env: Env) -> None:
    login(env, "viewer")
    env.client.cookies.set("lang", "en")
    page = env.client.get("/w/demo/help").text
    text = " ".join(_section(page, "connected").split())
    model = PotentialModel()
    # what joins two actors, what does not, and who uses the definition
    for said in (
        'What "connected" means',
        "are connected when a chain of steps joins them",
        "a direct tie",
        f"with at most {model.max_context_size} members",
        "A theme both work on is shared, not a connection",
        "source documents",
        "learning paths",
        f"at most {model.recommendation_cutoff} steps",
        "on the map",
        "standing alone",
    ):
        assert said in text, (said, text)


def test_the_path_page_links_to_what_connected_means(env: Env) -> None:
    login(env, "viewer")
    for address in ("/w/demo/paths", "/w/demo/paths?source=roc-midden-nederland&target=mbo-raad"):
        page = env.client.get(address).text
        assert 'href="/w/demo/help#connected"' in page, address


def test_help_page_says_what_connected_means_in_dutch(env: Env) -> None:
    login(env, "viewer")
    page = env.client.get("/w/demo/help").text
    text = " ".join(_section(page, "connected").split())
    assert "verbonden" in text and "Een thema waar beide aan werken" in text, text


DOCS = Path(__file__).parents[2] / "docs"


def _numbers(text: str) -> list[str]:
    """Every number of a document, in order (the model's values, tables, years)."""
    return re.findall(r"(?<![\w.])\d+(?:\.\d+)?(?![\w])", text)


def _code(text: str) -> set[str]:
    """The names in code spans (fields, values, files; not the formulas, which are
    worded), fenced blocks left out."""
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    return {span for span in re.findall(r"`([^`]+)`", text) if re.fullmatch(r"[\w./=:]+", span)}


def test_the_dutch_model_document_has_the_numbers_of_the_english_one() -> None:
    english = (DOCS / "learning-potential.md").read_text(encoding="utf-8")
    dutch = (DOCS / "learning-potential.nl.md").read_text(encoding="utf-8")
    assert _numbers(dutch) == _numbers(english)
    assert _code(dutch) == _code(english)
    assert dutch.count("\n#") == english.count("\n#")


def test_dutch_model_page_shows_the_model_in_dutch(env: Env) -> None:
    """Before, the model was shown in English inside <div lang="en">, which the
    Dutch-page check leaves out; now only the English titles of the sources are
    declared English. The model has its own page for analysts (issue 22)."""
    login(env, "viewer")
    page = env.client.get("/w/demo/help/model").text
    assert "Leerpotentieel: het model" in page
    assert "Learning potential: the model" not in page
    declared = re.findall(r'<(\w+)[^>]* lang="en"', page)
    assert declared == ["ul"]  # the sources: English titles of English works
    env.client.cookies.set("lang", "en")
    english = env.client.get("/w/demo/help/model").text
    assert (
        "Learning potential: the model" in english
        and 'lang="en"' not in english.split("<body", 1)[1]
    )


#: what code looks like on a manager's page: a file path, a class or field name, JSON
CODE = re.compile(r"\w+/\w+\.py|\bPotentialModel\b|\b[a-z]+_[a-z_]+\b|[{}]|\bjson\b", re.IGNORECASE)


def test_the_managers_help_speaks_dutch_only(env: Env) -> None:
    """The help page for managers has no code, identifier, JSON or English sentence
    (issue 22: it showed graph/analysis/potential_model.py, PotentialModel, org_type,
    works_at, boundary_object_weight, a JSON example and a translator's note); the model
    for analysts is one link away, and a share link has both pages too."""
    from tests.api.test_catalogue_language import language_of

    login(env, "viewer")
    page = env.client.get("/w/demo/help").text
    assert "<code" not in page and "<pre" not in page
    text = visible(page.split("<main", 1)[1])
    assert not CODE.findall(text), CODE.findall(text)
    english = [line for line in text.splitlines() if language_of(line) == "en"]
    assert not english, english
    assert "de grens (35% van de score)" in text
    assert 'href="/w/demo/help/model"' in page
    model = env.client.get("/w/demo/help/model")
    assert model.status_code == 200 and "Leerpotentieel: het model" in model.text
