"""Every limit in kletsborden/config.py, reached through the real interface.

For each one: the socket event or HTTP request that goes one over it, the limit's own error code,
and its message in Dutch and in English (not empty, not the same, and naming the limit's value
wherever the message states it). Last, every limit constant is in docs/security.md's table.
"""

from __future__ import annotations

import html
import io
import json
import os
import random
import re
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from support.admin import PASSWORD, Auth

from kletsborden import config
from kletsborden.app import create_app, database
from kletsborden.card_library import prepare_database
from kletsborden.config import (
    DEFAULT_ROOMS_PER_ADDRESS,
    EVENTS_PER_CONNECTION,
    FAILED_JOIN_WINDOW_MINUTES,
    FAILED_LOGINS_PER_ADDRESS,
    FAILED_LOGINS_PER_USERNAME_AND_ADDRESS,
    LANGUAGES,
    MAX_CARDS_PER_EDITION,
    MAX_EDITION_DESCRIPTION_LENGTH,
    MAX_EDITION_NAME_LENGTH,
    MAX_FAILED_JOINS,
    MAX_FOLLOW_UP_LENGTH,
    MAX_IMAGE_ALT_LENGTH,
    MAX_IMPORT_BYTES,
    MAX_NAME_LENGTH,
    MAX_NEW_SEATS,
    MAX_QUESTION_LENGTH,
    MAX_REACTIONS,
    MAX_REQUEST_BYTES,
    MAX_SEATS_PER_ROOM,
    MAX_TYPED_ANSWER_LENGTH,
    MAX_USERNAME_LENGTH,
    MIN_PASSWORD_LENGTH,
    NEW_SEAT_WINDOW_SECONDS,
    REACTION_WINDOW_SECONDS,
    ROOM_WINDOW_MINUTES,
)
from kletsborden.i18n import has_message, lookup
from kletsborden.store.admins import create_admin
from kletsborden.web import api

from .harness import Member, Server, Table, assert_error

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("KLETSBORDEN_TEST_REDIS_URL")
OTHER_CODE = "ACEFGHJK"


def translated(messages: dict[str, str], *values: object) -> None:
    """One message per language: each says something, no two alike, each names ``values``."""
    assert set(messages) == set(LANGUAGES), messages
    for language, message in messages.items():
        assert message.strip(), f"empty {language} message"
        assert "{" not in message, f"a placeholder was left in: {message!r}"
        for value in values:
            assert str(value) in message, f"{language} message does not say {value}: {message!r}"
    assert len(set(messages.values())) == len(messages), f"not translated: {messages}"


# --- the socket: one connection per language, so each ack is in its own language -------------


def failing_in_each_language(make: Any, event: str, payload: Any, code: str) -> dict[str, str]:
    """``make(language)`` gives a connection that is at the limit; one more ``event`` fails."""
    messages = {}
    for language in LANGUAGES:
        member: Member = make(language)
        messages[language] = assert_error(member.ask(event, payload), code, language)["message"]
    return messages


def set_language(member: Member, language: str) -> Member:
    assert member.ask("set_language", {"language": language})["ok"] is True
    return member


def test_a_name_is_at_most_max_name_length(server: Server, table: Table) -> None:
    longest = "N" * MAX_NAME_LENGTH
    table.join(longest)
    messages = failing_in_each_language(
        lambda language: set_language(table.connect(), language),
        "join",
        {"code": table.code, "name": "M" * (MAX_NAME_LENGTH + 1)},
        "invalid_name",
    )
    translated(messages, MAX_NAME_LENGTH)
    # the same limit, the same answer, when a host opens a room
    for language in LANGUAGES:
        response = server.http().post(f"/api/rooms?lang={language}", json={"name": "H" * 41})
        assert response.status_code == 400
        assert (
            assert_error(response.get_json(), "invalid_name", language)["message"]
            == (messages[language])
        )


