"""Rooms in the database: the engine state saved as JSON, guarded by a rising version.

The state a move changes and the game's cards are stored apart (store/room_codec.py); a
``RoomCache`` spares decoding a room this process already holds at the stored version.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ..engine import RoomState
from .models import RoomRow, utcnow
from .room_cache import RoomCache
from .room_codec import FORMAT, decode_state, encode_cards, encode_state, upgrade_stored


def add_room(session: Session, code: str, state: RoomState) -> RoomRow:
    row = RoomRow(code=code, state=encode_state(state), cards=_cards(state))
    session.add(row)
    session.flush()
    return row


@dataclass(frozen=True)
class RoomRef:
    """A room's row without its state and cards: what a move needs to find, check and save it."""

    id: int
    code: str
    version: int
    created_at: datetime
    ended_at: datetime | None
    due_at: float | None
    screen_generation: int

    @classmethod
    def of(cls, row: RoomRow) -> RoomRef:
        return cls(*(getattr(row, field.name) for field in fields(cls)))


_ROOMS = RoomRow.__table__
_REF = select(*(_ROOMS.c[field.name] for field in fields(RoomRef)))


def find_room(session: Session, code: str) -> RoomRef | None:
    """The room's version and bookkeeping, in one narrow SELECT (Core: no ORM object to track)."""
    found = session.execute(_REF.where(_ROOMS.c.code == code)).one_or_none()
    return None if found is None else RoomRef(*found)


def room_state(session: Session, room: RoomRef, cache: RoomCache | None = None) -> RoomState:
    """The room's state at ``room.version``: from ``cache`` when it has that version, else read
    and decoded. A room stored in an older format is written back in the newest one at once
    (same version: the game did not change), so later saves need not know formats."""
    known = cache.get(room) if cache is not None else None
    if known is not None:
        return known
    cards = cache.cards(room) if cache is not None else None
    where = _ROOMS.c.id == room.id
    stored = session.execute(select(_ROOMS.c.state).where(where)).scalar_one()
    if stored.get("format") != FORMAT:
        stored_cards = session.execute(select(_ROOMS.c.cards).where(where)).scalar_one()
        stored, upgraded_cards = upgrade_stored(stored, stored_cards)
        session.execute(update(_ROOMS).where(where).values(state=stored, cards=upgraded_cards))
    if cards is not None:
        return decode_state(stored, lambda: cards)
    return decode_state(
        stored, lambda: session.execute(select(_ROOMS.c.cards).where(where)).scalar_one()
    )


def save_room_state(
    session: Session,
    room: RoomRef,
    state: RoomState,
    before: RoomState | None = None,
    **bookkeeping: Any,
) -> int:
    """Store the new state (and ``bookkeeping`` columns such as ``due_at``); returns the new
    version. The cards are written only when they change (``before`` is the state that was
    read): once per game, at its start.

    The UPDATE names the version that was read: if another transaction saved first, it raises
    ``StaleDataError`` and nothing is written, so a move is never applied twice.
    """
    values = {"state": encode_state(state), "version": room.version + 1, "updated_at": utcnow()}
    if before is None or state.cards is not before.cards:
        values["cards"] = _cards(state)
    saved = session.execute(
        update(_ROOMS)
        .where(_ROOMS.c.id == room.id, _ROOMS.c.version == room.version)
        .values(values | bookkeeping)
    )
    if saved.rowcount != 1:
        raise StaleDataError(f"room {room.code} changed after version {room.version} was read")
    return room.version + 1


def _cards(state: RoomState) -> list | None:
    return encode_cards(state.cards) if state.cards else None


def purge_rooms(session: Session, before: datetime) -> int:
    """Delete rooms that ended, or last changed, before ``before``: names, seats, answers, all.

    Seats go with their room (the foreign key cascades). Returns how many rooms went.
    """
    stale = or_(RoomRow.ended_at < before, RoomRow.updated_at < before)
    result = session.execute(delete(RoomRow).where(stale))
    return result.rowcount or 0
