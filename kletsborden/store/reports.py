"""Reading sessions for reports: the rows a report may show, with their figures decoded.

Only sessions that were played (their game started) are read; a room that stayed in the lobby
has nothing to count. Callers pass the facilitator whose sessions they may see, so one query
decides both what is shown and what is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from ..engine import decode
from ..engine.summary import SessionFigures
from .models import AdminUserRow, RoomRow, SessionRow


@dataclass(frozen=True)
class SessionRecord:
    """One played session as stored: who facilitated (an account), its label and its counts."""

    id: int
    facilitator_id: int | None
    facilitator: str | None
    label: str | None
    template: str | None
    language: str
    planned_minutes: int | None
    started_at: datetime
    ended_at: datetime | None
    purged: bool  # its room is gone: nobody can answer the reflection any more
    figures: SessionFigures


def _played(facilitator_id: int | None) -> Select:
    query = (
        select(SessionRow, AdminUserRow.username)
        .outerjoin(AdminUserRow, AdminUserRow.id == SessionRow.facilitator_id)
        .where(SessionRow.started_at.is_not(None), SessionRow.figures.is_not(None))
    )
    if facilitator_id is not None:
        query = query.where(SessionRow.facilitator_id == facilitator_id)
    return query


def _record(row: SessionRow, username: str | None) -> SessionRecord:
    return SessionRecord(
        id=row.id,
        facilitator_id=row.facilitator_id,
        facilitator=username,
        label=row.label,
        template=row.template,
        language=row.language,
        planned_minutes=row.planned_minutes,
        started_at=row.started_at,
        ended_at=row.ended_at,
        purged=row.room_id is None,
        figures=decode(SessionFigures, row.figures),
    )


def played_sessions(
    session: Session,
    *,
    facilitator_id: int | None = None,
    label: str | None = None,
    since: datetime | None = None,
    before: datetime | None = None,
    limit: int,
) -> list[SessionRecord]:
    """Played sessions, newest first: of one facilitator (None: everyone's), with one label,
    started at or after ``since`` and before ``before`` (UTC, as stored)."""
    query = _played(facilitator_id)
    if label is not None:
        query = query.where(SessionRow.label == label)
    if since is not None:
        query = query.where(SessionRow.started_at >= since)
    if before is not None:
        query = query.where(SessionRow.started_at < before)
    query = query.order_by(SessionRow.started_at.desc(), SessionRow.id.desc()).limit(limit)
    return [_record(row, username) for row, username in session.execute(query)]


def played_session(
    session: Session, session_id: int, *, facilitator_id: int | None = None
) -> SessionRecord | None:
    """One played session, or None when it does not exist, was not played, or is not theirs."""
    found = session.execute(_played(facilitator_id).where(SessionRow.id == session_id)).first()
    return _record(*found) if found else None


def session_labels(session: Session, *, facilitator_id: int | None = None) -> list[str]:
    """The labels of played sessions (of one facilitator, or everyone's), in order."""
    query = _played(facilitator_id).with_only_columns(SessionRow.label).distinct()
    labels = session.scalars(query.where(SessionRow.label.is_not(None)))
    return sorted(labels, key=str.casefold)


def session_of_room(session: Session, code: str) -> int | None:
    """The id of the session played in the room with this code (while the room is kept)."""
    query = select(SessionRow.id).join(RoomRow, SessionRow.room_id == RoomRow.id)
    return session.scalar(query.where(RoomRow.code == code))
