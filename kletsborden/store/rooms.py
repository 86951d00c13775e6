"""Rooms in the database: the engine state saved as JSON, guarded by a rising version.

The state a move changes and the game's cards are stored apart (store/room_codec.py); a
``RoomCache`` spares decoding a room this process already holds at the stored version.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from ..engine import RoomState
from .models import RoomRow
from .room_cache import RoomCache
from .room_codec import FORMAT, decode_state, encode_cards, encode_state


def add_room(session: Session, code: str, state: RoomState) -> RoomRow:
    row = RoomRow(code=code, state=encode_state(state), cards=_cards(state))
    session.add(row)
    session.flush()
    return row


def find_room(session: Session, code: str) -> RoomRow | None:
    """The room's row: its version and bookkeeping; ``state`` and ``cards`` load when read."""
    return session.scalars(select(RoomRow).where(RoomRow.code == code)).one_or_none()


def room_state(row: RoomRow, cache: RoomCache | None = None) -> RoomState:
    """The room's state at the row's version: from ``cache`` when it has that version."""
    known = cache.get(row) if cache is not None else None
    if known is not None:
        return known
    cards = cache.cards(row) if cache is not None else None
    return decode_state(row.state, lambda: cards if cards is not None else row.cards)


def save_room_state(
    session: Session, row: RoomRow, state: RoomState, before: RoomState | None = None
) -> int:
    """Store the new state; returns the new version. The cards are written only when they change
    (``before`` is the state that was read), which is once per game, at its start, or when the
    state was read in an older format that held them inline.

    The UPDATE names the version that was read: if another transaction saved first, SQLAlchemy
    raises ``StaleDataError`` and nothing is written, so a move is never applied twice.
    """
    read = row.__dict__.get("state")  # loaded only if this process had to decode it
    older = isinstance(read, dict) and read.get("format") != FORMAT
    row.state = encode_state(state)
    if before is None or state.cards is not before.cards or older:
        row.cards = _cards(state)
    session.flush()
    return row.version


def _cards(state: RoomState) -> list | None:
    return encode_cards(state.cards) if state.cards else None


def purge_rooms(session: Session, before: datetime) -> int:
    """Delete rooms that ended, or last changed, before ``before``: names, seats, answers, all.

    Seats go with their room (the foreign key cascades). Returns how many rooms went.
    """
    stale = or_(RoomRow.ended_at < before, RoomRow.updated_at < before)
    result = session.execute(delete(RoomRow).where(stale))
    return result.rowcount or 0
