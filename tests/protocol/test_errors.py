"""Every error code each client event can produce.

Each check goes through ``Table.error``: the ack is ``{"ok": false, "error": {"code", "message"}}``
with the Dutch message (the default), then the English one after ``set_language``; nobody in the
room receives anything and ``get_state`` shows the same snapshot and version as before.
"""

from __future__ import annotations

from typing import Any

from .harness import ERRORS, GRACE, NOTHING, Member, Server, Table, assert_error

# Every code the protocol documents for clients, each with a Dutch and an English message.
PROTOCOL_CODES = (
    "not_your_turn",
    "not_host",
    "game_not_started",
    "game_already_started",
    "game_ended",
    "card_already_drawn",
    "no_card_drawn",
    "sense_not_in_play",
    "unknown_seat",
    "seat_not_available",
    "hand_not_allowed",
    "name_taken",
    "room_full",
    "not_waiting_on_player",
    "invalid_settings",
    "invalid_name",
    "room_locked",
    "game_paused",
    "typed_answers_off",
    "no_timer",
    "invalid_reaction",
    "empty_answer",
    "answer_too_long",
    "room_not_found",
    "invalid_payload",
    "not_joined",
    "invalid_token",
    "kicked",
    "not_allowed",
    "rate_limited",
    "unknown_event",
)

NOBODY = "000000000000"  # a seat id no room has


def test_every_protocol_code_has_a_dutch_and_an_english_message() -> None:
    for code in PROTOCOL_CODES:
        assert set(ERRORS[code]) == {"nl", "en"}, code
        assert ERRORS[code]["nl"] != ERRORS[code]["en"], code


def other_code(table: Table) -> str:
    """A well-formed room code that is not this room's."""
    return "ACEFGHJK" if table.code != "ACEFGHJK" else "KJHGFECA"


def three(server: Server, **settings: Any) -> tuple[Table, Member, Member]:
    table = server.create_room("Host", settings=settings or None)
    return table, table.join("Anna"), table.join("Bert")


def playing(server: Server, **settings: Any) -> tuple[Table, Member, Member]:
    """Host, Anna and Bert playing; it is the host's turn and no card is drawn."""
    table, anna, bert = three(server, **settings)
    table.start()
    return table, anna, bert


def pause(table: Table) -> None:
    table.change(table.host, "set_paused", {"paused": True})


def end(table: Table) -> None:
    table.change(table.host, "end_game")


# --- joining and watching -----------------------------------------------------------------


def test_join_errors(table: Table) -> None:
    table.join("Anna")
    code = table.code
    cases: list[tuple[Any, str]] = [
        ({"code": code, "name": "Xavier", "age": 12}, "invalid_payload"),
        ({"code": code, "token": 123}, "invalid_payload"),
        ({"code": code, "token": ["abc"]}, "invalid_payload"),
        ({"code": code, "name": "Xavier", "spectator": "yes"}, "invalid_payload"),
        ({"code": code, "name": "Xavier", "spectator": 1}, "invalid_payload"),
        ({"code": code, "name": "Xavier", "language": "xx"}, "invalid_payload"),
        ("join me", "invalid_payload"),
        ([code, "Xavier"], "invalid_payload"),
        (42, "invalid_payload"),
        (True, "invalid_payload"),
        (NOTHING, "room_not_found"),
        (None, "room_not_found"),
        ({}, "room_not_found"),
        ({"name": "Xavier"}, "room_not_found"),
        ({"code": other_code(table), "name": "Xavier"}, "room_not_found"),
        ({"code": "0000-0000", "name": "Xavier"}, "room_not_found"),
        ({"code": code[:7], "name": "Xavier"}, "room_not_found"),
        ({"code": 12345678, "name": "Xavier"}, "room_not_found"),
        ({"code": code + "x" * 100, "name": "Xavier"}, "room_not_found"),
        ({"code": "'; DROP TABLE rooms;--", "name": "Xavier"}, "room_not_found"),
        ({"code": code}, "invalid_name"),
        ({"code": code, "name": ""}, "invalid_name"),
        ({"code": code, "name": " \t\n "}, "invalid_name"),
        ({"code": code, "name": "x" * 41}, "invalid_name"),
        ({"code": code, "name": 7}, "invalid_name"),
        ({"code": code, "name": ["Xavier"]}, "invalid_name"),
        ({"code": code, "name": {"nl": "Xavier"}}, "invalid_name"),
        ({"code": code, "name": False}, "invalid_name"),
        ({"code": code, "name": "Anna"}, "name_taken"),
        ({"code": code, "name": " aNNA "}, "name_taken"),
        ({"code": code, "name": "host", "spectator": True}, "name_taken"),
        ({"code": code, "token": "not-a-token"}, "invalid_token"),
        ({"code": code, "token": ""}, "invalid_token"),
        ({"code": code, "token": table.host.token + "x"}, "invalid_token"),
    ]
    for payload, error in cases:
        table.error(table.connect(), "join", payload, error)
    assert table.names() == ["Host", "Anna"]


