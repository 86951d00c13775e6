"""The connection whose event is being handled: its id, its session, its address, its app.

Flask-SocketIO handles every event inside a Flask request context made for it (a request
object, a URL adapter, a route match, the session, a teardown): about a twentieth of an
action's CPU (docs/performance.md). The game's events need only their connection, so
python-socketio calls them directly (``Handlers.bind``) and they read it from here; the
events Flask-SocketIO still dispatches (connect, disconnect, unknown events) set it too.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from flask import Flask
from werkzeug.local import LocalProxy

# Where Flask-SocketIO keeps a connection's session (its own name, in the connection's environ):
# made from the cookie's session when the connection's ``connect`` event is handled.
FLASK_SOCKETIO_SESSION = "saved_session"


@dataclass(frozen=True, slots=True)
class EventConnection:
    sid: str
    environ: dict[str, Any]

    @property
    def session(self) -> dict[str, Any]:
        return self.environ[FLASK_SOCKETIO_SESSION]

    @property
    def remote_addr(self) -> str:
        """The client's address (after ProxyFix, which rewrites the environ in place)."""
        return self.environ.get("REMOTE_ADDR") or "unknown"

    @property
    def app(self) -> Flask:
        return self.environ["flask.app"]  # put there by Flask-SocketIO's middleware


_current: ContextVar[EventConnection] = ContextVar("kletsborden_event_connection")

# The connection of the event being handled, and its session (a dict kept for the connection).
caller: EventConnection = LocalProxy(_current)  # type: ignore[assignment]
session: dict[str, Any] = LocalProxy(_current, "session")  # type: ignore[assignment]


@contextmanager
def handling(sid: str, environ: dict[str, Any]) -> Iterator[EventConnection]:
    """While an event of connection ``sid`` is handled (gevent gives each greenlet its own)."""
    token = _current.set(EventConnection(sid, environ))
    try:
        yield _current.get()
    finally:
        _current.reset(token)
