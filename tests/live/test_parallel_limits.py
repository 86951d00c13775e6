"""Limits hold under parallel requests: counted and decided in one step, on SQLite, PostgreSQL,
and in Redis shared by two processes (docs/security.md)."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from support.server import Server, server_pair, start_server, stop_server

from kletsborden.codes import ALPHABET
from kletsborden.config import MAX_FAILED_JOINS

from .client import GameClient, client_pool

REDIS_URL = os.environ.get("KLETSBORDEN_TEST_REDIS_URL")
ROOMS = 5


def at_once(count: int, attempt: Callable[[int], Any]) -> list[Any]:
    """``attempt(i)`` for i in range(count), all released at the same moment."""
    start, results = threading.Barrier(count), [None] * count

    def run(index: int) -> None:
        start.wait()
        results[index] = attempt(index)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.fixture
def limited(tmp_path: Path, database_url: str) -> Iterator[Server]:
    running = start_server(tmp_path / "instance", database_url, rooms_per_address=str(ROOMS))
    yield running
    stop_server(running)


def open_room(url: str) -> int:
    return requests.post(f"{url}/api/rooms", json={"name": "Host"}, timeout=30).status_code


def test_parallel_rooms_stop_at_the_limit(limited: Server) -> None:
    answers = at_once(3 * ROOMS, lambda _: open_room(limited.url))
    assert answers.count(201) == ROOMS
    assert answers.count(429) == 2 * ROOMS


def test_parallel_wrong_codes_are_tried_at_most_up_to_the_limit(limited: Server) -> None:
    count = MAX_FAILED_JOINS + 20
    with client_pool() as made:
        for index in range(count):
            made.append(GameClient(limited.url, f"guesser {index}").connect())

        def guess(index: int) -> str:
            code = "".join(ALPHABET[(index >> shift) % len(ALPHABET)] for shift in range(8))
            ack = made[index].ask("join", {"code": code, "name": "Gok"})
            return ack["error"]["code"]

        answers = at_once(count, guess)
    assert answers.count("room_not_found") == MAX_FAILED_JOINS
    assert answers.count("too_many_failed_joins") == count - MAX_FAILED_JOINS


if REDIS_URL:  # collected only with a Redis to share (CI gives one)

    def test_two_processes_share_the_room_limit_in_redis(tmp_path: Path, database_url: str) -> None:
        settings = {"rooms_per_address": str(ROOMS), "message_queue": REDIS_URL}
        # each run its own address count: the limit's keys live in Redis for an hour
        with server_pair(tmp_path / "instance", database_url, **settings) as (first, second):
            flush_room_limits()
            answers = at_once(4 * ROOMS, lambda i: open_room((first, second)[i % 2].url))
        assert answers.count(201) == ROOMS


def flush_room_limits() -> None:
    import redis

    client = redis.Redis.from_url(REDIS_URL or "")
    for key in client.scan_iter("kletsborden*rooms*"):
        client.delete(key)
