"""The audit trail: who changed which edition, card or account, when, and from what to what.

Entries are only ever added; the model refuses updates and deletes. Card entries keep the whole
card before and after the change (in the JSON export's shape), so any earlier version of a card
can be looked at and restored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from ..config import AUDIT_PAGE_SIZE
from ..editions.files import card_json
from ..editions.model import EditionSpec
from .editions import ImportReport
from .models import AuditRow


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    actor: str
    action: str
    edition: str | None
    card: str | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    @property
    def restorable(self) -> tuple[str, ...]:
        """Which sides ("after", "before") hold a whole card that can be put back."""
        return tuple(
            side
            for side, version in (("after", self.after), ("before", self.before))
            if self.card and version and "texts" in version
        )


def edition_meta(spec: EditionSpec) -> dict[str, Any]:
    """An edition without its cards: what edition entries keep."""
    return {"name": dict(spec.name), "description": dict(spec.description), "status": spec.status}


def record(
    session: Session,
    actor: str,
    action: str,
    *,
    edition: str | None = None,
    card: str | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """Add one entry to the session's transaction: it is saved together with the change."""
    session.add(
        AuditRow(actor=actor, action=action, edition=edition, card=card, before=before, after=after)
    )


def record_import(
    session: Session,
    actor: str,
    before: dict[str, EditionSpec],
    editions: Sequence[EditionSpec],
    report: ImportReport,
) -> None:
    """One entry per edition and per card an import added or changed."""
    touched = set(report.added) | set(report.changed)
    for spec in editions:
        old = before.get(spec.id)
        if spec.id in report.editions_added or spec.id in report.editions_changed:
            old_meta = edition_meta(old) if old else None
            record(
                session,
                actor,
                "edition_imported",
                edition=spec.id,
                before=old_meta,
                after=edition_meta(spec),
            )
        old_cards = {c.id: c for c in old.cards} if old else {}
        for card in spec.cards:
            if f"{spec.id}/{card.id}" in touched:
                previous = old_cards.get(card.id)
                record(
                    session,
                    actor,
                    "card_imported",
                    edition=spec.id,
                    card=card.id,
                    before=card_json(previous) if previous else None,
                    after=card_json(card),
                )


def history(session: Session, edition: str, card: str | None = None) -> list[AuditEntry]:
    """The newest entries about an edition (and its cards), or about one card of it."""
    query = select(AuditRow).where(AuditRow.edition == edition)
    if card is not None:
        query = query.where(AuditRow.card == card)
    rows = session.scalars(query.order_by(AuditRow.id.desc()).limit(AUDIT_PAGE_SIZE))
    return [_entry(row) for row in rows]


def entry(session: Session, entry_id: int) -> AuditEntry | None:
    row = session.get(AuditRow, entry_id)
    return _entry(row) if row else None


def _entry(row: AuditRow) -> AuditEntry:
    return AuditEntry(
        row.id, row.at, row.actor, row.action, row.edition, row.card, row.before, row.after
    )


class AppendOnly(RuntimeError):
    """The audit trail was about to be rewritten; that is never allowed."""


@event.listens_for(AuditRow, "before_update")
@event.listens_for(AuditRow, "before_delete")
def _refuse(_mapper: Any, _connection: Any, target: AuditRow) -> None:
    raise AppendOnly(f"audit entry {target.id} cannot be changed or deleted")
