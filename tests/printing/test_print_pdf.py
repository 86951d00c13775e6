"""The printable deck end to end: from the database to a PDF that poppler renders and reads.

Every page renders to a page with something on it; the text holds every card in play and no
other; fronts and backs alternate, and each back lands behind its front on a long-edge flip.
"""

from __future__ import annotations

import math

import pytest

from kletsborden.card_library import import_editions, prepare_database
from kletsborden.deck_editor.editions import get_edition
from kletsborden.editions.model import CardSpec, CardText, EditionSpec
from kletsborden.printing.deck import PrintError, cards_to_print, print_edition
from kletsborden.printing.layout import PAGE_HEIGHT, Grid, Rect
from kletsborden.printing.pdf import PrintCard, render_deck
from kletsborden.store.database import Database

from .poppler import Word, dark_share_per_page, flat, fonts, page_count, page_texts, page_words

MM = 72 / 25.4
SENSE_WORDS = {"nl": ("Horen", "Zien", "Voelen"), "en": ("Hearing", "Seeing", "Feeling")}
# Curly quotes (right single quote, double quotes) as escapes, so the source stays plain.
DUTCH = "Wat hoor je \u2019s ochtends het eerst? \u201cÉén vogel\u201d of de koffie?"


def card(key: str, sense: str = "zien", active: bool = True, **texts: CardText) -> CardSpec:
    return CardSpec(id=key, sense=sense, kind="gewoon", depth=2, texts=texts, active=active)


def trial(*cards: CardSpec, status: str = "published") -> EditionSpec:
    return EditionSpec(id="proef", name={"nl": "Proef", "en": "Trial"}, status=status, cards=cards)


def assert_every_page_renders(pdf: bytes) -> None:
    shares = dark_share_per_page(pdf)
    assert len(shares) == page_count(pdf)
    for number, share in enumerate(shares, start=1):
        assert share > 0.002, f"page {number} is blank"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_default_deck_prints_every_card_in_play(db: Database, language: str) -> None:
    prepare_database(db)
    deck = print_edition(db, "kletsborden", language)
    assert deck.content.startswith(b"%PDF-")
    assert deck.filename == f"kletsborden-kletsborden-{language}.pdf"
    active = [c for c in get_edition(db, "kletsborden").cards if c.active]
    assert deck.cards == len(active) > 50
    assert page_count(deck.content) == 2 * math.ceil(len(active) / 6)
    assert_every_page_renders(deck.content)
    texts = page_texts(deck.content)
    fronts, backs = flat(" ".join(texts[0::2])), texts[1::2]
    for spec in active:
        assert flat(spec.texts[language].question) in fronts, spec.id
        if spec.texts[language].follow_up:
            assert flat(spec.texts[language].follow_up) in fronts, spec.id
        assert spec.id in fronts
    for back in backs:
        words = set(flat(back).split())
        assert words <= {*SENSE_WORDS[language], "Kletsborden"} and len(words) > 1


def test_only_active_cards_with_a_text_in_the_language(db: Database) -> None:
    import_editions(
        db,
        [
            trial(
                card("p-1", "horen", nl=CardText(DUTCH, "En wat hoor je \u2019s avonds?")),
                card("p-2", "zien", active=False, nl=CardText("Deze kaart is uit het spel.")),
                card("p-3", "voelen", en=CardText("Only in English: what do you feel?")),
                card("p-4", "voelen", nl=CardText("Wat voel je als je café-ideeën hoort?")),
            )
        ],
    )
    deck = print_edition(db, "proef", "nl")
    assert deck.cards == 2
    assert page_count(deck.content) == 2
    assert_every_page_renders(deck.content)
    front, back = (flat(t) for t in page_texts(deck.content))
    assert DUTCH in front, "accents and curly quotes come through unchanged"
    assert "En wat hoor je \u2019s avonds?" in front
    assert "Wat voel je als je café-ideeën hoort?" in front
    assert "Diepte 2" in front and "Horen" in front and "Voelen" in front
    assert "uit het spel" not in front and "Only in English" not in front
    assert "Horen" in back and "Voelen" in back and "Zien" not in back
    english = print_edition(db, "proef", "en")
    assert english.cards == 1
    english_front = flat(page_texts(english.content)[0])
    assert "Only in English: what do you feel?" in english_front
    assert "Depth 2" in english_front and "Feeling" in english_front


