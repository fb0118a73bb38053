"""One researcher question of the corpus (:mod:`graph.store.query.questions`)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Question", "question"]


@dataclass(frozen=True)
class Question:
    """One researcher question."""

    key: str
    nl: str
    en: str
    cypher: str
    workspace: str = "demo"
    ordered: bool = True
    example: bool = False


def question(key: str, nl: str, en: str, cypher: str, **options: object) -> Question:
    text = "\n".join(line.strip() for line in cypher.strip().splitlines())
    return Question(key, nl, en, text, **options)  # type: ignore[arg-type]