def test_join_with_a_token_of_another_room_is_an_invalid_token(server: Server) -> None:
    first, second = server.create_room("Een"), server.create_room("Twee")
    payload = {"code": first.code, "token": second.host.token}
    first.error(first.connect(), "join", payload, "invalid_token")


def test_join_errors_in_english_when_the_join_asks_for_english(table: Table) -> None:
    payload = {"code": table.code, "name": "Host", "language": "en"}
    table.error(table.connect(), "join", payload, "name_taken", language="en")
    payload = {"code": other_code(table), "name": "Xavier", "language": "en"}
    table.error(table.connect(), "join", payload, "room_not_found", language="en")


def test_join_a_locked_room(table: Table) -> None:
    table.change(table.host, "set_locked", {"locked": True})
    table.error(table.connect(), "join", {"code": table.code, "name": "Anna"}, "room_locked")
    payload = {"code": table.code, "name": "Scherm", "spectator": True}
    table.error(table.connect(), "join", payload, "room_locked")


def test_join_a_full_room(server: Server) -> None:
    table = server.create_room(settings={"max_players": 2})
    table.join("Anna")
    table.error(table.connect(), "join", {"code": table.code, "name": "Bert"}, "room_full")
    table.join("Beamer", spectator=True)  # spectators do not count as players


def test_join_a_room_with_thirty_seats(table: Table) -> None:
    for number in range(1, 30):
        table.join(f"Speler {number}")
    assert len(table.snapshot()["seats"]) == 30
    table.error(table.connect(), "join", {"code": table.code, "name": "Dertig"}, "room_full")
    payload = {"code": table.code, "name": "Beamer", "spectator": True}
    table.error(table.connect(), "join", payload, "room_full")


def test_join_an_ended_game(table: Table) -> None:
    end(table)
    table.error(table.connect(), "join", {"code": table.code, "name": "Anna"}, "game_ended")


def test_join_with_the_token_of_a_kicked_seat(table: Table) -> None:
    anna = table.join("Anna")
    table.host.ask("kick", {"seat_id": anna.seat_id})
    anna.in_room = False
    table.drain()
    table.error(table.connect(), "join", {"code": table.code, "token": anna.token}, "kicked")


def test_watch_errors(server: Server) -> None:
    table = server.create_room()
    elsewhere = server.create_room()
    code, key = table.code, table.screen_key
    unknown = other_code(table)
    cases: list[tuple[Any, str]] = [
        ({"code": code}, "invalid_payload"),
        ({"code": code, "screen_key": None}, "invalid_payload"),
        ({"code": code, "screen_key": 123}, "invalid_payload"),
        ({"code": code, "screen_key": [key]}, "invalid_payload"),
        ({"code": code, "screen_key": key, "seat": "x"}, "invalid_payload"),
        ({"code": code, "screen_key": key, "language": "xx"}, "invalid_payload"),
        ([code, key], "invalid_payload"),
        (key, "invalid_payload"),
        ({"screen_key": key}, "room_not_found"),
        ({"code": "0000-0000", "screen_key": key}, "room_not_found"),
        ({"code": unknown, "screen_key": server.rooms.screen_key(unknown)}, "room_not_found"),
        ({"code": code, "screen_key": ""}, "not_allowed"),
        ({"code": code, "screen_key": "0" * 32}, "not_allowed"),
        ({"code": code, "screen_key": key.upper()}, "not_allowed"),
        ({"code": code, "screen_key": key[:-1]}, "not_allowed"),
        ({"code": code, "screen_key": "sleutel-é-😀"}, "not_allowed"),  # not ASCII
        ({"code": code, "screen_key": elsewhere.screen_key}, "not_allowed"),
        ({"code": code, "screen_key": table.host.token}, "not_allowed"),
    ]
    for payload, error in cases:
        table.error(table.connect(), "watch", payload, error)
    anna = table.join("Anna")
    table.error(anna, "watch", {"code": code, "screen_key": "nope"}, "not_allowed")


