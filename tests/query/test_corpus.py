"""The corpus of researcher questions (graph/store/query/questions.py) gives the same
rows on the embedded engine (over the SQLite store) and on the real Neo4j server with
the same workspace written in the query model: row for row in order where the query
orders, as multisets otherwise, floats within compare.REL_TOL."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from graph.store.query import QUESTIONS, QueryEngines, Question
from graph.store.query.model import model_rows
from graph.store.sqlite import SQLiteStore
from tests.conftest import Neo4jTarget
from tests.query.compare import difference, plain
from tests.query.neo4j_model import write_model

pytestmark = pytest.mark.neo4j


def engine_rows(
    engines: QueryEngines, store: SQLiteStore, question: Question
) -> tuple[list[str], list[list[Any]]]:
    workspace = question.workspace
    answer = engines.answer(
        (workspace, store.version(workspace)),
        lambda: store.load_graph(workspace),
        question.cypher,
        limit=10_000,
        timeout_s=60,
    )
    assert not answer.truncated
    return answer.columns, answer.rows


@pytest.fixture(scope="module")
def neo4j_answers(
    neo4j_target: Neo4jTarget, query_store: SQLiteStore
) -> Iterator[dict[str, tuple[list[str], list[list[Any]]]]]:
    """Every question's columns and rows on Neo4j, each workspace written alone."""
    import neo4j

    answers: dict[str, tuple[list[str], list[list[Any]]]] = {}
    auth = (neo4j_target.user, neo4j_target.password or "")
    with (
        neo4j.GraphDatabase.driver(neo4j_target.uri, auth=auth) as driver,
        driver.session(database=neo4j_target.database) as session,
    ):
        for workspace in sorted({q.workspace for q in QUESTIONS}):
            write_model(session, model_rows(query_store.load_graph(workspace)))
            for question in QUESTIONS:
                if question.workspace == workspace:
                    result = session.run(question.cypher)
                    keys = list(result.keys())
                    answers[question.key] = (keys, [plain(list(r.values())) for r in result])
        session.run("MATCH (n) DETACH DELETE n").consume()
    yield answers


@pytest.mark.parametrize("question", QUESTIONS, ids=[q.key for q in QUESTIONS])
def test_the_same_rows_on_both_backends(
    question: Question,
    neo4j_answers: dict[str, tuple[list[str], list[list[Any]]]],
    engines: QueryEngines,
    query_store: SQLiteStore,
) -> None:
    expected_columns, expected = neo4j_answers[question.key]
    columns, rows = engine_rows(engines, query_store, question)
    assert expected, f"{question.key}: Neo4j gives no rows; the question tests nothing"
    assert columns == expected_columns
    problem = difference(expected, rows, question.ordered)
    assert problem is None, f"{question.key}: {problem}"


def test_the_corpus_asks_what_researchers_ask() -> None:
    """At least 30 questions, covering the kinds the issue names."""
    texts = [q.cypher for q in QUESTIONS]
    assert len(texts) >= 30
    for needle in ("OPTIONAL MATCH", "*1..", "ORDER BY", "LIMIT", "count(", "avg(", "date("):
        assert any(needle in t for t in texts), needle
    assert sum(q.workspace == "voorbeeld-roc" for q in QUESTIONS) >= 10
    assert all(q.nl and q.en for q in QUESTIONS)
