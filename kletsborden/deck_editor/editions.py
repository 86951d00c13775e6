"""Editions: list, create (empty or as a copy), rename, and move between draft, published and
archived. Only published editions are ever played; publishing is its own explicit step.

A copy of a published edition is a draft of a new version of it (``replaces``): publishing the
draft updates the published edition in place, with history, instead of adding a second edition
with the same name."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy.orm import Session

from ..editions.model import EditionSpec
from ..editions.validate import Report, check_edition
from ..store import audit
from ..store.audit import AuditEntry, edition_meta
from ..store.database import Database
from ..store.editions import (
    card_spec,
    edition_row,
    edition_spec,
    load_editions,
    save_editions,
    write_card,
)
from ..store.models import CardRow, EditionRow
from . import EditorError, fault, find_card, find_edition, slugify

STATUS_ORDER = ("published", "draft", "archived")
# Status buttons: the statuses each may start from, the status it sets, and its audit action.
TRANSITIONS = {
    "publish": ({"draft"}, "published", "edition_published"),
    "unpublish": ({"published"}, "draft", "edition_unpublished"),
    "archive": ({"draft", "published"}, "archived", "edition_archived"),
    "restore": ({"archived"}, "draft", "edition_restored"),
}


def list_editions(db: Database) -> list[EditionSpec]:
    """Every edition: published first, then drafts, then the archive."""
    with db.transaction() as session:
        editions = load_editions(session)
    return sorted(editions, key=lambda e: (STATUS_ORDER.index(e.status), e.id))


def get_edition(db: Database, slug: str) -> EditionSpec:
    with db.transaction() as session:
        return edition_spec(find_edition(session, slug))


def history(db: Database, slug: str, key: str | None = None) -> list[AuditEntry]:
    """The newest changes to an edition and its cards, or to one of its cards."""
    with db.transaction() as session:
        edition = find_edition(session, slug)
        if key is not None:
            find_card(edition, key)
        return audit.history(session, slug, key)


def _checked_meta(slug: str, name: Any, description: Any, status: str) -> EditionSpec:
    report = Report("")
    raw = {"id": slug, "name": name, "description": description, "status": status, "cards": []}
    spec = check_edition(raw, report)
    if spec is None:
        raise EditorError(report.faults)
    return spec


def _free_slug(session: Session, slug: str, name: dict[str, str]) -> str:
    """The id asked for (refused when taken), or one made from the name when none was asked."""
    if slug:
        if edition_row(session, slug) is not None:
            raise EditorError([fault("taken", f"edition {slug!r} exists", "id")])
        return slug
    base = slugify(next(iter(name.values()), ""))
    candidate, number = base, 2
    while edition_row(session, candidate) is not None:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def create_edition(
    db: Database,
    actor: str,
    slug: str,
    name: dict[str, str],
    description: dict[str, str],
    copy_of: str | None = None,
) -> EditionSpec:
    """A new draft edition, empty or with a copy of the cards of ``copy_of``.

    An empty ``slug`` gets an id made from the name.
    """
    with db.transaction() as session:
        source = find_edition(session, copy_of) if copy_of else None
        checked = _checked_meta(slug or "x", name, description, "draft")
        slug = _free_slug(session, slug, checked.name)
        row = EditionRow(
            slug=slug, name=checked.name, description=checked.description, status="draft"
        )
        if source is not None and source.status == "published":
            row.replaces = source.slug  # a new version of it, not a second edition
        session.add(row)
        for card in source.cards if source else ():
            copy = CardRow(key=card.key, position=card.position)
            row.cards.append(copy)
            write_card(copy, card_spec(card))
        after = edition_meta(edition_spec(row))
        if source:
            after["copy_of"] = source.slug
        if row.replaces:
            after["replaces"] = row.replaces
        action = "edition_duplicated" if source else "edition_created"
        audit.record(session, actor, action, edition=slug, after=after)
        session.flush()
        return edition_spec(row)


def update_edition(
    db: Database, actor: str, slug: str, name: dict[str, str], description: dict[str, str]
) -> EditionSpec:
    """A new name or description; the id, the status and the cards stay."""
    with db.transaction() as session:
        row = find_edition(session, slug, lock=True)
        checked = _checked_meta(slug, name, description, row.status)
        before = edition_meta(edition_spec(row))
        row.name, row.description = checked.name, checked.description
        after = edition_meta(edition_spec(row))
        if after != before:
            audit.record(
                session, actor, "edition_changed", edition=slug, before=before, after=after
            )
        return edition_spec(row)


def change_status(db: Database, actor: str, slug: str, step: str) -> EditionSpec:
    """Publish, unpublish, archive or restore; a published edition needs an active card."""
    if step not in TRANSITIONS:
        raise EditorError([fault("choice", f"unknown step {step!r}", "status")])
    starts, status, action = TRANSITIONS[step]
    with db.transaction() as session:
        row = find_edition(session, slug, lock=True)
        if row.status not in starts:
            raise EditorError([fault("status_changed", f"edition is {row.status}", "status")])
        if status == "published" and not any(card.active for card in row.cards):
            raise EditorError([fault("nothing_to_publish", "no active card", "status")])
        if status == "published" and row.replaces:
            return _replace(session, actor, row)
        before = edition_meta(edition_spec(row))
        row.status = status
        after = edition_meta(edition_spec(row))
        audit.record(session, actor, action, edition=slug, before=before, after=after)
        return edition_spec(row)


def replaced_by_publishing(db: Database, slug: str) -> str | None:
    """The published edition this draft replaces when it is published (None: it is its own)."""
    with db.transaction() as session:
        row = find_edition(session, slug)
        replaces = row.replaces
        return replaces if replaces and edition_row(session, replaces) is not None else None


def _replace(session: Session, actor: str, draft: EditionRow) -> EditionSpec:
    """Publish a draft copy as the new version of the edition it was copied from.

    The edition keeps its id, so templates, rooms and reports that name it go on; its name,
    description and cards become the draft's, each change in its history (as an import does);
    the draft itself goes away. Cards the draft no longer has are never deleted: they stay,
    after the others, as an import leaves them.
    """
    target = edition_row(session, draft.replaces or "", lock=True)
    if target is None:  # the original is gone: the draft simply becomes published itself
        draft.replaces = None
        draft.status = "published"
        audit.record(session, actor, "edition_published", edition=draft.slug)
        return edition_spec(draft)
    before = {target.slug: edition_spec(target)}
    spec = replace(edition_spec(draft), id=target.slug, status="published")
    report = save_editions(session, [spec])
    audit.record_import(session, actor, before, [spec], report)
    audit.record(
        session,
        actor,
        "edition_replaced",
        edition=target.slug,
        before=edition_meta(before[target.slug]),
        after={**edition_meta(spec), "copy": draft.slug},
    )
    session.delete(draft)
    session.flush()
    return edition_spec(target)
