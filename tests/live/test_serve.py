"""``kletsborden serve`` on a fresh instance: database made, cards loaded, pages and sockets up."""

from __future__ import annotations

import base64
import os
import socket

import requests
import socketio
from support.server import Server

from kletsborden.paths import default_card_files


def test_first_run_creates_the_database_and_loads_the_cards(server: Server) -> None:

    assert requests.get(f"{server.url}/", timeout=5).status_code == 200
    cards = sum(p.read_text(encoding="utf-8").count("[[cards]]") for p in default_card_files())
    assert f"Loaded the default cards: {cards} cards." in server.output()


def test_websocket_connection_on_gevent(server: Server) -> None:
    client = socketio.Client(reconnection=False)
    client.connect(server.url, transports=["websocket"], wait_timeout=10)
    try:
        assert client.connected
        assert client.transport() == "websocket"
    finally:
        client.disconnect()


def test_a_websocket_is_answered_without_compression(server: Server) -> None:
    """Browsers offer permessage-deflate; the server declines it (kletsborden/serving.py says
    why) and the connection works uncompressed: its first frame has no RSV1 bit."""
    host, port = server.url.removeprefix("http://").split(":")
    key = base64.b64encode(os.urandom(16)).decode()
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(
            (
                "GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n"
                f"Host: {host}:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
                "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n"
            ).encode()
        )
        received = b""
        while b"\r\n\r\n" not in received or len(received.split(b"\r\n\r\n", 1)[1]) < 3:
            chunk = sock.recv(4096)
            assert chunk, f"the server closed the connection: {received!r}"
            received += chunk
        head, frame = received.split(b"\r\n\r\n", 1)
    assert head.startswith(b"HTTP/1.1 101"), head
    assert b"sec-websocket-extensions" not in head.lower(), head
    assert frame[0] == 0x81, "a final text frame, not compressed (RSV1 clear)"
    assert frame[2:3] == b"0", "Engine.IO's open packet"
