"""Bad payloads of every shape, huge strings, unicode tricks and injection strings."""

from __future__ import annotations

import json
import unicodedata
from typing import Any

from .harness import NOTHING, Member, Server, Table, assert_error

# Every client event and the fields it accepts.
EVENT_FIELDS: dict[str, set[str]] = {
    "join": {"code", "name", "token", "language", "spectator"},
    "watch": {"code", "screen_key", "language"},
    "leave": set(),
    "get_state": set(),
    "get_screen_key": set(),
    "set_language": {"language"},
    "start_game": set(),
    "draw_card": {"sense"},
    "hand_card": {"to"},
    "pass_card": set(),
    "finish_turn": set(),
    "type_answer": {"text"},
    "extend_timer": set(),
    "react": {"reaction"},
    "skip_player": {"seat_id"},
    "kick": {"seat_id"},
    "set_locked": {"locked"},
    "set_show_join": {"show"},
    "set_paused": {"paused"},
    "set_role": {"seat_id", "role"},
    "set_takes_turns": {"seat_id", "takes_turns"},
    "change_settings": {"settings"},
    "end_game": set(),
}

NOT_OBJECTS: tuple[Any, ...] = ("text", "", ["list"], [], 7, 0, 1.5, True, False)
NOT_STRINGS: tuple[Any, ...] = (1, 0, 1.5, [], ["x"], {}, {"x": "y"}, True, False)
NOT_BOOLS: tuple[Any, ...] = ("true", "false", "", 1, 0, [], {}, [True])


def test_payloads_that_are_not_objects_are_refused_by_every_event(table: Table) -> None:
    for event in EVENT_FIELDS:
        for payload in NOT_OBJECTS:
            error = table.error(table.host, event, payload, "invalid_payload", "nl")
            assert error["detail"] == "object expected", (event, payload)


def test_unknown_fields_are_refused_by_every_event(table: Table) -> None:
    for event, fields in EVENT_FIELDS.items():
        payload = dict.fromkeys(sorted(fields), "x") | {"zz_extra": 1}
        error = table.error(table.host, event, payload, "invalid_payload", "nl")
        assert error["detail"] == "unknown field zz_extra", event
    error = table.error(table.host, "get_state", {"__proto__": {}}, "invalid_payload", "nl")
    assert error["detail"] == "unknown field __proto__"
    error = table.error(table.host, "get_state", {"{detail}{0}": 1}, "invalid_payload", "nl")
    assert error["message"] == "Dit verzoek klopt niet: unknown field {detail}{0}"


def test_a_huge_unknown_field_name_is_not_echoed(table: Table) -> None:
    error = table.error(table.host, "get_state", {"k" * 100_000: 1}, "invalid_payload")
    assert error["detail"] == "unknown field " + "k" * 40


def test_required_fields_that_are_missing(server: Server) -> None:
    table = server.create_room()
    anna = table.join("Anna")
    required = {
        "hand_card": "to",
        "type_answer": "text",
        "react": "reaction",
        "skip_player": "seat_id",
        "kick": "seat_id",
        "set_locked": "locked",
        "set_paused": "paused",
        "set_role": "seat_id",
        "set_takes_turns": "seat_id",
        "change_settings": "settings",
        "set_language": "language",
    }
    for event in required:
        for payload in (NOTHING, None, {}):
            table.error(table.host, event, payload, "invalid_payload", "nl")
    for payload in (NOTHING, None, {}):
        table.error(table.host, "watch", payload, "room_not_found", "nl")
        payload = {"code": table.code} if payload == {} else payload
        if payload is not NOTHING and payload is not None:
            table.error(table.host, "watch", payload, "invalid_payload", "nl")
    # null counts as missing
    table.error(table.host, "kick", {"seat_id": None}, "invalid_payload")
    table.error(table.host, "set_role", {"seat_id": anna.seat_id, "role": None}, "invalid_payload")
    error = table.error(table.host, "set_locked", {"locked": None}, "invalid_payload")
    assert error["detail"] == "locked is missing"


