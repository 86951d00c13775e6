"""Socket.IO, the game's realtime channel: created unbound here, bound to the app by init_app."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask, Request, abort
from flask.sessions import SecureCookieSessionInterface, SessionMixin
from flask_socketio import SocketIO

from ..config import (
    EVENTS_PER_CONNECTION,
    FAILED_JOINS,
    FRAMES_PER_CONNECTION,
    MAX_MESSAGE_BYTES,
    NEW_SEATS_PER_ADDRESS,
    REACTIONS_PER_CONNECTION,
    SIGNALS_PER_CONNECTION,
)
from ..ratelimit import Limit
from ..turn import TurnServers
from .context import FLASK_SOCKETIO_SESSION
from .handlers import Handlers
from .packets import GamePacket
from .transport import TransportGuard

socketio = SocketIO()
handlers = Handlers(socketio)


def init_app(app: Flask) -> None:
    message_queue = app.config.get("KLETSBORDEN_MESSAGE_QUEUE")
    # Same origin only, unless more origins are configured: no other site opens a game socket.
    socketio.init_app(
        app,
        async_mode=app.config["KLETSBORDEN_ASYNC_MODE"],
        message_queue=message_queue,
        max_http_buffer_size=MAX_MESSAGE_BYTES,
        serializer=GamePacket,
        # Each connection's events are handled in its own reading greenlet, one after the
        # other, instead of a new greenlet per event (a tenth of an action's CPU under load).
        async_handlers=False,
        cors_allowed_origins=_origin_check(app.config.get("KLETSBORDEN_ALLOWED_ORIGINS") or []),
    )
    handlers.bind(socketio.server)
    app.extensions["kletsborden.transport_guard"] = TransportGuard(
        socketio.server, FRAMES_PER_CONNECTION, int(app.config["KLETSBORDEN_SOCKETS_PER_ADDRESS"])
    )
    app.extensions["kletsborden.limits"] = {
        "events": Limit("events", *EVENTS_PER_CONNECTION),
        "reactions": Limit("reactions", *REACTIONS_PER_CONNECTION),
        "failed_joins": Limit("failed_joins", *FAILED_JOINS, message_queue),
        "new_seats": Limit("new_seats", *NEW_SEATS_PER_ADDRESS, message_queue),
        "signals": Limit("signals", *SIGNALS_PER_CONNECTION),
    }
    app.extensions["kletsborden.turn"] = TurnServers.from_config(app.config)
    app.session_interface = ConnectionSessions()
    for websocket in (False, True):  # a websocket matches only a rule made for websockets
        app.add_url_rule(
            f"/{SOCKETIO_PATH}/", "socketio", _answered_by_socketio, websocket=websocket
        )


# Flask-SocketIO handles each event inside a Flask request context for the path Socket.IO
# connected on, and Flask matches that path to a route every time. Without a route, werkzeug
# raised NoMatch (WebsocketMismatch for a websocket) and Flask kept it on the request: its
# traceback tied the event's frames, request and packet into a reference cycle, so every event
# left garbage only the collector could free (most of its work, and pauses of up to 300 ms,
# with 2,000 players: docs/performance.md).
SOCKETIO_PATH = "socket.io"


class ConnectionSessions(SecureCookieSessionInterface):
    """Cookie sessions, except inside a Socket.IO event of a connected client.

    Flask-SocketIO handles each event in a request context, which opens the cookie session
    (parsing the cookie, checking its signature) only for Flask-SocketIO to replace it with the
    connection's own session, kept in the connection's environ: that one is handed over at once
    (about 2% of an action's CPU). Pages, and a connection's first event, read the cookie.
    """

    def open_session(self, app: Flask, request: Request) -> SessionMixin | None:
        kept = request.environ.get(FLASK_SOCKETIO_SESSION)
        return kept if kept is not None else super().open_session(app, request)


def _answered_by_socketio() -> Any:
    """Never called: Flask-SocketIO's middleware answers this path before Flask routes it."""
    abort(404)


def _origin_check(extra: list[str]) -> Callable[[str | None, dict], bool] | None:
    """Our own origin always, plus the configured ones; None keeps the library's same-origin."""
    if not extra:
        return None

    def allowed(origin: str | None, environ: dict) -> bool:
        own = f"{environ.get('wsgi.url_scheme', 'http')}://{environ.get('HTTP_HOST', '')}"
        return origin is None or origin in (own, *extra)

    return allowed
