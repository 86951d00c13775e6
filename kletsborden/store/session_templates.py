"""A facilitator's own session templates, and what they may choose from.

Every lookup takes the owner: a template of another account is simply not there, so no caller
can show or change it by guessing an id.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .models import AdminUserRow, EditionRow, SessionRow, SessionTemplateRow


def list_templates(session: Session, owner_id: int) -> list[SessionTemplateRow]:
    query = select(SessionTemplateRow).where(SessionTemplateRow.owner_id == owner_id)
    return list(session.scalars(query.order_by(SessionTemplateRow.name, SessionTemplateRow.id)))


def count_templates(session: Session, owner_id: int) -> int:
    query = select(func.count()).where(SessionTemplateRow.owner_id == owner_id)
    return session.scalar(query) or 0


def find_template(session: Session, owner_id: int, template_id: int) -> SessionTemplateRow | None:
    query = select(SessionTemplateRow).where(
        SessionTemplateRow.id == template_id, SessionTemplateRow.owner_id == owner_id
    )
    return session.scalars(query).one_or_none()


def name_taken(session: Session, owner_id: int, name: str, other_than: int | None = None) -> bool:
    """Whether the owner already has a template with this name (case does not matter)."""
    query = select(SessionTemplateRow.id).where(
        SessionTemplateRow.owner_id == owner_id,
        func.lower(SessionTemplateRow.name) == name.lower(),
    )
    if other_than is not None:
        query = query.where(SessionTemplateRow.id != other_than)
    return session.scalars(query).first() is not None


def add_template(
    session: Session, owner_id: int, name: str, settings: dict[str, Any]
) -> SessionTemplateRow:
    row = SessionTemplateRow(owner_id=owner_id, name=name, settings=settings)
    session.add(row)
    session.flush()
    return row


def published_editions(session: Session) -> list[EditionRow]:
    """The editions a session can be played with, in a stable order."""
    query = select(EditionRow).where(EditionRow.status == "published")
    return list(session.scalars(query.order_by(EditionRow.slug)))


def facilitated_sessions(session: Session, facilitator_id: int, limit: int) -> list[SessionRow]:
    """The account's sessions, newest first."""
    query = (
        select(SessionRow)
        .where(SessionRow.facilitator_id == facilitator_id)
        .order_by(SessionRow.created_at.desc(), SessionRow.id.desc())
        .limit(limit)
    )
    return list(session.scalars(query))


def templates_using(session: Session, slug: str) -> list[tuple[str, str]]:
    """(template name, owner's name) of every account's templates that play edition ``slug``."""
    query = select(SessionTemplateRow, AdminUserRow.username).join(
        AdminUserRow, SessionTemplateRow.owner_id == AdminUserRow.id
    )
    found = [
        (row.name, owner)
        for row, owner in session.execute(query)
        if slug in ((row.settings or {}).get("editions") or ())
    ]
    return sorted(found, key=lambda pair: (pair[1].casefold(), pair[0].casefold()))
