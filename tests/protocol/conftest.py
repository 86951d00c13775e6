"""Fixtures for the protocol tests; the harness they use is in harness.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kletsborden.app import create_app, database
from kletsborden.card_library import prepare_database

from .harness import GRACE, START_TIME, FakeClock, Server, Table


@pytest.fixture
def server(tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    for name in (
        "SECRET_KEY",
        "DATABASE_URL",
        "MESSAGE_QUEUE",
        "ASYNC_MODE",
        "GRACE_SECONDS",
        "OPEN_ROOM_CREATION",
    ):
        monkeypatch.delenv(f"KLETSBORDEN_{name}", raising=False)
    monkeypatch.setenv("KLETSBORDEN_INSTANCE_PATH", str(tmp_path / "instance"))
    app = create_app(
        {"TESTING": True, "KLETSBORDEN_DATABASE_URL": database_url, "SECRET_KEY": "test"}
    )
    prepare_database(database(app))
    rooms = app.extensions["kletsborden.rooms"]
    assert rooms.grace == GRACE
    clock = FakeClock(START_TIME)
    rooms.clock = clock
    limit_clock = FakeClock(1000.0, step=0.2)
    for limiter in app.extensions["kletsborden.limits"].values():
        limiter.clock = limit_clock
    instance = Server(app, clock, limit_clock)
    yield instance
    instance.close()
    database(app).dispose()


@pytest.fixture
def table(server: Server) -> Table:
    """A room in the lobby: host "Host" (takes turns) and a projector screen."""
    return server.create_room()