def test_leave_errors(table: Table) -> None:
    table.error(table.connect(), "leave", None, "not_joined")
    table.error(table.screen, "leave", None, "not_joined")
    anna = table.join("Anna")
    table.error(anna, "leave", {"now": True}, "invalid_payload")
    table.error(anna, "leave", "now", "invalid_payload")
    table.error(anna, "leave", [], "invalid_payload")
    table.leave(anna)
    table.error(anna, "leave", None, "not_joined")


def test_get_state_errors(table: Table) -> None:
    table.error(table.connect(), "get_state", None, "not_joined")
    table.error(table.host, "get_state", {"full": True}, "invalid_payload")
    table.error(table.host, "get_state", "all", "invalid_payload")


def test_get_screen_key_errors(table: Table) -> None:
    table.error(table.connect(), "get_screen_key", None, "not_joined")
    table.error(table.screen, "get_screen_key", None, "not_joined")
    anna = table.join("Anna")
    table.error(anna, "get_screen_key", None, "not_host")
    beamer = table.join("Beamer", spectator=True)
    table.error(beamer, "get_screen_key", None, "not_host")
    table.error(table.host, "get_screen_key", {"code": table.code}, "invalid_payload")


def test_set_language_errors(table: Table) -> None:
    for member in (table.connect(), table.host):
        for payload in (
            NOTHING,
            None,
            {},
            {"language": None},
            {"language": "xx"},
            {"language": "EN"},
            {"language": "en-GB"},
            {"language": 1},
            {"language": ["en"]},
            {"language": "en", "region": "GB"},
            "en",
            ["en"],
        ):
            table.error(member, "set_language", payload, "invalid_payload")


# --- the game -----------------------------------------------------------------------------


def test_start_game_errors(server: Server) -> None:
    table, anna, _ = three(server)
    table.error(table.connect(), "start_game", None, "not_joined")
    table.error(table.screen, "start_game", None, "not_joined")
    table.error(anna, "start_game", None, "not_host")
    table.error(table.host, "start_game", {"now": True}, "invalid_payload")
    table.error(table.host, "start_game", 1, "invalid_payload")
    table.start()
    table.error(table.host, "start_game", None, "game_already_started")
    end(table)
    table.error(table.host, "start_game", None, "game_ended")


def test_start_game_without_players(server: Server) -> None:
    table = server.create_room(takes_turns=False)
    before = table.snapshot()
    table.drain()
    ack = table.host.ask("start_game")
    assert_error(ack, "no_players")
    table.assert_quiet()
    assert table.snapshot() == before


def test_draw_card_errors(server: Server) -> None:
    table, anna, _ = three(server)
    beamer = table.join("Beamer", spectator=True)
    table.error(table.host, "draw_card", None, "game_not_started")
    table.start()
    table.error(table.connect(), "draw_card", None, "not_joined")
    table.error(table.screen, "draw_card", None, "not_joined")
    table.error(anna, "draw_card", {"sense": "horen"}, "not_your_turn")
    table.error(beamer, "draw_card", None, "not_your_turn")
    for payload in ({"sense": 1}, {"sense": ["horen"]}, {"sense": True}, {"sense": {}}):
        table.error(table.host, "draw_card", payload, "invalid_payload")
    table.error(table.host, "draw_card", {"sense": "horen", "deck": 1}, "invalid_payload")
    table.error(table.host, "draw_card", "horen", "invalid_payload")
    for sense in ("smaak", "", "HOREN", "horen "):
        table.error(table.host, "draw_card", {"sense": sense}, "sense_not_in_play")
    table.change(table.host, "draw_card", {"sense": "horen"})
    table.error(table.host, "draw_card", {"sense": "zien"}, "card_already_drawn")
    table.error(table.host, "draw_card", None, "card_already_drawn")
    pause(table)
    table.error(table.host, "draw_card", None, "game_paused")
    end(table)
    table.error(table.host, "draw_card", None, "game_ended")


