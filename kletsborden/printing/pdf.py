"""Drawing the printable deck: for every sheet a page of fronts, then a page of their backs.

Front: sense icon and word, depth, the question in large type and the follow-up question
smaller, the card's code. Back: a large sense icon, the sense word and "Kletsborden". Colours
are the site's sense colours, dark enough to print well in black and white, where the sense word
still tells the decks apart.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from ..i18n import translate
from .fonts import BOLD, REGULAR, printable, register_fonts, text_width
from .icons import STROKE_WIDTH, VIEWBOX, icon
from .layout import (
    BACK_FRAME,
    GRIDS,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    TOUCHING_GRIDS,
    Grid,
    Rect,
    cut_marks,
    footer_box,
    guillotine_marks,
    header_box,
    sheets,
    text_box,
)
from .shaping import shaped, visual
from .text import Block, FrontTexts, fit_texts

# As in static/css/base.css (a test keeps them the same).
SENSE_COLOURS = {"horen": "#0f6b5c", "zien": "#8a4b00", "voelen": "#7a2a6e"}
TEXT_COLOUR = "#1d1b18"
MUTED_COLOUR = "#4a4640"
MAX_DEPTH = 3
BRAND = "Kletsborden"


@dataclass(frozen=True)
class PrintText:
    """A card's words in one more language, printed under the first (a bilingual card)."""

    question: str
    follow_up: str | None = None
    rtl: bool = False


@dataclass(frozen=True)
class PrintCard:
    """What one printed card shows: its words in one language (``rtl`` for Arabic), and in a
    second one under them when ``second`` is given."""

    id: str
    sense: str
    depth: int
    question: str
    follow_up: str | None = None
    kind: str = "gewoon"
    rtl: bool = False
    second: PrintText | None = None


# Between the two languages of a bilingual card: this much room (points), a thin line in it.
LANGUAGE_GAP = 10.0


@dataclass(frozen=True)
class Fitted:
    """A card's texts set for its card size: one language, or two (``second``) one under the
    other."""

    first: FrontTexts
    second: FrontTexts | None = None

    @property
    def height(self) -> float:
        extra = self.second.height + LANGUAGE_GAP if self.second else 0.0
        return self.first.height + extra


def fit_card(
    question: str,
    follow_up: str | None,
    grids: Sequence[Grid] = GRIDS,
    rtl: bool = False,
    second: PrintText | None = None,
) -> tuple[Grid, Fitted]:
    """The grid with the smallest cards on which this card's texts fit, and those texts.

    Each card gets its own size: one long card goes onto a sheet of larger cards, and never
    moves the rest of the deck off the usual six to a sheet. A bilingual card gives each
    language half of the text box.
    """
    for grid in grids:
        box = text_box(grid.front(0))
        width, height = box.width * mm, box.height * mm
        if second is None:
            texts = fit_texts(question, follow_up, width, height, rtl)
            if texts is not None:
                return grid, Fitted(texts)
            continue
        half = (height - LANGUAGE_GAP) / 2
        first = fit_texts(question, follow_up, width, half, rtl)
        other = fit_texts(second.question, second.follow_up, width, half, second.rtl)
        if first is not None and other is not None:
            return grid, Fitted(first, other)
    raise ValueError("a card's text is too long for even the largest card")


def fits_usual_card(question: str, follow_up: str | None) -> bool:
    """Whether a text fits the usual card (six to a sheet); the editor warns when not."""
    return fit_card(question, follow_up)[0] == GRIDS[0]


def by_grid(
    cards: Sequence[PrintCard], grids: Sequence[Grid] = GRIDS
) -> list[tuple[Grid, list[tuple[PrintCard, Fitted]]]]:
    """The cards grouped by the card size they need, usual size first, in the deck's order."""
    fitted = [
        (card, *fit_card(card.question, card.follow_up, grids, card.rtl, card.second))
        for card in cards
    ]
    groups = [
        (grid, [(card, texts) for card, size, texts in fitted if size == grid]) for grid in grids
    ]
    return [(grid, members) for grid, members in groups if members]


