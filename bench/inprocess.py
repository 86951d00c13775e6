"""``python -m bench.inprocess [--database-url URL]``: what a move costs without any sockets.

Two tables for docs/performance.md: the stored state of a room of six with the default cards
(its JSON size and the store codec's time) at the start and after 60 and 280 turns; and the CPU
time of ``RoomService.act`` plus the move's snapshot, in the first 20 turns and after 300.
Runs in a fresh SQLite file (or the given database, which must be empty) and removes it.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import msgspec

from kletsborden.card_library import import_files
from kletsborden.engine import Settings
from kletsborden.engine import actions as a
from kletsborden.engine.state import RoomState
from kletsborden.paths import default_card_files
from kletsborden.rooms import RoomService
from kletsborden.store.database import Database
from kletsborden.store.room_codec import decode_state, encode_state

REPEAT = 200


def _per_call(work: Callable[[], object], repeat: int = REPEAT) -> float:
    started = time.process_time()
    for _ in range(repeat):
        work()
    return (time.process_time() - started) / repeat * 1000


def codec_line(label: str, state: RoomState) -> str:
    stored = msgspec.json.encode(encode_state(state))
    encode_ms = _per_call(lambda: msgspec.json.encode(encode_state(state)))
    decode_ms = _per_call(lambda: decode_state(msgspec.json.decode(stored), lambda: state.cards))
    kb = len(stored) / 1024
    return f"| {label} | {kb:.1f} KB | {decode_ms:.3f} ms | {encode_ms:.3f} ms |"


def play_turns(rooms: RoomService, code: str, turns: int) -> float:
    """Draw and finish ``turns`` times; the CPU time per move in microseconds."""
    started = time.process_time()
    for _ in range(turns):
        rooms.act(code, lambda s, at: a.DrawCard(by=s.turn.active, at=at)).snapshot()
        rooms.act(code, lambda s, at: a.FinishTurn(by=s.turn.active, at=at)).snapshot()
    return (time.process_time() - started) / (2 * turns) * 1e6


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.inprocess")
    parser.add_argument("--database-url", help="an empty database (default: a new SQLite file)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kletsborden-inprocess-") as folder:
        db = Database(args.database_url or f"sqlite:///{Path(folder) / 'bench.db'}")
        db.upgrade()
        import_files(db, default_card_files())
        rooms = RoomService(db, secret="bench", grace=60.0)
        host = rooms.create("Host", Settings(), sid="host")
        code = host.update.code
        for index in range(5):
            rooms.join(code, f"Speler {index}", sid=f"player-{index}")
        started = rooms.start(code, host.seat_id).state
        print("| state | JSON | decode | encode |\n| --- | --- | --- | --- |")
        print(codec_line("game just started", started))
        first = play_turns(rooms, code, 20)
        play_turns(rooms, code, 40)
        print(codec_line("after 60 turns", rooms.current(code).state))
        play_turns(rooms, code, 220)
        print(codec_line("after 280 turns", rooms.current(code).state))
        play_turns(rooms, code, 20)
        late = play_turns(rooms, code, 20)
        print(f"\nCPU per move (act + snapshot): first 20 turns {first:.0f} µs, ", end="")
        print(f"after 300 turns {late:.0f} µs ({late / first - 1:+.0%})")
        db.dispose()


if __name__ == "__main__":
    main()
