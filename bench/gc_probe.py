"""``python -m bench.gc_probe serve ...``: ``kletsborden`` with its garbage-collector pauses logged.

A diagnostic for ``python -m bench --trace-gc``: runs the real command line unchanged (gevent is
still patched before anything else of ours is imported) and prints one line per collection that
took 5 ms or more to standard output, which the bench keeps in the server's log.
"""

import gc
import os
import sys
import time

from kletsborden import config

THRESHOLD_MS = 5.0
_started: list[float] = [0.0]


def _timer(phase: str, info: dict) -> None:
    if phase == "start":
        _started[0] = time.perf_counter()
        return
    if gc.garbage:
        _describe_garbage()
    elif _garbage_reports[0] == 0 and gc.get_threshold() == config.GC_THRESHOLDS:
        gc.set_debug(gc.DEBUG_SAVEALL if os.environ.get("BENCH_GC_GARBAGE") else 0)
    took = (time.perf_counter() - _started[0]) * 1000
    if took >= THRESHOLD_MS:
        print(
            f"gc: generation {info['generation']} took {took:.1f} ms "
            f"(collected {info['collected']}) at monotonic {time.monotonic():.3f}",
            flush=True,
        )


_garbage_reports = [0]


def _most(names: list) -> list:
    seen: dict = {}
    for name in names:
        seen[name] = seen.get(name, 0) + 1
    return sorted(seen.items(), key=lambda item: -item[1])[:15]


def _describe_garbage() -> None:
    """With ``BENCH_GC_GARBAGE=N``: what the first N collections once the server runs found in
    reference cycles (the types most collected), to find what makes cyclic garbage."""
    counts: dict[str, int] = {}
    for thing in gc.garbage:
        name = f"{type(thing).__module__}.{type(thing).__qualname__}"
        counts[name] = counts.get(name, 0) + 1
    top = sorted(counts.items(), key=lambda item: -item[1])[:12]
    print(f"gc: garbage of {len(gc.garbage)}: {top}", flush=True)
    errors = [type(t).__name__ for t in gc.garbage if isinstance(t, BaseException)]
    frames = [
        f"{t.f_code.co_filename[-30:]}:{t.f_code.co_name}"
        for t in gc.garbage
        if type(t).__name__ == "frame"
    ]
    print(f"gc: exceptions {sorted(set(errors))[:10]} frames {_most(frames)}", flush=True)
    gc.garbage.clear()
    _garbage_reports[0] += 1
    if _garbage_reports[0] >= int(os.environ.get("BENCH_GC_GARBAGE", "0")):
        gc.set_debug(0)


if __name__ == "__main__":
    # An experiment, not a setting of the app: BENCH_GC_THRESHOLD="50000,20,100" tries other
    # collector thresholds (``gc.set_threshold``) without changing the app's code.
    # The server sets them once started (kletsborden/serving.py), so the experiment replaces
    # the setting it reads.
    if os.environ.get("BENCH_GC_THRESHOLD"):
        wanted = tuple(int(n) for n in os.environ["BENCH_GC_THRESHOLD"].split(","))
        config.GC_THRESHOLDS = wanted
        print(f"gc: thresholds set to {wanted}", flush=True)
    gc.callbacks.append(_timer)
    from kletsborden.__main__ import main

    sys.argv[0] = "kletsborden"
    main()
