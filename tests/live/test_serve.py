"""``kletsborden serve`` on a fresh instance: database made, cards loaded, pages and sockets up."""

from __future__ import annotations

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
