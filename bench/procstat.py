"""CPU and memory of processes, read from /proc (Linux only)."""

from __future__ import annotations

import json
import math
import os
import time
from dataclasses import dataclass

TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Sample:
    """One look at a process: CPU seconds used so far, resident memory, and when."""

    wall: float
    cpu: float
    rss_kb: int


def cpu_seconds(pid: int, children: bool = False) -> float:
    """User + system CPU seconds of ``pid`` (fields 14 and 15 of /proc/<pid>/stat); with
    ``children`` also those of its children that have ended (fields 16 and 17)."""
    with open(f"/proc/{pid}/stat") as handle:
        text = handle.read()
    fields = text[text.rindex(")") + 2 :].split()  # the name may hold spaces and brackets
    used = int(fields[11]) + int(fields[12])
    if children:
        used += int(fields[13]) + int(fields[14])
    return used / TICKS


def rss_kb(pid: int) -> int:
    """Resident set size of ``pid`` in KiB (VmRSS in /proc/<pid>/status)."""
    with open(f"/proc/{pid}/status") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def sample(pid: int) -> Sample:
    return Sample(time.monotonic(), cpu_seconds(pid), rss_kb(pid))


def processes_named(name: str) -> list[int]:
    """Pids whose command name (``comm``) is ``name``, e.g. the PostgreSQL backends."""
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/comm") as handle:
                    if handle.read().strip() == name:
                        pids.append(int(entry))
            except OSError:
                continue
    return pids


def cpu_of_family(name: str) -> float:
    """CPU seconds of every process named ``name``, plus their children that have ended.

    PostgreSQL forks a backend per connection and reaps it when it closes: a backend that lived
    only inside the window is then counted in its parent's children time, so the difference
    of two readings is the CPU the whole server used in between."""
    total = 0.0
    for pid in processes_named(name):
        try:
            total += cpu_seconds(pid, children=True)
        except (OSError, ValueError):
            continue
    return total


def machine_busy() -> tuple[float, float]:
    """(busy, total) jiffies of all cores, from the first line of /proc/stat."""
    with open("/proc/stat") as handle:
        values = [int(v) for v in handle.readline().split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    total = sum(values[:8])  # guest time is already counted in user
    return total - idle, total


def speed_probe(rounds: int = 5) -> float:
    """Milliseconds of CPU a fixed piece of pure Python takes now, the best of ``rounds``
    (lower is faster).

    On a shared machine the same code's CPU per action moves by a third from one run to the
    next; this number, taken before each run's window, tells how much of that is the machine.
    """
    rows = [{"id": i, "text": f"kaart {i}", "figures": [i, i % 7, i % 3]} for i in range(400)]
    best = math.inf
    for _ in range(rounds):
        start = time.process_time()
        for _ in range(20):
            json.loads(json.dumps(rows))
            sorted(rows, key=lambda row: (row["id"] % 13, row["text"]))
        best = min(best, time.process_time() - start)
    return best * 1000
