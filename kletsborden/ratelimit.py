"""Counting events per key in a moving window, so no one can flood a room or guess codes.

``hit`` counts and decides in one atomic step, so of N parallel hits at most ``count`` are let
through. Counts about connections stay in the process that holds the connection. Counts about
addresses and accounts must hold across processes: with a message queue configured they are the
``limits`` package's moving window in the same Redis, and while that Redis cannot be reached,
counted in this process (never: not at all).

In this process the counts are ``LocalWindow``, not the ``limits`` package's memory storage: that
storage expires old hits with a timer that walks every key of every limit up to 100 times a
second, and with a frame, an event and a reaction count per connection that walk was two thirds
of the server's CPU under load (docs/performance.md). ``LocalWindow`` drops a key's old hits
when the key is used, and forgets keys unused for a whole window once per window.
"""

from __future__ import annotations

import logging
import math
import threading
import time
import weakref
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from limits import RateLimitItemPerSecond
from limits.storage import RedisStorage
from limits.strategies import MovingWindowRateLimiter

log = logging.getLogger(__name__)

REDIS_SCHEMES = ("redis://", "rediss://", "unix://")

clock: Callable[[], float] = time.monotonic  # what the in-process counts read (tests move it)


class Limit:
    """At most ``count`` hits per ``window`` seconds for each key.

    ``redis_url`` shares the counts with every process using that Redis.
    """

    def __init__(self, name: str, count: int, window: float, redis_url: str | None = None):
        self.name, self.count, self.window = name, count, window
        self._item = RateLimitItemPerSecond(count, math.ceil(window))
        self._local = LocalWindow(count, window)
        self._shared: MovingWindowRateLimiter | None = None
        if redis_url and redis_url.startswith(REDIS_SCHEMES):
            storage = RedisStorage(
                redis_url,
                key_prefix="kletsborden",
                wrap_exceptions=True,
                socket_timeout=1,
                socket_connect_timeout=1,
            )
            self._shared = MovingWindowRateLimiter(storage)
        self._shared_down = False
        self._locks: weakref.WeakValueDictionary[str, _KeyLock] = weakref.WeakValueDictionary()
        self._locks_lock = threading.Lock()

    @property
    def shared(self) -> bool:
        return self._shared is not None

    def hit(self, key: str) -> bool:
        """Count one event for ``key``; False when over the limit (and then not counted)."""
        return self._use("hit", key)

    def exhausted(self, key: str) -> bool:
        """Whether ``key`` has used up its hits, without counting one."""
        return not self._use("test", key)

    def remaining(self, key: str) -> int:
        """How many hits ``key`` has left in the window now."""
        return self._use("remaining", key)

    def forget(self, key: str) -> None:
        self._use("clear", key)

    @contextmanager
    def one_at_a_time(self, key: str) -> Iterator[None]:
        """Attempts for one key in this process wait for each other, so that checking, trying
        and counting cannot be overtaken by a parallel attempt (a burst of wrong passwords)."""
        with self._locks_lock:
            lock = self._locks.get(key)
            if lock is None:
                lock = self._locks[key] = _KeyLock()
        with lock.lock:
            yield

    def _use(self, method: str, key: str) -> Any:
        if self._shared is not None:
            try:
                result = _shared_call(self._shared, method, self._item, self.name, key)
            except Exception as error:
                if not self._shared_down:
                    log.warning(
                        "limit %s cannot reach Redis (%s); counting in this process meanwhile",
                        self.name,
                        type(error).__name__,
                    )
                self._shared_down = True
            else:
                if self._shared_down:
                    log.warning("limit %s counts in Redis again", self.name)
                self._shared_down = False
                return result
        return getattr(self._local, method)(key)


def _shared_call(
    limiter: MovingWindowRateLimiter, method: str, item: RateLimitItemPerSecond, *keys: str
) -> Any:
    if method == "remaining":
        return limiter.get_window_stats(item, *keys).remaining
    return getattr(limiter, method)(item, *keys)


class LocalWindow:
    """A moving window in this process: for each key, the times of its counted hits, oldest
    first. Old hits are dropped when their key is used; keys nobody used for a whole window are
    forgotten at most once per window (so no timer, and no walk over every key per hit)."""

    def __init__(self, count: int, window: float):
        self.count, self.window = count, window
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()
        self._swept_at = clock()

    def hit(self, key: str) -> bool:
        with self._lock:
            now = clock()
            hits = self._recent(key, now)
            if len(hits) >= self.count:
                return False
            if not hits:
                self._hits[key] = hits
            hits.append(now)
            if now - self._swept_at >= self.window:
                self._sweep(now)
            return True

    def test(self, key: str) -> bool:
        """Whether a hit now would be let through (nothing is counted)."""
        return self.remaining(key) > 0

    def remaining(self, key: str) -> int:
        with self._lock:
            return self.count - len(self._recent(key, clock()))

    def clear(self, key: str) -> None:
        with self._lock:
            self._hits.pop(key, None)

    def __len__(self) -> int:
        """How many keys have hits in memory."""
        return len(self._hits)

    def _recent(self, key: str, now: float) -> deque[float]:
        hits = self._hits.get(key)
        if hits is None:
            return deque()
        while hits and hits[0] <= now - self.window:
            hits.popleft()
        if not hits:
            del self._hits[key]
        return hits

    def _sweep(self, now: float) -> None:
        self._swept_at = now
        for key in [key for key, hits in self._hits.items() if hits[-1] <= now - self.window]:
            del self._hits[key]


class _KeyLock:
    """A lock that can be forgotten once no attempt holds it (locks cannot be weakly referenced)."""

    __slots__ = ("__weakref__", "lock")

    def __init__(self) -> None:
        self.lock = threading.Lock()
