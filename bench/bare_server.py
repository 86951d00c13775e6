"""The stack's ceiling: bare python-socketio on gevent, rooms of six, no app and no database.

Run as ``python -m bench.bare_server --port N``. Same async mode and server as
``kletsborden serve`` (gevent, monkey-patched first; pywsgi with TCP_NODELAY from
``kletsborden.serving``; websockets through simple-websocket). Events, each acknowledged:

- ``join {"room": name}``: enter the room; ack ``{"ok": true, "version": v}``.
- ``act {"room": name}``: the room's version rises and ``room_state {"room", "version"}`` goes
  to the room (the sender included) before the ack ``{"ok": true, "version": v}``, as in the
  game's own order (protocol §4.1, step 7).
"""

from gevent import monkey

monkey.patch_all()

import argparse  # noqa: E402
from collections import defaultdict  # noqa: E402
from typing import Any  # noqa: E402

import socketio  # noqa: E402

from kletsborden.serving import NoDelayServer  # noqa: E402


def make_app() -> Any:
    sio = socketio.Server(async_mode="gevent")
    versions: dict[str, int] = defaultdict(int)

    @sio.on("join")
    def join(sid: str, data: dict[str, Any]) -> dict[str, Any]:
        room = str(data["room"])
        sio.enter_room(sid, room)
        return {"ok": True, "version": versions[room]}

    @sio.on("act")
    def act(sid: str, data: dict[str, Any]) -> dict[str, Any]:
        room = str(data["room"])
        versions[room] += 1
        version = versions[room]
        sio.emit("room_state", {"room": room, "version": version}, to=room)
        return {"ok": True, "version": version}

    def healthz(environ: dict, start_response: Any) -> list[bytes]:
        start_response("200 OK", [("Content-Type", "application/json")])
        return [b'{"status": "ok"}']

    return socketio.WSGIApp(sio, healthz)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    print(f"bare broadcast server on http://{args.host}:{args.port}/", flush=True)
    NoDelayServer((args.host, args.port), make_app(), log=None).serve_forever()


if __name__ == "__main__":
    main()
