"""Draws sent at the same moment: exactly one card is drawn, the others are refused."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from support.server import Server, start_server, stop_server

from .client import GameClient, create_room, error_code, seat_table


def at_once(calls: list[Callable[[], Any]]) -> list[Any]:
    """Run the calls in threads released together; their results in the same order."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int) -> None:
        barrier.wait()
        try:
            results[index] = calls[index]()
        except Exception as error:  # a timeout is a result too
            results[index] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_many_draws_from_one_connection_draw_one_card(
    server: Server, clients: list[GameClient]
) -> None:
    room = create_room(server.url, "Anna")
    host, bert = seat_table(server.url, room, ["Bert"], made=clients)
    start = host.ask("start_game")
    assert start["ok"]
    version = start["version"]

    acks = at_once(
        [lambda s=sense: host.ask("draw_card", {"sense": s}) for sense in ["horen", "zien"] * 5]
    )
    oks = [a for a in acks if isinstance(a, dict) and a.get("ok")]
    assert len(oks) == 1, acks
    assert oks[0]["version"] == version + 1
    refused = [error_code(a) for a in acks if a not in oks]
    assert refused == ["card_already_drawn"] * 9, acks

    snap = bert.state()
    assert snap["version"] == version + 1
    assert snap["played"]["total"] == 1
    assert sum(snap["played"]["per_sense"].values()) == 1
    for client in (host, bert):
        client.wait_version(version + 1)
        assert client.versions().count(version + 1) == 1


def test_one_seat_on_two_servers_draws_one_card(
    tmp_path: Path, database_url: str, clients: list[GameClient]
) -> None:
    # Two processes on one database, as behind a load balancer (same instance: same secret key).
    # They share no message queue: each one's broadcasts reach only its own connections.
    instance = tmp_path / "instance"
    first = start_server(instance, database_url)
    second = start_server(instance, database_url)
    try:
        room = create_room(first.url, "Anna", takes_turns=False)  # the host only leads
        host, bert_a = seat_table(first.url, room, ["Bert"], made=clients)
        start = host.ask("start_game")
        assert start["ok"]
        assert bert_a.wait_version(start["version"])["turn"]["active"] == bert_a.seat_id

        # Bert's seat is rejoined from the second server: the seat moves there.
        bert_b = GameClient(second.url, "Bert on B")
        clients.append(bert_b)
        bert_b.connect()
        ack = bert_b.join(room["code"], token=bert_a.token)
        assert ack["ok"], ack
        assert ack["seat_id"] == bert_a.seat_id
        assert ack["snapshot"]["version"] == start["version"]  # nothing changed in the room
        assert ack["snapshot"]["changes"] == []
        # §7: without a shared message queue the first server's connection is neither told
        # nor closed, and can still act for the seat. (A get_state round trip makes sure
        # anything the server had sent to it has arrived.)
        assert bert_a.state()["version"] == start["version"]
        assert [name for name, _ in bert_a.events] == []
        assert bert_a.connected

        version = start["version"]
        winners = []
        for _ in range(5):
            acks = at_once(
                [
                    lambda: bert_a.ask("draw_card", {"sense": "horen"}),
                    lambda: bert_b.ask("draw_card", {"sense": "horen"}),
                ]
            )
            assert all(isinstance(a, dict) for a in acks), acks
            oks = [i for i, a in enumerate(acks) if a["ok"]]
            assert len(oks) == 1, acks
            assert acks[oks[0]]["version"] == version + 1
            assert error_code(acks[1 - oks[0]]) == "card_already_drawn", acks
            winners.append("first" if oks[0] == 0 else "second")
            on_first, on_second = host.state(), bert_b.state()
            assert on_first == {**on_second, "server_time": on_first["server_time"]}
            assert on_first["version"] == version + 1
            assert on_first["card"] is not None
            finished = bert_b.ask("finish_turn")
            assert finished == {"ok": True, "version": version + 2}
            version += 2

        final = host.state()
        assert final["played"]["total"] == 5
        assert final["played"]["per_sense"]["horen"] == 5
        assert final["played"]["answered"] == 5
        print(f"draw races won by the connection on the {winners} server")
    finally:
        for client in clients:
            client.drop()
        stop_server(first)
        stop_server(second)
