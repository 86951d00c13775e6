"""The bench's rounds: the runs a goal compares alternate, and their windows are pooled."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

# bench/ is the repository's own tool, not an installed package: found at the repository's root,
# after the installed packages (tests/bench, a folder without __init__.py, gives way to it).
sys.path.append(str(Path(__file__).resolve().parents[2]))

from bench.__main__ import schedule
from bench.report import evaluate_goals, pooled, print_goals, throttled_share

RUNS = ["klets-open", "klets-closed", "bare-closed", "klets-short", "klets-long"]


class _Args:
    postgres, players, smoke = False, 2000, False


def test_open_loops_run_once_and_compared_runs_alternate() -> None:
    assert schedule(RUNS, 3) == [
        "klets-open",
        *("klets-closed", "bare-closed", "klets-short", "klets-long"),
        *("klets-long", "klets-short", "bare-closed", "klets-closed"),
        *("klets-closed", "bare-closed", "klets-short", "klets-long"),
    ]
    assert schedule(RUNS, 1) == RUNS


def _round(
    actions: int, cpu_seconds: float, p99: float, lost: int = 0, throttled: float = 0.0
) -> dict[str, Any]:
    latency = {"n": actions, "p50": p99 / 2, "p95": p99 - 1, "p99": p99, "max": p99 + 1}
    return {
        "window": 10.0,
        "duration": 10.0,
        "actions_total": actions,
        "actions_per_s": actions / 10.0,
        "server_cpu_seconds": cpu_seconds,
        "server_cpu_share": cpu_seconds / 10.0,
        "server_cpu_us_per_action": cpu_seconds / actions * 1e6,
        "latency_ms": latency,
        "react_latency_ms": latency,
        "speed_probe_ms": 10.0 + p99,
        "bottleneck": "none saturated",
        "warm_turns": 0,
        **dict.fromkeys(("errors_total", "missing_versions", "missing_reactions"), 0),
        **dict.fromkeys(("out_of_order", "incomplete_actions", "stuck_rooms"), 0),
        "lost_messages": lost,
        "throttled_share": throttled,
    }


def test_rounds_pool_as_one_window() -> None:
    one = pooled(
        [_round(1000, 1.0, 10.0), _round(3000, 2.0, 30.0, lost=2), _round(2000, 1.5, 20.0)]
    )
    assert one["rounds"] == 3 and one["duration"] == 30.0
    assert one["actions_per_s"] == 200.0  # 6,000 in 30 s, not the mean of the three rates
    assert one["server_cpu_us_per_action"] == 750.0  # 4.5 s of CPU for 6,000
    assert one["latency_ms"]["p99"] == 20.0 and one["latency_ms"]["n"] == 6000
    assert one["lost_messages"] == 2 and one["speed_probe_ms"] == 30.0


def test_goals_are_judged_on_the_pooled_rounds_and_show_each_round() -> None:
    rounds = {
        "klets-closed": [_round(700, 0.5, 10.0), _round(500, 0.5, 10.0)],
        "bare-closed": [_round(1000, 0.5, 5.0), _round(1000, 0.5, 5.0)],
    }
    summaries = {name: pooled(made) for name, made in rounds.items()}
    two = evaluate_goals(summaries, rounds, _Args())["goal 2"]
    assert two["rounds"] == [0.7, 0.5]
    assert two["ratio"] == 0.6 and two["met"]  # 1,200 against 2,000 over both rounds


def test_a_closed_loop_held_back_by_rate_limits_says_so(capsys: Any) -> None:
    assert throttled_share(45.0, 100, {"duration": 15.0}) == 0.03  # 45 s of 1,500 room-seconds
    assert throttled_share(400.0, 20, {"duration": 15.0}) == 1.0  # waits ran past the window
    rounds = {
        "klets-closed": [_round(700, 0.5, 10.0, throttled=0.30), _round(700, 0.5, 10.0)],
        "bare-closed": [_round(1000, 0.5, 5.0), _round(1000, 0.5, 5.0)],
    }
    summaries = {name: pooled(made) for name, made in rounds.items()}
    goals = evaluate_goals(summaries, rounds, _Args())
    assert goals["goal 2"]["closed_loop_throttled"] == 0.15  # the rounds' time pooled
    print_goals(summaries, goals)
    assert "waited 15% of their time for the players' rate-limit budget" in capsys.readouterr().out

    rounds["klets-closed"] = [_round(700, 0.5, 10.0, throttled=0.02)] * 2
    summaries = {name: pooled(made) for name, made in rounds.items()}
    print_goals(summaries, evaluate_goals(summaries, rounds, _Args()))
    assert "rate-limit budget" not in capsys.readouterr().out
