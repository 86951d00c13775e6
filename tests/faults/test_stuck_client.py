"""A client that joins a room and never reads again, while the room is busy (docs/security.md).

Everything broadcast to the room is queued for it too, and its socket stops taking data once the
kernel's buffers are full. The server must not hold on to it for ever: Socket.IO drops it when it
misses Engine.IO's ping (25 + 20 s), and the server closes its socket once nothing could be sent
for SOCKET_TIMEOUT_SECONDS, freeing what was queued. Memory stays bounded meanwhile.

SQLite only: the database plays no part in what is measured here.
"""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

from live.client import GameClient, create_room
from support.server import start_server, stop_server

from kletsborden.config import SOCKET_TIMEOUT_SECONDS

from .stuck import StuckClient

MOVERS = 16
PAUSE = 0.18  # each mover stays under the event limit (60 per 10 s)
GROWTH_LIMIT_MB = 64.0  # generous: a few MB are queued; unbounded would pass it in minutes
MIN_SENT_MB = 3.0


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        line = next(line for line in status if line.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024


def holds_connection(pid: int, client_port: int) -> bool:
    """Whether the process still has the server side of the TCP connection from ``client_port``
    open (any file descriptor on that socket: the websocket works on a duplicate)."""
    inodes = set()
    for table in ("tcp", "tcp6"):
        with open(f"/proc/{pid}/net/{table}") as connections:
            for line in list(connections)[1:]:
                fields = line.split()
                if int(fields[2].rsplit(":", 1)[1], 16) == client_port:
                    inodes.add(f"socket:[{fields[9]}]")
    links = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            links.add(os.readlink(f"/proc/{pid}/fd/{fd}"))
        except FileNotFoundError:
            continue
    return bool(inodes & links)


def toggle(client: GameClient, offset: int, stop: threading.Event) -> None:
    """Lock and unlock the room, show and hide the code: every change is a broadcast."""
    number = offset
    while not stop.is_set():
        event, field = ("set_locked", "locked") if number % 2 else ("set_show_join", "show")
        client.ask(event, {field: number // 2 % 2 == 0})
        number += 1
        time.sleep(PAUSE)


def test_a_client_that_never_reads_is_dropped_and_memory_stays_bounded(
    tmp_path: Path, clients: list[GameClient]
) -> None:
    server = start_server(tmp_path / "instance", f"sqlite:///{tmp_path / 'test.db'}")
    pid = server.process.pid
    stop = threading.Event()
    try:
        room = create_room(server.url, "A" * 40)
        host = GameClient(server.url, "host").connect()
        clients.append(host)
        assert host.join(room["code"], token=room["token"])["ok"]
        movers = []
        for number in range(MOVERS):  # long names: bigger snapshots
            mover = GameClient(server.url, f"mover {number}").connect()
            clients.append(mover)
            assert mover.join(room["code"], name=f"{number:02d}" + "B" * 38)["ok"]
            role = host.ask("set_role", {"seat_id": mover.seat_id, "role": "cohost"})
            assert role["ok"], role
            movers.append(mover)

        port = int(server.url.rsplit(":", 1)[1])
        stuck = StuckClient("127.0.0.1", port)
        joined = stuck.join({"code": room["code"], "name": "S" * 40, "spectator": True})
        assert joined["ok"], joined
        stuck_seat = joined["seat_id"]
        joined_at = time.monotonic()
        client_port = stuck.sock.getsockname()[1]
        assert holds_connection(pid, client_port)
        rss_before = rss_mb(pid)
        host_seen = len(host.broadcasts)

        threads = [
            threading.Thread(target=toggle, args=(m, n, stop), daemon=True)
            for n, m in enumerate(movers)
        ]
        for thread in threads:
            thread.start()
        peak = rss_before
        dropped_at = closed_at = None
        deadline = joined_at + SOCKET_TIMEOUT_SECONDS + 20
        while closed_at is None and time.monotonic() < deadline:
            time.sleep(0.5)
            peak = max(peak, rss_mb(pid))
            latest = host.latest
            seat = next(s for s in latest["seats"] if s["id"] == stuck_seat)
            if dropped_at is None and not seat["connected"]:
                dropped_at = time.monotonic()
            if not holds_connection(pid, client_port):
                closed_at = time.monotonic()
        stop.set()
        for thread in threads:
            thread.join(timeout=10)

        sent_mb = sum(len(json.dumps(s)) for s in host.broadcasts[host_seen:]) / 1e6
        assert sent_mb > MIN_SENT_MB, f"only {sent_mb:.1f} MB went to the room"
        assert peak - rss_before < GROWTH_LIMIT_MB, (rss_before, peak, sent_mb)
        assert dropped_at is not None, "Socket.IO never dropped the client that stopped reading"
        assert closed_at is not None, "the server never closed the stuck socket"
        assert dropped_at - joined_at < SOCKET_TIMEOUT_SECONDS + 5
        # The room carried on the whole time, and still does.
        assert host.ask("set_show_join", {"show": True})["ok"]
        assert server.process.poll() is None
        stuck.close()
    finally:
        stop.set()
        for client in clients:
            client.drop()
        stop_server(server)
