"""One load-generator process: rooms of six python-socketio AsyncClients playing real turns.

Run by ``python -m bench`` as ``python -m bench.loadgen`` with one JSON config line on standard
input. It sets its rooms up, prints ``READY {json}``, waits for ``GO`` on standard input, plays
for ``duration`` seconds, waits up to ``drain`` seconds for what is still under way, prints
``DONE {json}`` and waits for standard input to close. Everything it reports was measured inside
this process with one clock, so a latency never mixes two processes' clocks.

The generators share the machine's cores with the server they measure, so they are kept light:
uvloop's event loop, and packets read with msgspec (the server's own ``PacketJson``). A
kletsborden snapshot is a hundred times a bare broadcast's bytes, so reading it with the
standard ``json`` made the generators take more of the cores in a kletsborden run than in the
bare one.

Each room has one action under way at a time. An action's latency runs from just before it is
sent to the moment the last of the room's six players has received the ``room_state`` with the
version the ack names (or, for ``react``, the matching ``reaction`` event). A player that never
receives a version of its room (a gap in the versions it saw, or versions missing at the end)
counts as lost messages.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import resource
import sys
import time
import traceback
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import socketio
import uvloop

from kletsborden.realtime.packets import PacketJson

CALL_TIMEOUT = 15.0
# Every player offers permessage-deflate, as every browser does (window bits as Chrome asks):
# a server that accepted it would pay a compressor per connection (kletsborden/serving.py).
BROWSER_DEFLATE = 15
REACTIONS = ("thanks", "me_too", "heart")
# The server's limits per connection (kletsborden/config.py), kept with a margin so that a
# closed loop never runs into them: the generator waits instead, and says how long it waited.
EVENT_BUDGET = (55, 10.0)
REACTION_BUDGET = (9, 10.0)


class Budget:
    """A sliding window of send times, as the server counts them."""

    def __init__(self, count: int, window: float):
        self.count, self.window = count, window
        self.times: deque[float] = deque()

    def wait_needed(self, now: float) -> float:
        while self.times and self.times[0] <= now - self.window:
            self.times.popleft()
        if len(self.times) < self.count:
            return 0.0
        return self.times[0] + self.window - now + 0.01

    def used(self, now: float) -> int:
        self.wait_needed(now)
        return len(self.times)

    def spend(self, now: float) -> None:
        self.times.append(now)


@dataclass
class Player:
    room: Room
    index: int
    sio: socketio.AsyncClient
    seat_id: str = ""
    last_version: int = 0
    missing: int = 0  # versions this player never saw
    out_of_order: int = 0
    reactions: int = 0
    events: Budget = field(default_factory=lambda: Budget(*EVENT_BUDGET))
    reacts: Budget = field(default_factory=lambda: Budget(*REACTION_BUDGET))

    def on_room_state(self, snapshot: dict[str, Any]) -> None:
        now = time.monotonic()
        version = snapshot["version"]
        room = self.room
        if room.measuring:
            if version <= self.last_version:
                self.out_of_order += 1
                return
            if version > self.last_version + 1:
                self.missing += version - self.last_version - 1
        self.last_version = max(self.last_version, version)
        room.arrived(version, now, snapshot)

    def on_reaction(self, _data: Any = None) -> None:
        now = time.monotonic()
        self.reactions += 1
        self.room.reaction_arrived(self.reactions, now)


@dataclass
class Room:
    """One table of six; ``kind`` is ``klets`` (the game) or ``bare`` (the ceiling server)."""

    gen: Generator
    number: int
    kind: str
    name: str = ""  # the room code (game) or room name (bare)
    players: list[Player] = field(default_factory=list)
    latest: dict[str, Any] = field(default_factory=dict)
    latest_version: int = 0
    measuring: bool = False
    # version -> [players that have it, time the last of them got it]
    arrivals: dict[int, list] = field(default_factory=dict)
    complete: dict[int, float] = field(default_factory=dict)  # version -> all six had it
    waiting: dict[int, tuple[float, str]] = field(default_factory=dict)  # version -> (sent, kind)
    reaction_arrivals: dict[int, list] = field(default_factory=dict)
    reactions_complete: dict[int, float] = field(default_factory=dict)
    reactions_waiting: dict[int, float] = field(default_factory=dict)
    reacts_sent: int = 0
    reacted_turn: int = -1
    turn_of_bare: int = 0
    acked_version: int = 0  # the highest version an ack named

    def arrived(self, version: int, now: float, snapshot: dict[str, Any]) -> None:
        if version > self.latest_version:
            self.latest_version, self.latest = version, snapshot
        if not self.measuring:
            return
        entry = self.arrivals.setdefault(version, [0, 0.0])
        entry[0] += 1
        entry[1] = now
        if entry[0] == len(self.players):
            del self.arrivals[version]
            sent = self.waiting.pop(version, None)
            if sent is None:
                self.complete[version] = now  # the ack has not come yet
            else:
                self.gen.record(sent[1], now - sent[0], sent[0])

    def acked(self, version: int, sent: float, kind: str) -> None:
        self.acked_version = max(self.acked_version, version)
        done = self.complete.pop(version, None)
        if done is not None:
            self.gen.record(kind, done - sent, sent)
        else:
            self.waiting[version] = (sent, kind)

    def reaction_arrived(self, number: int, now: float) -> None:
        if not self.measuring:
            return
        entry = self.reaction_arrivals.setdefault(number, [0, 0.0])
        entry[0] += 1
        entry[1] = now
        if entry[0] == len(self.players):
            del self.reaction_arrivals[number]
            sent = self.reactions_waiting.pop(number, None)
            if sent is None:
                self.reactions_complete[number] = now
            else:
                self.gen.record("react", now - sent, sent)

    def reaction_acked(self, number: int, sent: float) -> None:
        done = self.reactions_complete.pop(number, None)
        if done is not None:
            self.gen.record("react", done - sent, sent)
        else:
            self.reactions_waiting[number] = sent

    def player_of(self, seat_id: str | None) -> Player | None:
        return next((p for p in self.players if p.seat_id == seat_id), None)

    def next_action(self, react: bool = True) -> tuple[Player, str, dict[str, Any], str] | None:
        """Who does what next: (player, event, payload, kind), from the newest snapshot."""
        if self.kind == "bare":
            player = self.players[self.turn_of_bare % len(self.players)]
            self.turn_of_bare += 1
            return player, "act", {"room": self.name}, "act"
        turn = self.latest.get("turn") or {}
        card = self.latest.get("card")
        if card is None:
            player = self.player_of(turn.get("active"))
            return (player, "draw_card", {}, "draw_card") if player else None
        if react and self.reacted_turn != turn.get("number"):
            now = time.monotonic()
            others = [p for p in self.players if p.seat_id != card.get("drawn_by")]
            player = min(others, key=lambda p: (p.reacts.used(now), random.random()))
            return player, "react", {"reaction": random.choice(REACTIONS)}, "react"
        player = self.player_of(turn.get("waiting_on"))
        return (player, "finish_turn", {}, "finish_turn") if player else None


class Generator:
    def __init__(self, config: dict[str, Any]):
        self.config = config
        self.kind: str = config["kind"]
        self.url: str = config["url"]
        self.mode: str = config["mode"]
        self.rooms: list[Room] = []
        self.latencies: dict[str, list[float]] = {}
        self.actions: Counter[str] = Counter()
        self.errors: Counter[str] = Counter()
        self.setup_errors: Counter[str] = Counter()
        self.throttle_waits = 0
        self.throttle_seconds = 0.0
        self.late_ticks = 0
        self.deadline = 0.0
        self.session: aiohttp.ClientSession | None = None
        self.lags: list[float] = []
        self.samples: list[tuple[float, float, str]] = []
        self.started = 0.0

    def record(self, kind: str, seconds: float, sent: float) -> None:
        self.latencies.setdefault(kind, []).append(round(seconds * 1000, 3))
        # When each action was sent, to see whether slow ones come together (``--samples``).
        self.samples.append((round(sent - self.started, 3), round(seconds * 1000, 2), kind))

    # --- setting up ----------------------------------------------------------------------------

    async def new_player(self, room: Room, index: int) -> Player:
        sio = socketio.AsyncClient(
            reconnection=False,
            http_session=self.session,
            handle_sigint=False,
            json=PacketJson,
            websocket_extra_options={"compress": BROWSER_DEFLATE},
        )
        player = Player(room, index, sio)
        sio.on("room_state", player.on_room_state)
        sio.on("reaction", player.on_reaction)
        await sio.connect(self.url, transports=["websocket"], wait_timeout=30)
        return player

    async def call(self, player: Player, event: str, payload: dict[str, Any]) -> dict[str, Any]:
        ack = await player.sio.call(event, payload, timeout=CALL_TIMEOUT)
        player.events.spend(time.monotonic())
        return ack

    async def set_up_room(self, number: int) -> Room | None:
        room = Room(self, number, self.kind)
        size = self.config["room_size"]
        try:
            if self.kind == "bare":
                room.name = f"room-{number}"
                for index in range(size):
                    player = await self.new_player(room, index)
                    room.players.append(player)
                    ack = await self.call(player, "join", {"room": room.name})
                    room.latest_version = ack["version"]
                return room
            assert self.session is not None
            async with self.session.post(
                f"{self.url}/api/rooms", json={"name": "Host"}, timeout=aiohttp.ClientTimeout(30)
            ) as response:
                created = await response.json()
                if response.status != 201:
                    raise RuntimeError(f"create room: {response.status} {created}")
            room.name = created["code"]
            for index in range(size):
                player = await self.new_player(room, index)
                room.players.append(player)
                if index == 0:
                    payload = {"code": room.name, "token": created["token"]}
                else:
                    payload = {"code": room.name, "name": f"Speler {index}"}
                ack = await self.call(player, "join", payload)
                if not ack.get("ok"):
                    raise RuntimeError(f"join: {ack}")
                player.seat_id = ack["seat_id"]
                room.arrived(ack["snapshot"]["version"], time.monotonic(), ack["snapshot"])
            ack = await self.call(room.players[0], "start_game", {})
            if not ack.get("ok"):
                raise RuntimeError(f"start_game: {ack}")
            started = ack["version"]
            for _ in range(500):  # every player has the start before the measuring starts
                if all(p.last_version >= started for p in room.players):
                    break
                await asyncio.sleep(0.02)
            else:
                raise RuntimeError("not every player received the start of the game")
            return room
        except Exception as error:
            self.setup_errors[type(error).__name__] += 1
            if len(self.setup_errors) <= 3:
                print(f"setup of room {number} failed: {error!r}", file=sys.stderr, flush=True)
            for player in room.players:
                with contextlib.suppress(Exception):
                    await player.sio.disconnect()
            return None

    async def set_up(self) -> None:
        limit = asyncio.Semaphore(self.config["connect_concurrency"])

        async def one(number: int) -> Room | None:
            async with limit:
                return await self.set_up_room(number)

        first = self.config["first_room"]
        made = await asyncio.gather(*(one(first + i) for i in range(self.config["rooms"])))
        self.rooms = [room for room in made if room is not None]

    async def warm_up(self, room: Room, turns: int) -> None:
        """Play ``turns`` turns (draw and finish, no reactions) before anything is measured.

        A refused move (the snapshot it was chosen from came late) is chosen again; too many in
        a row end the run.
        """
        refused = 0
        while (room.latest.get("turn") or {}).get("number", 0) <= turns:
            step = room.next_action(react=False)
            player, event, payload, _kind = step if step else (None, "", {}, "")
            wait = player.events.wait_needed(time.monotonic()) if player else 0.5
            if wait > 0:
                await asyncio.sleep(wait)
            ack = await self.call(player, event, payload) if player else {}
            if not ack.get("ok"):
                refused += 1
                if refused > 20:
                    raise RuntimeError(f"warm-up of room {room.name}: {event} {ack}")
                continue
            refused = 0
            deadline = time.monotonic() + 60  # the next move is chosen from this one's snapshot
            while room.latest_version < ack["version"] and time.monotonic() < deadline:
                await asyncio.sleep(0.01)

    # --- playing -------------------------------------------------------------------------------

    async def act_once(self, room: Room) -> bool:
        """Send the room's next action and wait for its ack; False if it could not be done."""
        step = room.next_action()
        if step is None:
            self.errors["no_next_action"] += 1
            return False
        player, event, payload, kind = step
        now = time.monotonic()
        wait = 0.0
        if self.kind == "klets":  # the bare server has no rate limits
            wait = player.events.wait_needed(now)
            if kind == "react":
                wait = max(wait, player.reacts.wait_needed(now))
        if wait > 0:
            self.throttle_waits += 1
            self.throttle_seconds += wait
            await asyncio.sleep(wait)
            if time.monotonic() >= self.deadline:
                return False
        sent = time.monotonic()
        if kind == "react":
            player.reacts.spend(sent)
        try:
            ack = await self.call(player, event, payload)
        except Exception as error:
            self.errors[f"{event}: {type(error).__name__}"] += 1
            return False
        if not ack.get("ok"):
            self.errors[f"{event}: {ack.get('error', {}).get('code')}"] += 1
            return False
        self.actions[kind] += 1
        if kind == "react":
            room.reacts_sent += 1
            room.reacted_turn = (room.latest.get("turn") or {}).get("number")
            room.reaction_acked(room.reacts_sent, sent)
        else:
            room.acked(ack["version"], sent, kind)
        return True

    async def closed_loop(self, room: Room) -> None:
        while time.monotonic() < self.deadline:
            if not await self.act_once(room):
                await asyncio.sleep(0.05)  # never spin on a failing room

    async def open_loop(self, room: Room, start: float) -> None:
        interval = self.config["interval"]
        total = self.config["total_rooms"]
        due = start + interval * (room.number % total) / total
        while due < self.deadline:
            delay = due - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            elif delay < -interval / 2:
                self.late_ticks += 1
            await self.act_once(room)
            due += interval

    async def watch_lag(self) -> None:
        """How late this process's event loop wakes up: a busy client shows here first."""
        while time.monotonic() < self.deadline:
            before = time.monotonic()
            await asyncio.sleep(0.05)
            self.lags.append((time.monotonic() - before - 0.05) * 1000)

    async def play(self) -> dict[str, Any]:
        for room in self.rooms:
            room.measuring = True
            for player in room.players:
                player.last_version = room.latest_version
        cpu_before, start = time.process_time(), time.monotonic()
        self.started = start
        self.deadline = start + self.config["duration"]
        if self.mode == "closed":
            tasks = [asyncio.create_task(self.closed_loop(room)) for room in self.rooms]
        else:
            tasks = [asyncio.create_task(self.open_loop(room, start)) for room in self.rooms]
        lag = asyncio.create_task(self.watch_lag())
        await asyncio.sleep(self.config["duration"])
        cpu_window = time.process_time() - cpu_before
        # The last actions are still under way: wait for their acks and broadcasts.
        _done, pending = await asyncio.wait(tasks, timeout=self.config["drain"])
        for task in pending:
            task.cancel()
        await lag
        drain_until = time.monotonic() + self.config["drain"]
        while time.monotonic() < drain_until and any(r.waiting or r.arrivals for r in self.rooms):
            await asyncio.sleep(0.05)
        return self.result(cpu_window, time.monotonic() - start, len(pending))

    def result(self, cpu_window: float, elapsed: float, stuck: int) -> dict[str, Any]:
        missing = out_of_order = reactions_lost = incomplete = 0
        for room in self.rooms:
            final = max(room.latest_version, room.acked_version)
            expected_reactions = room.reacts_sent
            for player in room.players:
                missing += player.missing + max(0, final - player.last_version)
                out_of_order += player.out_of_order
                reactions_lost += max(0, expected_reactions - player.reactions)
            incomplete += len(room.waiting) + len(room.reactions_waiting)
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return {
            "rooms": len(self.rooms),
            "players": sum(len(r.players) for r in self.rooms),
            "connected_at_end": sum(p.sio.connected for r in self.rooms for p in r.players),
            "actions": dict(self.actions),
            "latencies_ms": self.latencies,
            "errors": dict(self.errors),
            "missing_versions": missing,
            "out_of_order": out_of_order,
            "missing_reactions": reactions_lost,
            "incomplete_actions": incomplete,
            "stuck_rooms": stuck,
            "throttle_waits": self.throttle_waits,
            "throttle_seconds": round(self.throttle_seconds, 3),
            "late_ticks": self.late_ticks,
            "client_cpu_seconds": round(cpu_window, 3),
            "client_max_rss_kb": usage.ru_maxrss,
            "loop_lag_ms": sorted(self.lags),
            "elapsed": round(elapsed, 3),
            "samples": self.samples if self.config.get("samples") else [],
            "started_monotonic": self.started,
        }

    async def run(self) -> None:
        connector = aiohttp.TCPConnector(limit=0, force_close=False)
        self.session = aiohttp.ClientSession(
            connector=connector, cookie_jar=aiohttp.DummyCookieJar()
        )
        loop = asyncio.get_running_loop()
        started = time.monotonic()
        await self.set_up()
        if self.config.get("warm_turns"):
            await asyncio.gather(*(self.warm_up(r, self.config["warm_turns"]) for r in self.rooms))
        ready = {
            "rooms": len(self.rooms),
            "players": sum(len(r.players) for r in self.rooms),
            "setup_seconds": round(time.monotonic() - started, 2),
            "setup_errors": dict(self.setup_errors),
        }
        print("READY " + json.dumps(ready), flush=True)
        line = await loop.run_in_executor(None, sys.stdin.readline)
        if line.strip() != "GO":
            return
        print("DONE " + json.dumps(await self.play()), flush=True)
        await loop.run_in_executor(None, sys.stdin.read)  # until the caller is done reading /proc


def main() -> None:
    config = json.loads(sys.stdin.readline())
    random.seed(config.get("seed", 0))
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    try:
        uvloop.run(Generator(config).run())
    except Exception:
        traceback.print_exc()  # to the log, before the hard exit below
        raise
    finally:
        sys.stdout.flush()
        os._exit(0)  # no goodbyes: closing thousands of sockets one by one only costs time


if __name__ == "__main__":
    main()
