"""Rooms in the database: the engine state saved as JSON, guarded by a rising version.

The state a move changes and the game's cards are stored apart (store/room_codec.py); a
``RoomCache`` spares decoding a room this process already holds at the stored version.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from sqlalchemy import Connection, bindparam, delete, insert, or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ..config import ACTIVITY_EVERY_SECONDS
from ..engine import RoomState
from .database import DriverStatement, Transaction, connection_of
from .models import RoomCardsRow, RoomRow, utcnow
from .room_cache import RoomCache
from .room_codec import FORMAT, decode_state, encode_cards, state_json, upgrade_stored
from .sessions import record_figures


def add_room(session: Session, code: str, state: RoomState) -> RoomRow:
    row = RoomRow(code=code, state=state_json(state))
    session.add(row)
    session.flush()
    if state.cards:
        _write_cards(connection_of(session), row.id, state)
    return row


@dataclass(frozen=True)
class RoomRef:
    """A room's row without its state and cards: what a move needs to find, check and save it."""

    id: int
    code: str
    version: int
    created_at: datetime
    updated_at: datetime
    ended_at: datetime | None
    due_at: float | None
    screen_generation: int

    @classmethod
    def of(cls, row: RoomRow) -> RoomRef:
        return cls(*(getattr(row, field.name) for field in fields(cls)))


_ACTIVITY_EVERY = timedelta(seconds=ACTIVITY_EVERY_SECONDS)

# The statements of a move, built once: SQLAlchemy then compiles each only once too (building a
# statement per move and computing its cache key was a tenth of a move's CPU).
_ROOMS = RoomRow.__table__
_CARDS = RoomCardsRow.__table__
_FIND = select(*(_ROOMS.c[field.name] for field in fields(RoomRef))).where(
    _ROOMS.c.code == bindparam("room_code")
)
_READ_STATE = select(_ROOMS.c.state).where(_ROOMS.c.id == bindparam("room"))
_READ_CARDS = select(_CARDS.c.cards).where(_CARDS.c.room_id == bindparam("room"))
_SAVE = DriverStatement(
    update(_ROOMS).where(_ROOMS.c.id == bindparam("room"), _ROOMS.c.version == bindparam("read"))
)
_REWRITE = update(_ROOMS).where(_ROOMS.c.id == bindparam("room"))
_DROP_CARDS = delete(_CARDS).where(_CARDS.c.room_id == bindparam("room"))
_ADD_CARDS = insert(_CARDS)


def find_room(session: Transaction, code: str) -> RoomRef | None:
    """The room's version and bookkeeping, in one narrow SELECT (Core: no ORM object to track)."""
    found = connection_of(session).execute(_FIND, {"room_code": code}).one_or_none()
    return None if found is None else RoomRef(*found)


def room_state(session: Session, room: RoomRef, cache: RoomCache | None = None) -> RoomState:
    """The room's state at ``room.version``: from ``cache`` when it has that version, else read
    and decoded. A room stored in an older format is written back in the newest one at once
    (same version: the game did not change), so later saves need not know formats."""
    known = cache.get(room) if cache is not None else None
    if known is not None:
        return known
    cards = cache.cards(room) if cache is not None else None
    connection, where = connection_of(session), {"room": room.id}
    stored = connection.execute(_READ_STATE, where).scalar_one()
    if stored.get("format") != FORMAT:
        stored, upgraded_cards = upgrade_stored(stored, _stored_cards(connection, room.id))
        connection.execute(_REWRITE, {**where, "state": stored})
        connection.execute(_DROP_CARDS, where)
        if upgraded_cards:
            connection.execute(_ADD_CARDS, {"room_id": room.id, "cards": upgraded_cards})
    if cards is not None:
        return decode_state(stored, lambda: cards)
    return decode_state(stored, partial(_stored_cards, connection, room.id))


def _stored_cards(connection: Connection | Session, room_id: int) -> list[Any] | None:
    """The game's cards as stored; None for a game ended in the lobby, which never had any."""
    return connection.execute(_READ_CARDS, {"room": room_id}).scalar_one_or_none()


def save_room_state(
    session: Transaction,
    room: RoomRef,
    state: RoomState,
    before: RoomState | None = None,
    **bookkeeping: Any,
) -> RoomRef:
    """Store the new state (and ``bookkeeping`` columns such as ``due_at``); returns the row
    as saved. The cards are written only when they change (``before`` is the state that was
    read): once per game, at its start; ``updated_at`` at most every ``ACTIVITY_EVERY_SECONDS``.

    The UPDATE names the version that was read: if another transaction saved first, it raises
    ``StaleDataError`` and nothing is written, so a move is never applied twice.
    """
    connection = connection_of(session)
    columns = {"version": room.version + 1, **bookkeeping}
    now = utcnow()
    if not timedelta(0) <= now - room.updated_at < _ACTIVITY_EVERY:
        columns["updated_at"] = now
    where = {"room": room.id, "read": room.version}
    if _SAVE.execute(connection, where | columns | {"state": state_json(state)}) != 1:
        raise StaleDataError(f"room {room.code} changed after version {room.version} was read")
    if before is None or state.cards is not before.cards:
        _write_cards(connection, room.id, state)
    return replace(room, **columns)


def save_bookkeeping(session: Transaction, room: RoomRef, **bookkeeping: Any) -> None:
    """Columns beside the state (such as ``due_at``), without a new version."""
    connection_of(session).execute(_REWRITE, {"room": room.id, **bookkeeping})


def _write_cards(connection: Connection, room_id: int, state: RoomState) -> None:
    connection.execute(_DROP_CARDS, {"room": room_id})
    if state.cards:
        connection.execute(_ADD_CARDS, {"room_id": room_id, "cards": encode_cards(state.cards)})


def purge_rooms(session: Session, before: datetime) -> int:
    """Delete rooms that ended, or last changed, before ``before``: names, seats, answers, all.

    Seats go with their room (the foreign key cascades). A game that was never ended gets its
    session's last figures written first (a game in play writes them only now and then).
    Returns how many rooms went.
    """
    stale = or_(RoomRow.ended_at < before, RoomRow.updated_at < before)
    unended = select(_ROOMS.c.id, _ROOMS.c.state).where(stale, _ROOMS.c.ended_at.is_(None))
    for room_id, stored in session.execute(unended).all():
        state = decode_state(stored, partial(_stored_cards, session, room_id))
        record_figures(session, room_id, state)
    result = session.execute(delete(RoomRow).where(stale))
    return result.rowcount or 0
