"""Rooms in the database: the engine state saved whole, guarded by a rising version."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from ..engine import RoomState, decode, encode
from .models import RoomRow


def add_room(session: Session, code: str, state: RoomState) -> RoomRow:
    row = RoomRow(code=code, state=encode(state))
    session.add(row)
    session.flush()
    return row


def find_room(session: Session, code: str) -> RoomRow | None:
    return session.scalars(select(RoomRow).where(RoomRow.code == code)).one_or_none()


def room_state(row: RoomRow) -> RoomState:
    return decode(RoomState, row.state)


def save_room_state(session: Session, row: RoomRow, state: RoomState) -> int:
    """Store the new state; returns the new version.

    The UPDATE names the version that was read: if another transaction saved first, SQLAlchemy
    raises ``StaleDataError`` and nothing is written, so a move is never applied twice.
    """
    row.state = encode(state)
    session.flush()
    return row.version


def purge_rooms(session: Session, before: datetime) -> int:
    """Delete rooms that ended, or last changed, before ``before``: names, seats, answers, all.

    Seats go with their room (the foreign key cascades). Returns how many rooms went.
    """
    stale = or_(RoomRow.ended_at < before, RoomRow.updated_at < before)
    result = session.execute(delete(RoomRow).where(stale))
    return result.rowcount or 0