def render_deck(
    cards: Sequence[PrintCard], language: str, title: str, touching: bool = False
) -> bytes:
    """The whole deck as PDF bytes (the same bytes for the same cards)."""
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer,
        pagesize=(PAGE_WIDTH * mm, PAGE_HEIGHT * mm),
        invariant=True,
        initialFontName=REGULAR,  # else the page preamble names Helvetica, never embedded
    )
    canvas.setTitle(title)
    canvas.setAuthor(BRAND)
    canvas.setCreator(BRAND)
    for grid, fronts in by_grid(cards, TOUCHING_GRIDS if touching else GRIDS):
        for sheet in sheets(fronts, grid):
            for slot, (card, fitted) in enumerate(sheet):
                rect = grid.front(slot)
                _front(canvas, rect, card, fitted, language)
            _marks(canvas, grid, [grid.front(slot) for slot in range(len(sheet))])
            canvas.showPage()
            for slot, (card, _) in enumerate(sheet):
                _back(canvas, grid.back(slot), card, language)
            _marks(canvas, grid, [grid.back(slot) for slot in range(len(sheet))])
            canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _colour(sense: str) -> Color:
    return HexColor(SENSE_COLOURS.get(sense, TEXT_COLOUR))


def _marks(canvas: Canvas, grid: Grid, cards: Sequence[Rect]) -> None:
    """Cut marks at each card's corners, or for touching cards along the sheet's cut lines."""
    canvas.setStrokeColor(HexColor("#000000"))
    canvas.setLineWidth(0.4)
    lines = guillotine_marks(grid) if grid.touching else [m for c in cards for m in cut_marks(c)]
    for line in lines:
        canvas.line(line.x1 * mm, line.y1 * mm, line.x2 * mm, line.y2 * mm)


def _front(canvas: Canvas, card: Rect, printed: PrintCard, fitted: Fitted, language: str) -> None:
    colour = _colour(printed.sense)
    header = header_box(card)
    # Header: small icon and the sense word on the left, depth on the right, a line beneath.
    icon_size = header.height * 0.8
    _icon(canvas, printed.sense, header.x, header.top, icon_size, colour)
    word = translate(f"ui.sense.{printed.sense}", language)
    canvas.setFillColor(colour)
    canvas.setFont(BOLD, 12)
    baseline = (header.y + header.height * 0.45) * mm
    canvas.drawString((header.x + icon_size + 2) * mm, baseline, _label(word, BOLD))
    _depth(canvas, header, printed.depth, language, baseline)
    canvas.setStrokeColor(colour)
    canvas.setLineWidth(1.2)
    canvas.line(header.x * mm, header.y * mm, header.right * mm, header.y * mm)
    # The question and follow-up question, together in the middle of their box; on a
    # bilingual card the second language under the first, a thin line between them.
    box = text_box(card)
    top = box.top * mm - (box.height * mm - fitted.height) / 2
    top = _texts(canvas, fitted.first, box, top)
    if fitted.second:
        middle = top - LANGUAGE_GAP / 2
        canvas.setStrokeColor(colour)
        canvas.setLineWidth(0.5)
        canvas.line((box.x + 8) * mm, middle, (box.right - 8) * mm, middle)
        _texts(canvas, fitted.second, box, top - LANGUAGE_GAP)
    # Footer: the kind of question for players, the card's code for whoever keeps the deck.
    footer = footer_box(card)
    canvas.setFillColor(HexColor(MUTED_COLOUR))
    canvas.setFont(REGULAR, 9)
    kind = translate(f"admin.kind.{printed.kind}", language)
    canvas.drawString(footer.x * mm, footer.y * mm, _label(kind))
    canvas.setFont(REGULAR, 7)
    canvas.drawRightString(footer.right * mm, footer.y * mm, printable(printed.id))


def _texts(canvas: Canvas, texts: FrontTexts, box: Rect, top: float) -> float:
    """One language's question and follow-up from ``top`` down; returns where they end."""
    canvas.setFillColor(HexColor(TEXT_COLOUR))
    top = _block(canvas, texts.question, box, top)
    if texts.follow_up:
        canvas.setFillColor(HexColor(MUTED_COLOUR))
        top = _block(canvas, texts.follow_up, box, top - texts.gap)
    return top


