"""Socket.IO, the game's realtime channel: created unbound here, bound to the app by init_app."""

from __future__ import annotations

from flask import Flask
from flask_socketio import SocketIO

from ..config import (
    EVENTS_PER_CONNECTION,
    FAILED_JOINS,
    MAX_MESSAGE_BYTES,
    REACTIONS_PER_CONNECTION,
)
from ..ratelimit import RateLimiter
from .handlers import Handlers

socketio = SocketIO()
handlers = Handlers(socketio)


def init_app(app: Flask) -> None:
    # Same-origin only (Flask-SocketIO's default): no cross-site page can open a game socket.
    socketio.init_app(
        app,
        async_mode=app.config["KLETSBORDEN_ASYNC_MODE"],
        message_queue=app.config.get("KLETSBORDEN_MESSAGE_QUEUE"),
        max_http_buffer_size=MAX_MESSAGE_BYTES,
    )
    app.extensions["kletsborden.limits"] = {
        "events": RateLimiter(*EVENTS_PER_CONNECTION),
        "reactions": RateLimiter(*REACTIONS_PER_CONNECTION),
        "failed_joins": RateLimiter(*FAILED_JOINS),
    }
