"""Counting events per key in a sliding window, so no one can flood a room or guess codes.

Counts about connections stay in the process that holds the connection. Counts about addresses
and accounts must hold across processes: with a message queue configured they are kept in the
same Redis (``limiter_for``).
"""

from __future__ import annotations

import logging
import time
import uuid
from collections import deque
from collections.abc import Callable
from threading import Lock
from typing import Any

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


log = logging.getLogger(__name__)


class RedisRateLimiter:
    """The same limits as ``RateLimiter``, counted in Redis for every process alike.

    If Redis cannot be reached, requests are let through (and logged): a limiter must never be
    the reason a whole neighbourhood session stops.
    """

    def __init__(self, name: str, count: int, window: float, url: str):
        import redis

        self.count, self.window = count, window
        self._prefix = f"kletsborden:limit:{name}:"
        self._redis = redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)

    def _recent(self, pipe: Any, key: str, now: float) -> None:
        pipe.zremrangebyscore(key, 0, now - self.window)
        pipe.zcard(key)

    def hit(self, key: str) -> bool:
        full, now, member = self._prefix + key, time.time(), uuid.uuid4().hex
        try:
            pipe = self._redis.pipeline()
            self._recent(pipe, full, now)
            pipe.zadd(full, {member: now})
            pipe.expire(full, int(self.window) + 1)
            _, before, *_ = pipe.execute()
            if before >= self.count:
                self._redis.zrem(full, member)  # a refused hit does not count
                return False
            return True
        except Exception:
            log.warning("rate limiter %s cannot reach Redis; letting it pass", self._prefix)
            return True

    def exhausted(self, key: str) -> bool:
        full = self._prefix + key
        try:
            pipe = self._redis.pipeline()
            self._recent(pipe, full, time.time())
            return pipe.execute()[1] >= self.count
        except Exception:
            log.warning("rate limiter %s cannot reach Redis; letting it pass", self._prefix)
            return False

    def forget(self, key: str) -> None:
        try:
            self._redis.delete(self._prefix + key)
        except Exception:
            log.warning("rate limiter %s cannot reach Redis", self._prefix)


def limiter_for(name: str, limit: tuple[int, float], redis_url: str | None) -> Any:
    """A limiter shared by all processes when there is a Redis, else one for this process."""
    count, window = limit
    if redis_url and redis_url.startswith(("redis://", "rediss://", "unix://")):
        return RedisRateLimiter(name, count, window, redis_url)
    return RateLimiter(count, window)
