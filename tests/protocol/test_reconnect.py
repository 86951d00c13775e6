"""Connections come and go: rejoining with a token, several tabs, the grace period, leaving
hosts, and kicked seats."""

from __future__ import annotations

from .harness import GRACE, Member, Server, Table, assert_error


def three_playing(server: Server) -> tuple[Table, Member, Member]:
    table = server.create_room("Host")
    anna, bert = table.join("Anna"), table.join("Bert")
    table.start()
    return table, anna, bert


def drop(table: Table, member: Member) -> dict:
    """``member``'s connection closes; everyone else gets the seat shown disconnected."""
    version = table.snapshot()["version"]
    table.drain()
    member.disconnect()
    snapshot = table.assert_broadcast(version + 1)
    assert snapshot["changes"] == [
        {"type": "presence_changed", "seat_id": member.seat_id, "connected": False, "away": False}
    ]
    return snapshot


def test_rejoin_with_the_token_gives_the_same_seat_and_the_current_snapshot(
    server: Server,
) -> None:
    table, anna, _ = three_playing(server)
    snapshot = drop(table, anna)
    assert table.seat(anna)["connected"] is False
    assert snapshot["turn"]["active"] == table.host.seat_id
    table.change(table.host, "draw_card", {"sense": "zien"})  # the game goes on meanwhile
    version = table.snapshot()["version"]
    again = table.connect()
    table.drain()
    ack = again.ask("join", {"code": table.code, "token": anna.token})
    again.in_room = True
    broadcast = table.assert_broadcast(version + 1)
    assert set(ack) == {"ok", "seat_id", "snapshot", "join_ticket"}, "no new token for an old seat"
    assert ack["seat_id"] == anna.seat_id
    assert ack["snapshot"] == broadcast
    assert broadcast["card"]["drawn_by"] == table.host.seat_id
    assert [s["name"] for s in broadcast["seats"]] == ["Host", "Anna", "Bert"]
    assert table.seat(anna.seat_id)["connected"] is True
    assert broadcast["changes"] == [
        {"type": "presence_changed", "seat_id": anna.seat_id, "connected": True, "away": False}
    ]
    again.seat_id = anna.seat_id
    table.change(table.host, "hand_card", {"to": anna.seat_id})
    table.change(again, "finish_turn")  # the seat plays on from the new connection


def test_rejoin_on_the_same_connection_changes_nothing(table: Table) -> None:
    anna = table.join("Anna")
    ack = table.unchanged(anna, "join", {"code": table.code, "token": anna.token})
    assert ack["seat_id"] == anna.seat_id and "token" not in ack
    assert anna.connected


def test_a_newer_connection_takes_the_seat_over(server: Server) -> None:
    table, anna, _ = three_playing(server)
    newer = table.rejoin(anna.token, changes=False)  # the older one is told and closed
    assert newer.seat_id == anna.seat_id and not anna.connected
    assert table.seat(anna.seat_id)["connected"] is True
    table.change(table.host, "finish_turn")
    table.change(newer, "draw_card", {"sense": "horen"})


def test_an_older_connection_closing_does_not_disconnect_the_seat(server: Server) -> None:
    table, anna, _ = three_playing(server)
    newer = table.connect()
    table.drain()
    # the older connection closes while (not after) the newer one takes the seat
    assert newer.ask("join", {"code": table.code, "token": anna.token})["ok"] is True
    newer.seat_id, newer.token, newer.in_room = anna.seat_id, anna.token, True
    if anna.connected:  # a server may leave the old connection open; close it ourselves
        anna.disconnect()
    table.drain()
    before = table.snapshot()
    assert table.seat(anna.seat_id)["connected"] is True
    server.clock.advance(GRACE * 2)
    assert server.tick() == []
    table.assert_quiet()
    after = table.snapshot()
    assert after["server_time"] == before["server_time"] + GRACE * 2
    assert after | {"server_time": None} == before | {"server_time": None}
    assert table.seat(anna.seat_id)["away"] is False
    # the newer connection holds the seat: its closing counts
    drop(table, newer)


def test_the_newest_connection_decides_after_several_rejoins(server: Server) -> None:
    table, anna, _ = three_playing(server)
    drop(table, anna)
    first = table.rejoin(anna.token)
    second = table.rejoin(anna.token, changes=False)
    third = table.rejoin(anna.token, changes=False)
    assert not first.connected and not second.connected
    drop(table, third)
    server.clock.advance(GRACE)
    server.tick()
    assert table.seat(anna.seat_id)["away"] is True


