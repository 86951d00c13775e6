"""What one connection may cost before any work is done for it: a frame budget at the transport.

Engine.IO hands every incoming message to a new task of its own. A client that sends tens of
thousands of frames at once would get as many tasks (and acks queued for it), and the process
would answer nobody else meanwhile. So the budget is checked where Engine.IO receives a message,
before a task exists: a connection over ``FRAMES_PER_CONNECTION`` is closed at the transport, and
the frames it still had queued are dropped unread. Legitimate clients stay far below it (the
event limit answers ``rate_limited`` well before).

Sockets per address are capped (``sockets_per_address``): a handshake over the cap is refused
with HTTP 401 and the body ``{"code": "too_many_connections", "message": ...}`` before a
websocket is opened, so one address cannot use up the process's open files.

Frames the Socket.IO layer cannot read are logged once per connection, and their number when
the connection closes, instead of a traceback per frame.

The websocket reader (simple-websocket) reads and parses as long as the socket has data, and
under gevent a read that finds data never yields: a fast sender would hold the whole process
until it paused. ``FairWebSocket`` yields after each chunk it parsed, so the other connections,
and the budget check, get their turn.

The hooks are Engine.IO's ``Server._trigger_event`` and its websocket driver (python-engineio
4.x, simple-websocket 1.x), replaced on our server's instance only;
``tests/live/test_flood.py`` fails if a new version stops using them.
"""

from __future__ import annotations

import base64
import logging
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

import simple_websocket
from engineio.exceptions import SocketIsClosedError
from socketio import Server
from werkzeug.wrappers import Request

from ..i18n import error_body
from ..i18n.languages import choose
from ..ratelimit import Limit

log = logging.getLogger(__name__)


class TransportGuard:
    """Closes a connection that sends more frames than its budget, counts malformed ones, and
    refuses a connection from an address that holds ``sockets_per_address`` already (0: no cap)."""

    def __init__(self, server: Server, budget: tuple[int, float], sockets_per_address: int):
        self.eio = server.eio
        self.frames = Limit("frames", *budget)
        self.malformed: Counter[str] = Counter()
        self.sockets_per_address = sockets_per_address
        self.addresses: dict[str, str] = {}  # connection -> its address
        self.held: Counter[str] = Counter()  # address -> its open connections
        self._on_connect = self.eio.handlers["connect"]
        self.eio.on("connect", self._connect)
        self._trigger: Callable[..., Any] = self.eio._trigger_event
        self.eio._trigger_event = self._guarded_trigger
        self._on_message = self.eio.handlers["message"]
        self._on_disconnect = self.eio.handlers["disconnect"]
        self.eio.on("message", self._message)
        self.eio.on("disconnect", self._disconnect)
        self.eio._async = {**self.eio._async, "websocket": _fair(self.eio._async["websocket"])}

    def _guarded_trigger(self, event: str, *args: Any, **kwargs: Any) -> Any:
        if event == "message" and not self.frames.hit(args[0]):
            self._close(args[0])
            raise SocketIsClosedError()  # ends the socket's reading loop: queued frames dropped
        return self._trigger(event, *args, **kwargs)

    def _close(self, sid: str) -> None:
        socket = self.eio.sockets.get(sid)
        if socket is not None and not socket.closed:
            log.warning(
                "connection %s closed: over its budget of %d frames in %g s",
                sid,
                self.frames.count,
                self.frames.window,
            )
            socket.close(wait=False, abort=True, reason=self.eio.reason.TRANSPORT_ERROR)

    def _connect(self, sid: str, environ: dict[str, Any], *args: Any) -> Any:
        address = environ.get("REMOTE_ADDR") or "unknown"
        if self.sockets_per_address and self.held[address] >= self.sockets_per_address:
            log.warning("connection from an address with %d open refused", self.held[address])
            asked = Request(environ)
            language = choose(asked.cookies.get("lang"), asked.accept_languages)
            return error_body("too_many_connections", {}, language)
        self.addresses[sid] = address
        self.held[address] += 1
        accepted = self._on_connect(sid, environ, *args)
        if accepted is not None and accepted is not True:  # refused: no disconnect will follow
            self._forget(sid)
        return accepted

    def _message(self, sid: str, data: Any) -> Any:
        try:
            return self._on_message(sid, data)
        except (ValueError, TypeError, KeyError, IndexError) as error:
            self.malformed[sid] += 1
            if self.malformed[sid] == 1:
                log.warning("connection %s sent a malformed packet: %s", sid, str(error)[:200])
            return None

    def _forget(self, sid: str) -> None:
        address = self.addresses.pop(sid, None)
        if address is not None:
            self.held[address] -= 1
            if self.held[address] <= 0:
                del self.held[address]

    def _disconnect(self, sid: str, *args: Any) -> Any:
        self._forget(sid)
        self.frames.forget(sid)
        count = self.malformed.pop(sid, 0)
        if count > 1:
            log.warning("connection %s sent %d malformed packets in all", sid, count)
        return self._on_disconnect(sid, *args)


class _FairServer(simple_websocket.Server):
    """A websocket whose reader lets others run after each chunk it read and parsed."""

    def _handle_events(self) -> bool:
        keep_going = super()._handle_events()
        time.sleep(0)  # gevent's sleep when serving (monkey-patched): a yield
        return keep_going


def _fair(driver: type) -> type:
    """Engine.IO's websocket driver, with ``_FairServer`` as its websocket."""

    class FairWebSocket(driver):  # type: ignore[misc, valid-type]
        def __call__(self, environ: dict, start_response: Any) -> Any:
            self.ws = _FairServer(environ, **self.server_args)
            result = self.app(self)
            if self.ws.mode == "gunicorn":
                raise StopIteration()
            if self.ws.mode == "werkzeug":
                raise ConnectionError()
            return result

        def wait(self) -> Any:
            """The next frame; a text frame that is not Engine.IO ends the connection (one log
            line, where Engine.IO would raise out of its reading loop with a traceback)."""
            data = super().wait()
            if isinstance(data, str) and not _engineio_text(data):
                log.warning("connection closed: it sent a frame that is not Engine.IO")
                return None
            return data

    return FairWebSocket


def _engineio_text(frame: str) -> bool:
    if frame[:1] == "b":  # a binary message in base64
        try:
            base64.b64decode(frame[1:], validate=True)
        except ValueError:
            return False
        return True
    return frame[:1].isdigit()
