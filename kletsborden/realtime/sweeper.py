"""The passing of time, applied by every serving process.

Once a second a process ticks the rooms whose ``due_at`` has come (grace periods, turn timers);
the store's compare-and-swap makes sure a room ticked by several processes changes once. Every
HEARTBEAT_SECONDS it vouches for the seated connections it holds and disconnects seats whose
process has gone silent, so a crashed process never leaves a game waiting.
"""

from __future__ import annotations

import logging

from flask import Flask
from flask_socketio import SocketIO

from ..config import HEARTBEAT_SECONDS, SILENT_AFTER_SECONDS
from .handlers import Handlers, broadcast

log = logging.getLogger(__name__)

INTERVAL_SECONDS = 1.0


def start_sweeper(app: Flask, socketio: SocketIO, handlers: Handlers) -> None:
    def sweep_forever() -> None:
        with app.app_context():
            rooms = app.extensions["kletsborden.rooms"]
            since_heartbeat = HEARTBEAT_SECONDS
            while True:
                socketio.sleep(INTERVAL_SECONDS)
                since_heartbeat += INTERVAL_SECONDS
                try:
                    updates = rooms.tick_due()
                    if since_heartbeat >= HEARTBEAT_SECONDS:
                        since_heartbeat = 0.0
                        rooms.keep_alive(set(handlers.seated_connections))
                        updates += rooms.drop_silent(SILENT_AFTER_SECONDS)
                    for update in updates:
                        broadcast(socketio, update)
                except Exception:
                    log.exception("sweeping rooms failed; trying again")

    socketio.start_background_task(sweep_forever)
