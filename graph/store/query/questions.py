"""Researcher questions in Cypher (written in :mod:`~graph.store.query.corpus_demo` and
:mod:`~graph.store.query.corpus_roc`): the corpus that runs on the embedded engine and on
Neo4j with the same rows (``tests/query/test_corpus.py``), and the examples the page
*Vragen* offers (those marked ``example``: they name no node, so they answer on every
workspace).

Each question says what it asks in Dutch and English, which workspace the corpus runs
it on, and whether its rows come in a defined order (``ordered``: the query's
``ORDER BY`` decides every row's place; otherwise the rows are compared as a multiset).

Examples
--------
>>> len(QUESTIONS) >= 30
True
>>> all(q.cypher.lstrip().upper().startswith(("MATCH", "OPTIONAL", "UNWIND", "WITH", "RETURN"))
...     for q in QUESTIONS)
True
"""

from __future__ import annotations

from graph.store.query.corpus_demo import DEMO
from graph.store.query.corpus_roc import ROC
from graph.store.query.question import Question, question

__all__ = ["EXAMPLES", "QUESTIONS", "Question", "question"]

#: Every question of the corpus: on the demo network, then on the fictional ROC.
QUESTIONS: list[Question] = [*DEMO, *ROC]

#: The questions the page *Vragen* offers (they name no node of a workspace).
EXAMPLES: list[Question] = [q for q in QUESTIONS if q.example]