def test_a_typed_answer_is_at_most_max_typed_answer_length(server: Server) -> None:
    table = server.create_room(settings={"typed_answers": True})
    table.join("Anna")
    table.start()
    table.change(table.host, "draw_card", {"sense": "horen"})
    too_long = {"text": "a" * (MAX_TYPED_ANSWER_LENGTH + 1)}
    messages = {}
    for language in LANGUAGES:
        ack = set_language(table.host, language).ask("type_answer", too_long)
        messages[language] = assert_error(ack, "answer_too_long", language)["message"]
    translated(messages, MAX_TYPED_ANSWER_LENGTH)
    table.change(table.host, "type_answer", {"text": "a" * MAX_TYPED_ANSWER_LENGTH})


def test_a_room_has_at_most_max_seats_per_room(server: Server, table: Table) -> None:
    for number in range(MAX_SEATS_PER_ROOM - 1):  # the host holds the first seat
        table.join(f"Speler {number}", spectator=number % 2 == 0)
    assert len(table.snapshot()["seats"]) == MAX_SEATS_PER_ROOM
    messages = failing_in_each_language(
        lambda language: set_language(table.connect(), language),
        "join",
        {"code": table.code, "name": "Eentje te veel"},
        "room_full",
    )
    translated(messages)
    # a host's lower player limit answers the same; above the seat limit it is not a setting
    small = server.create_room(settings={"max_players": 1})
    assert_error(small.connect().ask("join", {"code": small.code, "name": "Bert"}), "room_full")
    response = server.post_room({"name": "Host", "settings": {"max_players": 31}})
    assert response.get_json()["error"]["field"] == "max_players"


def test_events_per_connection(server: Server, table: Table) -> None:
    count, _ = EVENTS_PER_CONNECTION
    server.limit_clock.step = 0

    def at_the_limit(language: str) -> Member:
        member = set_language(table.connect(), language)
        for _ in range(count - 1):
            assert member.ask("get_state")["ok"] is False  # not joined, but counted
        return member

    translated(failing_in_each_language(at_the_limit, "get_state", None, "rate_limited"))


def test_reactions_per_connection(server: Server, table: Table) -> None:
    server.limit_clock.step = 0
    names = iter(("Anna", "Bert"))

    def at_the_limit(language: str) -> Member:
        member = table.join(next(names), language=language)
        for _ in range(MAX_REACTIONS):
            assert member.ask("react", {"reaction": "heart"}) == {"ok": True}
        return member

    messages = failing_in_each_language(
        at_the_limit, "react", {"reaction": "thanks"}, "too_many_reactions"
    )
    translated(messages, MAX_REACTIONS, REACTION_WINDOW_SECONDS)


def test_failed_joins_per_address(server: Server, table: Table) -> None:
    """Guessing room codes is hopeless: after MAX_FAILED_JOINS wrong codes the address waits."""
    server.limit_clock.step = 0
    address = "192.0.2.50"
    for _ in range(MAX_FAILED_JOINS):
        ack = table.connect(address=address).ask("join", {"code": OTHER_CODE, "name": "Gok"})
        assert_error(ack, "room_not_found")
    messages = {
        language: assert_error(
            table.connect(address=address).ask(
                "join", {"code": table.code, "name": "Anna", "language": language}
            ),
            "too_many_failed_joins",
            language,
        )["message"]
        for language in LANGUAGES
    }
    translated(messages, MAX_FAILED_JOINS, FAILED_JOIN_WINDOW_MINUTES)
    server.limit_clock.advance(FAILED_JOIN_WINDOW_MINUTES * 60 + 1)
    table.change(
        table.connect(address=address), "join", {"code": table.code, "name": "Anna"}, entering=True
    )


def test_new_seats_per_address(server: Server, table: Table) -> None:
    """Someone with the code cannot fill a room in a blink; a community centre waits a minute."""
    server.limit_clock.step = 0
    address = "192.0.2.51"
    for number in range(MAX_NEW_SEATS):
        payload = {"code": table.code, "name": f"Speler {number}"}
        table.change(table.connect(address=address), "join", payload, entering=True)
    messages = {
        language: assert_error(
            table.connect(address=address).ask(
                "join", {"code": table.code, "name": "Nog een", "language": language}
            ),
            "too_many_seats",
            language,
        )["message"]
        for language in LANGUAGES
    }
    translated(messages, MAX_NEW_SEATS, NEW_SEAT_WINDOW_SECONDS)
    table.join("Van elders")  # another address
    server.limit_clock.advance(NEW_SEAT_WINDOW_SECONDS + 1)
    payload = {"code": table.code, "name": "Later"}
    table.change(table.connect(address=address), "join", payload, entering=True)


