"""Fault tests: real server processes, real clients, and faults made on purpose.

Tests that need Redis are collected when KLETSBORDEN_TEST_REDIS_URL is set, and tests of a cut
PostgreSQL connection when KLETSBORDEN_TEST_POSTGRES_URL is set (CI sets both): never skipped.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from live.client import GameClient, client_pool

from kletsborden.engine import RoomState
from kletsborden.store.database import Database
from kletsborden.store.rooms import find_room, room_state

collect_ignore = [] if os.environ.get("KLETSBORDEN_TEST_REDIS_URL") else ["test_redis_cut.py"]
if not os.environ.get("KLETSBORDEN_TEST_POSTGRES_URL"):
    collect_ignore.append("test_database_cut.py")


@pytest.fixture
def clients() -> Iterator[list[GameClient]]:
    """Every game client a test makes goes in here, and is closed afterwards (side by side)."""
    with client_pool() as made:
        yield made


def stored(database_url: str, code: str) -> tuple[int, RoomState]:
    """The room as the database holds it: its version and state, read outside the server."""
    db = Database(database_url)
    try:
        with db.transaction() as session:
            row = find_room(session, code)
            assert row is not None, code
            return row.version, room_state(session, row)
    finally:
        db.dispose()
