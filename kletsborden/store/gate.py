"""First come, first served for a pool's connections, under gevent.

SQLAlchemy's pool, and gevent's own semaphore, give a connection (a permit) that was just
returned to whoever asks next, before those already waiting have been woken. Under load the
newcomers kept winning: on PostgreSQL, whose statements yield, half of the moves got a
connection at once while the rest waited 0.4 s and more (docs/performance.md). ``FairGate``
hands a returned permit straight to the longest waiting, and lets a newcomer through only when
nobody waits.
"""

from __future__ import annotations

from collections import deque
from typing import Any

from gevent.event import Event


class FairGate:
    """At most ``size`` holders at a time (use it in ``with``); the others in arrival order.

    For greenlets of one thread (gevent's hub): nothing here yields but the wait itself.
    """

    def __init__(self, size: int):
        self._free = size
        self._waiting: deque[Event] = deque()

    def __enter__(self) -> FairGate:
        if self._free and not self._waiting:
            self._free -= 1
            return self
        turn = Event()
        self._waiting.append(turn)
        try:
            turn.wait()
        except BaseException:  # killed or timed out while waiting: no permit may be lost
            if turn.is_set():
                self._release()
            else:
                self._waiting.remove(turn)
            raise
        return self  # the permit came with the turn

    def __exit__(self, *_exc: Any) -> None:
        self._release()

    def _release(self) -> None:
        if self._waiting:
            self._waiting.popleft().set()  # handed on: the count of free permits stays
        else:
            self._free += 1

    @property
    def waiting(self) -> int:
        return len(self._waiting)
