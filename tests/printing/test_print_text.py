"""Setting the texts: lines that fit, nothing left out, no hyphens, large type, Dutch characters;
and the deck always finds a card size on which every text fits."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kletsborden.config import MAX_FOLLOW_UP_LENGTH, MAX_QUESTION_LENGTH
from kletsborden.printing.fonts import BOLD, REGULAR, printable, text_width
from kletsborden.printing.layout import GRIDS, text_box
from kletsborden.printing.pdf import PrintCard, by_grid, fit_card, fits_usual_card
from kletsborden.printing.text import (
    FOLLOW_UP_MIN_SIZE,
    QUESTION_MIN_SIZE,
    QUESTION_SIZES,
    fit_texts,
    wrap,
)

# Curly quotes (right single quote, double quotes) as escapes, so the source stays plain.
DUTCH = "Wat zie jij \u2019s ochtends? \u201cÉén keer\u201d is genoeg, café-ideeën ook."
MM = 72 / 25.4


def test_dutch_characters_are_printed_as_they_are() -> None:
    for font in (REGULAR, BOLD):
        assert printable(DUTCH, font) == DUTCH


def test_a_character_the_font_lacks_gets_its_plain_form() -> None:
    assert printable("\U0001d400ls") == "Als", "a mathematical bold A is an A"
    assert printable("\uff37at?") == "Wat?", "so is a full-width W"


# Letters of the languages the default edition ships: Turkish, Polish, Ukrainian, Arabic.
LETTERS = "ığşçöüİĞŞÇ łąęśćżźńó ЇїЄєҐґЩщЮюЯя ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


def test_the_letters_of_every_shipped_language_are_printed_as_they_are() -> None:
    for font in (REGULAR, BOLD):
        assert printable(LETTERS, font) == LETTERS


@given(
    st.text(
        alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzWMéëï\u2019\u201c\u201d?!.,-  "),
        max_size=MAX_QUESTION_LENGTH,
    ),
    st.sampled_from([40.0, 120.0, 220.0]),
)
@settings(max_examples=60, deadline=None)
def test_wrapped_lines_fit_and_keep_every_letter(text: str, width: float) -> None:
    lines = wrap(text, BOLD, 16, width)
    for line in lines:
        assert text_width(line, BOLD, 16) <= width + 1e-6 or len(line) == 1
        assert line == line.strip()
    assert "".join("".join(lines).split()) == "".join(text.split()), "nothing dropped or added"
    if all(text_width(word, BOLD, 16) <= width for word in text.split()):
        assert " ".join(lines) == " ".join(text.split()), "breaks only between words"


def test_a_word_longer_than_a_line_is_split_between_letters_without_a_hyphen() -> None:
    word = "kinderboerderijvrijwilligerscoördinatorenoverleg"
    lines = wrap(word, BOLD, 20, 100)
    assert len(lines) > 1
    assert "".join(lines) == word
    assert not any(line.endswith("-") for line in lines)


def test_a_short_question_is_set_at_the_largest_size() -> None:
    texts = fit_texts("Wat hoor je nu?", "En gisteren?", 220, 160)
    assert texts is not None
    assert texts.question.size == QUESTION_SIZES[0]
    assert texts.follow_up is not None
    assert texts.follow_up.size < texts.question.size


def test_a_long_question_shrinks_but_never_below_large_type() -> None:
    question = "Vertel eens over een geluid uit je jeugd dat je nooit meer hoort. " * 3
    roomy = fit_texts(question, None, 220, 400)
    tight = fit_texts(question, None, 220, 150)
    assert roomy is not None and tight is not None
    assert tight.question.size < roomy.question.size
    assert tight.question.size >= QUESTION_MIN_SIZE >= 14
    assert tight.height <= 150
    assert fit_texts(question, None, 220, 40) is None, "too little room: say so, cut nothing"


def test_the_follow_up_is_smaller_and_never_tiny() -> None:
    texts = fit_texts("Kort?", "Een vervolgvraag. " * 10, 220, 200)
    assert texts is not None and texts.follow_up is not None
    assert FOLLOW_UP_MIN_SIZE <= texts.follow_up.size < texts.question.size


def test_the_default_cards_print_six_to_a_sheet(default_print_cards: list[PrintCard]) -> None:
    [(grid, fronts)] = by_grid(default_print_cards)
    assert (grid.columns, grid.rows) == (2, 3)
    assert [card for card, _ in fronts] == default_print_cards


def test_follow_up_questions_print_at_12_points_at_least() -> None:
    assert FOLLOW_UP_MIN_SIZE >= 12
    texts = fit_texts("Kort?", "Een vervolgvraag. " * 12, 220, 200)
    assert texts is not None and texts.follow_up is not None and texts.follow_up.size >= 12


@pytest.mark.parametrize("letter", ["W", "i", "m "])
def test_the_longest_texts_allowed_still_fit_on_some_card(letter: str) -> None:
    longest = PrintCard(
        id="lang",
        sense="zien",
        depth=3,
        question=(letter * MAX_QUESTION_LENGTH)[:MAX_QUESTION_LENGTH],
        follow_up=(letter * MAX_FOLLOW_UP_LENGTH)[:MAX_FOLLOW_UP_LENGTH],
    )
    ordinary = PrintCard(id="kort", sense="horen", depth=1, question="Wat hoor je?")
    grid, fitted = fit_card(longest.question, longest.follow_up)
    texts = fitted.first
    box = text_box(grid.front(0))
    assert texts.height <= box.height * MM
    assert texts.question.size >= QUESTION_MIN_SIZE
    assert "".join(texts.question.lines).replace(" ", "") == longest.question.replace(" ", "")
    groups = {g: [card.id for card, _ in members] for g, members in by_grid([ordinary, longest])}
    assert groups[GRIDS[0]][0] == "kort", "the ordinary card keeps the usual size"
    if letter == "W":
        assert grid != GRIDS[0], "a very long card is printed larger, on its own sheet"
        assert groups == {GRIDS[0]: ["kort"], grid: ["lang"]}
        assert not fits_usual_card(longest.question, longest.follow_up)
    assert fits_usual_card(ordinary.question, ordinary.follow_up)
