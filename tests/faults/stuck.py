"""A Socket.IO client that joins a room and then never reads from its socket again.

Written from the protocols alone (RFC 6455 websocket frames, Engine.IO 4, Socket.IO 5), on a raw
socket with a tiny receive buffer, so the server's sends back up as soon as possible.
"""

from __future__ import annotations

import base64
import json
import os
import socket
import struct
from typing import Any


class StuckClient:
    def __init__(self, host: str, port: int):
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        self.sock.settimeout(10)
        self.sock.connect((host, port))
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(
            (
                "GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n"
                f"Host: {host}:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
            ).encode()
        )
        self._buffer = b""
        while b"\r\n\r\n" not in self._buffer:
            self._buffer += self._recv()
        head, self._buffer = self._buffer.split(b"\r\n\r\n", 1)
        assert head.startswith(b"HTTP/1.1 101"), head
        opened = self.receive()
        assert opened.startswith("0"), opened  # Engine.IO open
        self.send("40")  # Socket.IO connect to "/"
        assert self.receive().startswith("40"), "Socket.IO connected"

    def join(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Send ``join`` with ack id 1 and read until its ack: the last read this client does."""
        self.send("421" + json.dumps(["join", payload]))
        while True:
            message = self.receive()
            if message.startswith("431"):
                return json.loads(message[3:])[0]
            if message == "2":  # an Engine.IO ping this early: answer it, like a client would
                self.send("3")

    def send(self, text: str) -> None:
        data = text.encode()
        mask = os.urandom(4)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(data))
        if len(data) < 126:
            header = struct.pack("!BB", 0x81, 0x80 | len(data))
        else:
            header = struct.pack("!BBH", 0x81, 0x80 | 126, len(data))
        self.sock.sendall(header + mask + masked)

    def receive(self) -> str:
        """One text frame from the server (servers never mask, and never fragment ours)."""
        first, second = self._read(2)
        length = second & 0x7F
        if length == 126:
            (length,) = struct.unpack("!H", self._read(2))
        elif length == 127:
            (length,) = struct.unpack("!Q", self._read(8))
        payload = self._read(length)
        assert first & 0x0F == 0x1, f"text frame expected, opcode {first & 0x0F}"
        return payload.decode()

    def _read(self, count: int) -> bytes:
        while len(self._buffer) < count:
            self._buffer += self._recv()
        data, self._buffer = self._buffer[:count], self._buffer[count:]
        return data

    def _recv(self) -> bytes:
        data = self.sock.recv(65536)
        if not data:
            raise ConnectionError("the server closed the connection")
        return data

    def close(self) -> None:
        self.sock.close()
