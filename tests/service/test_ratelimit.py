"""Rate limits: in one process, and shared by all processes through Redis."""

from __future__ import annotations

import os
import uuid

import pytest

from kletsborden.ratelimit import RateLimiter, RedisRateLimiter, limiter_for

REDIS_URL = os.environ.get("KLETSBORDEN_TEST_REDIS_URL")


class Clock:
    now = 100.0

    def __call__(self) -> float:
        return self.now


def limiters() -> list:
    made = [RateLimiter(3, 60.0)]
    if REDIS_URL:  # two limiters on one Redis stand for two processes
        name = f"test-{uuid.uuid4().hex}"
        made.append(RedisRateLimiter(name, 3, 60.0, REDIS_URL))
    return made


@pytest.mark.parametrize("limiter", limiters(), ids=lambda lim: type(lim).__name__)
def test_a_limit_counts_hits_per_key_and_refused_hits_do_not_count(limiter) -> None:
    key = uuid.uuid4().hex
    assert [limiter.hit(key) for _ in range(4)] == [True, True, True, False]
    assert limiter.exhausted(key)
    assert not limiter.exhausted("someone else")
    limiter.forget(key)
    assert not limiter.exhausted(key)
    assert limiter.hit(key)


if REDIS_URL:  # collected only with a Redis to share (CI gives one)

    def test_processes_share_one_count_through_redis() -> None:
        name = f"test-{uuid.uuid4().hex}"
        first, second = (RedisRateLimiter(name, 3, 60.0, REDIS_URL) for _ in range(2))
        hits = [first.hit("10.0.0.1"), second.hit("10.0.0.1"), first.hit("10.0.0.1")]
        assert hits == [True, True, True]
        assert not second.hit("10.0.0.1")
        assert first.exhausted("10.0.0.1") and second.exhausted("10.0.0.1")


def test_the_window_slides() -> None:
    clock = Clock()
    limiter = RateLimiter(2, 10.0, clock=clock)
    assert limiter.hit("a") and limiter.hit("a") and not limiter.hit("a")
    clock.now += 10.5
    assert limiter.hit("a")


def test_an_unreachable_redis_never_stops_the_game() -> None:
    limiter = RedisRateLimiter("down", 1, 60.0, "redis://127.0.0.1:1/0")
    assert limiter.hit("a") and limiter.hit("a")
    assert not limiter.exhausted("a")
    limiter.forget("a")


def test_redis_is_used_only_for_a_redis_queue() -> None:
    assert isinstance(limiter_for("x", (1, 1.0), None), RateLimiter)
    assert isinstance(limiter_for("x", (1, 1.0), "redis://127.0.0.1:6379/0"), RedisRateLimiter)
