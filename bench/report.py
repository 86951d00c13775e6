"""Turning what the generators and /proc saw into figures, a report and the goals' verdicts."""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

SNAPSHOT_KINDS = ("draw_card", "finish_turn", "act")  # actions answered by a room_state
CLIENT_BUSY = 0.85  # a generator using this much of a core is (close to) the bottleneck
SERVER_BUSY = 0.90
SLOW_MS = 50.0  # an action slower than this misses the latency goal
THROTTLED_WARN = 0.05  # a closed loop waiting this much for rate limits measures the limits
OTHER_BUSY = 0.10  # more than this share of the machine used by others disturbs a run

GOAL_PLAYERS = 2000
GOAL_P99_MS = 50.0
GOAL_RSS_KB = 100.0
GOAL_RATIO = {"sqlite": 0.60, "postgresql": 0.50}
GOAL_LONG_GROWTH = 0.20  # CPU per action late in a long game, against the first turns


def percentile(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile of sorted ``values``."""
    if not values:
        return None
    return values[max(0, math.ceil(p / 100 * len(values)) - 1)]


def latency_stats(values: list[float]) -> dict[str, Any]:
    values = sorted(values)
    return {
        "n": len(values),
        "p50": percentile(values, 50),
        "p95": percentile(values, 95),
        "p99": percentile(values, 99),
        "max": values[-1] if values else None,
    }


def summarize(result: dict[str, Any]) -> dict[str, Any]:
    ready, done, server = result["ready"], result["done"], result["server"]
    players = sum(r["players"] for r in ready)
    actions: Counter[str] = Counter()
    errors: Counter[str] = Counter()
    setup_errors: Counter[str] = Counter()
    latencies: dict[str, list[float]] = {}
    lags: list[float] = []
    for r in ready:
        setup_errors.update(r["setup_errors"])
    for d in done:
        actions.update(d["actions"])
        errors.update(d["errors"])
        lags.extend(d["loop_lag_ms"])
        for kind, values in d["latencies_ms"].items():
            latencies.setdefault(kind, []).extend(values)
    snapshot = [v for kind in SNAPSHOT_KINDS for v in latencies.get(kind, [])]
    window = server["window"]
    total = sum(actions.values())
    client_cpu = [d["client_cpu_seconds"] / result["duration"] for d in done]
    missing_versions = sum(d["missing_versions"] for d in done)
    missing_reactions = sum(d["missing_reactions"] for d in done)
    waited = sum(d["throttle_seconds"] for d in done)
    summary = {
        "server_kind": result["kind"],
        "database": result.get("database"),
        "mode": result["mode"],
        "warm_turns": result.get("warm_turns", 0),
        "interval": result["interval"],
        "duration": result["duration"],
        "players_wanted": result["players_wanted"],
        "players_held": players,
        "connected_at_end": sum(d["connected_at_end"] for d in done),
        "rooms": sum(r["rooms"] for r in ready),
        "setup_seconds": max(r["setup_seconds"] for r in ready),
        "setup_errors": dict(setup_errors),
        "actions": dict(actions),
        "actions_total": total,
        "actions_per_s": total / result["duration"],
        "latency_ms": latency_stats(snapshot),
        "react_latency_ms": latency_stats(latencies.get("react", [])),
        "errors": dict(errors),
        "errors_total": sum(errors.values()) + sum(setup_errors.values()),
        "missing_versions": missing_versions,
        "missing_reactions": missing_reactions,
        "lost_messages": missing_versions + missing_reactions,
        "out_of_order": sum(d["out_of_order"] for d in done),
        "incomplete_actions": sum(d["incomplete_actions"] for d in done),
        "stuck_rooms": sum(d["stuck_rooms"] for d in done),
        "throttle_waits": sum(d["throttle_waits"] for d in done),
        "throttle_seconds": waited,
        "throttled_share": throttled_share(waited, sum(r["rooms"] for r in ready), result),
        "late_ticks": sum(d["late_ticks"] for d in done),
        "window": window,
        "server_cpu_seconds": server["cpu_seconds"],
        "server_cpu_share": server["cpu_seconds"] / window,
        "server_cpu_us_per_action": server["cpu_seconds"] / total * 1e6 if total else None,
        "server_cpu_us_per_player_s": server["cpu_seconds"] / window / players * 1e6
        if players
        else None,
        "rss_baseline_mb": server["rss_baseline_kb"] / 1024,
        "rss_connected_mb": server["rss_connected_kb"] / 1024,
        "rss_end_mb": server["rss_end_kb"] / 1024,
        "rss_per_player_kb": server["rss_end_kb"] / players if players else None,
        "rss_added_per_player_kb": (server["rss_end_kb"] - server["rss_baseline_kb"]) / players
        if players
        else None,
        "idle_cpu_share": server["idle_cpu_share"],
        "postgres_cpu_share": result["postgres_cpu_seconds"] / window
        if result["postgres_cpu_seconds"] is not None
        else None,
        "postgres_sessions": result.get("postgres_sessions"),
        "machine_busy": result["machine_busy"],
        "speed_probe_ms": result.get("speed_probe_ms"),
        "client_workers": result["workers"],
        "client_cpu_share": client_cpu,
        "client_loop_lag_ms": latency_stats(lags),
        "profile": result["profile"],
        "samples": sorted(x for d in done for x in d.get("samples", [])),
    }
    ours = server["cpu_seconds"] + sum(d["client_cpu_seconds"] for d in done)
    ours += result["postgres_cpu_seconds"] or 0.0
    summary["other_busy"] = max(0.0, result["machine_busy"] - ours / window / result["cores"])
    summary["bottleneck"] = bottleneck(summary)
    summary["gc"] = gc_summary(result, done)
    return summary


def pooled(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    """One summary for the rounds of a run, as if their windows were one: rates, shares and
    CPU per action over all of them, errors and losses added up, each latency percentile the
    median of the rounds' (the rounds' own samples are not kept), the speed probe's mean. The
    rest (players, memory, set-up) is the first round's."""
    if len(rounds) == 1:
        return rounds[0]
    window = sum(s["window"] for s in rounds)
    duration = sum(s["duration"] for s in rounds)
    actions = sum(s["actions_total"] for s in rounds)
    cpu = sum(s["server_cpu_seconds"] for s in rounds)
    added = {
        key: sum(s[key] for s in rounds)
        for key in ("errors_total", "lost_messages", "missing_versions", "missing_reactions")
        + ("out_of_order", "incomplete_actions", "stuck_rooms")
    }
    probes = [s["speed_probe_ms"] for s in rounds if s.get("speed_probe_ms") is not None]
    return {
        **rounds[0],
        **added,
        "rounds": len(rounds),
        "duration": duration,
        "window": window,
        "actions_total": actions,
        "actions_per_s": actions / duration,
        "server_cpu_seconds": cpu,
        "server_cpu_share": cpu / window,
        "server_cpu_us_per_action": cpu / actions * 1e6 if actions else None,
        "latency_ms": _median_stats([s["latency_ms"] for s in rounds]),
        "react_latency_ms": _median_stats([s["react_latency_ms"] for s in rounds]),
        "speed_probe_ms": sum(probes) / len(probes) if probes else None,
        "throttled_share": sum(s["throttled_share"] * s["duration"] for s in rounds) / duration,
        "bottleneck": ", ".join(dict.fromkeys(s["bottleneck"] for s in rounds)),
    }


