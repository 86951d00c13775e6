"""One connection floods, everyone else must not notice: ``python -m bench.flood [--frames N]``.

Starts ``kletsborden serve`` (gevent, SQLite), opens a raw websocket and sends ``--frames``
frames of ``--frame`` (default ``420["get_state"]``) as fast as it can, while another thread asks
``/healthz`` every 50 ms. Prints the slowest and median ``/healthz`` answer during the flood, how
many acks the flooder got back, and the server's resident memory before and after (goal:
slowest answer under 1 s, memory growth under 20 MB; docs/security.md).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import threading
import time
from pathlib import Path

import websocket

from . import procstat, servers


def flood(url: str, frame: str, frames: int) -> dict[str, float]:
    ws = websocket.create_connection(
        url.replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket", origin=url
    )
    ws.recv()
    ws.send("40")
    ws.recv()
    acks = [0]

    def read() -> None:
        try:
            while message := ws.recv():
                acks[0] += message.startswith("43")
        except Exception:
            return

    threading.Thread(target=read, daemon=True).start()
    started, sent = time.monotonic(), 0
    try:
        for _ in range(frames):
            ws.send(frame)
            sent += 1
    except Exception:
        pass
    return {"sent": sent, "seconds": time.monotonic() - started, "acks": acks[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=60_000)
    parser.add_argument("--frame", default='420["get_state"]')
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, servers.database(None, Path(tmp)) as url:
        server = servers.start_kletsborden(Path(tmp), url)
        try:
            before = procstat.rss_kb(server.pid)
            with servers.health_answers(server.url, every=0.05) as answers:
                result = flood(server.url, args.frame, args.frames)
                time.sleep(1)
            after = procstat.rss_kb(server.pid)
        finally:
            servers.stop(server)
    print(
        f"flood: {result['sent']} frames of {args.frame} sent in {result['seconds']:.2f} s; "
        f"{result['acks']} acks came back"
    )
    print(
        f"/healthz during the flood: {len(answers)} answers, slowest {max(answers) * 1000:.0f} ms, "
        f"median {statistics.median(answers) * 1000:.0f} ms"
    )
    print(f"server RSS: {before / 1024:.1f} MB before, {after / 1024:.1f} MB after")


if __name__ == "__main__":
    main()
