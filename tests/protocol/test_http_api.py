"""POST /api/rooms: the one HTTP call of the protocol, opening a room and seating its host."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from kletsborden.app import database
from kletsborden.codes import ALPHABET
from kletsborden.store.models import RoomRow

from .harness import Server, assert_error

DEFAULT_SETTINGS = {
    "editions": ["kletsborden"],
    "senses": ["horen", "zien", "voelen"],
    "max_depth": 3,
    "answering": "drawer",
    "turn_timer_seconds": None,
    "language": "nl",
    "max_players": None,
    "typed_answers": False,
    "excluded_cards": 0,
    "planned_minutes": None,
    "play_mode": "together",
    "draft_languages": True,
    "second_language": None,
}


def room_count(server: Server) -> int:
    with database(server.app).transaction() as session:
        return session.scalar(select(func.count()).select_from(RoomRow))


def test_create_room_gives_code_token_screen_key_and_snapshot(server: Server) -> None:
    response = server.post_room({"name": "Gespreksleider"})
    assert response.status_code == 201
    body = response.get_json()
    assert set(body) == {
        "ok",
        "code",
        "display_code",
        "join_url",
        "seat_id",
        "token",
        "screen_key",
        "snapshot",
    }
    assert body["ok"] is True
    code = body["code"]
    assert len(code) == 8 and set(code) <= set(ALPHABET)
    assert body["display_code"] == f"{code[:4]}-{code[4:]}"
    assert body["join_url"].startswith("http://localhost/") and code in body["join_url"]
    assert re.fullmatch(r"[0-9a-f]{12}", body["seat_id"])
    assert isinstance(body["token"], str) and len(body["token"]) >= 32
    assert re.fullmatch(r"[0-9a-f]{32}", body["screen_key"])
    snapshot = body["snapshot"]
    assert snapshot["code"] == code
    assert snapshot["display_code"] == body["display_code"]
    assert snapshot["version"] == 1
    assert snapshot["phase"] == "lobby"
    assert snapshot["paused"] is False and snapshot["locked"] is False
    assert snapshot["settings"] == DEFAULT_SETTINGS
    assert snapshot["seats"] == [
        {
            "id": body["seat_id"],
            "name": "Gespreksleider",
            "role": "host",
            "connected": True,
            "away": False,
            "takes_turns": True,
            "has_device": True,
            "voice": None,
            "language": "nl",
        }
    ]
    assert snapshot["turn"] is None and snapshot["card"] is None
    assert snapshot["changes"] == [{"type": "seat_added", "seat_id": body["seat_id"]}]
    assert body["token"] not in str(snapshot), "the snapshot holds no tokens"
    assert room_count(server) == 1


def test_every_room_gets_its_own_code_token_and_screen_key(server: Server) -> None:
    first = server.post_room({"name": "Een"}).get_json()
    second = server.post_room({"name": "Een"}).get_json()
    for key in ("code", "token", "screen_key", "seat_id"):
        assert first[key] != second[key]


def test_create_room_with_settings_and_a_host_who_does_not_play(server: Server) -> None:
    settings = {
        "senses": ["horen", "voelen"],
        "max_depth": 2,
        "answering": "everyone",
        "turn_timer_seconds": 90,
        "language": "en",
        "max_players": 6,
        "typed_answers": True,
    }
    response = server.post_room({"name": "Host", "settings": settings, "takes_turns": False})
    assert response.status_code == 201
    snapshot = response.get_json()["snapshot"]
    assert snapshot["settings"] == {**DEFAULT_SETTINGS, **settings}
    assert snapshot["seats"][0]["takes_turns"] is False


def test_the_token_and_screen_key_from_create_room_work_over_the_socket(server: Server) -> None:
    table = server.create_room("Host")
    assert table.host.seat_id == table.created["seat_id"]
    assert table.host.ask("get_screen_key") == {"ok": True, "screen_key": table.screen_key}
    assert table.snapshot()["version"] == 1


INVALID_SETTINGS = (
    ({"max_depth": 4}, "max_depth"),
    ({"max_depth": 0}, "max_depth"),
    ({"senses": []}, "senses"),
    ({"senses": ["smaak"]}, "senses"),
    ({"senses": ["horen", "horen"]}, "senses"),
    ({"editions": []}, "editions"),
    ({"editions": ["kletsborden", "kletsborden"]}, "editions"),
    ({"editions": ["bestaat-niet"]}, "editions"),
    ({"turn_timer_seconds": 5}, "turn_timer_seconds"),
    ({"turn_timer_seconds": 3601}, "turn_timer_seconds"),
    ({"max_players": 0}, "max_players"),
    ({"max_players": 31}, "max_players"),
    ({"answering": "niemand"}, "answering"),
)


def test_invalid_settings_are_refused(server: Server) -> None:
    for settings, field in INVALID_SETTINGS:
        response = server.post_room({"name": "Host", "settings": settings})
        assert response.status_code == 400, settings
        error = assert_error(response.get_json(), "invalid_settings")
        assert error["field"] == field, settings
    assert room_count(server) == 0


WRONG_SHAPES = (
    {"name": "Host", "settings": {"max_depth": "3"}},
    {"name": "Host", "settings": {"max_depth": True}},
    {"name": "Host", "settings": {"max_depth": 2.5}},
    {"name": "Host", "settings": {"typed_answers": "yes"}},
    {"name": "Host", "settings": {"senses": "horen"}},
    {"name": "Host", "settings": {"editions": [1]}},
    {"name": "Host", "settings": {"editions": ["x" * 65]}},
    {"name": "Host", "settings": {"senses": ["horen"] * 21}},
    {"name": "Host", "settings": {"language": "xx"}},
    {"name": "Host", "settings": {"language": 1}},
    {"name": "Host", "settings": {"speed": 3}},
    {"name": "Host", "settings": "snel"},
    {"name": "Host", "settings": ["horen"]},
    {"name": "Host", "takes_turns": "no"},
    {"name": "Host", "takes_turns": 0},
    {"name": "Host", "admin": True},
    {"name": "Host", "token": "mijn-eigen-token"},
    ["Host"],
    "Host",
    42,
)


def test_payloads_of_the_wrong_shape_are_refused(server: Server) -> None:
    for payload in WRONG_SHAPES:
        response = server.post_room(payload)
        assert response.status_code == 400, payload
        assert_error(response.get_json(), "invalid_payload")
    assert room_count(server) == 0


def test_extra_fields_are_named_in_the_error(server: Server) -> None:
    response = server.post_room({"name": "Host", "is_admin": True})
    error = assert_error(response.get_json(), "invalid_payload")
    assert error["detail"] == "unknown field is_admin"
    assert error["message"] == "Dit verzoek klopt niet: unknown field is_admin"


INVALID_NAMES = (None, "", "   ", "\t\n", "\u202e", "x" * 41, "x" * 100_000, 12, ["Anna"], {"a": 1})


def test_invalid_names_are_refused(server: Server) -> None:
    for name in INVALID_NAMES:
        payload = {} if name is None else {"name": name}
        response = server.post_room(payload)
        assert response.status_code == 400, repr(name)[:80]
        error = assert_error(response.get_json(), "invalid_name")
        assert "40" in error["message"]
        assert error["message"] == "Vul een naam in van 1 tot 40 tekens."
    assert room_count(server) == 0


def test_a_name_of_forty_characters_is_fine_and_is_cleaned(server: Server) -> None:
    response = server.post_room({"name": "  " + "x" * 40 + "\u202e  "})
    assert response.status_code == 201
    assert response.get_json()["snapshot"]["seats"][0]["name"] == "x" * 40


NOT_JSON = (
    {"data": "name=Host"},
    {"data": '{"name": "Host"}', "content_type": "text/plain"},
    {"data": {"name": "Host"}},  # a form
    {},
)


def test_a_body_that_is_not_json_is_refused(server: Server) -> None:
    for options in NOT_JSON:
        response = server.post_room(**options)
        assert response.status_code == 400, options
        error = assert_error(response.get_json(), "invalid_payload")
        assert error["detail"] == "send application/json"
    assert room_count(server) == 0


def test_errors_are_in_english_when_asked_for(server: Server) -> None:
    by_query = server.http().post("/api/rooms?lang=en", json={"name": ""})
    assert_error(by_query.get_json(), "invalid_name", "en")
    by_header = server.http().post(
        "/api/rooms",
        json={"name": "Host", "settings": {"max_depth": 9}},
        headers={"Accept-Language": "en-GB,en;q=0.9"},
    )
    assert by_header.status_code == 400
    assert_error(by_header.get_json(), "invalid_settings", "en")
    unknown = server.http().post("/api/rooms?lang=fr", json={"name": ""})
    assert_error(unknown.get_json(), "invalid_name", "nl")


def test_creating_rooms_can_be_switched_off(server: Server) -> None:
    server.app.config["KLETSBORDEN_OPEN_ROOM_CREATION"] = False
    response = server.post_room({"name": "Host"})
    assert response.status_code == 403
    assert_error(response.get_json(), "not_allowed")
    assert room_count(server) == 0


def test_only_post_creates_rooms(server: Server) -> None:
    assert server.http().get("/api/rooms").status_code == 405
    assert room_count(server) == 0


def test_a_name_of_control_characters_and_spaces_gets_a_complete_message(server: Server) -> None:
    """A name that is only control characters and spaces: the message states the limit."""
    response = server.post_room({"name": "\x00 \x00"})
    assert response.status_code == 400
    error = assert_error(response.get_json(), "invalid_name")
    assert "40" in error["message"]
