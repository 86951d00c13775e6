"""The benchmark's smoke mode runs end to end and reports every field (not how fast)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

RUNS = ("klets-open", "klets-closed", "klets-short", "klets-long", "bare-closed")
FIELDS = (
    "players held:",
    "actions:",
    "action→all six:",
    "react→all six:",
    "errors:",
    "lost messages:",
    "server CPU:",
    "server RSS:",
    "client:",
    "machine:",
)


def _smoke(tmp_path: Path, *more: str) -> str:
    """``python -m bench --smoke`` with ``more`` arguments: its report, once it exited 0."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("KLETSBORDEN_DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--smoke", "--workdir", str(tmp_path / "bench"), *more],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=90,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_smoke_mode_runs_both_servers_and_reports_every_field(tmp_path: Path) -> None:
    out = _smoke(tmp_path)
    for run in RUNS:
        assert f"== {run}: " in out, out
    for field in FIELDS:
        assert field in out, f"{field!r} missing from:\n{out}"
    # Every run reports its latency percentiles, the server's CPU and memory, and the goals.
    assert out.count("p50 ") >= len(RUNS) and out.count("p99 ") >= len(RUNS), out
    assert out.count("KB per player") >= len(RUNS), out
    assert out.count("speed probe ") >= len(RUNS) and "speed probe -" not in out, out
    assert "== goals (sqlite)" in out and "goal 2:" in out and "of the bare ceiling" in out, out
    assert "goal 3:" in out and "after 25 turns" in out and "first turns of klets-short" in out, out
    assert "smoke: ok" in out, out


def test_runs_a_goal_compares_are_made_in_rounds_and_judged_on_all(tmp_path: Path) -> None:
    out = _smoke(tmp_path, "--runs", "klets-closed,bare-closed", "--rounds", "2")
    assert [line.split(": ")[0] for line in out.splitlines() if line.startswith("== ")] == [
        *("== klets-closed", "== bare-closed", "== bare-closed", "== klets-closed"),
        "== goals (sqlite)",
    ], out
    assert out.count(", round 1 of 2") == 2 and out.count(", round 2 of 2") == 2, out
    assert "of the bare ceiling" in out and "over 2 rounds; per round: " in out, out
    assert "smoke: ok" in out, out
