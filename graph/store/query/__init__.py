"""Analysts' read-only Cypher on every backend: an embedded engine (Ladybug) over a
copy of one workspace in the query model (``docs/query.md``).

* :mod:`~graph.store.query.model`: the labels, types and properties a query sees, and
  a workspace's rows in that model;
* :mod:`~graph.store.query.guard`: one statement that only reads, checked before
  anything runs;
* :mod:`~graph.store.query.ladybug_db`: the copy in Ladybug, opened read-only;
* :mod:`~graph.store.query.worker` and :mod:`~graph.store.query.engines`: the copy in a
  child process with hard time and memory limits, a few kept per process;
* :mod:`~graph.store.query.questions`: the researchers' corpus and the page's examples.
"""

from __future__ import annotations

from graph.store.query.answer import Answer
from graph.store.query.engines import QueryEngines
from graph.store.query.errors import QueryError, QueryKind, QueryRefused
from graph.store.query.questions import EXAMPLES, QUESTIONS, Question

__all__ = [
    "EXAMPLES",
    "QUESTIONS",
    "Answer",
    "QueryEngines",
    "QueryError",
    "QueryKind",
    "QueryRefused",
    "Question",
]
