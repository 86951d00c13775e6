"""Redis goes away while two server processes share it (docs/security.md, Faults).

Two processes share one database and reach Redis (the Socket.IO message queue) through a TCP proxy
the test cuts. While cut: every move is still saved and acknowledged by the process that handled
it, and its own clients still see it; what the other process's clients would have seen is lost.
Nothing crashes. Once restored, broadcasts cross again (after python-socketio's listener retries:
1, 2, 4… seconds) and a client that missed snapshots catches up with the next one, which holds
everything. Collected when KLETSBORDEN_TEST_REDIS_URL is set.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from live.client import GameClient, create_room, take_seat
from support.server import Server, server_pair
from support.tcpproxy import TcpProxy

from .conftest import stored

REDIS_URL = os.environ.get("KLETSBORDEN_TEST_REDIS_URL", "")
CUT_SECONDS = 2.0
RECOVERY_SECONDS = 20.0  # the listener's retry waits 1 + 2 + 4 (+ 8) s at most for a short cut


@pytest.fixture
def proxy() -> Iterator[TcpProxy]:
    parts = urlsplit(REDIS_URL)
    with TcpProxy(parts.hostname or "127.0.0.1", parts.port or 6379) as running:
        yield running


@pytest.fixture
def pair(tmp_path: Path, database_url: str, proxy: TcpProxy) -> Iterator[tuple[Server, Server]]:
    parts = urlsplit(REDIS_URL)
    through = parts._replace(netloc=f"{proxy.host}:{proxy.port}").geturl()
    with server_pair(tmp_path / "instance", database_url, message_queue=through) as both:
        yield both


def test_without_redis_moves_are_kept_and_broadcasts_come_back_after(
    pair: tuple[Server, Server], proxy: TcpProxy, database_url: str, clients: list[GameClient]
) -> None:
    first, second = pair
    room = create_room(first.url, "Anna", takes_turns=False)
    host = take_seat(first.url, room, clients, None)
    bert = take_seat(first.url, room, clients, "Bert")
    cor = take_seat(second.url, room, clients, "Cor")
    assert host.ask("start_game")["ok"]
    on_first, on_second = [host, bert], [cor]
    last = host.state()["version"]
    for client in on_first + on_second:
        client.wait_version(last)

    proxy.cut()
    moves: list[tuple[GameClient, dict]] = []
    for _ in range(3):  # Bert and Cor take turns, each on their own process
        active = host.state()["turn"]["active"]
        mover = bert if active == bert.seat_id else cor
        moves.append((mover, mover.ask("draw_card", {"sense": "zien"})))
        moves.append((mover, mover.ask("finish_turn")))
    assert all(ack.get("ok") for _, ack in moves), moves  # saved and acknowledged
    assert [ack["version"] for _, ack in moves] == list(range(last + 1, last + 7))
    assert {mover.label for mover, _ in moves} == {"Bert", "Cor"}
    for client in on_first + on_second:  # a read goes to the database: everything is there
        assert client.state()["version"] == last + 6
    stored_version, state = stored(database_url, room["code"])
    assert stored_version == last + 6 and state.drawn == 3
    # The moving process's own clients saw each change; the other process's clients did not.
    for mover, ack in moves:
        local, remote = (on_first, on_second) if mover is bert else (on_second, on_first)
        for client in local:
            client.wait_version(ack["version"])
    time.sleep(0.5)
    for mover, ack in moves:
        remote = on_second if mover is bert else on_first
        for client in remote:
            assert ack["version"] not in client.versions(), (client.label, ack["version"])
    time.sleep(CUT_SECONDS)
    assert first.process.poll() is None and second.process.poll() is None, "both stay up"

    proxy.restore()
    # Broadcasts cross again once each process's listener has subscribed again.
    deadline = time.monotonic() + RECOVERY_SECONDS
    shown = True
    while True:
        shown = not shown
        ack = host.ask("set_show_join", {"show": shown})
        assert ack["ok"], ack
        try:
            cor.wait_version(ack["version"], timeout=1.0)
            break
        except AssertionError:
            assert time.monotonic() < deadline, "broadcasts did not come back"
    # Cor missed snapshots while Redis was away: the next one has a higher version and all of
    # the state, the same as get_state gives.
    caught_up = cor.wait_version(ack["version"])
    missed = [v for v in range(last + 1, ack["version"]) if v not in cor.versions()]
    assert missed, "Cor really missed some snapshots"
    current = cor.state()
    for key in ("version", "turn", "played", "seats", "decks", "card"):
        assert caught_up[key] == current[key], key
    assert current["played"]["total"] == 3
    # And the other way round: a move on the second process reaches the first one's clients.
    active = current["turn"]["active"]
    mover = bert if active == bert.seat_id else cor
    drawn = mover.ask("draw_card", {"sense": "horen"})
    assert drawn["ok"], drawn
    for client in on_first + on_second:
        client.wait_version(drawn["version"])
        seen = client.versions()
        assert seen == sorted(set(seen)), (client.label, seen)
    logs = first.output() + second.output()
    assert "Cannot publish to redis" in logs, "the lost broadcasts are logged"
    assert "internal_error" not in logs and "event " not in logs.replace("event_", "")
