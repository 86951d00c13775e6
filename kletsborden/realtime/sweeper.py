"""The passing of time: grace periods and turn timers, applied by every serving process.

Each process checks once a second for rooms whose ``due_at`` has come; the store's
compare-and-swap makes sure that when several processes tick the same room, it changes once.
"""

from __future__ import annotations

import logging

from flask import Flask
from flask_socketio import SocketIO

from .handlers import broadcast

log = logging.getLogger(__name__)

INTERVAL_SECONDS = 1.0


def start_sweeper(app: Flask, socketio: SocketIO) -> None:
    def sweep_forever() -> None:
        with app.app_context():
            rooms = app.extensions["kletsborden.rooms"]
            while True:
                socketio.sleep(INTERVAL_SECONDS)
                try:
                    for update in rooms.tick_due():
                        broadcast(socketio, update)
                except Exception:
                    log.exception("sweeping due rooms failed; trying again")

    socketio.start_background_task(sweep_forever)
