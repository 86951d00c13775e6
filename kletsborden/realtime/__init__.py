"""Socket.IO, the game's realtime channel: created unbound here, bound to the app by init_app."""

from __future__ import annotations

from flask import Flask
from flask_socketio import SocketIO

socketio = SocketIO()


def init_app(app: Flask) -> None:
    socketio.init_app(
        app,
        async_mode=app.config["KLETSBORDEN_ASYNC_MODE"],
        message_queue=app.config.get("KLETSBORDEN_MESSAGE_QUEUE"),
        cors_allowed_origins=[],  # same origin only
    )