def test_each_back_is_behind_its_front() -> None:
    senses = ["horen", "zien", "voelen", "zien", "horen"]  # five: the last sheet is not full
    cards = [PrintCard(f"kaart-{i}", s, 1 + i % 3, f"Vraag {i}?") for i, s in enumerate(senses)]
    pdf = render_deck(cards, "nl", "proef")
    assert page_count(pdf) == 2
    grid = Grid(2, 3)
    fronts, backs = page_words(pdf, 1), page_words(pdf, 2)
    names = dict(zip(("horen", "zien", "voelen"), SENSE_WORDS["nl"], strict=True))
    for slot, printed in enumerate(cards):
        assert printed.id in [w.text for w in _inside(fronts, grid.front(slot))]
        on_back = {w.text for w in _inside(backs, grid.back(slot))}
        assert on_back == {names[printed.sense], "Kletsborden"}, slot
    assert _inside(backs, grid.back(5)) == [], "nothing behind the empty place"
    assert grid.back(0) == grid.front(1), "the first card's back is on the right"


def _inside(words: list[Word], card: Rect) -> list[Word]:
    def contains(word: Word) -> bool:
        x, y = word.x / MM, PAGE_HEIGHT - word.y / MM
        return card.x <= x <= card.right and card.y <= y <= card.top

    return [w for w in words if contains(w)]


def test_the_same_cards_give_the_same_file() -> None:
    cards = [PrintCard("a", "zien", 1, "Wat zie je?", "En nu?")]
    assert render_deck(cards, "nl", "proef") == render_deck(cards, "nl", "proef")


def test_cards_to_print_keeps_the_editions_order(default_edition: EditionSpec) -> None:
    printed = cards_to_print(default_edition, "en")
    expected = [c.id for c in default_edition.cards if c.active and "en" in c.texts]
    assert [c.id for c in printed] == expected


def test_what_cannot_be_printed_says_why(db: Database) -> None:
    import_editions(
        db,
        [
            trial(card("p-1", active=False, nl=CardText("Uit het spel?"))),
            EditionSpec(
                id="concept",
                name={"nl": "Concept"},
                status="draft",
                cards=(card("c-1", nl=CardText("Nog niet af?")),),
            ),
        ],
    )
    cases = [
        ("bestaat-niet", "nl", False, "unknown_edition", "De editie bestaat-niet bestaat niet."),
        ("proef", "nl", False, "no_cards", "geen kaarten in het spel met een tekst in het Ned"),
        ("proef", "xx", False, "not_a_language", "De taal xx kennen we niet."),
        ("proef", "fr", False, "no_cards", "met een tekst in het Français"),
        ("concept", "nl", True, "unknown_edition", "De editie concept bestaat niet."),
    ]
    for slug, language, published_only, code, dutch in cases:
        with pytest.raises(PrintError) as caught:
            print_edition(db, slug, language, published_only=published_only)
        assert caught.value.code == code
        assert dutch in caught.value.message("nl")
        assert caught.value.message("en") != caught.value.message("nl")
    assert print_edition(db, "concept", "nl").cards == 1, "admins may print a draft"


def test_every_font_of_the_printed_cards_is_embedded(db: Database) -> None:
    """A printer without our fonts prints the same: no font (Helvetica either) left out."""
    prepare_database(db)
    used = fonts(print_edition(db, "kletsborden", "nl").content)
    assert used and all(embedded for _name, embedded in used), used
    assert not any("Helvetica" in name for name, _ in used)


def test_one_long_card_is_printed_larger_and_the_rest_stay_six_to_a_sheet() -> None:
    ordinary = [PrintCard(f"kort-{i}", "horen", 1, f"Wat hoor je {i}?") for i in range(7)]
    long_card = PrintCard("lang", "zien", 3, "W" * 300, "W" * 300, kind="ongewoon")
    pdf = render_deck([*ordinary[:3], long_card, *ordinary[3:]], "nl", "Proef")
    # 7 usual cards: two sheets of fronts and backs; the long card: one more sheet.
    assert page_count(pdf) == 2 * 2 + 2
    texts = page_texts(pdf)
    assert all(f"kort-{i}" in " ".join(texts[:4]) for i in range(7))
    assert "lang" in texts[4] and "kort" not in texts[4]
    assert flat(texts[0]).count("Gewone vraag") == 6, "the kind of question is on the card"
    assert "Ongewone vraag" in texts[4]


def test_cards_that_touch_print_the_same_cards_with_the_cuts_in_the_margin(db: Database) -> None:
    prepare_database(db)
    usual = print_edition(db, "kletsborden", "nl")
    touching = print_edition(db, "kletsborden", "nl", touching=True)
    assert touching.filename == "kletsborden-kletsborden-nl-snijmachine.pdf"
    assert page_count(touching.content) == page_count(usual.content)
    assert flat(" ".join(page_texts(touching.content))) == flat(" ".join(page_texts(usual.content)))
    assert_every_page_renders(touching.content)
