"""The driver's side of the Neo4j backend: its settings (a stopped server noticed within
a timeout), its errors as one line, and a write too large for one transaction ended at
once instead of retried."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from graph.errors import StoreError, StoreUnavailable

try:
    from neo4j.exceptions import Neo4jError
except ImportError as exc:  # pragma: no cover - the driver is a core dependency
    raise ImportError(
        "the Neo4j backend needs the 'neo4j' driver: pip install 'neo4j>=5.20'"
    ) from exc

__all__ = [
    "DEFAULT_TIMEOUT_S",
    "Neo4jUnavailable",
    "TransactionTooLarge",
    "driver_options",
]

T = TypeVar("T")


class Neo4jUnavailable(StoreUnavailable):
    """Neo4j cannot be reached (or the connection broke)."""


#: How long, in seconds, a call waits for a Neo4j that does not answer before it gives
#: up with :class:`Neo4jUnavailable` (``GRENSWERK_NEO4J_TIMEOUT_S``).
DEFAULT_TIMEOUT_S = 5.0


def driver_options(timeout: float) -> dict[str, Any]:
    """The driver's settings: a stopped or unreachable server is noticed within about
    ``timeout`` seconds (connecting, and the managed transactions' retries of a lost
    server stop then; a connection from the pool, with a new connection's handshake and
    login, is waited for twice as long), never the driver's defaults
    of 30 to 60 s, so a web request answers 503 instead of hanging. The server's
    notifications are not asked for: they would be printed on the user's console
    ("property key does not exist" on an empty database)."""
    return {
        "connection_timeout": timeout,
        # a new connection's handshake and login count too: twice as long for them
        "connection_acquisition_timeout": 2 * timeout,
        "max_transaction_retry_time": timeout,
        "notifications_min_severity": "OFF",
    }


def _one_line(exc: Exception) -> str:
    """A driver error as one line: its code and message, without the GQL status."""
    if isinstance(exc, Neo4jError):
        text = f"({exc.code}): {exc.message}" if exc.code else str(exc.message or exc)
    else:
        text = str(exc) or type(exc).__name__
    return " ".join(text.split())


class TransactionTooLarge(StoreError):
    """A write needs more memory than Neo4j gives one transaction; nothing was written."""


def _too_large_is_final(work: Callable[[Any], T]) -> Callable[[Any], T]:
    """``work``, but a transaction over Neo4j's memory limit ends the write at once: the
    server calls it transient, so the driver would run the whole write again (and fail
    again) for as long as it retries."""

    def bounded(tx: Any) -> T:
        try:
            return work(tx)
        except Neo4jError as exc:
            if "MemoryPoolOutOfMemoryError" not in (exc.code or ""):
                raise
            raise TransactionTooLarge(
                "the write is too large for one Neo4j transaction, nothing was written "
                f"({_one_line(exc)}); give Neo4j more memory (its heap, NEO4J_HEAP in "
                "docker compose, and dbms.memory.transaction.total.max) or import the "
                "files in parts"
            ) from exc

    return bounded