def test_draw_card_from_a_sense_left_out_of_the_game(server: Server) -> None:
    table = server.create_room(settings={"senses": ["horen"]})
    table.start()
    table.error(table.host, "draw_card", {"sense": "zien"}, "sense_not_in_play")


def test_hand_card_errors(server: Server) -> None:
    table, anna, bert = three(server)
    beamer = table.join("Beamer", spectator=True)
    table.error(table.host, "hand_card", {"to": anna.seat_id}, "game_not_started")
    table.start()
    table.error(table.connect(), "hand_card", {"to": anna.seat_id}, "not_joined")
    table.error(anna, "hand_card", {"to": bert.seat_id}, "not_your_turn")
    table.error(table.host, "hand_card", {"to": anna.seat_id}, "no_card_drawn")
    for payload in (None, {}, {"to": None}, {"to": 1}, {"to": [anna.seat_id]}, "x"):
        table.error(table.host, "hand_card", payload, "invalid_payload")
    table.error(table.host, "hand_card", {"to": anna.seat_id, "why": "x"}, "invalid_payload")
    table.change(table.host, "draw_card", {"sense": "zien"})
    table.error(table.host, "hand_card", {"to": NOBODY}, "unknown_seat")
    table.error(table.host, "hand_card", {"to": ""}, "unknown_seat")
    table.error(table.host, "hand_card", {"to": table.host.seat_id}, "seat_not_available")
    table.error(table.host, "hand_card", {"to": beamer.seat_id}, "seat_not_available")
    table.change(table.host, "set_takes_turns", {"seat_id": bert.seat_id, "takes_turns": False})
    table.error(table.host, "hand_card", {"to": bert.seat_id}, "seat_not_available")
    table.error(bert, "hand_card", {"to": anna.seat_id}, "not_your_turn")
    pause(table)
    table.error(table.host, "hand_card", {"to": anna.seat_id}, "game_paused")
    end(table)
    table.error(table.host, "hand_card", {"to": anna.seat_id}, "game_ended")


def test_hand_card_to_a_player_who_is_away(server: Server) -> None:
    table, _, bert = playing(server)
    bert.disconnect()
    bert.in_room = False
    server.clock.advance(GRACE)
    server.tick()
    assert table.seat(bert)["away"] is True
    table.change(table.host, "draw_card", {"sense": "horen"})
    table.error(table.host, "hand_card", {"to": bert.seat_id}, "seat_not_available")


def test_hand_card_when_everyone_answers(server: Server) -> None:
    table, anna, _ = playing(server, answering="everyone")
    table.change(table.host, "draw_card", {"sense": "horen"})
    table.error(table.host, "hand_card", {"to": anna.seat_id}, "hand_not_allowed")


def test_pass_card_errors(server: Server) -> None:
    table, anna, _ = three(server)
    table.error(table.host, "pass_card", None, "game_not_started")
    table.start()
    table.error(table.connect(), "pass_card", None, "not_joined")
    table.error(table.host, "pass_card", None, "no_card_drawn")
    table.error(table.host, "pass_card", {"reason": "x"}, "invalid_payload")
    table.error(table.host, "pass_card", [], "invalid_payload")
    table.change(table.host, "draw_card", {"sense": "horen"})
    table.error(anna, "pass_card", None, "not_your_turn")
    pause(table)
    table.error(table.host, "pass_card", None, "game_paused")
    end(table)
    table.error(table.host, "pass_card", None, "game_ended")


def test_finish_turn_errors(server: Server) -> None:
    table, anna, _ = three(server)
    table.error(table.host, "finish_turn", None, "game_not_started")
    table.start()
    table.error(table.connect(), "finish_turn", None, "not_joined")
    table.error(anna, "finish_turn", None, "not_your_turn")
    table.error(table.host, "finish_turn", {"answered": True}, "invalid_payload")
    table.error(table.host, "finish_turn", 0, "invalid_payload")
    table.change(table.host, "draw_card", {"sense": "horen"})
    table.change(table.host, "hand_card", {"to": anna.seat_id})
    table.error(table.host, "finish_turn", None, "not_your_turn")
    pause(table)
    table.error(anna, "finish_turn", None, "game_paused")
    end(table)
    table.error(anna, "finish_turn", None, "game_ended")


