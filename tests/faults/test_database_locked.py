"""SQLite's file is locked by another program for a moment (a backup, the CLI, a stray editor).

SQLite's stand-in for "the database is briefly unavailable": writers wait for the lock (up to
the 30 s busy timeout in store/database.py) and then go on. A move made while the file is locked
is applied once the lock is gone: no error, nothing lost, nothing applied twice.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from live.client import GameClient, create_room, seat_table
from support.server import start_server, stop_server

from .conftest import stored

LOCKED_SECONDS = 2.0


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_move_made_while_the_file_is_locked_waits_and_then_counts_once(
    tmp_path: Path, database_url: str, clients: list[GameClient]
) -> None:
    server = start_server(tmp_path / "instance", database_url)
    try:
        room = create_room(server.url, "Anna")
        host, bert = seat_table(server.url, room, ["Bert"], made=clients)
        start = host.ask("start_game")
        assert start["ok"], start

        other = sqlite3.connect(database_url.removeprefix("sqlite:///"), isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        acks: list[dict] = []
        asked = threading.Thread(
            target=lambda: acks.append(host.ask("draw_card", {"sense": "zien"})), daemon=True
        )
        locked_at = time.monotonic()
        asked.start()
        asked.join(timeout=LOCKED_SECONDS)
        assert not acks, "the move waited for the lock"
        other.execute("ROLLBACK")
        other.close()
        asked.join(timeout=30)
        assert acks == [{"ok": True, "version": start["version"] + 1}], acks
        assert time.monotonic() - locked_at >= LOCKED_SECONDS

        for client in (host, bert):
            assert client.wait_version(start["version"] + 1)["card"] is not None
        finished = host.ask("finish_turn")
        assert finished == {"ok": True, "version": start["version"] + 2}
        version, state = stored(database_url, room["code"])
        assert version == start["version"] + 2 and state.drawn == 1
        assert server.process.poll() is None
    finally:
        for client in clients:
            client.drop()
        stop_server(server)
