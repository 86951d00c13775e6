"""The server process is killed mid-game and started again: the game carries on (§7)."""

from __future__ import annotations

from pathlib import Path

from support.server import Server, start_server, stop_server

from .client import GameClient, create_room, seat_table

RESTART_TIMEOUT = 30.0


def kill_and_start_again(
    server: Server, table: list[GameClient], instance: Path, database_url: str
) -> Server:
    """kill -9 (no goodbye to anyone, nothing marked disconnected), then a new process on the same
    port and database; returns once every client reconnected and sent its rejoin."""
    port = int(server.url.rsplit(":", 1)[1])
    server.process.kill()
    server.process.wait(timeout=10)
    for client in table:
        client.wait_for(lambda c=client: c.disconnects, what="the connection to drop")
    server = start_server(instance, database_url, port=port)
    for client in table:
        client.wait_for(
            lambda c=client: c.rejoin_acks, RESTART_TIMEOUT, "the rejoin after reconnecting"
        )
    return server


def test_a_killed_server_comes_back_and_the_game_carries_on(
    tmp_path: Path, database_url: str, clients: list[GameClient]
) -> None:
    instance = tmp_path / "instance"
    server = start_server(instance, database_url)
    try:
        room = create_room(server.url, "Anna", settings={"answering": "everyone"})
        # python-socketio reconnects by itself; on every reconnect the client joins again with
        # its token, as §2's minimal client does.
        table = seat_table(server.url, room, ["Bert", "Cees"], reconnection=True, made=clients)
        host = table[0]
        assert host.ask("start_game")["ok"]
        drawn = host.ask("draw_card", {"sense": "voelen"})
        assert drawn["ok"], drawn
        finished = host.ask("finish_turn")  # the host answered; Bert and Cees still have to
        assert finished["ok"], finished
        version = finished["version"]
        before = {c.label: c.wait_version(version) for c in table}
        card = before["host"]["card"]
        assert card is not None and before["host"]["turn"]["waiting_on"] == table[1].seat_id

        server = kill_and_start_again(server, table, instance, database_url)
        for client in table:
            ack = client.rejoin_acks[-1]
            assert ack["ok"], (client.label, ack)
            assert ack["seat_id"] == client.seat_id
            snap = ack["snapshot"]
            # The seats never counted as disconnected, so the rejoins changed nothing.
            assert snap["version"] == version, client.label
            assert snap["changes"] == []
            assert snap["card"] == card
            assert snap["turn"] == before["host"]["turn"]
            assert all(s["connected"] for s in snap["seats"])

        # Play on: the next action makes exactly the next version, seen by everyone.
        bert = table[1]
        ack = bert.ask("finish_turn")
        assert ack == {"ok": True, "version": version + 1}
        for client in table:
            snap = client.wait_version(version + 1)
            assert snap["changes"] == [
                {"type": "answer_ended", "seat_id": bert.seat_id, "outcome": "answered"}
            ]
            assert snap["turn"]["waiting_on"] == table[2].seat_id
        ack = table[2].ask("pass_card")
        assert ack == {"ok": True, "version": version + 2}
        for client in table:
            snap = client.wait_version(version + 2)
            assert snap["card"] is None
            assert snap["turn"]["active"] == bert.seat_id
            assert snap["played"]["total"] == 1
            assert (snap["played"]["answered"], snap["played"]["passed"]) == (2, 1)
        # Nobody saw a version twice or out of order across the restart.
        for client in table:
            seen = client.versions()
            assert seen == sorted(set(seen)), (client.label, seen)
    finally:
        for client in clients:
            client.drop()
        stop_server(server)


def test_the_voice_table_survives_a_killed_server(
    tmp_path: Path, database_url: str, clients: list[GameClient]
) -> None:
    """Who is at the voice table, muted or asked to mute, is room state: after kill -9 and a
    restart the rejoins find it as it was; joining again starts new sessions; signals flow."""
    instance = tmp_path / "instance"
    server = start_server(instance, database_url)
    try:
        room = create_room(server.url, "Anna", settings={"play_mode": "online"})
        table = seat_table(server.url, room, ["Bert", "Cees"], reconnection=True, made=clients)
        host, bert, cees = table
        for client in (host, bert):
            assert client.ask("voice_join")["ok"]
        assert bert.ask("voice_mute", {"muted": True})["ok"]
        asked = host.ask("voice_ask_mute", {"seat_id": bert.seat_id})
        assert asked["ok"], asked
        before = host.wait_version(asked["version"])

        server = kill_and_start_again(server, table, instance, database_url)
        for client in table:
            ack = client.rejoin_acks[-1]
            assert ack["ok"], (client.label, ack)
            snap = ack["snapshot"]
            assert snap["version"] == asked["version"], "the rejoins changed nothing"
            assert snap["seats"] == before["seats"]
        voices = {s["id"]: s["voice"] for s in before["seats"]}
        assert voices[host.seat_id] == {
            "session": 1,
            "muted": False,
            "asked_to_mute": False,
            "camera": False,
        }
        assert voices[bert.seat_id] == {
            "session": 2,
            "muted": True,
            "asked_to_mute": True,
            "camera": False,
        }
        assert voices[cees.seat_id] is None

        # The browsers join again: new sessions, the host's request still holds; signals flow.
        for client in (host, bert):
            joined = client.ask("voice_join")
            assert joined["ok"], joined
        snap = host.wait_version(joined["version"])
        assert next(s for s in snap["seats"] if s["id"] == bert.seat_id)["voice"] == {
            "session": 4,
            "muted": True,
            "asked_to_mute": True,
            "camera": False,
        }
        offer = {"type": "offer", "sdp": "v=0\r\n"}
        assert host.ask("voice_signal", {"to": bert.seat_id, "description": offer}) == {"ok": True}
        assert bert.wait_event("voice_signal")[1] == {"from": host.seat_id, "description": offer}
    finally:
        for client in clients:
            client.drop()
        stop_server(server)
