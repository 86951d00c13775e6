"""Work that holds the CPU for long without yielding (password hashing) runs beside the loop.

Under gevent (``kletsborden serve``) a 50 ms scrypt hash would stop every other connection for
as long; a hundred logins at once stalled the process for seconds. ``hashlib.scrypt`` releases
the GIL, so in gevent's thread pool it runs while the loop goes on. Without gevent (tests,
threading mode) each request has its own thread already, and the work runs where it is called.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def off_loop(work: Callable[..., T], *args: object) -> T:
    try:
        from gevent import get_hub, monkey
    except ImportError:  # pragma: no cover - gevent is a dependency
        return work(*args)
    if not monkey.is_module_patched("threading"):
        return work(*args)
    return get_hub().threadpool.apply(work, args)