# --- rooms per address, over HTTP -------------------------------------------------------------


def open_room(client: FlaskClient, name: str = "Host", language: str = "nl") -> Any:
    return client.post(f"/api/rooms?lang={language}", json={"name": name})


def test_rooms_per_address(server: Server) -> None:
    limit = server.app.extensions["kletsborden.room_limit"]
    assert limit.count == DEFAULT_ROOMS_PER_ADDRESS
    clock = server.limit_clock
    clock.step = 0
    client = server.http("192.0.2.60")
    assert open_room(client, name="").status_code == 400, "a room not opened does not count"
    for _ in range(DEFAULT_ROOMS_PER_ADDRESS):
        assert open_room(client).status_code == 201
    messages = {}
    for language in LANGUAGES:
        response = open_room(client, language=language)
        assert response.status_code == 429
        error = assert_error(response.get_json(), "too_many_rooms", language)
        assert error["limit"] == DEFAULT_ROOMS_PER_ADDRESS
        messages[language] = error["message"]
    translated(messages, DEFAULT_ROOMS_PER_ADDRESS, ROOM_WINDOW_MINUTES)
    assert open_room(server.http("192.0.2.61")).status_code == 201, "other addresses are fine"
    clock.advance(ROOM_WINDOW_MINUTES * 60 + 1)
    assert open_room(client).status_code == 201, "the window has passed"


@pytest.fixture
def configured_app(
    tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Any]:
    """``configured_app(rooms_per_address)``: an app made from the environment, as in serving."""
    made: list[Flask] = []

    def make(rooms_per_address: str) -> Flask:
        for name in ("SECRET_KEY", "DATABASE_URL", "MESSAGE_QUEUE", "OPEN_ROOM_CREATION"):
            monkeypatch.delenv(f"KLETSBORDEN_{name}", raising=False)
        monkeypatch.setenv("KLETSBORDEN_INSTANCE_PATH", str(tmp_path / "instance"))
        monkeypatch.setenv("KLETSBORDEN_DATABASE_URL", database_url)
        monkeypatch.setenv("KLETSBORDEN_ROOMS_PER_ADDRESS", rooms_per_address)
        app = create_app({"TESTING": True, "SECRET_KEY": "test"})
        if not made:
            prepare_database(database(app))
        made.append(app)
        return app

    yield make
    for app in made:
        database(app).dispose()


def test_rooms_per_address_is_configurable(configured_app: Any) -> None:
    client = configured_app("2").test_client()
    assert [open_room(client).status_code for _ in range(3)] == [201, 201, 429]
    error = open_room(client, language="en").get_json()["error"]
    assert error["limit"] == 2 and "2 rooms" in error["message"]
    unlimited = configured_app("0").test_client()
    assert all(open_room(unlimited).status_code == 201 for _ in range(DEFAULT_ROOMS_PER_ADDRESS))


if REDIS_URL:  # collected only with a Redis to share (CI gives one)

    def test_rooms_per_address_hold_across_processes(configured_app: Any) -> None:
        """Two apps on one Redis stand for two serving processes: they share one count.

        (The apps' sockets stay off the queue: Socket.IO's test client cannot use one.)"""
        address = f"198.18.{random.randrange(256)}.{random.randrange(1, 255)}"
        clients = []
        for _ in range(2):
            app = configured_app("2")
            app.config["KLETSBORDEN_MESSAGE_QUEUE"] = REDIS_URL
            api.room_limit_for(SimpleNamespace(app=app))  # as the blueprint does
            assert app.extensions["kletsborden.room_limit"].shared
            clients.append(app.test_client())
            clients[-1].environ_base["REMOTE_ADDR"] = address
        first, second = clients
        assert open_room(first).status_code == 201
        assert open_room(second).status_code == 201
        assert open_room(first).get_json()["error"]["code"] == "too_many_rooms"
        assert open_room(second).status_code == 429


