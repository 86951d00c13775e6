"""The use case: an edition's cards in play, in one language or two, as a PDF to print.

Both the editor's print button and ``kletsborden print-cards`` come here, so paper and screen
agree on which cards are in a deck: the active ones that have a text in the chosen language, in
the order the admin gave them (as in a game). Any language the edition has can be printed; a
bilingual deck (for a table that shares no language) has the second language under the first,
on the cards that have a text in it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..deck_editor import NotFound
from ..deck_editor.editions import get_edition
from ..editions.model import EditionSpec
from ..i18n import translate
from ..languages import direction, is_language, language_label
from ..store.database import Database
from .pdf import PrintCard, PrintText, render_deck


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
        if is_language(params.get("wanted")):
            params["language_name"] = language_label(params["wanted"], language)
        return params

    def message(self, language: str) -> str:
        return translate(self.key, language, **self.params_in(language))


@dataclass(frozen=True)
class PrintedDeck:
    filename: str
    content: bytes
    cards: int


def cards_to_print(
    edition: EditionSpec, language: str, second: str | None = None
) -> list[PrintCard]:
    """The active cards of ``edition`` with a text in ``language``, in the edition's order,
    each with its text in ``second`` under it where it has one."""
    rtl = direction(language) == "rtl"
    printed = []
    for card in edition.cards:
        if not card.active or language not in card.texts:
            continue
        text, other = card.texts[language], card.texts.get(second or "")
        printed.append(
            PrintCard(
                id=card.id,
                sense=card.sense,
                depth=card.depth,
                question=text.question,
                follow_up=text.follow_up,
                kind=card.kind,
                rtl=rtl,
                second=PrintText(other.question, other.follow_up, direction(second) == "rtl")
                if other and second
                else None,
            )
        )
    return printed


def print_edition(
    db: Database,
    slug: str,
    language: str,
    published_only: bool = False,
    touching: bool = False,
    second: str | None = None,
) -> PrintedDeck:
    """The PDF of an edition; ``published_only`` hides drafts and the archive (facilitators);
    ``touching`` prints the cards without room between them, for a guillotine; ``second`` is a
    language printed under ``language`` on each card (a bilingual deck)."""
    for wanted in (language, second):
        if wanted is not None and not is_language(wanted):
            raise PrintError("not_a_language", wanted=wanted[:12])
    if second == language:
        second = None
    try:
        edition = get_edition(db, slug)
    except NotFound:
        raise PrintError("unknown_edition", edition=slug) from None
    if published_only and edition.status != "published":
        raise PrintError("unknown_edition", edition=slug)
    cards = cards_to_print(edition, language, second)
    if not cards:
        raise PrintError("no_cards", edition=slug, wanted=language)
    name = edition.name.get(language) or next(iter(edition.name.values()), slug)
    content = render_deck(cards, language, title=f"Kletsborden: {name}", touching=touching)
    languages = f"{language}-{second}" if second else language
    suffix = "-snijmachine" if touching else ""
    return PrintedDeck(f"kletsborden-{slug}-{languages}{suffix}.pdf", content, len(cards))
