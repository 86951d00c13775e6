"""Cards of an edition: create, change, take out of play, reorder, and restore a version.

Every card is checked with the same rules as a card in a file (``check_card``), so whatever
the editor saves exports and imports again unchanged.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy.orm import Session

from ..config import MAX_CARDS_PER_EDITION, SENSES
from ..editions.files import card_json
from ..editions.model import CardSpec
from ..editions.validate import check_card
from ..store import audit
from ..store.database import Database
from ..store.editions import card_spec, write_card
from ..store.models import CardRow
from . import EditorError, NotFound, card_version, fault, find_card, find_edition


def get_card(db: Database, slug: str, key: str) -> CardSpec:
    with db.transaction() as session:
        return card_spec(find_card(find_edition(session, slug), key))


def _free_card_id(taken: set[str], sense: Any) -> str:
    prefix = sense if sense in SENSES else "kaart"
    number = 1
    while f"{prefix}-{number:02d}" in taken:
        number += 1
    return f"{prefix}-{number:02d}"


def _checked(raw: dict[str, Any]) -> CardSpec:
    card, faults = check_card(raw)
    if card is None:
        raise EditorError(faults)
    return card


def _write(
    session: Session, actor: str, action: str, slug: str, row: CardRow, spec: CardSpec
) -> None:
    before = card_json(card_spec(row))
    write_card(row, spec)
    after = card_json(spec)
    audit.record(session, actor, action, edition=slug, card=row.key, before=before, after=after)


def create_card(db: Database, actor: str, slug: str, raw: dict[str, Any]) -> CardSpec:
    """A new card at the end of the edition; an empty id gets one made up ("horen-13")."""
    with db.transaction() as session:
        edition = find_edition(session, slug, lock=True)
        taken = {card.key for card in edition.cards}
        if len(taken) >= MAX_CARDS_PER_EDITION:
            limit = MAX_CARDS_PER_EDITION
            raise EditorError([fault("too_many_cards", f"limit {limit}", limit=limit)])
        spec = _checked({**raw, "id": raw.get("id") or _free_card_id(taken, raw.get("sense"))})
        if spec.id in taken:
            raise EditorError([fault("taken", f"card {spec.id!r} exists", "id")])
        last = max((card.position for card in edition.cards), default=-1)
        row = CardRow(key=spec.id, position=last + 1)
        edition.cards.append(row)
        write_card(row, spec)
        after = card_json(spec)
        audit.record(session, actor, "card_created", edition=slug, card=spec.id, after=after)
        return spec


def update_card(
    db: Database, actor: str, slug: str, key: str, raw: dict[str, Any], based_on: str | None
) -> CardSpec:
    """Change card ``key`` (its id stays). ``based_on`` is the ``card_version`` the admin
    started from: when someone else saved the card since, nothing is written and the error
    carries the card as it is now."""
    with db.transaction() as session:
        row = find_card(find_edition(session, slug, lock=True), key)
        spec = _checked({**raw, "id": key})
        current = card_spec(row)
        if spec == current:
            return spec
        if based_on and based_on != card_version(current):
            raise EditorError([fault("conflict", "changed by someone else")], current)
        _write(session, actor, "card_changed", slug, row, spec)
        return spec


def set_card_active(db: Database, actor: str, slug: str, key: str, active: bool) -> None:
    """Take a card out of play, or back in; an inactive card keeps its text and history."""
    with db.transaction() as session:
        row = find_card(find_edition(session, slug, lock=True), key)
        spec = card_spec(row)
        if spec.active != active:
            action = "card_activated" if active else "card_deactivated"
            _write(session, actor, action, slug, row, replace(spec, active=active))


def mark_reviewed(db: Database, actor: str, slug: str, key: str, language: str) -> bool:
    """Someone who speaks ``language`` checked the card's text in it; False when there is no
    draft text in that language (already reviewed, or none at all)."""
    with db.transaction() as session:
        row = find_card(find_edition(session, slug, lock=True), key)
        spec = card_spec(row)
        text = spec.texts.get(language)
        if text is None or text.status != "draft":
            return False
        texts = {**spec.texts, language: replace(text, status="reviewed")}
        _write(session, actor, "card_changed", slug, row, replace(spec, texts=texts))
        return True


def move_card(db: Database, actor: str, slug: str, key: str, step: int) -> bool:
    """Swap a card with the previous (-1) or next (+1) card of its sense; False at an end."""
    with db.transaction() as session:
        edition = find_edition(session, slug, lock=True)
        target = find_card(edition, key)
        ordered = sorted(edition.cards, key=lambda c: (c.position, c.id))
        same = [card for card in ordered if card.sense == target.sense]
        index = same.index(target) + step
        if step not in (-1, 1) or not 0 <= index < len(same):
            return False
        for position, card in enumerate(ordered):
            card.position = position
        other = same[index]
        target.position, other.position = other.position, target.position
        action = "card_moved_up" if step < 0 else "card_moved_down"
        audit.record(session, actor, action, edition=slug, card=key)
        return True


def restore_card(
    db: Database, actor: str, slug: str, key: str, entry_id: int, side: str
) -> CardSpec:
    """Put back the version of card ``key`` kept in a history entry (checked like an edit)."""
    with db.transaction() as session:
        row = find_card(find_edition(session, slug, lock=True), key)
        entry = audit.entry(session, entry_id)
        if entry is None or (entry.edition, entry.card) != (slug, key):
            raise NotFound(f"no history entry {entry_id} for card {key!r}")
        if side not in entry.restorable:
            raise NotFound(f"history entry {entry_id} keeps no {side} version")
        version = entry.after if side == "after" else entry.before
        spec = _checked({**(version or {}), "id": key})
        if spec != card_spec(row):
            _write(session, actor, "card_restored", slug, row, spec)
        return spec
