"""The learning-potential model: every number of ``docs/learning-potential.md`` as a
field of :class:`PotentialModel`, its defaults, and how a tie's :class:`Score` is made.

Examples
--------
>>> m = PotentialModel()
>>> m.boundary("school", "mbo", "company", "bouw")
1.0
>>> m.boundary("school", "mbo", "school", "hbo")
0.25
>>> round(m.score(boundary=1.0, mechanism=0.5, themes=1 / 3, activity=0.75).total, 4)
0.6917
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator
from pydantic import Field as PydanticField

from graph.analysis.subgraphs import MAX_CONTEXT_SIZE
from graph.model import Mechanism, OrgType

__all__ = ["COMPONENTS", "PotentialModel", "Score", "model_from_json"]

_ORG_TYPES = tuple(t.value for t in OrgType)
COMPONENTS = ("boundary", "mechanism", "themes", "activity")


def _default_distances() -> dict[str, dict[str, float]]:
    """The distance table of the document, upper triangle (row → column)."""
    return {
        "school": {
            "company": 1.0,
            "government": 0.75,
            "knowledge_institute": 0.5,
            "sector_body": 0.5,
            "other": 0.5,
        },
        "company": {
            "government": 0.75,
            "knowledge_institute": 0.75,
            "sector_body": 0.5,
            "other": 0.5,
        },
        "government": {"knowledge_institute": 0.5, "sector_body": 0.5, "other": 0.5},
        "knowledge_institute": {"sector_body": 0.5, "other": 0.5},
        "sector_body": {"other": 0.5},
    }


@dataclass(frozen=True)
class Score:
    """A tie's potential and the four components it is made of (each 0–1)."""

    total: float
    boundary: float
    mechanism: float
    themes: float
    activity: float


Unit = Annotated[float, PydanticField(ge=0, le=1)]
NonNegative = Annotated[float, PydanticField(ge=0)]