def _block(canvas: Canvas, block: Block, box: Rect, top: float) -> float:
    """Draw lines from ``top`` (points) down, from the right edge when the text is right to
    left; returns where the next text may start."""
    canvas.setFont(block.font, block.size)
    for number, line in enumerate(block.lines):
        baseline = top - block.size - number * block.line_height
        if block.rtl:
            canvas.drawRightString(box.right * mm, baseline, line)
        else:
            canvas.drawString(box.x * mm, baseline, line)
    return top - block.height


def _label(text: str, font: str = REGULAR) -> str:
    """A one-line label (sense word, kind, depth) as drawn, in whatever script it is in."""
    return visual(shaped(printable(text, font)), rtl=False)


def _depth(canvas: Canvas, header: Rect, depth: int, language: str, baseline: float) -> None:
    """Depth as dots (filled up to the card's depth) after a label: "Diepte 2 ●●○"."""
    radius, spacing = 1.3, 3.6
    right = header.right - radius
    centre_y = header.y + header.height * 0.45 + 1.2
    canvas.setStrokeColor(HexColor(TEXT_COLOUR))
    canvas.setFillColor(HexColor(TEXT_COLOUR))
    canvas.setLineWidth(0.8)
    for level in range(MAX_DEPTH, 0, -1):
        x = right - (MAX_DEPTH - level) * spacing
        canvas.circle(x * mm, centre_y * mm, radius * mm, stroke=1, fill=int(level <= depth))
    label = _label(translate("admin.print.depth", language, depth=depth))
    canvas.setFont(REGULAR, 9)
    left_of_dots = right - (MAX_DEPTH - 1) * spacing - radius - 2
    canvas.drawRightString(left_of_dots * mm, baseline, label)


def _back(canvas: Canvas, card: Rect, printed: PrintCard, language: str) -> None:
    colour = _colour(printed.sense)
    frame = BACK_FRAME
    canvas.setStrokeColor(colour)
    canvas.setLineWidth(2)
    canvas.roundRect(
        (card.x + frame) * mm,
        (card.y + frame) * mm,
        (card.width - 2 * frame) * mm,
        (card.height - 2 * frame) * mm,
        4 * mm,
    )
    size = min(card.width, card.height) * 0.45
    centre_x = card.x + card.width / 2
    icon_top = card.top - card.height * 0.14
    _icon(canvas, printed.sense, centre_x - size / 2, icon_top, size, colour)
    word = _label(translate(f"ui.sense.{printed.sense}", language), BOLD)
    word_size = min(30.0, card.height * 0.11 * mm)
    # Never wider than the card: a long translation gets smaller, not cut off.
    room = (card.width - 2 * frame - 8) * mm
    word_size = min(word_size, word_size * room / max(text_width(word, BOLD, word_size), 1))
    canvas.setFillColor(colour)
    canvas.setFont(BOLD, word_size)
    word_baseline = (icon_top - size) * mm - word_size * 1.4
    canvas.drawCentredString(centre_x * mm, word_baseline, word)
    canvas.setFillColor(HexColor(MUTED_COLOUR))
    canvas.setFont(REGULAR, 11)
    canvas.drawCentredString(centre_x * mm, (card.y + frame + 5) * mm, BRAND)


def _icon(canvas: Canvas, sense: str, left: float, top: float, size: float, colour: Color) -> None:
    """A sense icon in a ``size`` mm square whose top-left corner is at (left, top) mm."""
    canvas.saveState()
    canvas.translate(left * mm, top * mm)
    scale = size * mm / VIEWBOX
    canvas.scale(scale, -scale)  # the icons' y runs downwards
    canvas.setStrokeColor(colour)
    canvas.setFillColor(colour)
    canvas.setLineWidth(STROKE_WIDTH)
    canvas.setLineCap(1)  # round
    canvas.setLineJoin(1)
    for shape in icon(sense):
        path = canvas.beginPath()
        for segment in shape.segments:
            kind, points = segment[0], segment[1:]
            if kind == "M":
                path.moveTo(*points[0])
            elif kind == "L":
                path.lineTo(*points[0])
            elif kind == "C":
                path.curveTo(*points[0], *points[1], *points[2])
            else:
                path.close()
        canvas.drawPath(path, stroke=0 if shape.filled else 1, fill=1 if shape.filled else 0)
    canvas.restoreState()
