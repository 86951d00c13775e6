"""Socket.IO, the game's realtime channel: created unbound here, bound to the app by init_app."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
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


def _origin_check(extra: list[str]) -> Callable[[str | None, dict], bool] | None:
    """Our own origin always, plus the configured ones; None keeps the library's same-origin."""
    if not extra:
        return None

    def allowed(origin: str | None, environ: dict) -> bool:
        own = f"{environ.get('wsgi.url_scheme', 'http')}://{environ.get('HTTP_HOST', '')}"
        return origin is None or origin in (own, *extra)

    return allowed
