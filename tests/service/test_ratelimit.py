"""Rate limits: in one process, and shared by all processes through Redis."""

from __future__ import annotations

import os
import threading
import uuid

import pytest
from support.clock import FakeClock, drive_limits

from kletsborden.ratelimit import Limit, LocalWindow

REDIS_URL = os.environ.get("KLETSBORDEN_TEST_REDIS_URL")


def limits() -> list[Limit]:
    made = [Limit("memory", 3, 60.0)]
    if REDIS_URL:  # two limits on one Redis stand for two processes
        made.append(Limit(f"test-{uuid.uuid4().hex}", 3, 60.0, REDIS_URL))
    return made


@pytest.mark.parametrize("limit", limits(), ids=lambda lim: "redis" if lim.shared else "memory")
def test_a_limit_counts_hits_per_key_and_refused_hits_do_not_count(limit: Limit) -> None:
    key = uuid.uuid4().hex
    assert [limit.hit(key) for _ in range(4)] == [True, True, True, False]
    assert limit.exhausted(key)
    assert not limit.exhausted("someone else")
    limit.forget(key)
    assert not limit.exhausted(key)
    assert limit.hit(key)


@pytest.mark.parametrize("limit", limits(), ids=lambda lim: "redis" if lim.shared else "memory")
def test_parallel_hits_let_at_most_the_limit_through(limit: Limit) -> None:
    """Counting and deciding are one step: 50 threads at once, 3 get through."""
    key, results, start = uuid.uuid4().hex, [], threading.Barrier(50)

    def attempt() -> None:
        start.wait()
        results.append(limit.hit(key))

    threads = [threading.Thread(target=attempt) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results.count(True) == 3


if REDIS_URL:  # collected only with a Redis to share (CI gives one)

    def test_processes_share_one_count_through_redis() -> None:
        name = f"test-{uuid.uuid4().hex}"
        first, second = (Limit(name, 3, 60.0, REDIS_URL) for _ in range(2))
        hits = [first.hit("10.0.0.1"), second.hit("10.0.0.1"), first.hit("10.0.0.1")]
        assert hits == [True, True, True]
        assert not second.hit("10.0.0.1")
        assert first.exhausted("10.0.0.1") and second.exhausted("10.0.0.1")


def test_the_window_moves(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = FakeClock(100.0)
    drive_limits(monkeypatch, clock)
    limit = Limit("moving", 2, 10.0)
    assert limit.hit("a")
    clock.advance(6)
    assert limit.hit("a") and not limit.hit("a")
    clock.advance(4.5)  # the first hit left the window, the second not yet
    assert limit.hit("a") and not limit.hit("a")


def test_an_unreachable_redis_counts_in_this_process(caplog: pytest.LogCaptureFixture) -> None:
    """Never no limit: while Redis is down, the process counts on its own (and says so once)."""
    limit = Limit("down", 2, 60.0, "redis://127.0.0.1:1/0")
    assert limit.shared
    assert [limit.hit("a") for _ in range(3)] == [True, True, False]
    assert limit.exhausted("a")
    limit.forget("a")
    assert not limit.exhausted("a")
    assert caplog.text.count("cannot reach Redis") == 1


def test_redis_is_used_only_for_a_redis_queue() -> None:
    assert not Limit("x", 1, 1.0).shared
    assert Limit("x", 1, 1.0, "redis://127.0.0.1:6379/0").shared


def test_keys_unused_for_a_window_are_forgotten(monkeypatch: pytest.MonkeyPatch) -> None:
    """One count per connection: thousands of keys, none kept once its window has passed."""
    clock = FakeClock(100.0)
    drive_limits(monkeypatch, clock)
    window = LocalWindow(2, 10.0)
    for connection in range(1000):
        assert window.hit(f"sid-{connection}")
    assert len(window) == 1000
    clock.advance(10.5)
    assert window.hit("a newcomer")
    assert window.remaining("a newcomer") == 1
    assert len(window) == 1
