"""A clock for the service and the rate limiters that tests move by hand."""

from __future__ import annotations

from typing import Any

import kletsborden.ratelimit


class FakeClock:
    """Seconds that only move when told to (``step`` moves them on every reading)."""

    def __init__(self, now: float, step: float = 0.0):
        self.now, self.step = now, step

    def __call__(self) -> float:
        self.now += self.step
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def drive_limits(monkeypatch: Any, clock: FakeClock) -> None:
    """The rate limits counted in this process read ``clock`` for the time."""
    monkeypatch.setattr(kletsborden.ratelimit, "clock", clock)