def _median_stats(stats: list[dict[str, Any]]) -> dict[str, Any]:
    def median(key: str) -> float | None:
        values = sorted(v[key] for v in stats if v[key] is not None)
        return values[len(values) // 2] if values else None

    return {"n": sum(v["n"] for v in stats), **{k: median(k) for k in ("p50", "p95", "p99", "max")}}


def gc_summary(result: dict[str, Any], done: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The server's long garbage collections in the window, and how many slow actions they hit."""
    pauses = result.get("gc_pauses")
    if pauses is None:
        return None
    full = [ms for _, ms, generation in pauses if generation == 2]
    slow = hit = 0
    for d in done:
        for offset, ms, _kind in d.get("samples", []):
            if ms <= SLOW_MS:
                continue
            slow += 1
            sent = d["started_monotonic"] + offset
            if any(at < sent + ms / 1000 and at + took / 1000 > sent for at, took, _ in pauses):
                hit += 1
    return {
        "pauses": len(pauses),
        "total_ms": sum(ms for _, ms, _ in pauses),
        "full": len(full),
        "full_total_ms": sum(full),
        "longest_ms": max((ms for _, ms, _ in pauses), default=0.0),
        "slow_actions": slow if any(d.get("samples") for d in done) else None,
        "slow_actions_during_gc": hit,
    }


def throttled_share(seconds: float, rooms: int, result: dict[str, Any]) -> float:
    """The share of the rooms' time spent waiting for a player's rate-limit budget: a closed
    loop held back by it measures the players' budget, not the server. (A room's last wait may
    run past the window: at most all of it.)"""
    if not rooms or not result["duration"]:
        return 0.0
    return min(1.0, seconds / (rooms * result["duration"]))


def bottleneck(s: dict[str, Any]) -> str:
    """Which side was saturated, as far as CPU shows it."""
    client = max(s["client_cpu_share"], default=0.0) >= CLIENT_BUSY
    server = s["server_cpu_share"] >= SERVER_BUSY
    database = (s["postgres_cpu_share"] or 0.0) >= 0.5
    parts = []
    if server:
        parts.append("server process (one core busy)")
    if client:
        parts.append("load generator (a client core busy)")
    if database:
        parts.append("PostgreSQL (half a core or more)")
    if s["machine_busy"] >= 0.9:
        parts.append("the machine (both cores busy)")
    return ", ".join(parts) if parts else "none saturated"


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f} ms"


def _latency_line(stats: dict[str, Any]) -> str:
    return (
        f"p50 {_ms(stats['p50'])}, p95 {_ms(stats['p95'])}, p99 {_ms(stats['p99'])}, "
        f"max {_ms(stats['max'])} (n={stats['n']})"
    )


def title(name: str, s: dict[str, Any], of: str = "") -> str:
    server = "kletsborden" if s["server_kind"] == "klets" else "bare python-socketio"
    where = f" on {s['database']}" if s["database"] else ""
    if s["mode"] == "open":
        load = f"open loop, one action per room every {s['interval']:g} s"
    else:
        load = "closed loop, next action on the ack"
    if s.get("warm_turns"):
        load += f", rooms {s['warm_turns']} turns into their game"
    window = f"{s['duration']:g} s" + (f", round {of}" if of else "")
    return f"{name}: {server}{where}, {s['players_wanted']} players, {load}, {window}"


def print_run(name: str, s: dict[str, Any], of: str = "") -> None:
    """One run's report; ``of`` names its round ("2 of 3") when the run is made in rounds."""
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(s["actions"].items()))
    client = ", ".join(f"{share:.0%}" for share in s["client_cpu_share"])
    pg = ""
    if s["postgres_cpu_share"] is not None:
        pg = (
            f"; PostgreSQL {s['postgres_cpu_share']:.0%} of a core, "
            f"{s['postgres_sessions']} sessions opened in the window"
        )
    lines = [
        f"\n== {title(name, s, of)}",
        f"players held:   {s['players_held']} of {s['players_wanted']} in {s['rooms']} rooms "
        f"(set up in {s['setup_seconds']:.1f} s; still connected at the end: "
        f"{s['connected_at_end']})",
        f"actions:        {s['actions_total']} = {s['actions_per_s']:.1f} actions/s ({kinds})",
        f"action→all six: {_latency_line(s['latency_ms'])}",
    ]
    if s["react_latency_ms"]["n"]:
        lines.append(f"react→all six:  {_latency_line(s['react_latency_ms'])}")
    errors = ", ".join(f"{k} {v}" for k, v in {**s["setup_errors"], **s["errors"]}.items())
    lines += [
        f"errors:         {s['errors_total']}{f' ({errors})' if errors else ''}",
        f"lost messages:  {s['lost_messages']} (versions missed {s['missing_versions']}, "
        f"reactions missed {s['missing_reactions']}); out of order {s['out_of_order']}; "
        f"actions never seen by all six {s['incomplete_actions']}",
        f"server CPU:     {s['server_cpu_share']:.0%} of a core = "
        f"{_num(s['server_cpu_us_per_player_s'])} µs per player per s, "
        f"{_num(s['server_cpu_us_per_action'])} µs per action{pg}; "
        f"before the load (connected, idle) {s['idle_cpu_share']:.0%} of a core",
        f"server RSS:     {s['rss_end_mb']:.0f} MB = {_num(s['rss_per_player_kb'])} KB per player "
        f"(whole process); {_num(s['rss_added_per_player_kb'])} KB per player added "
        f"(before connecting {s['rss_baseline_mb']:.0f} MB, connected "
        f"{s['rss_connected_mb']:.0f} MB)",
        f"client:         {s['client_workers']} process(es), CPU {client} of a core; "
        f"event-loop lag p99 {_ms(s['client_loop_lag_ms']['p99'])}; rate-limit waits "
        f"{s['throttle_waits']} ({s['throttle_seconds']:.1f} s); late ticks {s['late_ticks']}",
        f"machine:        {s['machine_busy']:.0%} of all cores busy, of which other processes "
        f"{s['other_busy']:.0%}; saturated: {s['bottleneck']}; speed probe "
        f"{_ms(s['speed_probe_ms'])} (lower is faster)",
    ]
    gc = s.get("gc")
    if gc is not None:
        line = (
            f"server GC:      {gc['pauses']} collections of 5 ms or more in the window, "
            f"{gc['total_ms']:.0f} ms in all, longest {gc['longest_ms']:.0f} ms "
            f"({gc['full']} full collections, {gc['full_total_ms']:.0f} ms)"
        )
        if gc["slow_actions"] is not None:
            line += (
                f"; of {gc['slow_actions']} actions over {SLOW_MS:g} ms, "
                f"{gc['slow_actions_during_gc']} overlapped a collection"
            )
        lines.append(line)
    if s["other_busy"] >= OTHER_BUSY:
        lines.append(
            "WARNING:        other processes used the machine during this run: "
            "its figures are disturbed"
        )
    print("\n".join(lines), flush=True)