# --- the deck editor -------------------------------------------------------------------------


@pytest.fixture
def editor(server: Server) -> Auth:
    """The admin "anna", logged in on the protocol server's app (CSRF on, as in production)."""
    with database(server.app).transaction() as session:
        create_admin(session, "anna", PASSWORD, "admin")
        create_admin(session, "fenna", PASSWORD, "facilitator")
    auth = Auth(server.http("192.0.2.70"))
    assert auth.login().status_code == 302
    return auth


def text_of(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def field_error(page: str, field: str) -> str:
    found = re.search(rf'id="field-{field}-error">(.*?)</p>', page, re.S)
    assert found, f"no error beside {field}"
    return text_of(found.group(1))


def in_each_language(client: FlaskClient, request: Any) -> dict[str, str]:
    """``request()`` once per page language (chosen as a visitor does, with ?lang)."""
    pages = {}
    for language in LANGUAGES:
        client.get(f"/?lang={language}")
        pages[language] = request()
    client.get("/?lang=nl")
    return pages


CARD = {"id": "", "sense": "zien", "kind": "gewoon", "depth": "1", "active": "on"}


@pytest.mark.parametrize(
    ("field", "limit"),
    [
        ("question", MAX_QUESTION_LENGTH),
        ("follow_up", MAX_FOLLOW_UP_LENGTH),
        ("image_alt", MAX_IMAGE_ALT_LENGTH),
    ],
)
def test_card_texts(editor: Auth, field: str, limit: int) -> None:
    form = {**CARD, "image": "images/bel.svg", "nl-question": "Wat zie je?"}
    form["nl-image_alt"] = "Een bel"
    form[f"nl-{field}"] = "x" * (limit + 1)

    def save() -> str:
        response = editor.post("/admin/editions/kletsborden/cards/new", form)
        assert response.status_code == 400
        return field_error(response.get_data(as_text=True), f"nl-{field.replace('_', '-')}")

    translated(in_each_language(editor.client, save), limit + 1, limit)


@pytest.mark.parametrize(
    ("field", "limit"),
    [("name", MAX_EDITION_NAME_LENGTH), ("description", MAX_EDITION_DESCRIPTION_LENGTH)],
)
def test_edition_texts(editor: Auth, field: str, limit: int) -> None:
    form = {"id": "", "name-nl": "Mijn buurt", "name-en": "", f"{field}-nl": "y" * (limit + 1)}

    def save() -> str:
        response = editor.post("/admin/editions/new", form)
        assert response.status_code == 400
        return field_error(response.get_data(as_text=True), f"{field}-nl")

    translated(in_each_language(editor.client, save), limit + 1, limit)


def import_faults(editor: Auth, data: bytes, name: str = "kaarten.json") -> str:
    response = editor.post(
        "/admin/import",
        {"step": "preview", "file": (io.BytesIO(data), name)},
        page="/admin/import",
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    found = re.search(r'<table class="faults">(.*?)</table>', response.get_data(as_text=True), re.S)
    assert found, "no faults listed"
    return text_of(found.group(1))


def test_import_file_size(editor: Auth) -> None:
    too_big = b" " * (MAX_IMPORT_BYTES + 1)
    messages = in_each_language(editor.client, lambda: import_faults(editor, too_big))
    translated(messages, MAX_IMPORT_BYTES // 1024)
    # a request larger than any import could make is refused before it is read
    huge = b" " * (MAX_REQUEST_BYTES + 1)

    def send() -> str:
        response = editor.post(
            "/admin/import",
            {"step": "preview", "file": (io.BytesIO(huge), "kaarten.json")},
            page="/admin/import",
            content_type="multipart/form-data",
        )
        assert response.status_code == 413
        found = re.search(r'<p class="lead">(.*?)</p>', response.get_data(as_text=True), re.S)
        assert found
        return text_of(found.group(1))

    translated(in_each_language(editor.client, send))


def test_cards_per_edition(editor: Auth) -> None:
    card = {"sense": "zien", "kind": "gewoon", "depth": 1, "texts": {"nl": {"question": "Wat?"}}}
    cards = [{"id": f"zien-{n}", **card} for n in range(MAX_CARDS_PER_EDITION + 1)]
    edition = {"id": "groot", "name": {"nl": "Groot"}, "cards": cards}
    document = {"format": "kletsborden-editions", "version": 1, "editions": [edition]}
    data = json.dumps(document).encode()
    messages = in_each_language(editor.client, lambda: import_faults(editor, data))
    translated(messages, MAX_CARDS_PER_EDITION)


def test_account_name_and_password(editor: Auth) -> None:
    base = {"username": "nieuw", "role": "admin", "password": PASSWORD, "password_again": PASSWORD}
    short = "k" * (MIN_PASSWORD_LENGTH - 1)
    for changes, field, values in (
        ({"username": "u" * (MAX_USERNAME_LENGTH + 1)}, "username", (MAX_USERNAME_LENGTH,)),
        ({"password": short, "password_again": short}, "password", (MIN_PASSWORD_LENGTH,)),
    ):

        def save(changes: dict = changes, field: str = field) -> str:
            response = editor.post("/admin/accounts", {**base, **changes}, page="/admin/accounts")
            assert response.status_code == 400
            return field_error(response.get_data(as_text=True), field)

        translated(in_each_language(editor.client, save), *values)


def login_refused(client: FlaskClient, username: str, language: str) -> str:
    auth = Auth(client)
    client.get(f"/?lang={language}")
    response = auth.login(username=username)  # the right password, but locked
    assert response.status_code == 429
    found = re.search(r'id="login-error">(.*?)</p>', response.get_data(as_text=True), re.S)
    assert found
    return text_of(found.group(1))


def test_failed_logins_per_username(server: Server, editor: Auth) -> None:
    count, window = FAILED_LOGINS_PER_USERNAME_AND_ADDRESS
    client = server.http("192.0.2.71")
    for _ in range(count):
        assert Auth(client).login(username="fenna", password="fout wachtwoord").status_code == 401
    messages = {language: login_refused(client, "fenna", language) for language in LANGUAGES}
    translated(messages, round(window / 60))


def test_failed_logins_per_address(server: Server, editor: Auth) -> None:
    count, window = FAILED_LOGINS_PER_ADDRESS
    client = server.http("192.0.2.72")
    for attempt in range(count):
        assert Auth(client).login(username=f"gok{attempt}").status_code == 401
    messages = {language: login_refused(client, "fenna", language) for language in LANGUAGES}
    translated(messages, round(window / 60))


# --- the documentation ------------------------------------------------------------------------


def limits_section() -> str:
    text = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    start = text.index("## Limits and their defaults")
    end = text.index("\n## ", start + 1)
    return text[start:end]


def limit_constants() -> list[str]:
    """Every number (or count-per-window pair) config.py defines: each one is a limit."""

    def numeric(value: object) -> bool:
        return isinstance(value, (int, float)) and not isinstance(value, bool)

    return [
        name
        for name, value in vars(config).items()
        if name.isupper()
        and (numeric(value) or (isinstance(value, tuple) and all(map(numeric, value))))
        and name != "DEPTHS"  # the game's vocabulary, re-exported beside the limits
    ]


def test_every_limit_is_in_the_security_table() -> None:
    section = limits_section()
    missing = [name for name in limit_constants() if f"`{name}`" not in section]
    assert not missing, f"add these to docs/security.md's limits table: {missing}"
    assert len(limit_constants()) > 20


def test_every_answer_in_the_security_table_is_a_translated_code() -> None:
    rows = [line for line in limits_section().splitlines() if line.startswith("| ")][2:]
    for row in rows:
        answer = row.rstrip(" |").rsplit(" | ", 1)[-1]
        for code in re.findall(r"`([a-z_.]+)`", answer):
            key = code if code.startswith("admin.") else f"errors.{code}"
            if code.startswith("admin.error."):
                key = f"{code}.text"
            assert has_message(key), f"{code} in docs/security.md has no message"
            assert lookup(key, "en")[1].language == "en", key
