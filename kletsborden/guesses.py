"""Guessing: room codes, seat tokens and screen keys that someone gets wrong count against their
address (``config.FAILED_JOINS``), so that guessing a code stays hopeless (codes.py).

Only real misses count: a database that cannot be reached (``unavailable``) or a room too busy
for a moment (``busy``) are nobody's wrong guess. And a secret that is right is never refused
for what others behind the same address guessed: everyone on a community centre's Wi-Fi shares
one address.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from .errors import RoomNotFound, TooManyFailedJoins
from .ratelimit import Limit


@contextmanager
def typed_code(failures: Limit, address: str, given: bool = False) -> Iterator[None]:
    """A room code someone typed (or a link with one): refused while the address has used up
    its misses. Tries from one address go one at a time, so a burst of them cannot all pass the
    check before the first miss is counted.

    A code that came with its join ticket (``given``: a link or QR code shared by a member or
    shown on the projector, ``RoomService.join_ticket``) was not guessed: it is never refused,
    and a room that ended meanwhile is nobody's miss."""
    if given:
        yield
        return
    with failures.one_at_a_time(address):
        if failures.exhausted(address):
            raise TooManyFailedJoins()
        try:
            yield
        except RoomNotFound:
            failures.hit(address)
            raise


@contextmanager
def secret(failures: Limit, address: str, *misses: type[Exception]) -> Iterator[None]:
    """A seat's token or a projector's key (with its code): far too long to guess, so the right
    one always gets in. A wrong one is a miss; past the limit it is answered
    ``too_many_failed_joins`` instead, which tells a guesser nothing."""
    try:
        yield
    except misses as miss:
        if not failures.hit(address):
            raise TooManyFailedJoins() from miss
        raise