def _num(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}"


def evaluate_goals(
    summaries: dict[str, dict[str, Any]], rounds: dict[str, list[dict[str, Any]]], args: Any
) -> dict[str, Any]:
    """The verdicts, on ``summaries`` (each run's rounds pooled); each round's own figure is
    given beside them, to show the spread."""
    goals: dict[str, Any] = {}
    database = "postgresql" if args.postgres else "sqlite"
    opened = summaries.get("klets-open")
    if opened:
        p99 = opened["latency_ms"]["p99"]
        checks = {
            f"{GOAL_PLAYERS} players held": opened["players_held"] >= GOAL_PLAYERS
            and opened["connected_at_end"] == opened["players_held"],
            f"p99 action→all six < {GOAL_P99_MS:g} ms": p99 is not None and p99 < GOAL_P99_MS,
            "zero lost messages": opened["lost_messages"] == 0,
            f"RSS added per connected player < {GOAL_RSS_KB:g} KB": (
                opened["rss_added_per_player_kb"] or 1e9
            )
            < GOAL_RSS_KB,
        }
        goals["goal 1"] = {
            "checks": checks,
            "met": all(checks.values()),
            "rss_whole_process_per_player_kb": opened["rss_per_player_kb"],
        }
    klets, bare = summaries.get("klets-closed"), summaries.get("bare-closed")
    if klets and bare and bare["actions_per_s"]:
        ratio = klets["actions_per_s"] / bare["actions_per_s"]
        wanted = GOAL_RATIO[database]
        goals["goal 2"] = {
            "ratio": ratio,
            "wanted": wanted,
            "met": ratio >= wanted,
            "latency_p50_ratio": _ratio(klets["latency_ms"]["p50"], bare["latency_ms"]["p50"]),
            "latency_p99_ratio": _ratio(klets["latency_ms"]["p99"], bare["latency_ms"]["p99"]),
            "cpu_per_action_ratio": _ratio(
                klets["server_cpu_us_per_action"], bare["server_cpu_us_per_action"]
            ),
            # What each server would do with a whole core to itself: actions/s ÷ CPU share.
            "per_core_ratio": _ratio(
                klets["actions_per_s"] / max(1e-9, klets["server_cpu_share"]),
                bare["actions_per_s"] / max(1e-9, bare["server_cpu_share"]),
            ),
            "ceiling_bottleneck": bare["bottleneck"],
            "closed_loop_throttled": klets["throttled_share"],
            # The machine's speed before each run: a ratio taken across a change of it is not
            # the code's.
            "speed_probe_ms": (klets.get("speed_probe_ms"), bare.get("speed_probe_ms")),
            "rounds": [
                _ratio(k["actions_per_s"], b["actions_per_s"])
                for k, b in zip(rounds["klets-closed"], rounds["bare-closed"], strict=False)
            ],
        }
    long = summaries.get("klets-long")
    # New games on as many players (``klets-short``) when that ran: the closed loop's 100 rooms
    # cost less per action than the long run's 20 for reasons other than the games' length.
    base = "klets-short" if summaries.get("klets-short") else "klets-closed"
    first = summaries.get(base)
    growth = _growth(first, long) if first and long else None
    if growth is not None:
        goals["goal 3"] = {
            "growth": growth,
            "wanted": GOAL_LONG_GROWTH,
            "met": growth <= GOAL_LONG_GROWTH,
            "turns": long["warm_turns"],
            "base": base,
            "rounds": [
                _growth(first_round, long_round)
                for first_round, long_round in zip(rounds[base], rounds["klets-long"], strict=False)
            ],
        }
    goals["database"] = database
    goals["full_size"] = args.players >= GOAL_PLAYERS and not args.smoke
    return goals


