"""Printed decks in every language the default edition has, and bilingual decks, read back
with poppler: the words come out as written (Arabic shaped and right to left), in fonts that
are embedded and draw every letter."""

from __future__ import annotations

import unicodedata

import pytest

from kletsborden.card_library import prepare_database
from kletsborden.deck_editor.editions import get_edition
from kletsborden.printing.deck import print_edition
from kletsborden.printing.fonts import font_files
from kletsborden.printing.layout import GRIDS, text_box
from kletsborden.store.database import Database

from .poppler import flat, fonts, page_texts, page_words

MM = 72 / 25.4
# Short vowel marks (harakat) are left out of printed Arabic (docs/printing.md): compare without.
HARAKAT = {chr(c) for c in range(0x064B, 0x0653)}


def _words(text: str) -> list[str]:
    """The words of a text as poppler gives printed Arabic back: letters only, no vowel marks,
    no joining forms, no punctuation (which sits at a line's visual end)."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if ch not in HARAKAT)
    kept = "".join(ch if ch.isalnum() else " " for ch in text)
    return kept.split()


def _contains(printed: list[str], words: list[str]) -> bool:
    return any(printed[i : i + len(words)] == words for i in range(len(printed)))


def _read_back(pdf: bytes) -> list[str]:
    """Every word of the deck in reading order. poppler gives each line's words from left to
    right as drawn, so the words of a right-to-left line are turned around."""
    words = []
    for line in " ".join(page_texts(pdf)).splitlines():
        tokens = line.split()
        if any(unicodedata.bidirectional(ch) == "AL" for ch in line):
            tokens.reverse()
        words += _words(" ".join(tokens))
    return words


def test_the_cards_are_printed_in_dejavu_sans_embedded() -> None:
    assert {path.name for path in font_files().values()} == {
        "DejaVuSans.ttf",
        "DejaVuSans-Bold.ttf",
    }


@pytest.mark.parametrize("language", ["tr", "ar", "pl", "uk"])
def test_every_card_prints_in_each_shipped_language(db: Database, language: str) -> None:
    prepare_database(db)
    edition = get_edition(db, "kletsborden")
    deck = print_edition(db, "kletsborden", language)
    assert deck.cards == len(edition.cards) == 96
    assert deck.filename == f"kletsborden-kletsborden-{language}.pdf"
    used = fonts(deck.content)
    assert {name.split("+")[-1] for name, _ in used} == {"DejaVuSans", "DejaVuSans-Bold"}
    assert all(embedded for _, embedded in used)
    printed = _read_back(deck.content)
    for card in edition.cards:
        text = card.texts[language]
        assert _contains(printed, _words(text.question)), (card.id, text.question)


def test_arabic_lines_start_at_the_right_edge_of_the_card(db: Database) -> None:
    prepare_database(db)
    deck = print_edition(db, "kletsborden", "ar")
    words = page_words(deck.content, 1)
    arabic = [w for w in words if any(unicodedata.bidirectional(c) == "AL" for c in w.text)]
    latin = [w for w in words if w.text.startswith(("horen-", "zien-", "voelen-"))]
    assert arabic and latin
    box = text_box(GRIDS[0].front(0))
    # The first card's text box: its Arabic words lie against its right edge, none at the left.
    first = [w for w in arabic if w.x < box.right * MM + 1 and w.y < 100 * MM]
    assert max(w.x for w in first) > box.right * MM - 40
    assert min(w.x for w in first) > box.x * MM + 2


def test_a_bilingual_deck_has_the_second_language_under_the_first(db: Database) -> None:
    prepare_database(db)
    edition = get_edition(db, "kletsborden")
    deck = print_edition(db, "kletsborden", "nl", second="uk")
    assert deck.filename == "kletsborden-kletsborden-nl-uk.pdf"
    assert deck.cards == 96
    printed = flat(" ".join(page_texts(deck.content)))
    for card in edition.cards:
        dutch, ukrainian = flat(card.texts["nl"].question), flat(card.texts["uk"].question)
        assert printed.index(dutch) < printed.index(ukrainian), card.id
    # On paper: the first card of the first sheet has its Ukrainian words below its Dutch.
    first_page = flat(page_texts(deck.content)[0])
    card = next(c for c in edition.cards if flat(c.texts["nl"].question) in first_page)
    words = page_words(deck.content, 1)
    top_dutch = next(w for w in words if w.text == card.texts["nl"].question.split()[0])
    top_ukrainian = next(w for w in words if w.text == card.texts["uk"].question.split()[0])
    assert top_ukrainian.y > top_dutch.y


def test_a_bilingual_deck_with_arabic_under_dutch(db: Database) -> None:
    prepare_database(db)
    edition = get_edition(db, "kletsborden")
    deck = print_edition(db, "kletsborden", "nl", second="ar")
    printed = _read_back(deck.content)
    for card in edition.cards:
        assert _contains(printed, _words(card.texts["nl"].question)), card.id
        assert _contains(printed, _words(card.texts["ar"].question)), card.id