def test_type_answer_when_typed_answers_are_off(server: Server) -> None:
    table, _, _ = playing(server)
    table.change(table.host, "draw_card", {"sense": "horen"})
    table.error(table.host, "type_answer", {"text": "Hallo"}, "typed_answers_off")


def test_type_answer_errors(server: Server) -> None:
    table, anna, _ = three(server, typed_answers=True)
    text = {"text": "Mijn verhaal"}
    table.error(table.host, "type_answer", text, "game_not_started")
    table.start()
    table.error(table.connect(), "type_answer", text, "not_joined")
    table.error(anna, "type_answer", text, "not_your_turn")
    table.error(table.host, "type_answer", text, "no_card_drawn")
    table.change(table.host, "draw_card", {"sense": "horen"})
    for empty in ("", "   ", "\n\t\r\n", "\u202e\u202c", "\x00\x07"):
        table.error(table.host, "type_answer", {"text": empty}, "empty_answer")
    for long in ("x" * 1001, "x" * 4001, "x" * 500_000, "ab\n" * 600):
        error = table.error(table.host, "type_answer", {"text": long}, "answer_too_long")
        assert "1000" in error["message"]
    for payload in (None, {}, {"text": None}, {"text": 12}, {"text": ["a"]}, {"text": {}}, "a"):
        table.error(table.host, "type_answer", payload, "invalid_payload")
    table.error(table.host, "type_answer", {"text": "a", "to": "all"}, "invalid_payload")
    table.error(anna, "type_answer", text, "not_your_turn")
    pause(table)
    table.error(table.host, "type_answer", text, "game_paused")
    end(table)
    table.error(table.host, "type_answer", text, "game_ended")


def test_extend_timer_without_a_timer(server: Server) -> None:
    table, anna, _ = playing(server)
    table.error(anna, "extend_timer", None, "no_timer")


def test_extend_timer_errors(server: Server) -> None:
    table, anna, _ = three(server, turn_timer_seconds=60)
    beamer = table.join("Beamer", spectator=True)
    table.error(anna, "extend_timer", None, "game_not_started")
    table.start()
    table.error(table.connect(), "extend_timer", None, "not_joined")
    table.error(beamer, "extend_timer", None, "no_timer")
    table.error(anna, "extend_timer", {"seconds": 600}, "invalid_payload")
    pause(table)
    table.error(anna, "extend_timer", None, "game_paused")
    end(table)
    table.error(anna, "extend_timer", None, "game_ended")


def test_react_errors(table: Table) -> None:
    anna = table.join("Anna")
    table.error(table.connect(), "react", {"reaction": "heart"}, "not_joined")
    table.error(table.screen, "react", {"reaction": "heart"}, "not_joined")
    for reaction in ("boo", "", "HEART", "heart "):
        table.error(anna, "react", {"reaction": reaction}, "invalid_reaction")
    for payload in (None, {}, {"reaction": None}, {"reaction": 3}, {"reaction": ["heart"]}):
        table.error(anna, "react", payload, "invalid_payload")
    table.error(anna, "react", {"reaction": "heart", "to": table.host.seat_id}, "invalid_payload")


def test_skip_player_errors(server: Server) -> None:
    table, anna, _ = three(server)
    table.error(table.host, "skip_player", {"seat_id": table.host.seat_id}, "game_not_started")
    table.start()
    table.error(table.connect(), "skip_player", {"seat_id": anna.seat_id}, "not_joined")
    table.error(anna, "skip_player", {"seat_id": table.host.seat_id}, "not_host")
    table.error(table.host, "skip_player", {"seat_id": anna.seat_id}, "not_waiting_on_player")
    table.error(table.host, "skip_player", {"seat_id": NOBODY}, "not_waiting_on_player")
    for payload in (None, {}, {"seat_id": 5}, {"seat_id": None}, [anna.seat_id]):
        table.error(table.host, "skip_player", payload, "invalid_payload")
    pause(table)
    table.error(table.host, "skip_player", {"seat_id": table.host.seat_id}, "game_paused")
    end(table)
    table.error(table.host, "skip_player", {"seat_id": table.host.seat_id}, "game_ended")