class PotentialModel(BaseModel):
    """Every number of the model; see ``docs/learning-potential.md``.

    Made from JSON (``--weights FILE.json`` on the CLI, ``weights=`` in the API): a
    field left out keeps its default; a table (``weights``, ``distances``,
    ``mechanism_scores``, ``activity_weights``, ``recommendation_weights``,
    ``proximities``) given in part keeps the default of the entries left out.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    weights: dict[str, NonNegative] = PydanticField(
        default_factory=lambda: {
            "boundary": 0.35,
            "mechanism": 0.25,
            "themes": 0.20,
            "activity": 0.20,
        },
        description="a tie's score: the weight of each component (normalised to sum to 1)",
    )
    distances: dict[str, dict[str, Unit]] = PydanticField(
        default_factory=_default_distances,
        description="boundary: the distance between two org_types (either order)",
    )
    other_sector: Unit = PydanticField(
        default=0.25, description="boundary: same org_type, other sector"
    )
    unknown_practice: Unit = PydanticField(default=0.25, description="boundary: either end unknown")
    mechanism_scores: dict[str, Unit] = PydanticField(
        default_factory=lambda: {
            "identification": 0.25,
            "coordination": 0.5,
            "reflection": 0.75,
            "transformation": 1.0,
        },
        description="mechanism: the score of each learning mechanism",
    )
    boundary_object_weight: NonNegative = PydanticField(
        default=1.5, description="themes: what a shared boundary object counts"
    )
    theme_weight: NonNegative = PydanticField(
        default=1.0, description="themes: what any other theme counts"
    )
    themes_saturation: float = PydanticField(
        default=3.0, gt=0, description="themes: the weighted count that scores 1"
    )
    activity_weights: dict[str, NonNegative] = PydanticField(
        default_factory=lambda: {"recency": 0.5, "frequency": 0.5},
        description="activity: the weight of recency and of frequency (normalised)",
    )
    half_life_years: float = PydanticField(
        default=2.0,
        gt=0,
        description="activity: years after its end in which a tie's recency halves",
    )
    frequency_saturation: float = PydanticField(
        default=4.0, gt=0, description="activity: the frequency that scores 1"
    )
    unknown_frequency: Unit = PydanticField(
        default=0.5, description="activity: no frequency recorded"
    )
    hop_penalty: NonNegative = PydanticField(
        default=0.1, description="paths: the cost added per hop"
    )
    max_context_size: int = PydanticField(
        default=MAX_CONTEXT_SIZE,
        ge=2,
        description="a network or activity with more members is not a hop between them",
    )
    recommendation_weights: dict[str, NonNegative] = PydanticField(
        default_factory=lambda: {"boundary": 0.45, "themes": 0.35, "proximity": 0.20},
        description="recommendations: the weight of each part (normalised)",
    )
    recommendation_cutoff: int = PydanticField(
        default=3, ge=1, description="recommendations: candidates are at most this many hops away"
    )
    proximities: dict[int, Unit] = PydanticField(
        default_factory=lambda: {1: 1.0, 2: 1.0, 3: 0.5},
        description="recommendations: proximity by hops away",
    )
    recommendation_activity: Unit = PydanticField(
        default=0.5, description="recommendations: the activity a tie not yet made is given"
    )

    @model_validator(mode="before")
    @classmethod
    def _merge_tables(cls, data: Any) -> Any:
        """Tables given in part keep the default of the entries left out."""
        if not isinstance(data, dict):
            return data
        merged = dict(data)
        for name, field_info in cls.model_fields.items():
            given = data.get(name)
            if not isinstance(given, dict) or field_info.default_factory is None:
                continue
            default = field_info.default_factory()  # type: ignore[call-arg]
            if name == "distances":
                table = {row: dict(columns) for row, columns in default.items()}
                for row, columns in given.items():
                    if not isinstance(columns, dict):
                        raise ValueError(f"distances: {row!r} needs a table of org_types")
                    table.setdefault(str(row), {}).update(columns)
                merged[name] = table
            else:
                merged[name] = {**default, **{str(k): v for k, v in given.items()}}
        if isinstance(data.get("proximities"), dict) and "recommendation_cutoff" in data:
            # the defaults beyond a shorter cutoff fall away; given ones are checked
            cutoff = data["recommendation_cutoff"]
            given = {str(k) for k in data["proximities"]}
            merged["proximities"] = {
                k: v
                for k, v in merged["proximities"].items()
                if k in given or not str(k).isdigit() or int(k) <= int(cutoff)
            }
        return merged

    @model_validator(mode="after")
    def _check_tables(self) -> PotentialModel:
        _keys("weights", self.weights, COMPONENTS)
        _keys("mechanism_scores", self.mechanism_scores, tuple(m.value for m in Mechanism))
        _keys("activity_weights", self.activity_weights, ("recency", "frequency"))
        _keys(
            "recommendation_weights",
            self.recommendation_weights,
            ("boundary", "themes", "proximity"),
        )
        for weights in (self.weights, self.activity_weights, self.recommendation_weights):
            _total(weights)
        for row, columns in self.distances.items():
            _keys("distances", {row: 0, **columns}, _ORG_TYPES)
        for a, b in itertools.combinations(_ORG_TYPES, 2):
            there, back = self.distances.get(a, {}).get(b), self.distances.get(b, {}).get(a)
            if there is None and back is None:
                raise ValueError(f"distances: no distance between {a} and {b}")
            if there is not None and back is not None and there != back:
                raise ValueError(f"distances: {a}→{b} is {there} but {b}→{a} is {back}")
        wanted = set(range(1, self.recommendation_cutoff + 1))
        if set(self.proximities) != wanted:
            raise ValueError(
                f"proximities: give one for each of 1 to {self.recommendation_cutoff} hops "
                f"(the recommendation_cutoff), not {sorted(self.proximities)}"
            )
        return self

    def __hash__(self) -> int:  # its tables are dicts: hashed by its JSON
        return hash(self.model_dump_json())

    def distance(self, org_type_a: str, org_type_b: str) -> float:
        """The table's distance between two different org_types (either order)."""
        there = self.distances.get(org_type_a, {}).get(org_type_b)
        return there if there is not None else self.distances.get(org_type_b, {})[org_type_a]

    def boundary(
        self, practice_a: str, sector_a: str | None, practice_b: str, sector_b: str | None
    ) -> float:
        """Distance between two practices (0 = the same practice); a missing sector on
        either end counts as the same sector."""
        if "unknown" in (practice_a, practice_b):
            return self.unknown_practice
        if practice_a == practice_b:
            if sector_a and sector_b and sector_a != sector_b:
                return self.other_sector
            return 0.0
        return self.distance(practice_a, practice_b)

    def mechanism(self, mechanisms: Iterable[str | None]) -> float:
        """The deepest mechanism's score, 0 when none is recorded."""
        return max((self.mechanism_scores.get(m or "", 0.0) for m in mechanisms), default=0.0)

    def themes(self, shared: Mapping[str, bool]) -> float:
        """``shared``: theme id → whether it is a boundary object."""
        weighted = sum(
            self.boundary_object_weight if bo else self.theme_weight for bo in shared.values()
        )
        return min(1.0, weighted / self.themes_saturation)

    def recency(self, ended: dt.date | None, at: dt.date) -> float:
        """1 while running (``ended`` none or not before ``at``), else halving every
        ``half_life_years`` after the end."""
        if ended is None or ended >= at:
            return 1.0
        years = (at - ended).days / 365.25
        return float(0.5 ** (years / self.half_life_years))

    def activity(self, recency: float, frequency: float | None) -> float:
        """Recency and frequency (``None``: not recorded), weighted."""
        freq = (
            self.unknown_frequency
            if frequency is None
            else min(1.0, frequency / self.frequency_saturation)
        )
        w = self.activity_weights
        return (w["recency"] * recency + w["frequency"] * freq) / _total(w)

    def score(self, *, boundary: float, mechanism: float, themes: float, activity: float) -> Score:
        """The weighted sum of the four components."""
        parts = {
            "boundary": boundary,
            "mechanism": mechanism,
            "themes": themes,
            "activity": activity,
        }
        total = sum(self.weights[k] * v for k, v in parts.items()) / _total(self.weights)
        return Score(total, boundary, mechanism, themes, activity)

    def recommendation(self, *, boundary: float, themes: float, proximity: float) -> float:
        """A candidate's rank score."""
        w = self.recommendation_weights
        parts = {"boundary": boundary, "themes": themes, "proximity": proximity}
        return sum(w[k] * v for k, v in parts.items()) / _total(w)


