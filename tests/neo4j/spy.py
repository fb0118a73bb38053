"""What the ``neo4j`` driver sends to the real server, seen from this process.

:class:`DriverSpy` wraps three places of the official driver (a transaction opening, a
statement run in it or alone, a commit) for the duration of a test, so a test of the
Neo4j store can say which statements it sent in which transactions, and can act at a
chosen moment: cut the connection under a write, stop the server in the middle of an
import, end a transaction from another session. The server is the real one throughout.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from neo4j._sync.work import session as _session
from neo4j._sync.work import transaction as _transaction

from graph.store.neo4j import cypher


def label(query: str) -> str:
    """The name of the statement constant ``query`` is, or the query itself."""
    return next((name for name, text in cypher.ALL_STATEMENTS.items() if text == query), query)


@dataclass
class Sent:
    """One transaction as the driver opened it: ``mode`` ``r`` or ``w`` (``auto`` for a
    statement run on its own), its timeout, the statements' names, and whether it was
    committed."""

    mode: str
    timeout: float | None
    statements: list[str] = field(default_factory=list)
    committed: bool = False
    bookmarks: frozenset[str] = frozenset()


#: a hook is called with the transaction (or session) and the statement's name
Hook = Callable[[Any, str], None]


class DriverSpy:
    """Records every transaction the driver opens while it is installed."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.sent: list[Sent] = []
        #: called before a statement of that name is sent (in a transaction)
        self.before_run: dict[str, Hook] = {}
        #: called when it was sent and its first batch of records asked for
        self.after_run: dict[str, Hook] = {}
        #: called before a transaction that ran the named statement sends its COMMIT
        self.before_commit: dict[str, Hook] = {}
        spy = self
        open_transaction = _session.Session._open_transaction
        run_in = _transaction.TransactionBase.run
        run_alone = _session.Session.run
        commit = _transaction.TransactionBase._commit

        def opened(session: Any, *args: Any, **kwargs: Any) -> Any:
            mode = "r" if kwargs.get("access_mode") == "READ" else "w"
            bookmarks = frozenset(session._config.bookmark_manager.get_bookmarks())
            spy.sent.append(Sent(mode, kwargs.get("timeout"), bookmarks=bookmarks))
            return open_transaction(session, *args, **kwargs)

        def ran(tx: Any, query: str, /, *args: Any, **kwargs: Any) -> Any:
            name = label(query)
            if spy.sent:
                spy.sent[-1].statements.append(name)
            hook = spy.before_run.get(name)
            if hook is not None:
                hook(tx, name)
            result = run_in(tx, query, *args, **kwargs)
            hook = spy.after_run.get(name)
            if hook is not None:
                hook(tx, name)
            return result

        def ran_alone(session: Any, query: Any, /, *args: Any, **kwargs: Any) -> Any:
            spy.sent.append(Sent("auto", None, [label(str(query))]))
            return run_alone(session, query, *args, **kwargs)

        def committed(tx: Any) -> Any:
            current = spy.sent[-1] if spy.sent else None
            for name, hook in list(spy.before_commit.items()):
                if current is not None and name in current.statements:
                    hook(tx, name)
            bookmark = commit(tx)
            if current is not None:
                current.committed = True
            return bookmark

        monkeypatch.setattr(_session.Session, "_open_transaction", opened)
        monkeypatch.setattr(_transaction.TransactionBase, "run", ran)
        monkeypatch.setattr(_session.Session, "run", ran_alone)
        monkeypatch.setattr(_transaction.TransactionBase, "_commit", committed)

    def since(self, start: int) -> list[tuple[str, list[str]]]:
        """The transactions from number ``start`` on: their mode and statements."""
        return [(s.mode, s.statements) for s in self.sent[start:]]

    def statements(self) -> set[str]:
        return {name for sent in self.sent for name in sent.statements}


def cut_connection(tx: Any) -> None:
    """Shut the socket of a transaction's connection down, as a network fault does: the
    server sees the connection drop and rolls its transaction back."""
    tx._connection.socket._socket.shutdown(socket.SHUT_RDWR)


def cut_after_commit_is_sent(tx: Any) -> None:
    """Let the transaction send its COMMIT, then cut the connection before the answer is
    read: the client cannot know whether the server committed."""
    connection = tx._connection
    fetch_all = connection.fetch_all

    def cut_then_fetch() -> Any:
        connection.socket._socket.shutdown(socket.SHUT_RDWR)
        return fetch_all()

    connection.fetch_all = cut_then_fetch
