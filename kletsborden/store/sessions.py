"""Sessions for reports: opened with their room, their figures kept up to date as it is played.

A session row holds who facilitated (an account, never a player), an optional label such as a
neighbourhood, and ``engine.summary.SessionFigures``: counts only. It outlives its room.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..engine import RoomState, encode
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
    """Write the figures of a game that has started; a room opened without a session gets one."""
    if state.phase is Phase.LOBBY:
        return
    row = session.scalars(select(SessionRow).where(SessionRow.room_id == room.id)).one_or_none()
    if row is None:
        row = open_session(session, room)
    row.language = state.settings.language  # the lobby may have changed these
    row.planned_minutes = state.settings.planned_minutes
    row.started_at = _moment(state.started_at)
    row.ended_at = _moment(state.ended_at)
    row.figures = encode(session_figures(state))


def _moment(epoch: float | None) -> datetime | None:
    return None if epoch is None else datetime.fromtimestamp(epoch, UTC).replace(tzinfo=None)
