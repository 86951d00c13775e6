"""The card edition as plain data, independent of files and of the database.

An edition is a named set of cards. A card has one set of facts (sense, kind, depth, image) and one
text per language, so a Dutch card and its English translation are the same card.
"""

from __future__ import annotations

from dataclasses import dataclass, field

EDITION_STATUSES = ("draft", "published", "archived")
# A card text is reviewed by someone who speaks its language, or still a draft translation.
TEXT_STATUSES = ("reviewed", "draft")
# The words the editor shows for a status (admin.status.* in both languages) read as that status,
# so a spreadsheet author may write what they see on the page.
STATUS_WORDS = {
    "concept": "draft",
    "gepubliceerd": "published",
    "gearchiveerd": "archived",
}


@dataclass(frozen=True)
class CardText:
    """What players read of a card in one language; a ``draft`` is not yet checked by someone
    who speaks the language."""

    question: str
    follow_up: str | None = None
    image_alt: str | None = None
    status: str = "reviewed"


@dataclass(frozen=True)
class CardSpec:
    """One card of an edition. ``id`` is stable across languages, edits and imports."""

    id: str
    sense: str
    kind: str
    depth: int
    texts: dict[str, CardText]
    image: str | None = None
    active: bool = True


@dataclass(frozen=True)
class EditionSpec:
    """A named set of cards; ``cards`` keeps the order the admin gave them."""

    id: str
    name: dict[str, str]
    description: dict[str, str] = field(default_factory=dict)
    status: str = "published"
    cards: tuple[CardSpec, ...] = ()

    def languages(self) -> tuple[str, ...]:
        """Every language at least one card has a text in, in a stable order."""
        seen = {lang for card in self.cards for lang in card.texts}
        return tuple(sorted(seen))

    def draft_languages(self) -> tuple[str, ...]:
        """The languages in which some card's text is still a draft."""
        seen = {
            lang
            for card in self.cards
            for lang, text in card.texts.items()
            if text.status == "draft"
        }
        return tuple(sorted(seen))


@dataclass(frozen=True)
class Fault:
    """One thing wrong in an edition file, precise enough for its author to find and fix it.

    ``reason`` is for people reading a file's faults (in English). The deck editor shows a fault
    next to its form field and in the admin's language, so checks also name the ``path`` of the
    field ("nl.question"), a stable ``code`` ("too_long") and its ``params``; the ``edition`` and,
    for CSV, the ``row`` say where it is. These are optional and not part of a fault's equality.
    """

    file: str
    card_id: str | None
    reason: str
    path: str | None = field(default=None, compare=False)
    code: str | None = field(default=None, compare=False)
    params: dict[str, object] = field(default_factory=dict, compare=False)
    edition: str | None = field(default=None, compare=False)
    row: int | None = field(default=None, compare=False)

    def __str__(self) -> str:
        return ": ".join([*self.where(), self.reason])

    def where(self, words: tuple[str, str, str] = ("row", "edition", "card")) -> list[str]:
        """Where to look, most general first: file, CSV row, edition, card (those known).

        ``words`` name the row, edition and card, so a translated line says the same places.
        """
        row, edition, card = words
        parts = [self.file] if self.file else []
        if self.row is not None:
            parts.append(f"{row} {self.row}")
        if self.edition:
            parts.append(f"{edition} {self.edition}")
        if self.card_id:
            parts.append(f"{card} {self.card_id}")
        return parts


class EditionFileError(ValueError):
    """An edition file could not be used; ``faults`` lists every problem, not only the first."""

    def __init__(self, faults: list[Fault]):
        self.faults = faults
        super().__init__("\n".join(str(f) for f in faults))
