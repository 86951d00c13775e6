"""A small game client for live tests, written from docs/protocol.md alone.

One ``GameClient`` is one Socket.IO connection (python-socketio). It records every ``room_state``
broadcast in the order it arrived, every other server event (``reaction``, ``kicked``,
``seat_moved``) and its own disconnects, and lets a test wait for conditions with a timeout
instead of sleeping.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import requests
import socketio

ASK_TIMEOUT = 15.0
WAIT_TIMEOUT = 15.0

Snapshot = dict[str, Any]
Ack = dict[str, Any]


class NoArgument:
    """Marks an event sent with no argument at all (the protocol reads it as ``{}``)."""


NO_ARGUMENT = NoArgument()


def create_room(base_url: str, name: str, **body: Any) -> dict[str, Any]:
    """``POST /api/rooms`` (protocol §3); returns the 201 body."""
    response = requests.post(f"{base_url}/api/rooms", json={"name": name, **body}, timeout=10)
    assert response.status_code == 201, response.text
    return response.json()


class GameClient:
    def __init__(self, base_url: str, label: str = "", *, reconnection: bool = False):
        self.base_url = base_url
        self.label = label
        self.sio = socketio.Client(
            reconnection=reconnection,
            reconnection_delay=0.2,
            reconnection_delay_max=1.0,
        )
        self._changed = threading.Condition()
        self.broadcasts: list[Snapshot] = []  # room_state, in arrival order
        self.events: list[tuple[str, Any]] = []  # reaction, kicked, seat_moved, voice_signal
        self.disconnects: list[Any] = []
        self.connects = 0
        self.rejoin_acks: list[Ack] = []  # joins made by this client after a reconnect
        self.code: str | None = None
        self.token: str | None = None
        self.seat_id: str | None = None
        self.last_join: Ack | None = None
        self.rejoin_on_reconnect = reconnection
        self.sio.on("room_state", self._on_room_state)
        for name in ("reaction", "kicked", "seat_moved", "voice_signal"):
            self.sio.on(name, self._recorder(name))
        self.sio.on("connect", self._on_connect)
        self.sio.on("disconnect", self._on_disconnect)

    # --- connection -----------------------------------------------------------------------

    def connect(self, url: str | None = None, headers: dict[str, str] | None = None) -> GameClient:
        self.sio.connect(
            url or self.base_url, headers=headers or {}, transports=["websocket"], wait_timeout=10
        )
        return self

    def disconnect(self) -> None:
        """Close the connection, and stop any reconnection attempts."""
        self.sio.shutdown()

    def drop(self) -> threading.Thread:
        """Start closing the connection without waiting for the websocket close handshake."""
        thread = threading.Thread(target=self.close_quietly, daemon=True)
        thread.start()
        return thread

    def close_quietly(self) -> None:
        with contextlib.suppress(Exception):  # a client of a killed server may be gone already
            self.disconnect()

    @property
    def connected(self) -> bool:
        return self.sio.connected

    def _on_connect(self) -> None:
        with self._changed:
            self.connects += 1
            again = self.connects > 1
            self._changed.notify_all()
        # §2/§7: after every reconnect the connection knows nothing: join again with the token.
        # Never wait for an ack inside a handler: do it in a background task.
        if again and self.rejoin_on_reconnect and self.token:
            self.sio.start_background_task(self._rejoin_in_background)

    def _rejoin_in_background(self) -> None:
        try:
            ack = self.sio.call(
                "join", {"code": self.code, "token": self.token}, timeout=ASK_TIMEOUT
            )
        except Exception as error:  # recorded for the test to see
            ack = {"ok": False, "error": {"code": f"client: {error!r}"}}
        with self._changed:
            self.rejoin_acks.append(ack)
            self._changed.notify_all()

    def _on_disconnect(self, *reason: Any) -> None:
        with self._changed:
            self.disconnects.append(reason)
            self._changed.notify_all()

    def _on_room_state(self, snapshot: Snapshot) -> None:
        with self._changed:
            self.broadcasts.append(snapshot)
            self._changed.notify_all()

    def _recorder(self, name: str) -> Callable[[Any], None]:
        def record(data: Any = None) -> None:
            with self._changed:
                self.events.append((name, data))
                self._changed.notify_all()

        return record

    # --- asking ---------------------------------------------------------------------------

    def ask(self, event: str, payload: Any = None, timeout: float = ASK_TIMEOUT) -> Ack:
        """Send one event and wait for its ack (§4.1: every event is acknowledged).

        ``payload`` None sends ``{}``; ``NO_ARGUMENT`` sends no argument; a tuple sends several.
        """
        if payload is NO_ARGUMENT:
            return self.sio.call(event, timeout=timeout)
        return self.sio.call(event, {} if payload is None else payload, timeout=timeout)

    def join(
        self, code: str, name: str | None = None, token: str | None = None, **more: Any
    ) -> Ack:
        payload: dict[str, Any] = {"code": code, **more}
        if token is not None:
            payload["token"] = token
        if name is not None:
            payload["name"] = name
        ack = self.ask("join", payload)
        self.last_join = ack
        if ack["ok"]:
            self.code = ack["snapshot"]["code"]
            self.seat_id = ack["seat_id"]
            self.token = ack.get("token") or token
        return ack

    def state(self) -> Snapshot:
        ack = self.ask("get_state")
        assert ack["ok"], ack
        return ack["snapshot"]

    # --- waiting --------------------------------------------------------------------------

    def wait_for(
        self, condition: Callable[[], Any], timeout: float = WAIT_TIMEOUT, what: str = ""
    ) -> Any:
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                result = condition()
                if result:
                    return result
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(
                        f"{self.label}: timed out waiting for {what or condition}; "
                        f"versions seen {self.versions()}, events {self.events}, "
                        f"disconnects {self.disconnects}"
                    )
                self._changed.wait(min(left, 0.25))

    def wait_version(self, version: int, timeout: float = WAIT_TIMEOUT) -> Snapshot:
        """The room_state broadcast with this version, once it has arrived."""
        return self.wait_for(
            lambda: next((s for s in self.broadcasts if s["version"] == version), None),
            timeout,
            f"room_state version {version}",
        )

    def wait_event(self, name: str, timeout: float = WAIT_TIMEOUT) -> Any:
        return self.wait_for(
            lambda: next(((n, d) for n, d in self.events if n == name), None),
            timeout,
            f"event {name}",
        )

    def versions(self) -> list[int]:
        return [s["version"] for s in list(self.broadcasts)]

    @property
    def latest(self) -> Snapshot:
        """The newest broadcast by version (§6: ignore lower or equal versions)."""
        return max(self.broadcasts, key=lambda s: s["version"])


def error_code(ack: Ack) -> str | None:
    return None if ack.get("ok") else ack["error"]["code"]


def seat_table(
    base_url: str,
    room: dict[str, Any],
    names: list[str],
    *,
    reconnection: bool = False,
    made: list[GameClient] | None = None,
) -> list[GameClient]:
    """The host's socket takes its seat with the token, then players join by code (§2).

    Players type the code the way people do (lower case, with the dash). Returns the clients in
    seat order: host first.
    """
    made = [] if made is None else made
    return [
        take_seat(base_url, room, made, name, reconnection=reconnection) for name in [None, *names]
    ]


def take_seat(
    base_url: str,
    room: dict[str, Any],
    made: list[GameClient],
    name: str | None = None,
    *,
    reconnection: bool = False,
) -> GameClient:
    """A connection on ``base_url`` taking the host's seat (no name, by token) or a new seat by
    code, typed as people do (lower case, with the dash); added to ``made``."""
    client = GameClient(base_url, name or "host", reconnection=reconnection).connect()
    made.append(client)
    if name is None:
        ack = client.join(room["code"], token=room["token"])
    else:
        ack = client.join(room["display_code"].lower(), name=name)
    assert ack["ok"], ack
    return client


@contextlib.contextmanager
def client_pool() -> Iterator[list[GameClient]]:
    """A list for every client a test makes; they are all disconnected afterwards.

    Closing a websocket can wait up to 3 s for the server's close frame: they are closed side by
    side, in the background; stopping the server afterwards ends any close still waiting.
    """
    made: list[GameClient] = []
    try:
        yield made
    finally:
        closing = [client.drop() for client in made]
        deadline = time.monotonic() + 0.5
        for thread in closing:
            thread.join(timeout=max(0.0, deadline - time.monotonic()))
