"""Moves that arrive at the same moment: exactly one wins, the other gets a clean error."""

from __future__ import annotations

import threading
from typing import Any

from socketio import packet

from .harness import Member, Server, assert_error

ROUNDS = 10


def at_once(*calls: tuple[Member, str, Any]) -> list[Any]:
    """Emit every call from its own thread, all released together; the acks in order."""
    barrier = threading.Barrier(len(calls))
    acks: list[Any] = [None] * len(calls)
    failures: list[BaseException] = []

    def run(index: int, member: Member, event: str, payload: Any) -> None:
        try:
            barrier.wait(timeout=10)
            acks[index] = member.ask(event, payload)
        except BaseException as error:  # reported below, in the test's thread
            failures.append(error)

    threads = [
        threading.Thread(target=run, args=(index, *call)) for index, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not failures, failures
    assert all(not thread.is_alive() for thread in threads)
    return acks


def same_connection_at_once(server: Server, member: Member, *calls: tuple[str, Any]) -> list:
    """Send several events on one connection at the same moment (a double click), each from its
    own thread, as a server with async handlers runs them; their acks, in order.

    The test client keeps one ack per client, so the packets are sent with our own ids and the
    acks are picked up by id on their way out.
    """
    sio = server.socketio.server
    original = sio._send_packet
    acks: dict[int, Any] = {}

    def recording(eio_sid: str, pkt: packet.Packet) -> None:
        if eio_sid == member.client.eio_sid and pkt.packet_type == packet.ACK:
            acks[pkt.id] = pkt.data[0]
            return
        original(eio_sid, pkt)

    ids = [10_000 + index for index in range(len(calls))]
    sio._send_packet = recording
    try:
        emits = [
            (sio._handle_eio_message, member.client.eio_sid, _encoded(event, payload, ack_id))
            for (event, payload), ack_id in zip(calls, ids, strict=True)
        ]
        at_once_raw(emits)
    finally:
        sio._send_packet = original
    return [acks.get(ack_id) for ack_id in ids]


def _encoded(event: str, payload: Any, ack_id: int) -> str:
    return packet.Packet(packet.EVENT, data=[event, payload], namespace="/", id=ack_id).encode()


def at_once_raw(calls: list[tuple[Any, ...]]) -> None:
    barrier = threading.Barrier(len(calls))
    failures: list[BaseException] = []

    def run(function: Any, *args: Any) -> None:
        try:
            barrier.wait(timeout=10)
            function(*args)
        except BaseException as error:  # reported below, in the test's thread
            failures.append(error)

    threads = [threading.Thread(target=run, args=call) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not failures, failures
    assert all(not thread.is_alive() for thread in threads)


def test_two_draws_for_the_same_player_at_the_same_moment(server: Server) -> None:
    table = server.create_room("Host")  # alone at the table: every turn is the host's
    table.start()
    for round_number in range(1, ROUNDS + 1):
        version = table.snapshot()["version"]
        table.drain()
        acks = same_connection_at_once(
            server,
            table.host,
            ("draw_card", {"sense": "horen"}),
            ("draw_card", {"sense": "zien"}),
        )
        wins = [ack for ack in acks if ack and ack.get("ok")]
        losses = [ack for ack in acks if ack and not ack.get("ok")]
        assert len(wins) == 1 and len(losses) == 1, acks
        assert wins[0] == {"ok": True, "version": version + 1}
        assert_error(losses[0], "card_already_drawn")
        snapshot = table.assert_broadcast(version + 1)
        assert snapshot["played"]["total"] == round_number
        assert sum(snapshot["decks"].values()) == 96 - round_number
        table.change(table.host, "finish_turn")
    assert table.snapshot()["version"] == 2 + 2 * ROUNDS


def test_two_finishes_at_the_same_moment_move_the_turn_once(server: Server) -> None:
    table = server.create_room("Host")
    anna, bert = table.join("Anna"), table.join("Bert")
    table.start()
    for _ in range(ROUNDS // 2):
        active = table.active()
        version = table.snapshot()["version"]
        table.drain()
        acks = same_connection_at_once(server, active, ("finish_turn", {}), ("finish_turn", {}))
        assert sorted(bool(ack["ok"]) for ack in acks) == [False, True], acks
        assert_error(next(ack for ack in acks if not ack["ok"]), "not_your_turn")
        snapshot = table.assert_broadcast(version + 1)
        assert snapshot["turn"]["active"] != active.seat_id
    assert {anna.seat_id, bert.seat_id}


def test_two_joins_with_the_same_name_at_the_same_moment(server: Server) -> None:
    table = server.create_room("Host")
    for round_number in range(ROUNDS):
        name = f"Tweeling {round_number}"
        first, second = table.connect(), table.connect()
        version = table.snapshot()["version"]
        table.drain()
        acks = at_once(
            (first, "join", {"code": table.code, "name": name}),
            (second, "join", {"code": table.code, "name": name.upper()}),
        )
        assert sorted(bool(ack["ok"]) for ack in acks) == [False, True], acks
        winner, loser = (first, second) if acks[0]["ok"] else (second, first)
        assert_error(acks[1] if acks[0]["ok"] else acks[0], "name_taken")
        winner.in_room = True
        table.assert_broadcast(version + 1)
        assert loser.received() == []
    assert len(table.snapshot()["seats"]) == 1 + ROUNDS