def test_wrong_types_where_text_is_expected(server: Server) -> None:
    table = server.create_room(settings={"typed_answers": True})
    anna = table.join("Anna")
    fields = [
        ("join", {"code": table.code}, "token"),
        ("watch", {"code": table.code}, "screen_key"),
        ("set_language", {}, "language"),
        ("draw_card", {}, "sense"),
        ("hand_card", {}, "to"),
        ("type_answer", {}, "text"),
        ("react", {}, "reaction"),
        ("skip_player", {}, "seat_id"),
        ("kick", {}, "seat_id"),
        ("set_role", {"role": "cohost"}, "seat_id"),
        ("set_role", {"seat_id": anna.seat_id}, "role"),
        ("set_takes_turns", {"takes_turns": True}, "seat_id"),
    ]
    for event, rest, field in fields:
        for value in NOT_STRINGS:
            payload = {**rest, field: value}
            table.error(table.host, event, payload, "invalid_payload", "nl")
    # a name or a code of the wrong type is simply not a valid name or room
    for value in NOT_STRINGS:
        payload = {"code": table.code, "name": value}
        table.error(table.connect(), "join", payload, "invalid_name", "nl")
        table.error(table.connect(), "join", {"code": value, "name": "X"}, "room_not_found", "nl")


def test_wrong_types_where_true_or_false_is_expected(table: Table) -> None:
    anna = table.join("Anna")
    for value in NOT_BOOLS:
        for event, payload in (
            ("set_locked", {"locked": value}),
            ("set_paused", {"paused": value}),
            ("set_show_join", {"show": value}),
            ("set_takes_turns", {"seat_id": anna.seat_id, "takes_turns": value}),
            ("join", {"code": table.code, "name": "Xavier", "spectator": value}),
            ("change_settings", {"settings": {"typed_answers": value}}),
        ):
            table.error(table.host, event, payload, "invalid_payload", "nl")
    assert table.seat(anna)["takes_turns"] is True


def test_huge_strings_below_the_transport_limit(server: Server) -> None:
    table = server.create_room(settings={"typed_answers": True})
    anna = table.join("Anna")
    huge = "x" * 100_000
    checks: list[tuple[Member, str, Any, str]] = [
        (table.connect(), "join", {"code": table.code, "name": huge}, "invalid_name"),
        (table.connect(), "join", {"code": table.code, "name": "é" * 300}, "invalid_name"),
        (table.connect(), "join", {"code": huge, "name": "Xavier"}, "room_not_found"),
        (table.connect(), "join", {"code": table.code, "token": huge}, "invalid_token"),
        (table.connect(), "watch", {"code": table.code, "screen_key": huge}, "not_allowed"),
        (table.host, "set_language", {"language": huge}, "invalid_payload"),
        (table.host, "kick", {"seat_id": huge}, "unknown_seat"),
        (table.host, "set_role", {"seat_id": huge, "role": "cohost"}, "unknown_seat"),
        (table.host, "react", {"reaction": huge}, "invalid_reaction"),
        (table.host, "change_settings", {"settings": {"editions": [huge]}}, "invalid_payload"),
        (
            table.host,
            "change_settings",
            {"settings": {"senses": ["horen"] * 10_000}},
            "invalid_payload",
        ),
    ]
    for member, event, payload, code in checks:
        error = table.error(member, event, payload, code, "nl")
        assert len(json.dumps(error)) < 500, f"{event} echoes the input"
    table.start()
    table.change(table.host, "draw_card", {"sense": "horen"})
    for text in ("y" * 500_000, "y\n" * 250_000, "\u202e" * 2_000 + "y" * 1_001):
        error = table.error(table.host, "type_answer", {"text": text}, "answer_too_long", "nl")
        assert "1000" in error["message"]
    table.error(table.host, "draw_card", {"sense": huge}, "card_already_drawn", "nl")
    table.error(anna, "skip_player", {"seat_id": huge}, "not_host", "nl")
    table.error(table.host, "skip_player", {"seat_id": huge}, "not_waiting_on_player", "nl")


