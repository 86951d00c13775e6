"""Benchmark one serving process: ``python -m bench [--smoke] [--database-url URL] ...``.

Starts the server under test on 127.0.0.1, runs load-generator processes (bench/loadgen.py)
against it, reads the server's CPU and memory from /proc, stops everything and prints a report.
Runs (``--runs``):

- ``klets-open``: ``--players`` players in rooms of six, one action per room every
  ``--interval`` seconds, for ``--duration`` seconds after everyone has connected.
- ``klets-closed``: ``--closed-players`` players (1,200); each room sends its next action as soon
  as the last one was acknowledged, for ``--closed-duration`` seconds. The report says when the
  players' rate-limit budget, not the server, held it back.
- ``klets-long``: the closed loop again, on ``--long-players`` (120) players whose rooms first
  played ``--long-turns`` turns each (not measured): what a move costs late in a long game.
- ``klets-short``: the same closed loop on as many players in new games: what ``klets-long`` is
  compared with (fewer rooms than ``klets-closed`` cost more per action: less work per wake-up).
- ``bare-closed`` (and ``bare-open``): the same generator against a bare python-socketio server
  in the same async mode (bench/bare_server.py): the ceiling of the stack.

The runs a goal compares (a closed loop and the ceiling; new and long games) are made
``--rounds`` times, in alternating order (one round forwards, the next backwards), and the goals
are judged on all rounds' windows together: the machine's speed changes by half and more from
one minute to the next (the speed probe), and two single windows minutes apart compared the
machine as much as the code. Open loops run once.

A turn is three actions: the active player draws, someone else reacts, the answerer finishes.
Exits 1 when a run fails, or (``--smoke``) when a run shows errors or lost messages.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

from . import procstat, servers
from .report import evaluate_goals, pooled, print_goals, print_run, summarize

ROOM_SIZE = 6
GC_LINE = re.compile(
    r"gc: generation (?P<gen>\d) took (?P<ms>[\d.]+) ms .* monotonic (?P<at>[\d.]+)"
)


class Worker:
    """One load-generator process, spoken to one line at a time."""

    def __init__(self, config: dict[str, Any], log: Path):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.loadgen"],
            cwd=servers.ROOT,
            env={**os.environ, "PYTHONPATH": str(servers.ROOT)},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log.open("w"),
            text=True,
        )
        self.log = log
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.send(json.dumps(config))

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)
        self.lines.put("")

    def send(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def expect(self, word: str, timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                raise RuntimeError(f"load generator: no {word} within {timeout:.0f} s") from None
            if not line:
                tail = self.log.read_text(errors="replace")[-2000:]
                raise RuntimeError(f"load generator exited before {word}:\n{tail}")
            if line.startswith(word + " "):
                return json.loads(line[len(word) + 1 :])

    def finish(self) -> None:
        if self.process.poll() is None:
            try:
                assert self.process.stdin is not None
                self.process.stdin.close()
                self.process.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait()


def split(total: int, parts: int) -> list[int]:
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def run_load(
    server: servers.Server, kind: str, mode: str, players: int, duration: float, args: Any
) -> dict[str, Any]:
    """Connect, measure for ``duration`` seconds, and gather what the generators and /proc saw."""
    rooms = max(1, math.ceil(players / ROOM_SIZE))
    run, warm_turns = f"{kind}-{mode}", args.long_turns if mode == "long" else 0
    # games long or new on the long run's players are measured like the closed loop
    mode = "closed" if mode in ("long", "short") else mode
    wanted = args.workers if mode == "open" else args.closed_workers
    workers_wanted = max(1, min(wanted, rooms))
    time.sleep(0.5)
    baseline = procstat.sample(server.pid)
    workers, first = [], 0
    for index, count in enumerate(split(rooms, workers_wanted)):
        config = {
            "kind": kind,
            "url": server.url,
            "mode": mode,
            "rooms": count,
            "first_room": first,
            "total_rooms": rooms,
            "room_size": ROOM_SIZE,
            "interval": args.interval,
            "duration": duration,
            "drain": args.drain,
            "connect_concurrency": args.connect_concurrency,
            "seed": index,
            "samples": args.samples,
            "warm_turns": warm_turns,
        }
        log = args.workdir / f"loadgen-{run}-{index}.log"
        workers.append(Worker(config, log))
        first += count
    try:
        setup = args.setup_timeout + warm_turns * rooms / 100  # warming plays ≥ 200 moves/s
        ready = [w.expect("READY", setup) for w in workers]
        time.sleep(1.0)  # let the last joins' broadcasts settle before the window opens
        connected = procstat.sample(server.pid)
        time.sleep(args.idle)  # everyone connected, nobody acting: the cost of just being there
        idle = procstat.sample(server.pid)
        pg_before = procstat.cpu_of_family("postgres") if args.postgres else 0.0
        sessions_before = servers.pg_sessions(args.database_url) if args.postgres else 0
        speed = procstat.speed_probe()
        busy_before = procstat.machine_busy()
        profiler = start_profiler(server, duration, mode, args)
        for worker in workers:
            worker.send("GO")
        start = procstat.sample(server.pid)
        time.sleep(duration)
        end = procstat.sample(server.pid)
        busy_after = procstat.machine_busy()
        pg_after = procstat.cpu_of_family("postgres") if args.postgres else 0.0
        sessions_after = servers.pg_sessions(args.database_url) if args.postgres else 0
        done = [w.expect("DONE", duration + 2 * args.drain + 60) for w in workers]
        final = procstat.sample(server.pid)
        if profiler is not None:
            profiler.wait(timeout=duration + 60)
    finally:
        for worker in workers:
            worker.finish()
    pg_cpu = pg_after - pg_before
    pauses = gc_pauses(server, start.wall, end.wall + args.drain) if args.trace_gc else None
    window = end.wall - start.wall
    return {
        "kind": kind,
        "mode": mode,
        "warm_turns": warm_turns,
        "players_wanted": rooms * ROOM_SIZE,
        "duration": duration,
        "interval": args.interval if mode == "open" else None,
        "workers": len(workers),
        "ready": ready,
        "done": done,
        "server": {
            "window": window,
            "cpu_seconds": end.cpu - start.cpu,
            "idle_cpu_share": (idle.cpu - connected.cpu) / max(1e-9, idle.wall - connected.wall),
            "rss_baseline_kb": baseline.rss_kb,
            "rss_connected_kb": connected.rss_kb,
            "rss_end_kb": end.rss_kb,
            "rss_final_kb": final.rss_kb,
        },
        "postgres_cpu_seconds": pg_cpu if args.postgres else None,
        # Sessions PostgreSQL counted as opened in the window (one is the bench's own reading).
        "postgres_sessions": sessions_after - sessions_before if args.postgres else None,
        "machine_busy": (busy_after[0] - busy_before[0]) / max(1, busy_after[1] - busy_before[1]),
        "cores": os.cpu_count() or 1,
        "speed_probe_ms": speed,
        "profile": str(profiler.output) if profiler is not None else None,
        "gc_pauses": pauses,
    }


def gc_pauses(server: servers.Server, start: float, end: float) -> list[tuple[float, float, int]]:
    """(start, ms, generation) of each long collection ``bench.gc_probe`` logged in the window.

    The probe logs the monotonic clock, which is the same for every process on the machine."""
    found = []
    for line in server.output().splitlines():
        match = GC_LINE.match(line)
        if match:
            at, took = float(match["at"]), float(match["ms"])
            if start <= at <= end:
                found.append((at - took / 1000, took, int(match["gen"])))
    return found


class Profiler:
    def __init__(self, process: subprocess.Popen, output: Path):
        self.process, self.output = process, output

    def wait(self, timeout: float) -> None:
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_profiler(server: servers.Server, duration: float, mode: str, args: Any) -> Any:
    """py-spy on the server during the window (``--py-spy``), as collapsed stacks."""
    if not args.py_spy:
        return None
    output = args.workdir / f"profile-{server.name}-{mode}.txt"
    process = subprocess.Popen(
        [
            args.py_spy,
            "record",
            "--pid",
            str(server.pid),
            "--duration",
            str(max(1, int(duration))),
            "--rate",
            "200",
            "--format",
            "raw",
            "--output",
            str(output),
            "--nonblocking",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return Profiler(process, output)


def one_run(name: str, args: Any) -> dict[str, Any]:
    kind, mode = name.split("-")
    players = {"open": args.players, "long": args.long_players, "short": args.long_players}.get(
        mode, args.closed_players
    )
    duration = args.duration if mode == "open" else args.closed_duration
    if kind == "bare":
        server = servers.start_bare(args.workdir)
        try:
            result = run_load(server, "bare", mode, players, duration, args)
        finally:
            servers.stop(server)
        result["database"] = None
        return result
    with servers.database(args.database_url, args.workdir) as url:
        server = servers.start_kletsborden(
            args.workdir, url, trace_gc=args.trace_gc, gc_threshold=args.gc_threshold
        )
        try:
            result = run_load(server, "klets", mode, players, duration, args)
        finally:
            servers.stop(server)
    result["database"] = "postgresql" if args.postgres else "sqlite"
    return result


def schedule(names: list[str], rounds: int) -> list[str]:
    """The runs in the order they are made: open loops once, the others once per round, every
    other round backwards (A B, B A, A B), so a machine that speeds up or slows down during the
    bench weighs on both runs of a comparison alike."""
    once = [name for name in names if name.endswith("-open")]
    repeated = [name for name in names if name not in once]
    return once + [
        name for r in range(rounds) for name in (repeated if r % 2 == 0 else repeated[::-1])
    ]


def parse_args(argv: list[str] | None = None) -> Any:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description=__doc__.splitlines()[0] if __doc__ else None
    )
    parser.add_argument("--smoke", action="store_true", help="a few rooms for a few seconds")
    parser.add_argument("--database-url", help="PostgreSQL URL (default: a fresh SQLite file)")
    parser.add_argument(
        "--runs", default="klets-open,klets-closed,bare-closed,klets-short,klets-long"
    )
    parser.add_argument("--rounds", type=int, help="of the runs goals compare (3; smoke: 1)")
    parser.add_argument("--players", type=int, default=2000, help="open loop")
    parser.add_argument("--interval", type=float, default=5.0, help="open loop, seconds")
    parser.add_argument("--duration", type=float, default=60.0, help="open loop, seconds")
    # 200 rooms: the server's limit of 9 reactions per player in 10 s caps 100 rooms at about
    # 1,800 actions/s (a third are reactions), which a fast machine's server passes.
    parser.add_argument("--closed-players", type=int, default=1200)
    parser.add_argument("--closed-duration", type=float, default=15.0, help="per round")
    parser.add_argument("--long-players", type=int, default=120, help="klets-long")
    parser.add_argument("--long-turns", type=int, default=300, help="klets-long: turns first")
    parser.add_argument("--workers", type=int, default=1, help="generator processes, open loop")
    parser.add_argument("--closed-workers", type=int, default=2, help="... closed loop")
    parser.add_argument("--connect-concurrency", type=int, default=25, help="rooms at a time")
    parser.add_argument("--drain", type=float, default=3.0)
    parser.add_argument("--idle", type=float, default=5.0, help="seconds measured before GO")
    parser.add_argument("--setup-timeout", type=float, default=240.0)
    parser.add_argument("--py-spy", help="path of py-spy: profile the server in each window")
    parser.add_argument("--trace-gc", action="store_true", help="log the server's long GCs")
    parser.add_argument(
        "--gc-threshold", help='experiment: run the server with gc.set_threshold("A,B,C")'
    )
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument(
        "--samples", action="store_true", help="with --json: every action's send time and latency"
    )
    parser.add_argument("--workdir", type=Path, help="logs and SQLite files (default: temp)")
    args = parser.parse_args(argv)
    if args.smoke:
        args.players = args.closed_players = args.long_players = 12
        args.long_turns = 25
        args.duration = args.closed_duration = 2.5
        args.interval, args.drain, args.idle = 0.5, 1.5, 0.5
    args.rounds = args.rounds or (1 if args.smoke else 3)
    args.postgres = bool(args.database_url)
    args.trace_gc = args.trace_gc or bool(args.gc_threshold)
    if args.py_spy and not shutil.which(args.py_spy):
        parser.error(f"py-spy not found: {args.py_spy}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    own_workdir = args.workdir is None
    args.workdir = Path(args.workdir or tempfile.mkdtemp(prefix="kletsborden-bench-"))
    args.workdir.mkdir(parents=True, exist_ok=True)
    print(f"kletsborden bench: {os.cpu_count()} cores, logs in {args.workdir}", flush=True)
    rounds: dict[str, list[dict[str, Any]]] = {}
    failed: Counter[str] = Counter()
    names = [n.strip() for n in args.runs.split(",") if n.strip()]
    for name in schedule(names, args.rounds):
        began = time.monotonic()
        try:
            result = one_run(name, args)
        except Exception as error:
            print(f"\n== {name}: FAILED: {error}", flush=True)
            failed[name] += 1
            continue
        summary = summarize(result)
        summary["run_seconds"] = round(time.monotonic() - began, 1)
        rounds.setdefault(name, []).append(summary)
        of = "" if name.endswith("-open") else f"{len(rounds[name])} of {args.rounds}"
        print_run(name, summary, of if args.rounds > 1 else "")
    summaries = {name: pooled(made) for name, made in rounds.items()}
    goals = evaluate_goals(summaries, rounds, args)
    print_goals(summaries, goals)
    if args.json:
        args.json.write_text(json.dumps({"runs": rounds, "goals": goals}, indent=2))
    if own_workdir and not failed:
        shutil.rmtree(args.workdir, ignore_errors=True)
    if failed:
        return 1
    if args.smoke:
        bad = [
            name
            for name, s in summaries.items()
            if s["errors_total"] or s["lost_messages"] or not s["actions_total"]
        ]
        if bad:
            print(f"smoke: errors or lost messages in {', '.join(bad)}")
            return 1
        print("smoke: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
