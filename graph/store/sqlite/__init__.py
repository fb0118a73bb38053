"""The embedded backend: the store contract on one SQLite file (:class:`SQLiteStore`).

Its rooms: the store itself (:mod:`~graph.store.sqlite.store`), the schema and its
migrations (:mod:`~graph.store.sqlite.schema`), the rows of the shared upsert and of
the change log (:mod:`~graph.store.sqlite.upsert`, :mod:`~graph.store.sqlite.log`),
and the data beside the graph: keys and sessions, surveys, share links and views
(:mod:`~graph.store.sqlite.access`, :mod:`~graph.store.sqlite.surveys`,
:mod:`~graph.store.sqlite.sharing`).
"""

from __future__ import annotations

from graph.store.sqlite.schema import MIGRATIONS
from graph.store.sqlite.store import SQLiteStore

__all__ = ["MIGRATIONS", "SQLiteStore"]
