"""The deck editor's use cases: admins change editions and cards, one transaction per change.

A change is checked with the card file rules (editions/validate.py) before anything is written,
and its audit entry is written in the same transaction: a change and its history are saved
together or not at all. Games in progress never notice: a room copies its cards when it starts.

``editions``, ``cards`` and ``transfer`` (import and export) hold the use cases; this module
holds what they share.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Sequence

from sqlalchemy.orm import Session

from ..config import LANGUAGES, MAX_ID_LENGTH
from ..editions.files import card_json
from ..editions.model import CardSpec, EditionSpec, Fault
from ..store.editions import edition_row
from ..store.models import CardRow, EditionRow


class EditorError(Exception):
    """A change the editor refused; ``faults`` say why, each at its field where it has one."""

    def __init__(self, faults: list[Fault], current: CardSpec | None = None):
        super().__init__("; ".join(f.reason for f in faults))
        self.faults = faults
        self.current = current  # for a conflict: the card as someone else saved it


class NotFound(LookupError):
    """No such edition, card or history entry."""


def fault(code: str, reason: str, path: str | None = None, **params: object) -> Fault:
    """A fault found by the editor itself rather than by the file rules."""
    return Fault("", None, reason, path, code, params)


def edition_languages(edition: EditionSpec) -> tuple[str, ...]:
    """The languages the editor offers for an edition's cards: Dutch and English, then every
    other language its cards have a text in (an edition brings its own languages)."""
    return (*LANGUAGES, *(lang for lang in edition.languages() if lang not in LANGUAGES))


def missing_languages(card: CardSpec, languages: Sequence[str] = LANGUAGES) -> tuple[str, ...]:
    """The ``languages`` (the product's by default) this card has no text in yet."""
    return tuple(lang for lang in languages if lang not in card.texts)


def draft_languages(card: CardSpec) -> tuple[str, ...]:
    """The languages whose text of this card no speaker of the language has checked yet."""
    return tuple(lang for lang, text in card.texts.items() if text.status == "draft")


def card_version(card: CardSpec) -> str:
    """A short fingerprint of a card's content: a form sends it back to detect a lost update."""
    text = json.dumps(card_json(card), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def slugify(text: str, fallback: str = "editie") -> str:
    """An id from a name: "Één keer zien!" -> "een-keer-zien"; admins need not invent ids."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[: MAX_ID_LENGTH - 4].strip("-")
    return slug or fallback


def find_edition(session: Session, slug: str, lock: bool = False) -> EditionRow:
    row = edition_row(session, slug, lock=lock)
    if row is None:
        raise NotFound(f"no edition {slug!r}")
    return row


def find_card(row: EditionRow, key: str) -> CardRow:
    for card in row.cards:
        if card.key == key:
            return card
    raise NotFound(f"no card {key!r} in edition {row.slug!r}")