def test_typed_answers_up_to_the_limit_are_kept_as_text(server: Server) -> None:
    table = server.create_room(settings={"typed_answers": True})
    table.join("Anna")
    table.start()
    table.change(table.host, "draw_card", {"sense": "zien"})
    for text, kept in (
        ("z" * 1000, "z" * 1000),
        ("  z  " + "z" * 998 + "  ", "z " + "z" * 998),
        ("<b>vet</b> & <script>alert('x')</script>", "<b>vet</b> & <script>alert('x')</script>"),
        ("Regel 1\r\nRegel 2\n\n\tRegel 3", "Regel 1\nRegel 2\n\nRegel 3"),
        ("Oma\u202e zei\u2066 het\u200f", "Oma zei het"),
        ("Bel\x07 \x1b[2Jme\x00", "Bel [2Jme"),
        ("Cafe\u0301 ☕ 👩‍👩‍👧", "Café ☕ 👩‍👩‍👧"),
        ("'; DELETE FROM seats; --", "'; DELETE FROM seats; --"),
    ):
        _, snapshot = table.change(table.host, "type_answer", {"text": text})
        assert snapshot["card"]["typed_answers"][0]["text"] == kept, repr(text[:30])


def seat_name(table: Table, name: str) -> str:
    member = table.join(name)
    return table.seat(member)["name"]


def test_names_lose_bidirectional_controls_and_control_characters(table: Table) -> None:
    assert seat_name(table, "\u202eAnna") == "Anna"
    assert seat_name(table, "Be\u202ert\u202c") == "Bert"
    assert seat_name(table, "\u2066Cor\u2069\u200e\u200f") == "Cor"
    assert seat_name(table, "Di\x00rk\x07") == "Dirk"
    assert seat_name(table, "\x1b[31mRood") == "[31mRood"
    assert seat_name(table, "  Eva \t\n van\r\nDam  ") == "Eva van Dam"
    # what is left after cleaning must be a name, and must not be someone else's
    for name in ("\u202e", "\u202e\u202c\u2066", "\x00\x07", "\x1b"):
        table.error(table.connect(), "join", {"code": table.code, "name": name}, "invalid_name")
    payload = {"code": table.code, "name": "\u202eAnna\u202c"}
    table.error(table.connect(), "join", payload, "name_taken")


def test_emoji_and_accented_names_are_accepted(table: Table) -> None:
    assert seat_name(table, "🙂") == "🙂"
    assert seat_name(table, "👩‍👩‍👧 Familie") == "👩‍👩‍👧 Familie"
    assert seat_name(table, "Zoë 🌷") == "Zoë 🌷"
    assert seat_name(table, "Ümit Çelik") == "Ümit Çelik"
    assert seat_name(table, "مريم") == "مريم"
    assert seat_name(table, "李小龙") == "李小龙"
    assert seat_name(table, "🌷" * 40) == "🌷" * 40


def test_names_are_normalised_so_look_alikes_collide(table: Table) -> None:
    composed, decomposed = "Ren\u00e9", "Rene\u0301"
    assert unicodedata.normalize("NFC", decomposed) == composed
    assert seat_name(table, decomposed) == composed
    table.error(table.connect(), "join", {"code": table.code, "name": composed}, "name_taken")
    assert seat_name(table, "Zoë") == "Zoë"
    payload = {"code": table.code, "name": "Zoe\u0308"}
    table.error(table.connect(), "join", payload, "name_taken")
    assert seat_name(table, "Straße") == "Straße"
    table.error(table.connect(), "join", {"code": table.code, "name": "STRASSE"}, "name_taken")


def test_injection_strings_are_kept_as_plain_text(table: Table) -> None:
    names = [
        "Robert'); DROP TABLE rooms;--",
        "' OR '1'='1",
        '" OR ""="',
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "{{7*7}} ${7*7} %s %n",
        "../../etc/passwd",
        "\\x00\\n\\u202e",
    ]
    for name in names:
        assert seat_name(table, name) == name
    assert table.names() == ["Host", *names]
    payload = {"code": table.code, "name": "<SCRIPT>alert(1)</SCRIPT>"}
    table.error(table.connect(), "join", payload, "name_taken")
    # the database and the room still work
    table.change(table.host, "set_locked", {"locked": True})
    assert table.snapshot()["locked"] is True


