"""PostgreSQL goes away for a moment and comes back (docs/security.md, Faults).

The server reaches the database through a TCP proxy the test cuts: every open connection is reset
and new ones are refused, as when the database restarts or the network breaks. While cut, every
event gets a clear ``unavailable`` error ack and the process stays up; once restored, the same
connections play on without a server restart.

PostgreSQL only: a SQLite database is a file in the server's own process, with no connection to
lose. (A file made unreadable is not the same fault: SQLite keeps an open file handle, so the
server goes on working; that says nothing about an unreachable database.)
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from live.client import GameClient, create_room, error_code, seat_table
from sqlalchemy.engine import make_url
from support.server import Server, start_server, stop_server
from support.tcpproxy import TcpProxy

from .conftest import stored

CUT_SECONDS = 3.0


@pytest.fixture
def proxy(database_url: str) -> Iterator[TcpProxy]:
    url = make_url(database_url)
    with TcpProxy(url.host or "127.0.0.1", url.port or 5432) as running:
        yield running


@pytest.fixture
def server(tmp_path: Path, database_url: str, proxy: TcpProxy) -> Iterator[Server]:
    through = make_url(database_url).set(host=proxy.host, port=proxy.port)
    running = start_server(tmp_path / "instance", through.render_as_string(hide_password=False))
    yield running
    stop_server(running)


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_while_the_database_is_cut_events_are_unavailable_and_then_play_goes_on(
    server: Server, proxy: TcpProxy, database_url: str, clients: list[GameClient]
) -> None:
    room = create_room(server.url, "Anna")
    table = seat_table(server.url, room, ["Bert", "Cees"], made=clients)
    host, bert, cees = table
    assert host.ask("start_game")["ok"]
    drawn = host.ask("draw_card", {"sense": "horen"})
    assert drawn["ok"], drawn
    version = drawn["version"]
    for client in table:
        client.wait_version(version)

    proxy.cut()
    asked = {
        "finish_turn": host.ask("finish_turn"),  # a move
        "get_state": bert.ask("get_state"),  # a read
        "join": cees.ask("join", {"code": room["code"], "token": host.token}),  # a rejoin
    }
    for event, ack in asked.items():
        assert error_code(ack) == "unavailable", (event, ack)
        assert ack["error"]["message"], "a message for people, in their language"
    # A reaction changes nothing and is checked against the room the process holds: it still goes.
    assert bert.ask("react", {"reaction": "heart"}) == {"ok": True}
    heart = {"seat_id": bert.seat_id, "reaction": "heart"}
    assert cees.wait_event("reaction") == ("reaction", heart)
    health = requests.get(f"{server.url}/healthz", timeout=5)
    assert (health.status_code, health.json()["database"]) == (503, "unavailable")
    response = requests.post(f"{server.url}/api/rooms", json={"name": "Dirk"}, timeout=10)
    assert response.status_code == 503, response.text
    time.sleep(CUT_SECONDS)  # the sweeper fails a few times meanwhile
    assert server.process.poll() is None, "the process stays up"
    assert host.ask("finish_turn")["error"]["code"] == "unavailable"
    assert all(client.connected for client in table), "nobody was thrown out"
    assert proxy.refused > 0, "the server really tried to reach the database"

    proxy.restore()
    finished = host.ask("finish_turn")
    assert finished == {"ok": True, "version": version + 1}, "nothing of the failed tries counted"
    for client in table:
        snap = client.wait_version(version + 1)
        assert snap["turn"]["active"] == bert.seat_id
    drawn = bert.ask("draw_card", {"sense": "zien"})
    assert drawn == {"ok": True, "version": version + 2}
    assert cees.state()["version"] == version + 2
    assert requests.get(f"{server.url}/healthz", timeout=5).status_code == 200
    stored_version, state = stored(database_url, room["code"])
    assert stored_version == version + 2 and state.drawn == 2
    assert all(seat.connected for seat in state.seats)
    deadline = time.monotonic() + 10
    while "sweeping rooms works again" not in server.output() and time.monotonic() < deadline:
        time.sleep(0.2)
    lines = server.output().splitlines()
    said = [line for line in lines if "sweeping rooms" in line]
    assert said[0].startswith("WARNING") and "sweeping rooms failed: no database" in said[0]
    assert said[1:] == [said[-1]] and "sweeping rooms works again" in said[-1], (
        "the outage is logged once, and its end"
    )
    assert not [line for line in lines if line.startswith("ERROR")], "no tracebacks"