def _keys(table: str, given: Mapping[Any, Any], accepted: tuple[str, ...]) -> None:
    unknown = [str(k) for k in given if str(k) not in accepted]
    if unknown:
        raise ValueError(f"{table}: unknown {', '.join(unknown)}; use {', '.join(accepted)}")


def _total(weights: Mapping[str, float]) -> float:
    total = sum(weights.values())
    if total <= 0:
        raise ValueError("weights that sum to 0 weigh nothing")
    return total


def model_from_json(text: str, source: str = "weights") -> PotentialModel:
    """A :class:`PotentialModel` from JSON text (a file given with ``--weights``, or the
    API's ``weights``).

    Parameters
    ----------
    text : str
        A JSON object of the model's fields; a field left out keeps its default.
    source : str, default "weights"
        What the text came from, for messages.

    Returns
    -------
    PotentialModel
        The model.

    Raises
    ------
    ValueError
        Naming ``source``, line and column, or each field and what is wrong with it.

    Examples
    --------
    >>> model_from_json('{"hop_penalty": 0.2}').hop_penalty
    0.2
    >>> model_from_json('{"hop_penalty": }', "w.json")
    Traceback (most recent call last):
    ...
    ValueError: w.json: line 1, column 17: Expecting value
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{source}: line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    if not isinstance(data, dict):
        raise ValueError(f"{source}: expected a JSON object of the model's fields")
    try:
        return PotentialModel.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'model'}: "
            + e["msg"].removeprefix("Value error, ")
            for e in exc.errors()
        )
        raise ValueError(f"{source}: {problems}") from None
