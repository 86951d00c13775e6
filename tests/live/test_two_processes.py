"""Two server processes sharing one database and one Redis message queue (docs/deploy.md).

This is how a municipality grows past one process. Players connected to different processes
play one game; a process dies and its players carry on through the other. Collected when
KLETSBORDEN_TEST_REDIS_URL is set (CI sets it), on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support.server import Server, server_pair

from .client import GameClient, create_room, take_seat
from .test_concurrent_draws import at_once

REDIS_URL = os.environ.get("KLETSBORDEN_TEST_REDIS_URL", "")


@pytest.fixture
def pair(tmp_path: Path, database_url: str) -> Iterator[tuple[Server, Server]]:
    """Two processes on one database and one queue."""
    with server_pair(tmp_path / "instance", database_url, message_queue=REDIS_URL) as both:
        yield both


def test_players_on_both_processes_see_every_change_in_order(
    pair: tuple[Server, Server], clients: list[GameClient]
) -> None:
    first, second = pair
    room = create_room(first.url, "Anna")
    table = [
        take_seat(first.url, room, clients, None),
        take_seat(first.url, room, clients, "Bert"),
        take_seat(second.url, room, clients, "Cor"),
        take_seat(second.url, room, clients, "Dirk"),
    ]
    host = table[0]
    start = host.ask("start_game")
    assert start["ok"], start
    last = start["version"]
    for sense in ("horen", "zien", "voelen", "horen", "zien", "voelen", "horen", "zien"):
        active = host.wait_version(last)["turn"]["active"]
        drawer = next(client for client in table if client.seat_id == active)
        assert drawer.ask("draw_card", {"sense": sense})["ok"]
        finished = drawer.ask("finish_turn")
        assert finished["ok"], finished
        last = finished["version"]
    reaction = table[2].ask("react", {"reaction": "heart"})
    assert reaction["ok"], reaction
    for client in table:
        final = client.wait_version(last)
        seen = client.versions()
        assert seen == list(range(seen[0], last + 1)), f"{client.label}: missing or out of order"
        assert final["played"]["total"] == 8
    for client in (table[0], table[1], table[3]):
        heart = {"seat_id": table[2].seat_id, "reaction": "heart"}
        assert client.wait_event("reaction") == ("reaction", heart)


def test_a_process_dies_and_its_players_carry_on_through_the_other(
    pair: tuple[Server, Server], clients: list[GameClient]
) -> None:
    first, second = pair
    room = create_room(second.url, "Anna", takes_turns=False)
    host = take_seat(second.url, room, clients, None)
    bert = take_seat(second.url, room, clients, "Bert")
    cor = take_seat(first.url, room, clients, "Cor")
    assert host.ask("start_game")["ok"]
    turn = host.ask("get_state")["snapshot"]["turn"]
    drawer = bert if turn["active"] == bert.seat_id else cor
    drawn = drawer.ask("draw_card", {"sense": "zien"})
    assert drawn["ok"], drawn

    first.process.kill()  # kill -9: no goodbye to anyone
    first.process.wait()

    # Cor's connection was on the dead process; the load balancer now sends Cor to the other.
    cor_again = GameClient(second.url, "Cor again").connect()
    clients.append(cor_again)
    ack = cor_again.join(room["code"], token=cor.token)
    assert ack["ok"], ack
    assert ack["seat_id"] == cor.seat_id
    assert ack["snapshot"]["version"] == drawn["version"], "nothing was lost or applied twice"
    players = {bert.seat_id: bert, cor.seat_id: cor_again}
    for _ in range(3):  # a few more turns, Cor included
        state = host.ask("get_state")["snapshot"]
        mover = players[state["turn"]["waiting_on"]]
        if state["card"] is None:
            assert mover.ask("draw_card", {"sense": "voelen"})["ok"]
        done = mover.ask("finish_turn")
        assert done["ok"], done
        for client in (host, bert, cor_again):
            assert client.wait_version(done["version"])["version"] == done["version"]


def test_draws_racing_across_both_processes_draw_one_card(
    pair: tuple[Server, Server], clients: list[GameClient]
) -> None:
    """The seat's player draws on one process while the same token rejoins and draws on the
    other: whichever way the race goes, exactly one card is drawn."""
    first, second = pair
    room = create_room(first.url, "Anna", takes_turns=False)
    host = take_seat(first.url, room, clients, None)
    holder = take_seat(first.url, room, clients, "Bert")
    start = host.ask("start_game")
    assert start["ok"], start
    servers, token = [first, second], holder.token
    for round_ in range(4):
        played = host.ask("get_state")["snapshot"]["played"]["total"]
        newcomer = GameClient(servers[(round_ + 1) % 2].url, f"Bert {round_}").connect()
        clients.append(newcomer)

        def rejoin_and_draw(client: GameClient = newcomer) -> dict:
            joined = client.join(room["code"], token=token)
            assert joined["ok"], joined
            return client.ask("draw_card", {"sense": "horen"})

        acks = at_once([lambda h=holder: h.ask("draw_card", {"sense": "horen"}), rejoin_and_draw])
        assert isinstance(acks[1], dict) and acks[1].get("ok") in (True, False), acks
        state = host.ask("get_state")["snapshot"]
        assert state["played"]["total"] == played + 1, f"exactly one card, got {acks}"
        assert state["card"] is not None
        holder = newcomer  # the seat now lives on the newcomer's connection
        done = holder.ask("finish_turn")
        assert done["ok"], done
    assert host.ask("get_state")["snapshot"]["played"]["total"] == 4


OFFER = {"type": "offer", "sdp": "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\n"}
ANSWER = {"type": "answer", "sdp": "v=0\r\no=- 3 4 IN IP4 127.0.0.1\r\ns=-\r\n"}


def signals(client: GameClient) -> list[Any]:
    return [data for name, data in client.events if name == "voice_signal"]


def test_voice_signals_cross_processes_to_their_one_target(
    pair: tuple[Server, Server], clients: list[GameClient]
) -> None:
    """Anna's process never saw Bert, Cor or the hall join voice (their process saved it): the
    relay still finds them, over the Redis queue, and nobody else hears a thing."""
    first, second = pair
    room = create_room(first.url, "Anna", settings={"play_mode": "mixed"})
    anna = take_seat(first.url, room, clients, None)
    bert = take_seat(second.url, room, clients, "Bert")
    cor = take_seat(second.url, room, clients, "Cor")  # in the room, not at the voice table
    hall = GameClient(second.url, "hall").connect()
    clients.append(hall)
    assert hall.ask("watch", {"code": room["code"], "screen_key": room["screen_key"]})["ok"]
    other = create_room(second.url, "Olga", settings={"play_mode": "online"})
    olga = take_seat(second.url, other, clients, None)
    for client in (anna, bert, hall, olga):
        joined = client.ask("voice_join")
        assert joined["ok"], (client.label, joined)
    assert hall.ask("voice_join")["me"] == "hall"

    assert anna.ask("voice_signal", {"to": bert.seat_id, "description": OFFER}) == {"ok": True}
    assert bert.wait_event("voice_signal") == (
        "voice_signal",
        {"from": anna.seat_id, "description": OFFER},
    )
    assert bert.ask("voice_signal", {"to": anna.seat_id, "description": ANSWER}) == {"ok": True}
    assert anna.wait_event("voice_signal")[1] == {"from": bert.seat_id, "description": ANSWER}
    assert anna.ask("voice_signal", {"to": "hall", "candidate": None}) == {"ok": True}
    assert hall.wait_event("voice_signal")[1] == {"from": anna.seat_id, "candidate": None}

    # Refused, across processes too: another room's seat, a seat not in voice.
    for to in (olga.seat_id, cor.seat_id):
        ack = anna.ask("voice_signal", {"to": to, "description": OFFER})
        assert ack["ok"] is False and ack["error"]["code"] == "voice_peer_unknown", ack
    # Bert leaves voice on his process; Anna's process refuses the next signal to him at once.
    assert bert.ask("voice_leave")["ok"]
    ack = anna.ask("voice_signal", {"to": bert.seat_id, "candidate": None})
    assert ack["ok"] is False and ack["error"]["code"] == "voice_peer_unknown", ack
    # A marker through the same queue: once it arrived, anything misdirected would have too.
    assert anna.ask("voice_signal", {"to": "hall", "description": OFFER}) == {"ok": True}
    hall.wait_for(lambda: len(signals(hall)) == 2, what="the second signal to the hall")
    assert signals(bert) == [{"from": anna.seat_id, "description": OFFER}]
    assert signals(cor) == [] and signals(olga) == []
    assert signals(anna) == [{"from": bert.seat_id, "description": ANSWER}]
