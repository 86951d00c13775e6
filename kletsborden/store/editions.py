"""Saving and loading card editions: the database is the working copy of the files in cards/."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from ..config import LANGUAGES
from ..editions.model import CardSpec, CardText, EditionSpec
from ..engine import state as engine
from .models import CardRow, CardTextRow, EditionRow
from .shared_cards import shared


@dataclass
class ImportReport:
    """What saving editions did, card by card (``edition/card`` ids)."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    editions_added: list[str] = field(default_factory=list)
    editions_changed: list[str] = field(default_factory=list)

    @property
    def changes_anything(self) -> bool:
        return bool(self.added or self.changed or self.editions_added or self.editions_changed)


def card_spec(row: CardRow) -> CardSpec:
    texts = {
        t.language: CardText(
            question=t.question, follow_up=t.follow_up, image_alt=t.image_alt, status=t.status
        )
        for t in row.texts
    }
    return CardSpec(
        id=row.key,
        sense=row.sense,
        kind=row.kind,
        depth=row.depth,
        texts=texts,
        image=row.image,
        active=row.active,
    )


def edition_spec(row: EditionRow) -> EditionSpec:
    return EditionSpec(
        id=row.slug,
        name=dict(row.name),
        description=dict(row.description),
        status=row.status,
        cards=tuple(card_spec(c) for c in row.cards),
    )


def write_card(row: CardRow, spec: CardSpec) -> None:
    """Give a card row the facts and texts of ``spec`` (its key and position stay)."""
    row.sense, row.kind, row.depth = spec.sense, spec.kind, spec.depth
    row.image, row.active = spec.image, spec.active
    by_language = {t.language: t for t in row.texts}
    for language, text in spec.texts.items():
        text_row = by_language.pop(language, None) or CardTextRow(language=language)
        text_row.question, text_row.follow_up = text.question, text.follow_up
        text_row.image_alt, text_row.status = text.image_alt, text.status
        if text_row not in row.texts:
            row.texts.append(text_row)
    for gone in by_language.values():
        row.texts.remove(gone)


def _editions_query() -> Select[tuple[EditionRow]]:
    return select(EditionRow).options(selectinload(EditionRow.cards).selectinload(CardRow.texts))


def save_editions(session: Session, specs: Sequence[EditionSpec]) -> ImportReport:
    """Add or update editions and their cards by id; never duplicates, never deletes.

    Cards the database has but ``specs`` do not mention keep their content and move after the
    mentioned ones. Re-saving what was loaded reports no change.
    """
    report = ImportReport()
    slugs = [s.id for s in specs]
    rows = {r.slug: r for r in session.scalars(_editions_query().where(EditionRow.slug.in_(slugs)))}
    for spec in specs:
        row = rows.get(spec.id)
        if row is None:
            row = EditionRow(slug=spec.id, name={}, description={})
            session.add(row)
            report.editions_added.append(spec.id)
        elif (row.name, row.description, row.status) != (
            spec.name,
            spec.description,
            spec.status,
        ) or [c.key for c in row.cards][: len(spec.cards)] != [c.id for c in spec.cards]:
            report.editions_changed.append(spec.id)
        row.name, row.description, row.status = dict(spec.name), dict(spec.description), spec.status
        existing = {c.key: c for c in row.cards}
        for position, card in enumerate(spec.cards):
            label = f"{spec.id}/{card.id}"
            card_row = existing.pop(card.id, None)
            if card_row is None:
                card_row = CardRow(key=card.id)
                row.cards.append(card_row)
                report.added.append(label)
            elif card_spec(card_row) == card:
                report.unchanged.append(label)
            else:
                report.changed.append(label)
            write_card(card_row, card)
            card_row.position = position
        for offset, leftover in enumerate(sorted(existing.values(), key=lambda c: c.position)):
            leftover.position = len(spec.cards) + offset
    session.flush()
    return report


def edition_row(session: Session, slug: str, lock: bool = False) -> EditionRow | None:
    """One edition with its cards and texts; ``lock`` holds it (on PostgreSQL) until commit,
    so two admins' changes to one edition are applied one after the other."""
    query = _editions_query().where(EditionRow.slug == slug)
    if lock:
        query = query.with_for_update()
    return session.scalars(query).first()


def has_editions(session: Session) -> bool:
    return session.scalars(select(EditionRow.id).limit(1)).first() is not None


def load_editions(session: Session, slugs: Sequence[str] | None = None) -> list[EditionSpec]:
    """Editions as specs, in slug order; all of them when ``slugs`` is None."""
    query = _editions_query().order_by(EditionRow.slug)
    if slugs is not None:
        query = query.where(EditionRow.slug.in_(slugs))
    return [edition_spec(row) for row in session.scalars(query)]


def playable_cards(
    session: Session, slugs: Sequence[str], language: str
) -> tuple[engine.Card, ...]:
    """The active cards of the published editions ``slugs`` that have a text in the room's
    ``language``, ready to play, each with its texts in every language it has."""
    has_language = select(CardTextRow.card_id).where(CardTextRow.language == language)
    query = (
        select(EditionRow.slug, CardRow)
        .join(CardRow.edition)
        .where(
            EditionRow.slug.in_(slugs),
            EditionRow.status == "published",
            CardRow.active.is_(True),
            CardRow.id.in_(has_language),
        )
        .options(selectinload(CardRow.texts))
        .order_by(EditionRow.slug, CardRow.position)
    )
    return shared(
        engine.Card(
            id=f"{slug}/{card.key}",
            sense=card.sense,
            kind=card.kind,
            depth=card.depth,
            texts={
                text.language: engine.CardText(
                    text.question, text.follow_up, text.image_alt, text.status
                )
                for text in card.texts
            },
            image=card.image,
        )
        for slug, card in session.execute(query)
    )


def published_languages(session: Session) -> list[str]:
    """Every language a card of a published edition has a text in: Dutch and English first."""
    query = (
        select(CardTextRow.language)
        .distinct()
        .join(CardTextRow.card)
        .join(CardRow.edition)
        .where(EditionRow.status == "published")
    )
    found = set(session.scalars(query))
    return [*(lang for lang in LANGUAGES if lang in found), *sorted(found - set(LANGUAGES))]
