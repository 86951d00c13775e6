"""``python -m bench.gc_probe serve ...``: ``kletsborden`` with its garbage-collector pauses logged.

A diagnostic for ``python -m bench --trace-gc``: runs the real command line unchanged (gevent is
still patched before anything else of ours is imported) and prints one line per collection that
took 5 ms or more to standard output, which the bench keeps in the server's log.
"""

import gc
import os
import sys
import time

THRESHOLD_MS = 5.0
_started: list[float] = [0.0]


def _timer(phase: str, info: dict) -> None:
    if phase == "start":
        _started[0] = time.perf_counter()
        return
    took = (time.perf_counter() - _started[0]) * 1000
    if took >= THRESHOLD_MS:
        print(
            f"gc: generation {info['generation']} took {took:.1f} ms "
            f"(collected {info['collected']}) at monotonic {time.monotonic():.3f}",
            flush=True,
        )


if __name__ == "__main__":
    # An experiment, not a setting of the app: BENCH_GC_THRESHOLD="50000,20,100" tries other
    # collector thresholds (``gc.set_threshold``) without changing the app's code.
    # The server sets them once started (kletsborden/serving.py), so the experiment replaces
    # the setting it reads.
    if os.environ.get("BENCH_GC_THRESHOLD"):
        from kletsborden import config

        wanted = tuple(int(n) for n in os.environ["BENCH_GC_THRESHOLD"].split(","))
        config.GC_THRESHOLDS = wanted
        print(f"gc: thresholds set to {wanted}", flush=True)
    gc.callbacks.append(_timer)
    from kletsborden.__main__ import main

    sys.argv[0] = "kletsborden"
    main()
