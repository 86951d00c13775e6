"""Live tests run against a real server process."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from support.server import Server, start_server, stop_server

from .client import GameClient, client_pool

# Tests of several processes need a Redis message queue: collected when one is given (CI does).
collect_ignore = [] if os.environ.get("KLETSBORDEN_TEST_REDIS_URL") else ["test_two_processes.py"]


@pytest.fixture
def server(tmp_path: Path, database_url: str) -> Iterator[Server]:
    running = start_server(tmp_path / "instance", database_url)
    yield running
    stop_server(running)


@pytest.fixture
def clients() -> Iterator[list[GameClient]]:
    """Every game client a test makes goes in here, and is disconnected afterwards."""
    with client_pool() as made:
        yield made


@pytest.fixture
def new_client(clients: list[GameClient]) -> Callable[..., GameClient]:
    """A connected game client for ``url`` (disconnected after the test)."""

    def make(url: str, label: str = "", reconnection: bool = False, **connect) -> GameClient:
        client = GameClient(url, label, reconnection=reconnection)
        clients.append(client)
        return client.connect(**connect)

    return make
