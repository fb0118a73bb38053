"""docs/learning-potential.md and the code say the same thing.

Every number and table of the document is read from the document itself and compared
with :class:`PotentialModel` (or with what the code does). Each check blanks the text it
has read; at the end no digit may be left in the document outside the sources, so a
number added to or changed in the document without a check here makes this test fail.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from graph.analysis.potential import PotentialGraph
from graph.analysis.potential_model import PotentialModel, model_from_json
from graph.analysis.subgraphs import filter_view
from graph.store.sqlite import SQLiteStore

DOCUMENT = Path(__file__).parents[3] / "docs" / "learning-potential.md"
MODEL = PotentialModel()
NUMBER = r"(\d+(?:\.\d+)?)"


class Reader:
    """The document's body, from which each check takes (blanks) what it has read."""

    def __init__(self, text: str) -> None:
        self.text = text

    def take(self, pattern: str, flags: int = 0) -> re.Match[str]:
        """The one match of ``pattern`` (whitespace-insensitive), blanked afterwards."""
        compiled = re.compile(pattern.replace(" ", r"\s+"), flags)
        matches = list(compiled.finditer(self.text))
        assert len(matches) == 1, f"{pattern!r} found {len(matches)} times in the document"
        match = matches[0]
        self.text = self.text[: match.start()] + " " + self.text[match.end() :]
        return match

    def table(self, header: str) -> list[list[str]]:
        """The markdown table whose first row starts with ``header``, as cells."""
        match = self.take(rf"^\| {header}[^\n]*\n(?:\|[^\n]*\n?)+", re.MULTILINE)
        rows = [
            [cell.strip() for cell in line.strip().strip("|").split("|")]
            for line in match.group(0).strip().splitlines()
        ]
        return [rows[0], *rows[2:]]  # without the | --- | line


def weighted_sum(reader: Reader, left: str, parts: tuple[str, ...]) -> dict[str, float]:
    terms = r" \+ ".join(rf"{NUMBER} × {part}" for part in parts)
    match = reader.take(rf"`{left} = {terms}`")
    return {part: float(match.group(i + 1)) for i, part in enumerate(parts)}


def normalised(weights: dict[str, float]) -> dict[str, float]:
    total = sum(weights.values())
    return {k: round(v / total, 12) for k, v in weights.items()}


@pytest.fixture(scope="module")
def reader() -> Reader:
    raw = DOCUMENT.read_text("utf-8")
    return Reader(raw.split("## Sources")[0])


def check_weights(r: Reader) -> None:
    formula = weighted_sum(r, "potential", ("boundary", "mechanism", "themes", "activity"))
    table = r.table("component")
    assert table[0][:2] == ["component", "weight"]
    listed = {row[0].strip("`"): float(row[1]) for row in table[1:]}
    assert formula == listed == dict(MODEL.weights)


def check_boundary(r: Reader) -> None:
    sentence = r.take(rf"Same org_type and sector: {NUMBER}; a sector missing on either end")
    assert float(sentence.group(1)) == MODEL.boundary("school", "mbo", "school", "mbo")
    assert MODEL.boundary("school", "mbo", "school", None) == float(sentence.group(1))
    other = r.take(
        rf"other sector \(an mbo school and an hbo school\): {NUMBER} \(`other_sector`\)"
    )
    assert (
        float(other.group(1))
        == MODEL.other_sector
        == MODEL.boundary("school", "mbo", "school", "hbo")
    )
    unknown = r.take(rf"Either end `unknown`: {NUMBER} \(`unknown_practice`\)")
    assert float(unknown.group(1)) == MODEL.unknown_practice
    assert MODEL.boundary("unknown", None, "school", "mbo") == MODEL.unknown_practice
    table = r.table(r"\| school")
    columns = table[0][1:]
    assert [row[0] for row in table[1:]] == columns
    assert set(columns) == {
        "school",
        "company",
        "government",
        "knowledge_institute",
        "sector_body",
        "other",
    }
    for i, row in enumerate(table[1:]):
        for j, cell in enumerate(row[1:]):
            a, b = columns[i], columns[j]
            if j < i:
                assert cell == "", (a, b)
            elif j == i:
                assert float(cell) == MODEL.boundary(a, "x", b, "x"), a
            else:
                assert float(cell) == MODEL.distance(a, b) == MODEL.distance(b, a), (a, b)
                assert MODEL.boundary(a, None, b, None) == float(cell)


def check_mechanisms(r: Reader) -> None:
    match = r.take(
        rf"identification {NUMBER}, coordination {NUMBER}, reflection {NUMBER}, "
        rf"transformation {NUMBER}\. None recorded: {NUMBER}\."
    )
    values = [float(v) for v in match.groups()]
    assert dict(zip(MODEL.mechanism_scores, values[:4], strict=True)) == dict(
        MODEL.mechanism_scores
    )
    assert list(MODEL.mechanism_scores) == [
        "identification",
        "coordination",
        "reflection",
        "transformation",
    ]
    assert values[4] == MODEL.mechanism([None, ""])


