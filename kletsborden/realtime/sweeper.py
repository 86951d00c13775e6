"""The passing of time, applied by every serving process.

Once a second a process ticks the rooms whose ``due_at`` has come (grace periods, turn timers);
the store's compare-and-swap makes sure a room ticked by several processes changes once. Every
HEARTBEAT_SECONDS it vouches for the seated connections it holds and disconnects seats whose
process has gone silent, so a crashed process never leaves a game waiting. Every
PURGE_EVERY_SECONDS it deletes rooms past their retention time (privacy: names do not linger).
"""

from __future__ import annotations

import logging

from flask import Flask
from flask_socketio import SocketIO
from sqlalchemy.exc import DBAPIError

from ..config import HEARTBEAT_SECONDS, PURGE_EVERY_SECONDS, SILENT_AFTER_SECONDS
from ..errors import Unavailable
from .handlers import Handlers, broadcast

log = logging.getLogger(__name__)

INTERVAL_SECONDS = 1.0


def start_sweeper(app: Flask, socketio: SocketIO, handlers: Handlers) -> None:
    def sweep_forever() -> None:
        with app.app_context():
            rooms = app.extensions["kletsborden.rooms"]
            retention = float(app.config["KLETSBORDEN_RETENTION_HOURS"])
            # Seconds since each slower chore last ran; both run on the first sweep.
            since = {"heartbeat": HEARTBEAT_SECONDS, "purge": PURGE_EVERY_SECONDS}
            unreachable = False  # said once per outage, not once a second
            while True:
                socketio.sleep(INTERVAL_SECONDS)
                since = {chore: waited + INTERVAL_SECONDS for chore, waited in since.items()}
                try:
                    updates = rooms.tick_due()
                    if since["heartbeat"] >= HEARTBEAT_SECONDS:
                        since["heartbeat"] = 0.0
                        rooms.keep_alive(set(handlers.seated_connections))
                        updates += rooms.drop_silent(SILENT_AFTER_SECONDS)
                    for update in updates:
                        broadcast(socketio, update)
                    if since["purge"] >= PURGE_EVERY_SECONDS:
                        since["purge"] = 0.0
                        if gone := rooms.purge(retention):
                            log.info("purged %d rooms that ended or went idle", gone)
                except (DBAPIError, Unavailable) as error:
                    if not unreachable:
                        reason = type(error.__cause__ or error).__name__
                        log.warning("sweeping rooms failed: no database (%s); trying again", reason)
                    unreachable = True
                except Exception:
                    log.exception("sweeping rooms failed; trying again")
                else:
                    if unreachable:
                        log.warning("sweeping rooms works again")
                    unreachable = False

    socketio.start_background_task(sweep_forever)
