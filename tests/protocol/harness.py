"""The protocol test harness: a fresh app per test, driven over Socket.IO's test client.

Each test gets a ``server``: an app on its own database (SQLite, and PostgreSQL when one is
configured), the default cards loaded, a fake clock for the room service (time only moves when a
test moves it) and a fake clock for the rate limiters that moves a little on every reading, so
the real limits never trip a test by accident (the rate-limit tests freeze it).

``server.create_room()`` gives a ``Table``: the room made over HTTP, its host connected with the
token from ``POST /api/rooms`` and a projector screen watching with the screen key. ``Table``
knows every connection in the room and checks what each of them receives.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po
from flask import Flask
from flask.testing import FlaskClient
from flask_socketio import SocketIOTestClient
from support.clock import FakeClock, drive_limits

import kletsborden
from kletsborden import config
from kletsborden.app import create_app, database
from kletsborden.card_library import prepare_database
from kletsborden.realtime.handlers import broadcast
from kletsborden.rooms import RoomService


def _error_texts(language: str) -> dict[str, str]:
    """The error messages of the catalogue itself, read with Babel, so the tests do not trust
    the code they test to translate."""
    locale = Path(kletsborden.__file__).parent / "i18n" / "locale"
    with (locale / language / "LC_MESSAGES" / "messages.po").open("rb") as file:
        catalogue = read_po(file)
    return {
        message.id.removeprefix("errors."): message.string
        for message in catalogue
        if isinstance(message.id, str) and message.id.startswith("errors.")
    }


ERRORS: dict[str, dict[str, str]] = {}
for _language in ("nl", "en"):
    for _code, _text in _error_texts(_language).items():
        ERRORS.setdefault(_code, {})[_language] = _text

# Fields an error may carry besides code and message (filled into the message).
ERROR_DETAILS = {"detail", "limit", "field"}

START_TIME = 1_700_000_000.0
GRACE = 60.0

NOTHING: Any = object()  # "send the event without any argument"


class _Missing(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def expected_message(code: str, language: str, details: dict[str, Any]) -> str:
    """The message from the catalogue, its placeholders filled from the error's own fields or
    else from the limit of that name in ``kletsborden.config`` ({max_name_length} is
    ``MAX_NAME_LENGTH``); a placeholder nothing fills stays visible, so the check fails."""
    limits = {name.lower(): value for name, value in vars(config).items() if name.isupper()}
    return ERRORS[code][language].format_map(_Missing({**limits, **details}))


def assert_error(ack: Any, code: str, language: str = "nl") -> dict[str, Any]:
    """``ack`` is ``{"ok": false, "error": {"code", "message", ...}}`` in ``language``."""
    assert isinstance(ack, dict), f"no ack: {ack!r}"
    assert ack.get("ok") is False, ack
    assert set(ack) == {"ok", "error"}, ack
    error = ack["error"]
    assert error["code"] == code, error
    details = {k: v for k, v in error.items() if k not in ("code", "message")}
    assert set(details) <= ERROR_DETAILS, error
    assert isinstance(error["message"], str) and error["message"], error
    assert error["message"] == expected_message(code, language, details), error
    return error


class Member:
    """One Socket.IO connection, and the seat it holds, if any."""

    def __init__(self, client: SocketIOTestClient, label: str):
        self.client = client
        self.label = label
        self.seat_id: str | None = None
        self.token: str | None = None
        self.in_room = False  # seated or watching: should get the room's broadcasts

    def __repr__(self) -> str:
        return f"<Member {self.label} seat={self.seat_id}>"

    def ask(self, event: str, payload: Any = NOTHING) -> Any:
        """Emit ``event`` and return the server's ack."""
        args = () if payload is NOTHING else (payload,)
        return self.client.emit(event, *args, callback=True)

    def received(self) -> list[dict[str, Any]]:
        """Everything the server sent since the last call (also after being disconnected)."""
        queue, self.client.queue = self.client.queue, []
        return queue

    def events(self, name: str) -> list[Any]:
        """The payloads of every ``name`` event received since the last call (others dropped)."""
        return [m["args"][0] for m in self.received() if m["name"] == name]

    def states(self) -> list[dict[str, Any]]:
        return self.events("room_state")

    @property
    def sid(self) -> str:
        """The server's id for this connection."""
        return self.client.socketio.server.manager.sid_from_eio_sid(self.client.eio_sid, "/")

    @property
    def connected(self) -> bool:
        return self.client.is_connected()

    def disconnect(self) -> None:
        """Close the connection. What the server sends while handling the close (its own
        disconnect's broadcast) never reaches a closed socket, so it is dropped here."""
        self.client.disconnect()
        self.received()
        self.in_room = False


