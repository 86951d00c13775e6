"""Counting events per key in a sliding window, so no one can flood a room or guess codes."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from threading import Lock

MAX_KEYS = 100_000


class RateLimiter:
    """At most ``count`` hits per ``window`` seconds for each key, kept in this process.

    Keys are connections (which live in one process) or addresses.
    """

    def __init__(self, count: int, window: float, clock: Callable[[], float] = time.monotonic):
        self.count, self.window, self.clock = count, window, clock
        self._hits: dict[str, deque[float]] = {}
        self._lock = Lock()

    def hit(self, key: str) -> bool:
        """Record one event for ``key``; False when it is over the limit (and then not recorded)."""
        now = self.clock()
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            if len(hits) >= self.count:
                return False
            hits.append(now)
            if len(self._hits) > MAX_KEYS:
                self._prune(now)
            return True

    def exhausted(self, key: str) -> bool:
        """Whether ``key`` has used up its hits, without recording one."""
        now = self.clock()
        with self._lock:
            hits = self._hits.get(key, ())
            return sum(1 for t in hits if t > now - self.window) >= self.count

    def forget(self, key: str) -> None:
        with self._lock:
            self._hits.pop(key, None)

    def _prune(self, now: float) -> None:
        for key in [
            k for k, hits in self._hits.items() if not hits or hits[-1] <= now - self.window
        ]:
            del self._hits[key]
