"""The use case: an edition's cards in play, in one language, as a PDF to print.

Both the editor's print button and ``kletsborden print-cards`` come here, so paper and screen
agree on which cards are in a deck: the active ones that have a text in the chosen language, in
the order the admin gave them (as in a game).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..config import LANGUAGES
from ..deck_editor import NotFound
from ..deck_editor.editions import get_edition
from ..editions.model import EditionSpec
from ..i18n import translate
from ..store.database import Database
from .pdf import PrintCard, render_deck


class PrintError(LookupError):
    """Nothing to print; ``code`` names why, in the catalog under ``admin.print.error``."""

    def __init__(self, code: str, **params: str):
        super().__init__(code)
        self.code = code
        self.params = params

    @property
    def key(self) -> str:
        return f"admin.print.error.{self.code}"

    def params_in(self, language: str) -> dict[str, str]:
        """The message's params, with the name of the asked-for language in ``language``."""
        params = dict(self.params)
        if params.get("wanted") in LANGUAGES:
            params["language_name"] = translate(f"ui.language.{params['wanted']}", language)
        return params

    def message(self, language: str) -> str:
        return translate(self.key, language, **self.params_in(language))


@dataclass(frozen=True)
class PrintedDeck:
    filename: str
    content: bytes
    cards: int


def cards_to_print(edition: EditionSpec, language: str) -> list[PrintCard]:
    """The active cards of ``edition`` with a text in ``language``, in the edition's order."""
    return [
        PrintCard(
            id=card.id,
            sense=card.sense,
            depth=card.depth,
            question=card.texts[language].question,
            follow_up=card.texts[language].follow_up,
            kind=card.kind,
        )
        for card in edition.cards
        if card.active and language in card.texts
    ]


def print_edition(
    db: Database, slug: str, language: str, published_only: bool = False, touching: bool = False
) -> PrintedDeck:
    """The PDF of an edition; ``published_only`` hides drafts and the archive (facilitators);
    ``touching`` prints the cards without room between them, for a guillotine."""
    if language not in LANGUAGES:
        raise PrintError("unknown_language", wanted=language[:12])
    try:
        edition = get_edition(db, slug)
    except NotFound:
        raise PrintError("unknown_edition", edition=slug) from None
    if published_only and edition.status != "published":
        raise PrintError("unknown_edition", edition=slug)
    cards = cards_to_print(edition, language)
    if not cards:
        raise PrintError("no_cards", edition=slug, wanted=language)
    name = edition.name.get(language) or next(iter(edition.name.values()), slug)
    content = render_deck(cards, language, title=f"Kletsborden: {name}", touching=touching)
    suffix = "-snijmachine" if touching else ""
    return PrintedDeck(f"kletsborden-{slug}-{language}{suffix}.pdf", content, len(cards))