def _ratio(ours: float | None, ceiling: float | None) -> float | None:
    return ours / ceiling if ours is not None and ceiling else None


def _growth(first: dict[str, Any], long: dict[str, Any]) -> float | None:
    """How much more CPU an action costs in ``long`` than in ``first`` (None: not measured)."""
    if not long["server_cpu_us_per_action"]:
        return None
    ratio = _ratio(long["server_cpu_us_per_action"], first["server_cpu_us_per_action"])
    return None if ratio is None else ratio - 1


def _per_round(values: list[float | None], form: str) -> str:
    """``; per round: 63%, 58%, 61%`` when there were rounds."""
    if len(values) < 2:
        return ""
    return "; per round: " + ", ".join("-" if v is None else format(v, form) for v in values)


def print_goals(summaries: dict[str, dict[str, Any]], goals: dict[str, Any]) -> None:
    print(f"\n== goals ({goals['database']})", flush=True)
    if not goals["full_size"]:
        print("(not a full-size run: the verdicts below are for this size only)")
    one = goals.get("goal 1")
    if one:
        print(f"goal 1: {'MET' if one['met'] else 'MISSED'}")
        for check, ok in one["checks"].items():
            print(f"  {'ok  ' if ok else 'MISS'} {check}")
        whole = one["rss_whole_process_per_player_kb"]
        print(f"  (info: the whole process's RSS divided by the players: {_num(whole)} KB)")
    two = goals.get("goal 2")
    if two:
        klets, bare = summaries["klets-closed"], summaries["bare-closed"]
        print(
            f"goal 2: {'MET' if two['met'] else 'MISSED'}: closed loop "
            f"{klets['actions_per_s']:.0f} actions/s = {two['ratio']:.1%} of the bare ceiling "
            f"{bare['actions_per_s']:.0f} broadcasts/s (wanted ≥ {two['wanted']:.0%})"
            f"{_rounds_note(bare)}{_per_round(two['rounds'], '.0%')}"
        )
        print(
            f"  as ratios to the ceiling: server CPU per action "
            f"{_x(two['cpu_per_action_ratio'])}, latency p50 {_x(two['latency_p50_ratio'])}, "
            f"p99 {_x(two['latency_p99_ratio'])}"
        )
        print(
            f"  per core of server CPU (actions/s ÷ server CPU share): "
            f"{two['per_core_ratio']:.0%} of the ceiling; the ceiling run was limited by: "
            f"{two['ceiling_bottleneck']}"
        )
        if klets["throttled_share"] >= THROTTLED_WARN:
            print(
                f"  NOTE: the closed loop's rooms waited {klets['throttled_share']:.0%} of their "
                f"time for the players' rate-limit budget: its actions/s is that budget, not "
                f"the server's (more --closed-players)"
            )
        closed_speed, bare_speed = two["speed_probe_ms"]
        mean = "; the rounds' mean" if bare.get("rounds") else ""
        print(
            f"  speed probe before the closed loop {_ms(closed_speed)}, before the ceiling "
            f"{_ms(bare_speed)} (lower is faster{mean})"
        )
    three = goals.get("goal 3")
    if three:
        first, long = summaries[three["base"]], summaries["klets-long"]
        print(
            f"goal 3: {'MET' if three['met'] else 'MISSED'}: server CPU per action "
            f"{long['server_cpu_us_per_action']:.0f} µs after {three['turns']} turns against "
            f"{first['server_cpu_us_per_action']:.0f} µs in the first turns of {three['base']} "
            f"({three['growth']:+.0%}; wanted ≤ {three['wanted']:+.0%})"
            f"{_rounds_note(long)}{_per_round(three['rounds'], '+.0%')}"
        )
    if not one and not two and not three:
        print("(no run for a goal)")


def _rounds_note(s: dict[str, Any]) -> str:
    return f", over {s['rounds']} rounds" if s.get("rounds") else ""


def _x(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}x"
