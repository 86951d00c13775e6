"""Where the cards go on an A4 sheet: pure geometry in millimetres, PDF coordinates (origin at
the bottom left, y upwards), nothing drawn.

Cards sit in a grid with a gap between them, so every corner has room for its cut marks outside
the card and a duplex printer that shifts the back a millimetre or two never prints one card's
back onto its neighbour. The back of a sheet mirrors its columns: after a flip on the long edge,
the back of each card lands right behind its front.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

PAGE_WIDTH = 210.0  # A4 portrait
PAGE_HEIGHT = 297.0
MARGIN = 15.0  # around the cards: cut marks and the printer's unprintable edge fit in it
GAP = 8.0  # between two cards
MARK_OFFSET = 1.0  # a cut mark starts this far from the card's corner ...
MARK_LENGTH = 2.5  # ... and is this long; two neighbours' marks never meet (2 * 3.5 < GAP)

# Inside a card.
PADDING = 6.0  # from the card's edge to anything printed on it
HEADER = 9.0  # the top strip of a front: sense icon and word, depth
FOOTER = 5.0  # the bottom strip of a front: the card's code
BACK_FRAME = 4.0  # the frame on a back, this far inside the edge (a crooked cut does not show)

T = TypeVar("T")


@dataclass(frozen=True)
class Rect:
    """A rectangle by its bottom-left corner and its size."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def top(self) -> float:
        return self.y + self.height

    def overlaps(self, other: Rect) -> bool:
        return (
            self.x < other.right
            and other.x < self.right
            and self.y < other.top
            and other.y < self.top
        )

    def contains(self, other: Rect) -> bool:
        return (
            self.x <= other.x
            and other.right <= self.right
            and self.y <= other.y
            and other.top <= self.top
        )


@dataclass(frozen=True)
class Line:
    """A cut mark: a straight line from (x1, y1) to (x2, y2)."""

    x1: float
    y1: float
    x2: float
    y2: float


PAGE = Rect(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT)
PRINTABLE = Rect(MARGIN, MARGIN, PAGE_WIDTH - 2 * MARGIN, PAGE_HEIGHT - 2 * MARGIN)


@dataclass(frozen=True)
class Grid:
    """Cards per sheet as columns by rows; the cards fill the space inside the margins."""

    columns: int
    rows: int
    gap: float = GAP  # 0: the cards touch, so one cut separates two neighbours

    @property
    def touching(self) -> bool:
        return self.gap == 0

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    @property
    def card_width(self) -> float:
        return (PRINTABLE.width - (self.columns - 1) * self.gap) / self.columns

    @property
    def card_height(self) -> float:
        return (PRINTABLE.height - (self.rows - 1) * self.gap) / self.rows

    def front(self, slot: int) -> Rect:
        """The card in ``slot`` (0 is top left, then along the row) on the fronts page."""
        row, column = divmod(slot, self.columns)
        return self._cell(row, column)

    def back(self, slot: int) -> Rect:
        """Where the back of ``slot`` goes: same row, mirrored column (long-edge flip)."""
        row, column = divmod(slot, self.columns)
        return self._cell(row, self.columns - 1 - column)

    def _cell(self, row: int, column: int) -> Rect:
        if not (0 <= row < self.rows and 0 <= column < self.columns):
            raise IndexError(f"no cell {row}, {column} in a {self.columns}x{self.rows} grid")
        x = PRINTABLE.x + column * (self.card_width + self.gap)
        y = PRINTABLE.top - (row + 1) * self.card_height - row * self.gap
        return Rect(x, y, self.card_width, self.card_height)


# The grids a deck may be printed in, the smallest cards first. A deck uses the first grid in
# which every card's text fits at its smallest allowed size, so no text is ever cut off; the
# last one (one card per sheet) fits the longest text the card limits allow.
GRIDS = (Grid(2, 3), Grid(2, 2), Grid(1, 2), Grid(1, 1))
# The same grids with cards that touch, for a guillotine: one straight cut between neighbours.
TOUCHING_GRIDS = tuple(Grid(g.columns, g.rows, 0.0) for g in GRIDS)


def guillotine_marks(grid: Grid) -> list[Line]:
    """For cards that touch: a short mark in the margin at both ends of every cut line, so each
    cut goes straight across the sheet (marks between cards would be cut into the cards)."""
    xs = [PRINTABLE.x + column * grid.card_width for column in range(grid.columns + 1)]
    ys = [PRINTABLE.top - row * grid.card_height for row in range(grid.rows + 1)]
    near, far = MARK_OFFSET, MARK_OFFSET + MARK_LENGTH
    marks = []
    for x in xs:
        marks.append(Line(x, PRINTABLE.top + near, x, PRINTABLE.top + far))
        marks.append(Line(x, PRINTABLE.y - near, x, PRINTABLE.y - far))
    for y in ys:
        marks.append(Line(PRINTABLE.x - near, y, PRINTABLE.x - far, y))
        marks.append(Line(PRINTABLE.right + near, y, PRINTABLE.right + far, y))
    return marks


def inner(card: Rect) -> Rect:
    """The part of a card that is printed on."""
    return Rect(
        card.x + PADDING, card.y + PADDING, card.width - 2 * PADDING, card.height - 2 * PADDING
    )


def header_box(card: Rect) -> Rect:
    area = inner(card)
    return Rect(area.x, area.top - HEADER, area.width, HEADER)


def text_box(card: Rect) -> Rect:
    """Where a front's question and follow-up question go: between header and footer."""
    area = inner(card)
    gap = 3.0  # below the header's line
    return Rect(area.x, area.y + FOOTER, area.width, area.height - HEADER - FOOTER - gap)


def footer_box(card: Rect) -> Rect:
    area = inner(card)
    return Rect(area.x, area.y, area.width, FOOTER)


def cut_marks(card: Rect) -> list[Line]:
    """Two short lines at each corner, in line with the card's edges, outside the card."""
    marks = []
    for x, outward_x in ((card.x, -1), (card.right, 1)):
        for y, outward_y in ((card.y, -1), (card.top, 1)):
            near_x, far_x = x + outward_x * MARK_OFFSET, x + outward_x * (MARK_OFFSET + MARK_LENGTH)
            near_y, far_y = y + outward_y * MARK_OFFSET, y + outward_y * (MARK_OFFSET + MARK_LENGTH)
            marks.append(Line(near_x, y, far_x, y))  # along the horizontal edge
            marks.append(Line(x, near_y, x, far_y))  # along the vertical edge
    return marks


def sheets(items: Sequence[T], grid: Grid) -> list[Sequence[T]]:
    """``items`` in groups of one sheet each; the last sheet may have empty places."""
    size = grid.per_sheet
    return [items[start : start + size] for start in range(0, len(items), size)]
