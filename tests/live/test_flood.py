"""A flood on one connection never stalls the others (docs/security.md, "Limits").

A raw websocket sends 60,000 frames at once, as an attacker would: the server closes it at the
transport once it is over its frame budget and leaves the frames queued behind it unanswered, while
``/healthz`` and a game on other sockets go on. How fast they answer meanwhile, and the memory
it costs, is measured by ``bench/flood.py``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import requests
import websocket
from support.server import Server, start_server, stop_server

from .client import GameClient, create_room, seat_table

FRAMES = 60_000


def raw_socket(server: Server) -> websocket.WebSocket:
    """An Engine.IO websocket that has joined the default namespace, and nothing more."""
    url = server.url.replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket"
    ws = websocket.create_connection(url, origin=server.url, timeout=30)
    assert ws.recv().startswith("0{")
    ws.send("40")
    assert ws.recv().startswith("40{")
    return ws


def flood(ws: websocket.WebSocket, frame: str, count: int) -> dict[str, int]:
    """Send ``count`` frames while reading what comes back: how many were sent, how many
    acks came back, and whether the server closed the connection (``closed``: 1)."""
    seen = {"sent": 0, "acks": 0, "closed": 0}

    def read() -> None:
        try:
            while message := ws.recv():
                seen["acks"] += message.startswith("43")
            seen["closed"] = 1
        except (websocket.WebSocketConnectionClosedException, OSError):
            seen["closed"] = 1
        except websocket.WebSocketTimeoutException:
            return

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        for _ in range(count):
            ws.send(frame)
            seen["sent"] += 1
    except Exception:
        pass  # the server closed the connection: what we would still send goes nowhere
    reader.join(timeout=30)
    return seen


def test_a_flood_is_cut_off_and_others_play_on(
    server: Server, new_client: Callable[..., GameClient], clients: list[GameClient]
) -> None:
    room = create_room(server.url, "Anna")
    host, bert = seat_table(server.url, room, ["Bert"], made=clients)
    host.ask("start_game")
    ws = raw_socket(server)
    answers: list[int] = []

    def meanwhile() -> None:  # others are served while the flood arrives
        for _ in range(20):
            answers.append(requests.get(f"{server.url}/healthz", timeout=10).status_code)
            assert bert.ask("get_state", timeout=10)["ok"]

    others = threading.Thread(target=meanwhile)
    others.start()
    seen = flood(ws, '420["get_state"]', FRAMES)
    others.join()
    assert answers == [200] * 20
    # About the budget's worth is answered (more only if the machine is so slow that the window
    # moves on meanwhile); the tens of thousands queued behind it are dropped unanswered.
    assert seen["acks"] < FRAMES // 20, f"queued frames were answered: {seen}"
    assert seen["closed"], f"the flooding connection stays open: {seen}"
    log = server.output()
    assert log.count("over its budget") == 1, log[-2000:]
    # and the game goes on
    ack = host.ask("draw_card", {"sense": "horen"})
    assert ack["ok"], ack


def test_malformed_packets_are_logged_once_per_connection(server: Server) -> None:
    ws = raw_socket(server)
    for _ in range(50):
        ws.send('42["get_state"')  # a Socket.IO event that is not JSON
    ws.send("40")  # still open: a well-formed packet is answered
    ws.close()
    other = raw_socket(server)
    other.send("this is not Engine.IO")
    assert _closed(other)
    log = server.output()
    assert log.count("sent a malformed packet") == 1, log[-3000:]
    assert "sent 50 malformed packets in all" in _wait_for(server, "malformed packets in all")
    assert log.count("not Engine.IO") == 1
    assert "Traceback" not in server.output()


def _closed(ws: websocket.WebSocket) -> bool:
    """Whether the server closes ``ws`` (reading until the close; False after 10 s of silence)."""
    ws.settimeout(10)
    try:
        while ws.recv():
            pass
    except websocket.WebSocketTimeoutException:
        return False
    except (websocket.WebSocketConnectionClosedException, OSError):
        return True
    return True


def _wait_for(server: Server, text: str) -> str:
    for _ in range(100):
        if text in server.output():
            break
        threading.Event().wait(0.1)
    return server.output()


def test_sockets_per_address_are_capped_with_their_own_refusal(
    tmp_path: Path, database_url: str
) -> None:
    """Over the cap a handshake is refused plainly (401 with a translated code), not a 500;
    a socket that closes makes room again."""
    server = start_server(tmp_path / "instance", database_url, sockets_per_address="3")
    try:
        held = [raw_socket(server) for _ in range(3)]
        url = f"{server.url}/socket.io/?EIO=4&transport=polling"
        refused = requests.get(url, headers={"Accept-Language": "en"}, timeout=10)
        assert refused.status_code == 401
        body = refused.json()
        assert body["code"] == "too_many_connections"
        assert body["message"].startswith("Too many connections are open from this network")
        dutch = requests.get(url, timeout=10).json()["message"]
        assert dutch.startswith("Vanaf dit netwerk zijn te veel verbindingen")
        held.pop().close()
        assert _eventually(lambda: requests.get(url, timeout=10).status_code == 200)
    finally:
        stop_server(server)


def _eventually(check: Callable[[], bool]) -> bool:
    for _ in range(50):
        if check():
            return True
        threading.Event().wait(0.1)
    return False
