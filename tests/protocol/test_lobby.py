"""Happy paths of the events around a room: join, watch, leave, get_state, get_screen_key,
set_language; and what every connection receives for each."""

from __future__ import annotations

from kletsborden.i18n import translate

from .harness import Server, Table, assert_error


def test_join_seats_a_player_and_everyone_gets_the_same_snapshot(table: Table) -> None:
    anna = table.join("Anna")  # checks ack, version + 1 and one equal room_state per member
    snapshot = table.snapshot()
    assert snapshot["version"] == 2
    assert [s["name"] for s in snapshot["seats"]] == ["Host", "Anna"]
    seat = table.seat(anna)
    assert seat == {
        "id": anna.seat_id,
        "name": "Anna",
        "role": "player",
        "connected": True,
        "away": False,
        "takes_turns": True,
        "has_device": True,
        "voice": None,
        "language": "nl",  # the room's, since the test client sent none
    }
    assert anna.token and anna.token != table.host.token


def test_versions_rise_by_one_for_every_change(table: Table) -> None:
    versions = [table.snapshot()["version"]]
    for name in ("Anna", "Bert", "Cor"):
        table.join(name)
        versions.append(table.snapshot()["version"])
    table.change(table.host, "set_locked", {"locked": True})
    versions.append(table.snapshot()["version"])
    table.start()
    versions.append(table.snapshot()["version"])
    assert versions == [1, 2, 3, 4, 5, 6]


def test_join_broadcast_lists_the_change(table: Table) -> None:
    version = table.snapshot()["version"]
    bert = table.connect()
    table.drain()
    ack = bert.ask("join", {"code": table.code, "name": "Bert"})
    bert.in_room = True
    broadcast = table.assert_broadcast(version + 1)
    assert broadcast == ack["snapshot"]
    assert broadcast["changes"] == [{"type": "seat_added", "seat_id": ack["seat_id"]}]


def test_a_code_may_be_typed_loosely(table: Table) -> None:
    loose = f" {table.code[:4].lower()} - {table.code[4:].lower()}\t"
    anna = table.connect()
    ack, _ = table.change(anna, "join", {"code": loose, "name": "Anna"}, entering=True)
    assert ack["snapshot"]["code"] == table.code


def test_join_as_spectator(table: Table) -> None:
    screen = table.join("Beamer", spectator=True)
    assert table.seat(screen)["role"] == "spectator"
    explicit_player = table.join("Anna", spectator=False)
    assert table.seat(explicit_player)["role"] == "player"


def test_join_with_language_answers_in_english(table: Table) -> None:
    anna = table.join("Anna", language="en")
    table.error(anna, "start_game", None, "not_host", language="en")


def test_accept_language_of_the_connection_is_the_default(server: Server, table: Table) -> None:
    english = table.connect(headers={"Accept-Language": "en-US,en;q=0.8"})
    table.error(english, "get_state", None, "not_joined", language="en")
    dutch = table.connect(headers={"Accept-Language": "nl-BE,nl;q=0.9,en;q=0.5"})
    table.error(dutch, "get_state", None, "not_joined", language="nl")
    other = table.connect(headers={"Accept-Language": "de"})
    table.error(other, "get_state", None, "not_joined", language="nl")


def test_set_language_switches_this_connections_messages_and_the_seats_language(
    table: Table,
) -> None:
    anna = table.join("Anna")
    ack, snapshot = table.change(anna, "set_language", {"language": "en"})
    assert ack == {"ok": True, "language": "en", "version": snapshot["version"]}
    assert snapshot["changes"] == [
        {"type": "language_changed", "seat_id": anna.seat_id, "language": "en"}
    ]
    assert table.seat(anna)["language"] == "en" and table.seat(table.host)["language"] == "nl"
    table.error(anna, "start_game", None, "not_host", language="en")
    table.error(table.host, "kick", {"seat_id": table.host.seat_id}, "seat_not_available", "nl")
    assert table.unchanged(anna, "set_language", {"language": "en"})["language"] == "en"
    table.change(anna, "set_language", {"language": "ar"})
    assert table.seat(anna)["language"] == "ar"
    arabic = translate("errors.not_host", "ar")
    assert arabic != translate("errors.not_host", "en")
    assert anna.ask("start_game")["error"]["message"] == arabic
    # Somali has no interface texts: the messages stay Arabic, the seat reads Somali cards.
    table.change(anna, "set_language", {"language": "so"})
    assert table.seat(anna)["language"] == "so"
    assert anna.ask("start_game")["error"]["message"] == arabic


def test_set_language_works_before_joining(server: Server) -> None:
    member = server.connect()
    assert member.ask("set_language", {"language": "en"}) == {"ok": True, "language": "en"}
    assert_error(member.ask("get_state"), "not_joined", "en")
    assert_error(member.ask("join", {"code": "AAAA-AAAA", "name": "X"}), "room_not_found", "en")


