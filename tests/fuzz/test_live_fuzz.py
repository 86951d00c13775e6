"""A burst of hostile events at a real server process: it stays up and plays a normal game.

The server trusts one proxy here, so each hostile connection can come from its own address
(X-Forwarded-For) and the game afterwards from a clean one: the failed-join limit per address
must not be what this test measures.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import socketio
from hypothesis import given
from hypothesis import strategies as st
from live.client import GameClient, create_room, seat_table
from support.server import Server, start_server, stop_server

from kletsborden.config import MAX_MESSAGE_BYTES

from .conftest import DOCUMENTED_CODES, FUZZ
from .strategies import arguments, fill

EVENTS = ["join", "watch", "draw_card", "type_answer", "change_settings", "kick", "react"]
EVENTS += ["set_role", "hand_card", "end_game", "nonsense", "connect", "disconnect", "message"]


@pytest.fixture
def live(tmp_path: Path, database_url: str) -> Iterator[Server]:
    running = start_server(tmp_path / "instance", database_url, trusted_proxies="1")
    yield running
    stop_server(running)


def connect(url: str, address: str) -> GameClient:
    return GameClient(url, address).connect(headers={"X-Forwarded-For": address})


def test_a_burst_of_hostile_events_leaves_the_server_serving(live: Server) -> None:
    room = create_room(live.url, "Anna", settings={"typed_answers": True})
    host, bert = seat_table(live.url, room, ["Bert"])
    assert host.ask("start_game")["ok"]
    version = host.state()["version"]
    real = {
        "code": room["code"],
        "display_code": room["display_code"],
        "screen_key": room["screen_key"],
        "host_token": "0" * 32,  # not the real tokens: the room must stay as it is
        "player_token": "1" * 32,
        "host_seat": room["seat_id"],
        "player_seat": bert.seat_id,
    }
    clients: list[GameClient] = []
    sent = {"count": 0}

    @FUZZ
    @given(event=st.sampled_from(EVENTS), args=arguments)
    def burst(event: str, args: tuple[Any, ...]) -> None:
        if sent["count"] % 40 == 0:  # a new connection (and address) before any limit trips
            clients.append(connect(live.url, f"10.66.{len(clients) // 200}.{len(clients) % 200}"))
        sent["count"] += 1
        ack = _call(clients[-1], event, fill(args, real))
        assert isinstance(ack, dict), (event, ack)
        if ack.get("ok") is False:
            assert ack["error"]["code"] in DOCUMENTED_CODES - {"internal_error"}, ack

    burst()
    assert sent["count"] >= 50

    # Transport-level abuse: an oversized message and a very deep one.
    big = connect(live.url, "10.77.0.1")
    with contextlib.suppress(Exception):  # no ack: the transport closes it, as documented
        big.sio.call("join", {"name": "x" * (MAX_MESSAGE_BYTES + 10)}, timeout=5)
    deep = connect(live.url, "10.77.0.2")
    nested: Any = "x"
    for _ in range(900):  # as deep as the client's own JSON encoder goes
        nested = [nested]
    with contextlib.suppress(Exception):  # refused or closed; the process must live on
        deep.sio.call("join", {"code": nested}, timeout=5)
    # Deeper than any client encoder goes: a raw Socket.IO event packet, 50,000 levels down.
    raw = connect(live.url, "10.77.0.3")
    with contextlib.suppress(Exception):
        raw.sio.eio.send('42["join",' + "[" * 50_000 + "]" * 50_000 + "]")
        raw.sio.eio.send('42["get_state",{' + '"a":{' * 30_000 + "}" * 30_000 + "}]")
    for client in [*clients, big, deep, raw]:
        client.close_quietly()

    assert live.process.poll() is None, live.output()[-3000:]
    assert requests.get(f"{live.url}/healthz", timeout=5).json()["status"] == "ok"
    assert host.state()["version"] == version, "the hostile burst changed the room"

    # A normal game still plays, from a clean address.
    fresh = create_room(live.url, "Carla", settings={"typed_answers": True})
    carla, dirk = seat_table(live.url, fresh, ["Dirk"])
    assert carla.ask("start_game")["ok"]
    assert carla.ask("draw_card", {"sense": "zien"})["ok"]
    assert carla.ask("type_answer", {"text": "Een <b>mooie</b> dag 🙂"})["ok"]
    assert carla.ask("finish_turn")["ok"]
    assert dirk.wait_for(lambda: dirk.latest["turn"]["active"] == dirk.seat_id)
    assert json.dumps(dirk.latest)  # a snapshot as usual
    for client in (host, bert, carla, dirk):
        client.close_quietly()


def _call(client: GameClient, event: str, args: tuple[Any, ...]) -> Any:
    """Send ``args`` as the event's arguments (none, one or several) and wait for the ack."""
    data = args if len(args) > 1 else (args[0] if args else None)
    try:
        return client.sio.call(event, data, timeout=15)
    except socketio.exceptions.TimeoutError:
        return None