def test_a_disconnected_active_player_becomes_away_after_the_grace_period(
    server: Server,
) -> None:
    table, anna, bert = three_playing(server)
    table.change(table.host, "finish_turn")
    table.change(anna, "draw_card", {"sense": "voelen"})
    drop(table, anna)
    version = table.snapshot()["version"]
    server.clock.advance(GRACE - 0.5)
    table.drain()
    assert server.tick() == []
    table.assert_quiet()
    assert table.snapshot()["turn"]["waiting_on"] == anna.seat_id, "the turn waits a while"
    server.clock.advance(0.5)
    assert len(server.tick()) == 1
    snapshot = table.assert_broadcast(version + 1)
    assert snapshot["changes"] == [
        {"type": "presence_changed", "seat_id": anna.seat_id, "connected": False, "away": True},
        {"type": "answer_ended", "seat_id": anna.seat_id, "outcome": "away"},
        {"type": "turn_started", "seat_id": bert.seat_id, "number": 3},
    ]
    assert table.seat(anna.seat_id)["away"] is True
    assert snapshot["turn"]["active"] == bert.seat_id
    assert server.tick() == [], "once is enough"
    # Anna comes back: present again, and in the turns from the next round on
    again = table.rejoin(anna.token)
    assert table.seat(anna.seat_id) | {"id": None} == {
        "id": None,
        "name": "Anna",
        "role": "player",
        "connected": True,
        "away": False,
        "takes_turns": True,
        "has_device": True,
        "voice": None,
        "language": "nl",
    }
    assert table.snapshot()["turn"]["active"] == bert.seat_id
    table.change(bert, "finish_turn")
    table.change(table.host, "finish_turn")
    assert table.snapshot()["turn"]["active"] == again.seat_id


def test_a_player_back_within_the_grace_period_keeps_the_turn(server: Server) -> None:
    table, _, _ = three_playing(server)
    host_seat = table.host.seat_id
    drop(table, table.host)
    server.clock.advance(GRACE - 1)
    host = table.rejoin(table.host.token)
    server.clock.advance(GRACE)
    assert server.tick() == []
    snapshot = table.snapshot()
    assert snapshot["turn"]["active"] == host_seat
    assert table.seat(host_seat)["role"] == "host"
    table.change(host, "draw_card", {"sense": "horen"})


def test_a_disconnected_host_hands_over_after_the_grace_period(server: Server) -> None:
    table, anna, _ = three_playing(server)
    host_seat = table.host.seat_id
    drop(table, table.host)
    version = table.snapshot()["version"]
    server.clock.advance(GRACE)
    table.drain()
    server.tick()
    snapshot = table.assert_broadcast(version + 1)
    assert {"type": "host_changed", "seat_id": anna.seat_id} in snapshot["changes"]
    assert snapshot["turn"]["active"] == anna.seat_id
    roles = {s["name"]: s["role"] for s in snapshot["seats"]}
    assert roles == {"Host": "player", "Anna": "host", "Bert": "player"}
    table.change(anna, "set_paused", {"paused": True})
    back = table.rejoin(table.host.token)
    assert back.seat_id == host_seat
    table.error(back, "set_paused", {"paused": False}, "not_host")


def test_the_active_host_leaving_passes_host_and_turn_on(server: Server) -> None:
    table, anna, _ = three_playing(server)
    table.change(table.host, "draw_card", {"sense": "horen"})
    snapshot = table.leave(table.host)
    assert [(s["name"], s["role"]) for s in snapshot["seats"]] == [
        ("Anna", "host"),
        ("Bert", "player"),
    ]
    assert snapshot["turn"]["active"] == anna.seat_id
    assert snapshot["card"] is None
    table.change(anna, "end_game")


def test_a_kicked_seat_is_disconnected_and_cannot_come_back(server: Server) -> None:
    table, anna, _ = three_playing(server)
    table.drain()
    assert table.host.ask("kick", {"seat_id": anna.seat_id})["ok"] is True
    assert anna.events("kicked") == [{"code": table.code}]
    assert not anna.connected
    anna.in_room = False
    table.drain()
    for _ in range(2):
        payload = {"code": table.code, "token": anna.token}
        table.error(table.connect(), "join", payload, "kicked")
        table.error(table.connect(), "join", payload, "kicked", language="nl")
    payload = {"code": table.code, "token": anna.token, "language": "en"}
    table.error(table.connect(), "join", payload, "kicked", language="en")
    # kicking removes a seat, not a person: a new seat can be taken
    table.join("Anna")


