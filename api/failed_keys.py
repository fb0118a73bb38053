"""Failed key checks counted in a sliding window, per client address and in all
(:class:`api.gate.Gate` and the login form answer 429 past a limit)."""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable

__all__ = ["FailedKeys"]


class FailedKeys:
    """Failed key checks in a sliding window, per address and in all.

    >>> failed = FailedKeys(per_address=2, overall=10, window=60, clock=lambda: 0.0)
    >>> failed.record("1.2.3.4"); failed.record("1.2.3.4")
    >>> failed.wait("1.2.3.4"), failed.wait("5.6.7.8")
    (60, 0)
    """

    def __init__(
        self,
        per_address: int,
        overall: int,
        window: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_address, self.overall, self.window = per_address, overall, window
        self._clock = clock
        self._by_address: dict[str, deque[float]] = {}
        self._all: deque[float] = deque()
        self._lock = threading.Lock()

    def _prune(self, times: deque[float], now: float) -> None:
        while times and times[0] <= now - self.window:
            times.popleft()

    def wait(self, address: str) -> int:
        """Seconds until ``address`` may try a key again (0: now)."""
        now = self._clock()
        with self._lock:
            self._prune(self._all, now)
            mine = self._by_address.get(address, deque())
            self._prune(mine, now)
            waits = []
            if len(mine) >= self.per_address:
                waits.append(mine[0] + self.window - now)
            if len(self._all) >= self.overall:
                waits.append(self._all[0] + self.window - now)
        return max(1, math.ceil(max(waits))) if waits else 0

    def record(self, address: str) -> None:
        """Count one failed check from ``address``."""
        now = self._clock()
        with self._lock:
            self._by_address.setdefault(address, deque()).append(now)
            self._all.append(now)
            if len(self._by_address) > self.MAX_ADDRESSES:
                self._forget(now)

    def refuse(self, address: str) -> int:
        """A failed check from ``address``: the seconds it must wait before its next
        wrong key is answered (0: answer this one as wrong). Counted only while under
        the limits, so a flood costs no more memory than the limits allow."""
        wait = self.wait(address)
        if not wait:
            self.record(address)
        return wait

    #: the most addresses remembered (each with at most ``per_address`` times)
    MAX_ADDRESSES = 10_000

    def _forget(self, now: float) -> None:
        """Drop the addresses whose failures left the window, then the oldest ones."""
        for address in list(self._by_address):
            self._prune(self._by_address[address], now)
            if not self._by_address[address]:
                del self._by_address[address]
        for address in list(self._by_address)[: len(self._by_address) - self.MAX_ADDRESSES // 2]:
            del self._by_address[address]