def test_an_event_with_two_arguments_still_gets_an_error_ack(table: Table) -> None:
    """Every client event gets an ack, also one sent with a second argument."""
    before = table.snapshot()
    for event, args in (
        ("get_state", ({}, "extra")),
        ("join", ({"code": table.code, "name": "Xavier"}, {"name": "Yvonne"})),
        ("set_locked", ({"locked": True}, True)),
    ):
        try:
            ack = table.host.client.emit(event, *args, callback=True)
        except TypeError as error:
            ack = f"no ack: the handler raised {error!r}"
        assert_error(ack, "invalid_payload")
    assert table.snapshot() == before


def test_a_name_of_only_invisible_characters_is_refused(table: Table) -> None:
    for name in ("\u200b", "\u200b\u200b\u200b", "\u2060", "\ufeff", "\u200c\u2060"):
        payload = {"code": table.code, "name": name}
        table.error(table.connect(), "join", payload, "invalid_name", "nl")


def test_a_name_of_only_zero_width_joiners_is_refused(table: Table) -> None:
    """BUG: U+200D (zero-width joiner) is kept in names for emoji sequences, but a name made
    only of joiners ("\u200d", "\u200d\u200d") is accepted and shows as an empty name.
    Expected ``invalid_name``; got a new seat with an invisible name."""
    for name in ("\u200d", "\u200d\u200d", " \u200d "):
        payload = {"code": table.code, "name": name}
        table.error(table.connect(), "join", payload, "invalid_name", "nl")


def test_zero_width_characters_do_not_make_a_second_anna(table: Table) -> None:
    """ "Anna" with a zero-width space, word joiner or BOM looks exactly like "Anna"."""
    table.join("Anna")
    for name in ("Anna\u200b", "\ufeffAnna", "An\u2060na"):
        payload = {"code": table.code, "name": name}
        table.error(table.connect(), "join", payload, "name_taken", "nl")


def test_a_control_character_between_spaces_leaves_no_double_space(table: Table) -> None:
    """Control characters go before spaces are collapsed: "Anna \\x00 Bakker" is "Anna Bakker"."""
    table.join("Anna Bakker")
    payload = {"code": table.code, "name": "Anna \x00 Bakker"}
    table.error(table.connect(), "join", payload, "name_taken", "nl")


def test_a_name_of_control_characters_and_spaces_gets_a_complete_message(table: Table) -> None:
    """What is left after cleaning may be only spaces; the message still states the limit."""
    for name in ("\x00 \x00", "\x07 \x1b", "\x00\t\x00"):
        payload = {"code": table.code, "name": name}
        error = table.error(table.connect(), "join", payload, "invalid_name", "nl")
        assert "40" in error["message"]


def test_lone_surrogates_do_not_make_a_name(table: Table) -> None:
    """BUG: JSON may carry lone UTF-16 surrogates ("\\udfff"), which are not characters at all.
    ``parse_name`` keeps them (category Cs is not cleaned), so a name of one lone surrogate is
    accepted and every client shows it as "�", and "Ann\\ud800a" is stored as text that cannot
    be encoded as UTF-8. Expected ``invalid_name`` for "\\udfff", and no surrogate left in any
    stored name; got seats named '\\udfff' and 'Ann\\ud800a'."""
    table.error(table.connect(), "join", {"code": table.code, "name": "\udfff"}, "invalid_name")
    member = table.connect()
    ack = member.ask("join", {"code": table.code, "name": "Ann\ud800a"})
    if ack["ok"]:
        name = next(s["name"] for s in ack["snapshot"]["seats"] if s["id"] == ack["seat_id"])
        name.encode("utf-8")  # raises for a lone surrogate
    else:
        assert_error(ack, "invalid_name")
