"""A TCP proxy a test controls, to make a database or Redis unreachable on purpose and back.

The server under test connects to the proxy instead of the real service. ``cut()`` resets every
open connection and refuses new ones (the way a crashed service or a broken network looks to the
server: connection reset, connection refused); ``restore()`` lets connections through again. Plain
threads: one accepting, two per connection (one per direction), so it works next to anything.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
from types import TracebackType

CHUNK = 65536


def _reset(sock: socket.socket) -> None:
    """Close with RST instead of FIN: the other side sees 'connection reset' at once."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()


class TcpProxy:
    """Forwards 127.0.0.1:``port`` to ``target``; a context manager that stops it on exit."""

    def __init__(self, target_host: str, target_port: int, listen_host: str = "127.0.0.1"):
        self.target = (target_host, target_port)
        self._listener = socket.create_server((listen_host, 0))
        self.host, self.port = self._listener.getsockname()[:2]
        self._lock = threading.Lock()
        self._open = True
        self._closed = False
        self._pairs: list[tuple[socket.socket, socket.socket]] = []
        self.accepted = 0  # connections let through, for tests to see the server reconnect
        self.refused = 0
        threading.Thread(target=self._accept_forever, daemon=True, name="tcpproxy").start()

    # --- control ----------------------------------------------------------------------------

    @property
    def is_cut(self) -> bool:
        return not self._open

    def cut(self) -> None:
        """Reset every connection through the proxy and refuse new ones until ``restore``."""
        with self._lock:
            self._open = False
            pairs, self._pairs = self._pairs, []
        for client, upstream in pairs:
            _reset(client)
            _reset(upstream)

    def restore(self) -> None:
        with self._lock:
            self._open = True

    def close(self) -> None:
        self.cut()
        self._closed = True
        with contextlib.suppress(OSError):
            self._listener.close()

    def __enter__(self) -> TcpProxy:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # --- forwarding -------------------------------------------------------------------------

    def _accept_forever(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                let_through = self._open
            if not let_through:
                self.refused += 1
                _reset(client)
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
                upstream.settimeout(None)
            except OSError:
                _reset(client)
                continue
            for sock in (client, upstream):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with self._lock:
                if not self._open:  # cut while connecting
                    _reset(client)
                    _reset(upstream)
                    continue
                self._pairs.append((client, upstream))
                self.accepted += 1
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(CHUNK):
                sink.sendall(data)
        except OSError:
            pass
        # One side finished or broke: end the pair both ways.
        with self._lock:
            self._pairs = [p for p in self._pairs if source not in p]
        for sock in (source, sink):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                sock.close()