def check_themes(r: Reader) -> None:
    match = r.take(
        rf"counts {NUMBER} \(`boundary_object_weight`\), "
        rf"any other theme {NUMBER} \(`theme_weight`\)"
    )
    assert float(match.group(1)) == MODEL.boundary_object_weight
    assert float(match.group(2)) == MODEL.theme_weight
    formula = r.take(
        rf"`themes = min\({NUMBER}, weighted count / {NUMBER}\)` \(`themes_saturation`\)"
    )
    assert float(formula.group(2)) == MODEL.themes_saturation
    assert MODEL.themes({f"t{i}": True for i in range(9)}) == float(formula.group(1))


def check_activity(r: Reader) -> None:
    split = weighted_sum(r, "activity", ("recency", "frequency"))
    assert normalised(split) == normalised(dict(MODEL.activity_weights))
    assert split == dict(MODEL.activity_weights)
    decay = r.take(
        rf"`recency = {NUMBER} \^ \(years since it ended / {NUMBER}\)`, a half-life of {NUMBER} "
        r"years \(`half_life_years`\)"
    )
    assert float(decay.group(1)) == 0.5  # what a half-life is
    assert float(decay.group(2)) == float(decay.group(3)) == MODEL.half_life_years
    at = dt.date(2024, 1, 1)
    ended = at - dt.timedelta(days=round(MODEL.half_life_years * 365.25))
    assert MODEL.recency(ended, at) == pytest.approx(0.5, abs=1e-3)
    running = r.take(rf"has ended no years ago and scores {NUMBER}\.")
    assert float(running.group(1)) == MODEL.recency(None, at) == MODEL.recency(at, at)
    frequency = r.take(rf"`min\({NUMBER}, value / {NUMBER}\)` \(`frequency_saturation`\)")
    assert float(frequency.group(2)) == MODEL.frequency_saturation
    assert float(frequency.group(1)) == MODEL.activity(0.0, 1e9) / MODEL.activity_weights[
        "frequency"
    ] * sum(MODEL.activity_weights.values())
    unknown = r.take(rf"context\): {NUMBER} \(`unknown_frequency`")
    assert float(unknown.group(1)) == MODEL.unknown_frequency


def check_paths(r: Reader) -> None:
    size = r.take(rf"more than {NUMBER} members, `max_context_size`")
    assert int(size.group(1)) == MODEL.max_context_size
    cost = r.take(rf"`Σ \({NUMBER} − potential\(hop\) \+ {NUMBER}\)` \(`hop_penalty`\)")
    assert float(cost.group(1)) == 1  # a potential of 1 costs only the hop penalty
    assert float(cost.group(2)) == MODEL.hop_penalty


def check_recommendations(r: Reader) -> None:
    cutoff = r.take(rf"at most {NUMBER} hops away \(`recommendation_cutoff`\)")
    assert int(cutoff.group(1)) == MODEL.recommendation_cutoff
    would_be = r.take(
        rf"no mechanism yet \({NUMBER}\), and activity {NUMBER} \(`recommendation_activity`"
    )
    assert float(would_be.group(1)) == 0
    assert float(would_be.group(2)) == MODEL.recommendation_activity
    weights = weighted_sum(r, "recommendation", ("boundary", "themes", "proximity"))
    assert weights == dict(MODEL.recommendation_weights)
    table = r.table("hops away")
    assert table[0] == ["hops away", "proximity"]
    assert {int(row[0]): float(row[1]) for row in table[1:]} == dict(MODEL.proximities)


def check_example(r: Reader, demo: PotentialGraph) -> None:
    quoted = r.take(r"^> (.+)$", re.MULTILINE).group(1)
    a, b = quoted.split(":")[0].split(" → ")
    ids = {demo.name(n): n for n in demo.actors}
    assert demo.explain(ids[a], ids[b]) == quoted


def check_example_file(r: Reader) -> None:
    block = r.take(r"```json\n(.+?)\n```", re.DOTALL).group(1)
    model = model_from_json(block, "the example")
    given = json.loads(block)
    for name, value in given.items():
        if isinstance(value, dict):  # a table given in part: the rest keep their defaults
            table = getattr(model, name)
            for key, default in getattr(MODEL, name).items():
                assert table[key] == value.get(str(key), default), (name, key)
        else:
            assert getattr(model, name) == value, name
    for name in set(PotentialModel.model_fields) - set(given):
        assert getattr(model, name) == getattr(MODEL, name), name


def check_words(r: Reader) -> None:
    """What is left: citations in the text (their years are in the sources) and no
    other digit."""
    r.text = re.sub(r"[A-Z][\w-]+(?:\s+&\s+[A-Z][\w-]+)?\s+\(?(?:19|20)\d\d\)?", " ", r.text)
    leftover = re.findall(r".{0,30}\d.{0,30}", r.text)
    assert not leftover, f"numbers in the document that no check reads: {leftover}"


CHECKS: list[Callable[[Reader], None]] = [
    check_weights,
    check_boundary,
    check_mechanisms,
    check_themes,
    check_activity,
    check_paths,
    check_recommendations,
    check_example_file,
]


def test_every_number_of_the_document_is_the_code_s(
    reader: Reader, demo_store: SQLiteStore
) -> None:
    for check in CHECKS:
        check(reader)
    demo = PotentialGraph(filter_view(demo_store.load_graph("demo")), at=dt.date(2024, 1, 1))
    check_example(reader, demo)
    check_words(reader)