def test_a_connection_that_moves_to_another_room_releases_its_seat(server: Server) -> None:
    first = server.create_room("Een")
    second = server.create_room("Twee")
    anna = first.join("Anna")
    version = first.snapshot()["version"]
    first.drain()
    ack = anna.ask("join", {"code": second.code, "name": "Anna"})
    assert ack["ok"] is True
    anna.in_room = False
    anna.received()  # (what Anna gets here is the next test's subject)
    snapshot = first.assert_broadcast(version + 1)
    assert first.seat(anna.seat_id)["connected"] is False
    assert snapshot["changes"] == [
        {"type": "presence_changed", "seat_id": anna.seat_id, "connected": False, "away": False}
    ]
    first.change(first.host, "set_locked", {"locked": True})  # Anna hears nothing from here
    anna.disconnect()
    server.clock.advance(GRACE)
    server.tick()
    seat = first.seat(anna.seat_id)
    assert (seat["connected"], seat["away"]) == (False, True), seat
    assert second.seat(ack["seat_id"])["connected"] is False


def test_a_connection_moving_to_another_room_gets_only_the_new_rooms_snapshots(
    server: Server,
) -> None:
    """BUG: ``join`` into room B from a connection seated in room A first broadcasts A's
    "seat disconnected" snapshot to room A *before* leaving A's broadcast group, so the
    connection receives a room_state of room A (here version 5) just before room B's (version 2)
    and its ack. A client that keeps the highest version, as docs/protocol.md shows, then keeps
    showing room A. Expected: after asking to join B, only B's snapshots arrive."""
    first = server.create_room("Een")
    second = server.create_room("Twee")
    anna = first.join("Anna")
    first.change(first.host, "set_locked", {"locked": True})
    first.change(first.host, "set_locked", {"locked": False})
    anna.received()
    ack = anna.ask("join", {"code": second.code, "name": "Anna"})
    assert ack["ok"] is True
    codes = [(s["code"], s["version"]) for s in anna.states()]
    assert codes == [(second.code, ack["snapshot"]["version"])], codes


def test_a_seated_connection_that_starts_watching_releases_its_seat(table: Table) -> None:
    anna = table.join("Anna")
    payload = {"code": table.code, "screen_key": table.screen_key}
    _, snapshot = table.change(anna, "watch", payload)
    assert table.seat(anna.seat_id)["connected"] is False
    table.error(anna, "draw_card", None, "not_joined")
    assert table.unchanged(anna, "get_state")["snapshot"]["version"] == snapshot["version"]


def test_a_disconnect_event_sent_by_the_client_changes_nothing(table: Table) -> None:
    """BUG: "disconnect" is a reserved Socket.IO name, yet a client can send it as an ordinary
    event (``emit("disconnect", {})``) and the server runs its disconnect handler for it: the
    seat is broadcast as ``connected: false`` (and goes away after the grace period, losing its
    turn and the host role) while the connection stays open, and the ack is ``[]`` instead of
    an error. Expected: ``unknown_event``, no room_state, the seat still connected."""
    anna = table.join("Anna")
    before = table.snapshot()
    table.drain()
    ack = anna.ask("disconnect", {"reason": "x"})
    assert anna.connected
    assert table.seat(anna)["connected"] is True, "seat shown disconnected, connection open"
    assert table.snapshot() == before
    table.assert_quiet()
    assert_error(ack, "unknown_event")


def test_a_kicked_device_cannot_come_back_under_another_name(server: Server) -> None:
    """The room remembers the device a kicked seat was taken from (hashed with the room's code):
    a new name from the same device is refused; other devices, and that device in another
    room, are not."""
    table, _, _ = three_playing(server)
    device = "d" * 20
    carla = table.join("Carla", device=device)
    table.drain()
    assert table.host.ask("kick", {"seat_id": carla.seat_id})["ok"] is True
    table.drain()
    for language in ("nl", "en"):
        payload = {"code": table.code, "name": "Carla2", "device": device, "language": language}
        table.error(table.connect(), "join", payload, "kicked", language=language)
    before = table.snapshot()
    assert all(seat["name"] != "Carla2" for seat in before["seats"])
    table.join("Dirk", device="e" * 20)  # another device is welcome
    other = server.create_room("Ander")
    other.join("Carla", device=device)  # the same device in another room is not known there


def test_a_bad_device_id_is_invalid_payload(server: Server) -> None:
    table = server.create_room("Host")
    for device in (12, "short", "x" * 65, "not allowed!" * 2, ["a" * 20]):
        payload = {"code": table.code, "name": "Anna", "device": device}
        table.error(table.connect(), "join", payload, "invalid_payload")
    assert len(table.snapshot()["seats"]) == 1