def test_kick_errors(server: Server) -> None:
    table, anna, bert = three(server)
    table.error(table.connect(), "kick", {"seat_id": anna.seat_id}, "not_joined")
    table.error(table.screen, "kick", {"seat_id": anna.seat_id}, "not_joined")
    table.error(anna, "kick", {"seat_id": bert.seat_id}, "not_host")
    table.error(table.host, "kick", {"seat_id": NOBODY}, "unknown_seat")
    table.error(table.host, "kick", {"seat_id": table.host.seat_id}, "seat_not_available")
    table.change(table.host, "set_role", {"seat_id": anna.seat_id, "role": "cohost"})
    table.error(anna, "kick", {"seat_id": table.host.seat_id}, "seat_not_available")
    for payload in (None, {}, {"seat_id": 1}, {"seat_id": [bert.seat_id]}, bert.seat_id):
        table.error(table.host, "kick", payload, "invalid_payload")
    table.error(table.host, "kick", {"seat_id": bert.seat_id, "ban": True}, "invalid_payload")
    assert bert.connected


def test_set_locked_errors(table: Table) -> None:
    anna = table.join("Anna")
    table.error(table.connect(), "set_locked", {"locked": True}, "not_joined")
    table.error(anna, "set_locked", {"locked": True}, "not_host")
    for payload in (
        None,
        {},
        {"locked": None},
        {"locked": "true"},
        {"locked": "false"},
        {"locked": 1},
        {"locked": 0},
        {"locked": [True]},
        {"locked": True, "until": 5},
        True,
    ):
        table.error(table.host, "set_locked", payload, "invalid_payload")


def test_set_show_join_errors(table: Table) -> None:
    anna = table.join("Anna")
    table.error(table.connect(), "set_show_join", {"show": False}, "not_joined")
    table.error(table.screen, "set_show_join", {"show": False}, "not_joined")
    table.error(anna, "set_show_join", {"show": False}, "not_host")
    for payload in (None, {}, {"show": "no"}, {"show": 0}, {"show": False, "qr": True}, "x"):
        table.error(table.host, "set_show_join", payload, "invalid_payload")


def test_set_paused_errors(server: Server) -> None:
    table, anna, _ = three(server)
    table.error(table.host, "set_paused", {"paused": True}, "game_not_started")
    table.start()
    table.error(table.connect(), "set_paused", {"paused": True}, "not_joined")
    table.error(anna, "set_paused", {"paused": True}, "not_host")
    for payload in (None, {}, {"paused": "yes"}, {"paused": 1}, {"paused": True, "for": 60}):
        table.error(table.host, "set_paused", payload, "invalid_payload")
    end(table)
    table.error(table.host, "set_paused", {"paused": True}, "game_ended")


def test_set_role_errors(server: Server) -> None:
    table, anna, bert = three(server)
    beamer = table.join("Beamer", spectator=True)
    to_cohost = {"seat_id": bert.seat_id, "role": "cohost"}
    table.error(table.connect(), "set_role", to_cohost, "not_joined")
    table.error(anna, "set_role", to_cohost, "not_host")
    table.change(table.host, "set_role", {"seat_id": anna.seat_id, "role": "cohost"})
    table.error(anna, "set_role", to_cohost, "not_host")  # only the host hands out roles
    table.error(table.host, "set_role", {"seat_id": NOBODY, "role": "cohost"}, "unknown_seat")
    payload = {"seat_id": table.host.seat_id, "role": "player"}
    table.error(table.host, "set_role", payload, "seat_not_available")
    payload = {"seat_id": beamer.seat_id, "role": "cohost"}
    table.error(table.host, "set_role", payload, "seat_not_available")
    for payload in (
        None,
        {"seat_id": bert.seat_id},
        {"role": "cohost"},
        {"seat_id": bert.seat_id, "role": "spectator"},
        {"seat_id": bert.seat_id, "role": "admin"},
        {"seat_id": bert.seat_id, "role": "Host"},
        {"seat_id": bert.seat_id, "role": 1},
        {"seat_id": 1, "role": "cohost"},
        {"seat_id": bert.seat_id, "role": "cohost", "until": 1},
    ):
        table.error(table.host, "set_role", payload, "invalid_payload")


