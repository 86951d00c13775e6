"""Sessions for reports: opened with their room, their figures kept up to date as it is played.

A session row holds who facilitated (an account, never a player), an optional label such as a
neighbourhood, and ``engine.summary.SessionFigures``: counts only. It outlives its room.
"""

from __future__ import annotations

from datetime import UTC, datetime

import msgspec
from sqlalchemy import update
from sqlalchemy.orm import Session

from ..engine import RoomState
from ..engine.state import Phase
from ..engine.summary import session_figures
from .models import RoomRow, SessionRow


def open_session(
    session: Session,
    room: RoomRow,
    *,
    facilitator_id: int | None = None,
    label: str | None = None,
    template: str | None = None,
    language: str = "nl",
    planned_minutes: int | None = None,
) -> SessionRow:
    row = SessionRow(
        room_id=room.id,
        facilitator_id=facilitator_id,
        label=label,
        template=template,
        language=language,
        planned_minutes=planned_minutes,
    )
    session.add(row)
    return row


def record_figures(session: Session, room: RoomRow, state: RoomState) -> None:
    """Write the figures of a game that has started; a room opened without a session gets one.

    One UPDATE (no read first): this runs with nearly every move of a game.
    """
    if state.phase is Phase.LOBBY:
        return
    values = {
        "language": state.settings.language,  # the lobby may have changed these
        "planned_minutes": state.settings.planned_minutes,
        "started_at": _moment(state.started_at),
        "ended_at": _moment(state.ended_at),
        "figures": msgspec.to_builtins(session_figures(state)),
    }
    sessions = SessionRow.__table__  # a plain UPDATE, without the ORM's bulk machinery
    written = session.execute(update(sessions).where(sessions.c.room_id == room.id).values(values))
    if not written.rowcount:
        row = open_session(session, room)
        for name, value in values.items():
            setattr(row, name, value)


def _moment(epoch: float | None) -> datetime | None:
    return None if epoch is None else datetime.fromtimestamp(epoch, UTC).replace(tzinfo=None)
