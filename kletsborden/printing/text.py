"""Setting a card's question and follow-up question in the space on its front.

The question starts large and shrinks a point at a time, never below QUESTION_MIN_SIZE; the
follow-up question is always smaller. Lines break between words, and a word longer than a whole
line between its letters; nothing is hyphenated and nothing is left out. When the texts do not
fit even at the smallest sizes, ``fit_texts`` says so and the deck is printed on larger cards.
"""

from __future__ import annotations

from dataclasses import dataclass

from .fonts import BOLD, REGULAR, printable, text_width
from .shaping import shaped, visual

QUESTION_SIZES = tuple(range(20, 13, -1))  # points: 20 down to 14, large type
QUESTION_MIN_SIZE = QUESTION_SIZES[-1]
FOLLOW_UP_MAX_SIZE = 14
FOLLOW_UP_MIN_SIZE = 12  # points: read at arm's length by older eyes too
LEADING = 1.22  # line height as a multiple of the font size
PARAGRAPH_GAP = 0.7  # space between question and follow-up, in lines of the follow-up


@dataclass(frozen=True)
class Block:
    """Lines of one text in one font and size, in the order they are drawn; ``rtl`` lines
    are set from the right edge (Arabic)."""

    font: str
    size: float
    lines: tuple[str, ...]
    rtl: bool = False

    @property
    def line_height(self) -> float:
        return self.size * LEADING

    @property
    def height(self) -> float:
        return len(self.lines) * self.line_height


@dataclass(frozen=True)
class FrontTexts:
    """The question, and the follow-up question when the card has one, ready to draw."""

    question: Block
    follow_up: Block | None

    @property
    def gap(self) -> float:
        return self.follow_up.size * PARAGRAPH_GAP if self.follow_up else 0.0

    @property
    def height(self) -> float:
        extra = self.follow_up.height + self.gap if self.follow_up else 0.0
        return self.question.height + extra


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` in lines no wider than ``width`` points; a line break in the text is kept."""
    lines: list[str] = []
    for paragraph in printable(text, font).splitlines() or [""]:
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if text_width(candidate, font, size) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = ""
            for piece in _pieces(word, font, size, width):
                if line:
                    lines.append(line)
                line = piece
        if line:
            lines.append(line)
    return lines


def _pieces(word: str, font: str, size: float, width: float) -> list[str]:
    """A word as it is, or split between letters when it is wider than a line."""
    if text_width(word, font, size) <= width:
        return [word]
    pieces, piece = [], ""
    for letter in word:
        if piece and text_width(piece + letter, font, size) > width:
            pieces.append(piece)
            piece = ""
        piece += letter
    return pieces + [piece]


def fit_texts(
    question: str, follow_up: str | None, width: float, height: float, rtl: bool = False
) -> FrontTexts | None:
    """The largest sizes at which both texts fit in ``width`` x ``height`` points, or None.

    ``rtl``: the texts are written right to left; lines break in reading order and are then
    turned into the order they are drawn in.
    """
    for size in QUESTION_SIZES:
        follow_size = max(FOLLOW_UP_MIN_SIZE, min(FOLLOW_UP_MAX_SIZE, size - 6))
        texts = FrontTexts(
            _block(question, BOLD, size, width, rtl),
            _block(follow_up, REGULAR, follow_size, width, rtl)
            if follow_up and follow_up.strip()
            else None,
        )
        if texts.height <= height:
            return texts
    return None


def _block(text: str, font: str, size: float, width: float, rtl: bool) -> Block:
    lines = wrap(shaped(text), font, size, width)
    return Block(font, size, tuple(visual(line, rtl) for line in lines), rtl)