def test_set_takes_turns_errors(server: Server) -> None:
    table, anna, bert = three(server)
    beamer = table.join("Beamer", spectator=True)
    sit_out = {"seat_id": bert.seat_id, "takes_turns": False}
    table.error(table.connect(), "set_takes_turns", sit_out, "not_joined")
    table.error(anna, "set_takes_turns", sit_out, "not_host")
    payload = {"seat_id": NOBODY, "takes_turns": False}
    table.error(table.host, "set_takes_turns", payload, "unknown_seat")
    payload = {"seat_id": beamer.seat_id, "takes_turns": True}
    table.error(table.host, "set_takes_turns", payload, "seat_not_available")
    table.error(beamer, "set_takes_turns", payload, "seat_not_available")
    for payload in (
        None,
        {"seat_id": bert.seat_id},
        {"takes_turns": False},
        {"seat_id": bert.seat_id, "takes_turns": "no"},
        {"seat_id": bert.seat_id, "takes_turns": 0},
        {"seat_id": [bert.seat_id], "takes_turns": False},
        {**sit_out, "x": 1},
    ):
        table.error(table.host, "set_takes_turns", payload, "invalid_payload")


def test_change_settings_errors(server: Server) -> None:
    table, anna, _ = three(server)
    table.error(table.connect(), "change_settings", {"settings": {}}, "not_joined")
    table.error(anna, "change_settings", {"settings": {"max_depth": 1}}, "not_host")
    for settings, field in (
        ({"max_depth": 4}, "max_depth"),
        ({"senses": []}, "senses"),
        ({"senses": ["smaak"]}, "senses"),
        ({"editions": []}, "editions"),
        ({"turn_timer_seconds": 9}, "turn_timer_seconds"),
        ({"turn_timer_seconds": 10**20}, "turn_timer_seconds"),
        ({"max_players": 0}, "max_players"),
        ({"max_players": -1}, "max_players"),
        ({"answering": "niemand"}, "answering"),
    ):
        error = table.error(
            table.host, "change_settings", {"settings": settings}, "invalid_settings"
        )
        assert error["field"] == field
    for payload in (
        None,
        {},
        {"settings": None},
        {"settings": "snel"},
        {"settings": [["max_depth", 1]]},
        {"settings": {"speed": 2}},
        {"settings": {"max_depth": "2"}},
        {"settings": {"max_depth": 2.0}},
        {"settings": {"max_depth": True}},
        {"settings": {"max_depth": None}},
        {"settings": {"typed_answers": "yes"}},
        {"settings": {"senses": "horen"}},
        {"settings": {"senses": [None]}},
        {"settings": {"language": "xx"}},
        {"settings": {"second_language": "xx"}},
        {"settings": {"draft_languages": "yes"}},
        {"settings": {}, "now": True},
        "max_depth=1",
    ):
        table.error(table.host, "change_settings", payload, "invalid_payload")
    # checked as at room creation: a seat limit the room allows, editions with cards
    for settings, field in (
        ({"max_players": 31}, "max_players"),
        ({"editions": ["bestaat-niet"]}, "editions"),
        ({"editions": ["kletsborden"], "max_players": 31}, "max_players"),
    ):
        error = table.error(
            table.host, "change_settings", {"settings": settings}, "invalid_settings"
        )
        assert error["field"] == field, settings
    table.change(table.host, "change_settings", {"settings": {"max_players": 30, "language": "en"}})
    table.start()
    for settings in ({"max_depth": 1}, {"answering": "everyone"}, {"senses": ["horen"]}):
        payload = {"settings": settings}
        table.error(table.host, "change_settings", payload, "game_already_started")
    end(table)
    payload = {"settings": {"typed_answers": True}}
    table.error(table.host, "change_settings", payload, "game_ended")


def test_end_game_errors(server: Server) -> None:
    table, anna, _ = three(server)
    table.error(table.connect(), "end_game", None, "not_joined")
    table.error(anna, "end_game", None, "not_host")
    table.error(table.host, "end_game", {"now": True}, "invalid_payload")
    end(table)
    table.error(table.host, "end_game", None, "game_ended")


def test_unknown_events(table: Table) -> None:
    anna = table.join("Anna")
    for member in (table.connect(), anna, table.host, table.screen):
        for event in ("fly", "JOIN", "join_room", "room_state", "reaction", "kicked", "x" * 500):
            table.error(member, event, None, "unknown_event")
            table.error(member, event, {"code": table.code}, "unknown_event")
            table.error(member, event, NOTHING, "unknown_event")
