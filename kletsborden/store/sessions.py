"""Sessions for reports: opened with their room, their figures kept up to date as it is played.

A session row holds who facilitated (an account, never a player), an optional label such as a
neighbourhood, and ``engine.summary.SessionFigures``: counts only. It outlives its room.
"""

from __future__ import annotations

from datetime import UTC, datetime

import msgspec
from sqlalchemy import bindparam, insert, update
from sqlalchemy.orm import Session

from ..engine import RoomState
from ..engine.state import Phase
from ..engine.summary import session_figures
from .database import Transaction, connection_of
from .models import SessionRow


def open_session(
    session: Session,
    room_id: int,
    *,
    facilitator_id: int | None = None,
    label: str | None = None,
    template: str | None = None,
    language: str = "nl",
    planned_minutes: int | None = None,
) -> SessionRow:
    row = SessionRow(
        room_id=room_id,
        facilitator_id=facilitator_id,
        label=label,
        template=template,
        language=language,
        planned_minutes=planned_minutes,
    )
    session.add(row)
    return row


# A plain UPDATE built once, on the connection: without the ORM's bulk machinery.
_SESSIONS = SessionRow.__table__
_RECORD = update(_SESSIONS).where(_SESSIONS.c.room_id == bindparam("room"))
_OPEN = insert(_SESSIONS)


def record_figures(session: Transaction, room_id: int, state: RoomState) -> None:
    """Write the figures of a game that has started; a room opened without a session gets one.

    One UPDATE (no read first); a game in play calls it every ``FIGURES_EVERY_SECONDS``.
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
    connection = connection_of(session)
    written = connection.execute(_RECORD, {"room": room_id, **values})
    if not written.rowcount:
        connection.execute(_OPEN, {"room_id": room_id, **values})


def _moment(epoch: float | None) -> datetime | None:
    return None if epoch is None else datetime.fromtimestamp(epoch, UTC).replace(tzinfo=None)