def test_get_state_returns_the_current_snapshot_without_changing_anything(table: Table) -> None:
    anna = table.join("Anna")
    table.change(table.host, "set_locked", {"locked": True})
    ack = table.unchanged(anna, "get_state")
    assert set(ack) == {"ok", "snapshot"}
    snapshot = ack["snapshot"]
    assert snapshot["version"] == 3
    assert snapshot["locked"] is True
    assert snapshot["changes"] == []
    assert snapshot["server_time"] == table.server.clock.now
    # Hosts also get what only they see: nobody asked for another topic, no card on the table.
    lead_view = {"code": table.code, "version": 3, "card_id": None, "play": 0}
    lead_view |= {"topic_signals": 0, "named": [], "report_path": None}
    assert table.unchanged(table.host, "get_state") == {**ack, "lead_view": lead_view}
    assert table.unchanged(table.screen, "get_state") == ack


def test_get_screen_key_for_host_and_cohost(table: Table) -> None:
    anna = table.join("Anna")
    assert table.unchanged(table.host, "get_screen_key") == {
        "ok": True,
        "screen_key": table.screen_key,
    }
    table.change(table.host, "set_role", {"seat_id": anna.seat_id, "role": "cohost"})
    assert table.unchanged(anna, "get_screen_key")["screen_key"] == table.screen_key


def test_watch_with_the_screen_key_shows_the_room_without_a_seat(table: Table) -> None:
    projector = table.connect()
    ack = table.unchanged(projector, "watch", {"code": table.code, "screen_key": table.screen_key})
    projector.in_room = True
    assert ack == {"ok": True, "snapshot": table.snapshot(), "join_ticket": ack["join_ticket"]}
    assert len(ack["snapshot"]["seats"]) == 1, "a screen takes no seat"
    # it gets every broadcast from now on (the table checks each member gets each one)
    table.join("Anna")
    table.change(table.host, "set_locked", {"locked": True})
    assert projector.received() == []


def test_watch_with_a_key_from_get_screen_key_and_in_english(table: Table) -> None:
    key = table.host.ask("get_screen_key")["screen_key"]
    projector = table.connect()
    payload = {"code": table.code.lower(), "screen_key": key, "language": "en"}
    table.unchanged(projector, "watch", payload)
    projector.in_room = True
    table.error(projector, "draw_card", None, "not_joined", language="en")


def test_a_player_leaves(table: Table) -> None:
    anna = table.join("Anna")
    bert = table.join("Bert")
    anna_seat = anna.seat_id
    snapshot = table.leave(anna)
    assert [s["name"] for s in snapshot["seats"]] == ["Host", "Bert"]
    assert snapshot["changes"] == [{"type": "seat_removed", "seat_id": anna_seat}]
    # out of the room: no more broadcasts, no state, and the token is no longer a seat
    table.change(bert, "set_takes_turns", {"seat_id": bert.seat_id, "takes_turns": False})
    table.error(anna, "get_state", None, "not_joined")
    table.error(anna, "join", {"code": table.code, "token": anna.token}, "invalid_token")
    # the connection may take a new seat
    ack, _ = table.change(anna, "join", {"code": table.code, "name": "Anna"}, entering=True)
    assert ack["seat_id"] != anna_seat


def test_the_host_leaving_passes_the_host_role_on(table: Table) -> None:
    anna = table.join("Anna")
    bert = table.join("Bert")
    snapshot = table.leave(table.host)
    roles = {s["name"]: s["role"] for s in snapshot["seats"]}
    assert roles == {"Anna": "host", "Bert": "player"}
    assert {"type": "host_changed", "seat_id": anna.seat_id} in snapshot["changes"]
    # the new host can do what hosts do
    table.change(anna, "set_locked", {"locked": True})
    table.error(bert, "set_locked", {"locked": False}, "not_host")


def test_a_present_cohost_takes_over_before_older_players(table: Table) -> None:
    table.join("Anna")
    bert = table.join("Bert")
    table.change(table.host, "set_role", {"seat_id": bert.seat_id, "role": "cohost"})
    snapshot = table.leave(table.host)
    assert {s["name"]: s["role"] for s in snapshot["seats"]} == {"Anna": "player", "Bert": "host"}


def test_the_last_one_leaving_empties_the_room_and_the_next_becomes_host(table: Table) -> None:
    snapshot = table.leave(table.host)
    assert snapshot["seats"] == []
    anna = table.join("Anna")
    assert table.seat(anna)["role"] == "host"


def test_a_host_renews_the_screen_key_and_old_screens_are_let_go(table: Table) -> None:
    """A projector link that went further than intended stops working at once (docs §4)."""
    anna = table.join("Anna")
    old = table.screen_key
    table.error(anna, "renew_screen_key", None, "not_host")
    before = table.snapshot()
    ack = table.host.ask("renew_screen_key")
    assert table.snapshot() == before, "a new key is no change to the game"
    assert set(ack) == {"ok", "screen_key"} and ack["ok"] is True
    new = ack["screen_key"]
    assert new != old
    assert table.screen.events("screen_key_renewed") == [{"code": table.code}]
    table.screen.in_room = False  # no more broadcasts for the old screen
    assert table.unchanged(table.host, "get_screen_key")["screen_key"] == new
    table.error(table.connect(), "watch", {"code": table.code, "screen_key": old}, "not_allowed")
    projector = table.connect()
    table.unchanged(projector, "watch", {"code": table.code, "screen_key": new})
    projector.in_room = True
    table.change(table.host, "set_locked", {"locked": True})
    assert table.screen.received() == [], "the old screen hears nothing more"