def _lead_view(ack: dict[str, Any]) -> set[str]:
    """``{"lead_view"}`` if the seat of a join's ack is a host or co-host (they get one)."""
    seat = next(s for s in ack["snapshot"]["seats"] if s["id"] == ack["seat_id"])
    return {"lead_view"} if seat["role"] in ("host", "cohost") else set()


class Table:
    """A room and every connection in it, with checks on what each connection receives."""

    def __init__(self, server: Server, created: dict[str, Any], host: Member, screen: Member):
        self.server = server
        self.created = created
        self.code: str = created["code"]
        self.screen_key: str = created["screen_key"]
        self.host = host
        self.screen = screen
        self.members: list[Member] = [host, screen]

    # --- who is here -------------------------------------------------------------------------

    def connect(self, **options: Any) -> Member:
        member = self.server.connect(**options)
        self.members.append(member)
        return member

    def join(self, name: str, *, language: str | None = None, **fields: Any) -> Member:
        """A new connection takes a new seat; everyone in the room gets the new snapshot."""
        member = self.connect()
        payload = {"code": self.code, "name": name, **fields}
        if language:
            payload["language"] = language
        ack, snapshot = self.change(member, "join", payload, entering=True)
        assert set(ack) == {"ok", "seat_id", "snapshot", "token", "join_ticket"} | _lead_view(ack)
        assert ack["snapshot"] == snapshot
        member.seat_id, member.token = ack["seat_id"], ack["token"]
        return member

    def rejoin(self, token: str, *, changes: bool = True, **options: Any) -> Member:
        """A new connection takes the seat of ``token`` back.

        ``changes``: the seat was disconnected, so everyone gets it shown connected again;
        otherwise the room does not change. A connection that held the seat until now is told
        (``seat_moved``) and closed.
        """
        holders = [m for m in self.members if m.token == token and m.in_room and m.connected]
        member = self.connect(**options)
        before = self.snapshot()
        self.drain()
        ack = member.ask("join", {"code": self.code, "token": token})
        assert isinstance(ack, dict) and ack.get("ok") is True, ack
        # No new token for an old seat; hosts also get their private view.
        assert set(ack) == {"ok", "seat_id", "snapshot", "join_ticket"} | _lead_view(ack), ack
        member.in_room = True
        member.seat_id, member.token = ack["seat_id"], token
        for old in holders:
            moved = [{"name": "seat_moved", "args": [{"code": self.code}], "namespace": "/"}]
            assert old.received() == moved, old
            assert not old.connected, old
            old.in_room = False
        if changes:
            snapshot = self.assert_broadcast(before["version"] + 1)
            assert ack["snapshot"] == snapshot
        else:
            for m in self.members:
                assert m.states() == [], f"{m.label} got a room_state"
            assert self.snapshot() == before
        return member

    def watch(self, **options: Any) -> Member:
        member = self.connect(**options)
        ack = self.unchanged(member, "watch", {"code": self.code, "screen_key": self.screen_key})
        assert set(ack) == {"ok", "snapshot", "join_ticket"}
        member.in_room = True
        return member

    def member(self, seat_id: str | None) -> Member:
        """The newest connection holding ``seat_id``."""
        return next(m for m in reversed(self.members) if m.seat_id == seat_id and m.in_room)

    # --- looking ----------------------------------------------------------------------------

    def snapshot(self) -> dict[str, Any]:
        """The room as the projector screen gets it with ``get_state``.

        The screen is the tests' observer: its own requests are taken off its rate-limit
        budget again, so that looking never trips a limit a test is counting.
        """
        ack = self.screen.ask("get_state")
        self.server.app.extensions["kletsborden.limits"]["events"].forget(self.screen.sid)
        assert ack["ok"] is True, ack
        assert set(ack) == {"ok", "snapshot"}
        return ack["snapshot"]

    def seat(self, member: Member | str) -> dict[str, Any]:
        seat_id = member if isinstance(member, str) else member.seat_id
        return next(s for s in self.snapshot()["seats"] if s["id"] == seat_id)

    def names(self) -> list[str]:
        return [s["name"] for s in self.snapshot()["seats"]]

    def drain(self) -> None:
        for member in self.members:
            member.received()

    def assert_quiet(self) -> None:
        """Nobody received anything."""
        for member in self.members:
            assert member.received() == [], member

    # --- acting and checking what everyone received -----------------------------------------

    def change(
        self,
        member: Member,
        event: str,
        payload: Any = NOTHING,
        *,
        entering: bool = False,
        leaving: bool = False,
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """``event`` succeeds and every member gets the same snapshot, one version later."""
        version = self.snapshot()["version"]
        self.drain()
        ack = member.ask(event, payload)
        assert isinstance(ack, dict) and ack.get("ok") is True, ack
        if entering:
            member.in_room = True
        if leaving:
            member.in_room = False
        snapshot = self.assert_broadcast(version + 1)
        if "version" in ack:
            assert ack["version"] == snapshot["version"]
        return ack, snapshot

    def assert_broadcast(self, version: int) -> dict[str, Any]:
        """Each member in the room got exactly one ``room_state``, all alike, at ``version``."""
        got = {m.label: m.states() for m in self.members}
        present = [m.label for m in self.members if m.in_room and m.connected]
        assert present
        for label, states in got.items():
            if label not in present:
                assert states == [], f"{label} is not in the room but got {states}"
            else:
                assert len(states) == 1, f"{label} got {len(states)} room_state messages"
        first = got[present[0]][0]
        for label in present:
            assert got[label][0] == first, f"{label} got another snapshot"
        assert first["version"] == version
        assert first["code"] == self.code
        return first

    def unchanged(
        self, member: Member, event: str, payload: Any = NOTHING, *, entering: bool = False
    ) -> dict[str, Any]:
        """``event`` succeeds without changing the room: no broadcast, same snapshot."""
        before = self.snapshot()
        self.drain()
        ack = member.ask(event, payload)
        assert isinstance(ack, dict) and ack.get("ok") is True, ack
        if entering:
            member.in_room = True
        for m in self.members:
            assert m.states() == [], f"{m.label} got a room_state"
        if "version" in ack:
            assert ack["version"] == before["version"]
        assert self.snapshot() == before
        return ack

    def error(
        self,
        member: Member,
        event: str,
        payload: Any,
        code: str,
        language: str | None = None,
    ) -> dict[str, Any]:
        """``event`` fails with ``code``; nobody receives anything and the room is as it was.

        Without ``language`` the error is checked in Dutch (the default), then again after
        ``set_language`` "en" in English, and the connection is set back to Dutch (for a seated
        member that is also their seat's language: a change the room hears of).
        """
        if language is not None:
            return self._error(member, event, payload, code, language)
        error = self._error(member, event, payload, code, "nl")
        assert (
            member.ask("set_language", {"language": "en"}).items()
            >= {"ok": True, "language": "en"}.items()
        )
        english = self._error(member, event, payload, code, "en")
        assert english["message"] != error["message"]
        assert (
            member.ask("set_language", {"language": "nl"}).items()
            >= {"ok": True, "language": "nl"}.items()
        )
        return error

    def _error(
        self, member: Member, event: str, payload: Any, code: str, language: str
    ) -> dict[str, Any]:
        before = self.snapshot()
        self.drain()
        ack = member.ask(event, payload)
        error = assert_error(ack, code, language)
        self.assert_quiet()
        assert self.snapshot() == before, f"{event} {payload!r} changed the room"
        return error

    # --- common moves -----------------------------------------------------------------------

    def leave(self, member: Member) -> dict[str, Any]:
        ack, snapshot = self.change(member, "leave", leaving=True)
        assert ack == {"ok": True}
        return snapshot

    def start(self) -> dict[str, Any]:
        return self.change(self.host, "start_game")[1]

    def waiting_on(self) -> Member:
        return self.member(self.snapshot()["turn"]["waiting_on"])

    def active(self) -> Member:
        return self.member(self.snapshot()["turn"]["active"])


class Server:
    """One app under test with its clocks and every connection made to it."""

    def __init__(self, app: Flask, clock: FakeClock, limit_clock: FakeClock):
        self.app = app
        self.clock = clock
        self.limit_clock = limit_clock
        self.rooms: RoomService = app.extensions["kletsborden.rooms"]
        from kletsborden.realtime import socketio

        self.socketio = socketio
        self.clients: list[SocketIOTestClient] = []
        self._labels = itertools.count(1)
        self._addresses = itertools.count(1)

    def http(self, address: str | None = None) -> FlaskClient:
        client = self.app.test_client()
        if address:
            client.environ_base["REMOTE_ADDR"] = address
        return client

    def post_room(self, payload: Any = NOTHING, **options: Any):
        """``POST /api/rooms``: with JSON ``payload``, or with ``options`` for the test client."""
        if payload is not NOTHING:
            options["json"] = payload
        return self.http().post("/api/rooms", **options)

    def connect(
        self,
        *,
        address: str | None = None,
        headers: dict[str, str] | None = None,
        label: str | None = None,
    ) -> Member:
        """A new Socket.IO connection, from ``address`` or else an address of its own."""
        number = next(self._addresses)
        http = self.http(address or f"10.0.{number // 200}.{number % 200 + 1}")
        client = self.socketio.test_client(self.app, flask_test_client=http, headers=headers)
        assert client.is_connected()
        self.clients.append(client)
        return Member(client, label or f"c{next(self._labels)}")

    def create_room(
        self, name: str = "Host", settings: dict[str, Any] | None = None, **fields: Any
    ) -> Table:
        """A room made over HTTP; the host connects with its token and a screen watches."""
        payload: dict[str, Any] = {"name": name, **fields}
        if settings is not None:
            payload["settings"] = settings
        response = self.post_room(payload)
        assert response.status_code == 201, response.get_json()
        created = response.get_json()
        host = self.connect(label="host")
        ack = host.ask("join", {"code": created["code"], "token": created["token"]})
        assert ack["ok"] is True, ack
        assert ack["seat_id"] == created["seat_id"]
        host.seat_id, host.token, host.in_room = created["seat_id"], created["token"], True
        screen = self.connect(label="screen")
        ack = screen.ask("watch", {"code": created["code"], "screen_key": created["screen_key"]})
        assert ack["ok"] is True, ack
        screen.in_room = True
        table = Table(self, created, host, screen)
        table.drain()
        return table

    def tick(self) -> list[dict[str, Any]]:
        """What the sweeper does once: apply due grace periods and timers, broadcast them."""
        updates = self.rooms.tick_due()
        for update in updates:
            broadcast(self.socketio, update)
        return [update.snapshot() for update in updates]

    def close(self) -> None:
        for client in self.clients:
            if client.is_connected():
                with contextlib.suppress(Exception):  # nothing left to record at the end
                    client.disconnect()
            SocketIOTestClient.clients.pop(client.eio_sid, None)


# Settings from the environment that would change what the harness's app does.
_ENVIRONMENT = (
    "SECRET_KEY",
    "DATABASE_URL",
    "MESSAGE_QUEUE",
    "ASYNC_MODE",
    "GRACE_SECONDS",
    "OPEN_ROOM_CREATION",
    "HTTPS",
)


@contextlib.contextmanager
def running_server(instance_path: Path, database_url: str, monkeypatch: Any) -> Iterator[Server]:
    """The harness's app: default cards loaded, every clock and limiter moving only when told."""
    for name in _ENVIRONMENT:
        monkeypatch.delenv(f"KLETSBORDEN_{name}", raising=False)
    monkeypatch.setenv("KLETSBORDEN_INSTANCE_PATH", str(instance_path))
    app = create_app(
        {"TESTING": True, "KLETSBORDEN_DATABASE_URL": database_url, "SECRET_KEY": "test"}
    )
    prepare_database(database(app))
    rooms = app.extensions["kletsborden.rooms"]
    assert rooms.grace == GRACE
    clock = FakeClock(START_TIME)
    rooms.clock = clock
    limit_clock = FakeClock(1000.0, step=0.2)
    drive_limits(monkeypatch, limit_clock)
    instance = Server(app, clock, limit_clock)
    try:
        yield instance
    finally:
        instance.close()
        database(app).dispose()
