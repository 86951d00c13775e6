"""The server process is killed with -9 while clients fire moves at it (docs/security.md, Faults).

Whatever the kill interrupts, the database holds one of the committed versions: never half a
move. A new process on the same database takes the clients back by their tokens and the game
goes on to its end.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

from live.client import GameClient, create_room, seat_table
from support.server import start_server, stop_server

from kletsborden.engine.state import Outcome, Phase, RoomState
from kletsborden.engine.tally import totals

from .conftest import stored

MOVE_TIMEOUT = 3.0
PAUSE = 0.12  # one client stays under the server's event limit (60 per 10 s)
SENSES = ("horen", "zien", "voelen")


def fire_moves(client: GameClient, stop: threading.Event, acks: list[tuple[str, Any]]) -> None:
    """Try to draw as fast as the limit allows, whoever's turn it is, and finish after a card
    this client drew; until the line dies. Only one client can move at a time: the others'
    draws are refused, all in flight at once."""
    events = 0
    while not stop.is_set():
        event = "finish_turn" if acks and acks[-1][0] == "draw_card" else "draw_card"
        if event == "finish_turn" and not acks[-1][1].get("ok"):
            event = "draw_card"
        payload = {"sense": SENSES[events % 3]} if event == "draw_card" else {}
        try:
            acks.append((event, client.ask(event, payload, timeout=MOVE_TIMEOUT)))
        except Exception as error:  # the server died under this call
            acks.append((event, error))
            return
        events += 1
        time.sleep(PAUSE)


def check_consistent(state: RoomState) -> int:
    """Every finished play is whole and the turn follows from the plays; completed plays.

    Older plays are counts in the tally (engine/tally.py): answering "drawer", each finished
    play was answered once, by its drawer; the latest play is checked whole."""
    assert state.phase is Phase.PLAYING and state.turn is not None
    turn, players = state.turn, [s.id for s in state.seats]
    on_table = turn.card_id is not None
    done = state.drawn - on_table
    counted = totals(state)
    assert (counted.answered, counted.passed, counted.skipped, counted.away) == (done, 0, 0, 0)
    if state.history:
        latest = state.history[-1]
        assert latest.drawn_by == players[(state.drawn - 1) % len(players)], latest
        if on_table:
            assert latest.card_id == turn.card_id and latest.answers == ()
        else:
            assert [(a.seat_id, a.outcome) for a in latest.answers] == [
                (latest.drawn_by, Outcome.ANSWERED)
            ]
    assert turn.number == done + 1
    assert turn.active == players[done % len(players)]
    return done


def test_a_kill_mid_move_leaves_a_committed_version_and_the_game_goes_on(
    tmp_path: Path, database_url: str, clients: list[GameClient]
) -> None:
    instance = tmp_path / "instance"
    server = start_server(instance, database_url)
    port = int(server.url.rsplit(":", 1)[1])
    try:
        room = create_room(server.url, "Anna")
        table = seat_table(
            server.url, room, ["Bert", "Cees", "Dien"], reconnection=True, made=clients
        )
        start = table[0].ask("start_game")
        assert start["ok"], start

        stop = threading.Event()
        acks: dict[str, list[tuple[str, Any]]] = {c.label: [] for c in table}
        threads = [
            threading.Thread(target=fire_moves, args=(c, stop, acks[c.label]), daemon=True)
            for c in table
        ]
        for thread in threads:
            thread.start()

        def ok_moves() -> list[tuple[str, int]]:
            return [
                (event, ack["version"])
                for made in acks.values()
                for event, ack in list(made)
                if isinstance(ack, dict) and ack.get("ok")
            ]

        deadline = time.monotonic() + 30
        while len(ok_moves()) < 12 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert len(ok_moves()) >= 12, acks
        server.process.kill()  # SIGKILL with moves in flight: no goodbye, no cleanup
        server.process.wait(timeout=10)
        stop.set()
        for thread in threads:
            thread.join(timeout=MOVE_TIMEOUT + 5)
        acked = ok_moves()
        versions = [version for _, version in acked]
        assert len(versions) == len(set(versions)), "two moves acknowledged with one version"

        # What the dead process left in the database: one committed version, whole.
        version, state = stored(database_url, room["code"])
        assert version >= max(versions), "a move acknowledged ok was lost"
        completed = check_consistent(state)
        assert version == start["version"] + state.drawn + completed, (
            "every version is one whole move: one per draw and one per finished turn"
        )
        draws = sum(1 for event, _ in acked if event == "draw_card")
        finishes = sum(1 for event, _ in acked if event == "finish_turn")
        assert draws <= state.drawn and finishes <= completed
        seen = max(v for c in table for v in c.versions())
        assert seen <= version

        server = start_server(instance, database_url, port=port)
        for client in table:
            client.wait_for(lambda c=client: c.rejoin_acks, 30, "the rejoin after the restart")
            ack = client.rejoin_acks[-1]
            assert ack["ok"], (client.label, ack)
            assert ack["snapshot"]["version"] == version, "the rejoin found the stored version"

        # Play on to the end: each turn makes the next versions, seen by everyone.
        last = version
        for number in range(6):
            current = table[0].state()
            assert current["version"] == last
            active = next(c for c in table if c.seat_id == current["turn"]["active"])
            if current["card"] is None:
                drawn = active.ask("draw_card", {"sense": SENSES[number % 3]})
                assert drawn == {"ok": True, "version": last + 1}, drawn
                last += 1
            finished = active.ask("finish_turn")
            assert finished == {"ok": True, "version": last + 1}, finished
            last += 1
            for client in table:
                client.wait_version(last)
        ended = table[0].ask("end_game")
        assert ended == {"ok": True, "version": last + 1}, ended
        for client in table:
            assert client.wait_version(last + 1)["phase"] == "ended"
            after = [v for v in client.versions() if v > version]
            assert after == sorted(set(after)) and after[-1] == last + 1, client.label
        final_version, final = stored(database_url, room["code"])
        assert final_version == last + 1 and final.phase is Phase.ENDED
        assert final.drawn == completed + 6
    finally:
        for client in clients:
            client.drop()
        stop_server(server)
