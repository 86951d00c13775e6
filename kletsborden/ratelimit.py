"""Counting events per key in a moving window, so no one can flood a room or guess codes.

The counting is the ``limits`` package's moving window: ``hit`` counts and decides in one
atomic step of its storage, so of N parallel hits at most ``count`` are let through. Counts about
connections stay in the process that holds the connection. Counts about addresses and accounts
must hold across processes: with a message queue configured they are kept in the same Redis,
and while that Redis cannot be reached, in this process (never: not at all).
"""

from __future__ import annotations

import logging
import math
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from limits import RateLimitItemPerSecond
from limits.storage import MemoryStorage, RedisStorage
from limits.strategies import MovingWindowRateLimiter

log = logging.getLogger(__name__)

REDIS_SCHEMES = ("redis://", "rediss://", "unix://")


class Limit:
    """At most ``count`` hits per ``window`` seconds for each key.

    ``redis_url`` shares the counts with every process using that Redis.
    """

    def __init__(self, name: str, count: int, window: float, redis_url: str | None = None):
        self.name, self.count, self.window = name, count, window
        self._item = RateLimitItemPerSecond(count, math.ceil(window))
        self._memory = MovingWindowRateLimiter(MemoryStorage())
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
        return self._use("get_window_stats", key).remaining

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
                result = getattr(self._shared, method)(self._item, self.name, key)
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
        return getattr(self._memory, method)(self._item, self.name, key)


class _KeyLock:
    """A lock that can be forgotten once no attempt holds it (locks cannot be weakly referenced)."""

    __slots__ = ("__weakref__", "lock")

    def __init__(self) -> None:
        self.lock = threading.Lock()
